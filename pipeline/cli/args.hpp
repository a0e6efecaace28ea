// Command-line parsing for `chartflow`: a command word followed by --options.
#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace chartflow::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Args {
  std::string command;
  std::vector<std::string> words;                            // words between the command and its options
  std::map<std::string, std::vector<std::string>> options;  // --name -> values ("" for flags)
  std::set<std::string> open_options;                        // options the spec did not name (see "*")
  bool has(const std::string& name) const { return options.contains(name); }
  std::string value(const std::string& name, const std::string& fallback = "") const;
  const std::vector<std::string>& values(const std::string& name) const;
};

// `spec` maps each accepted option to whether it takes values (true) or is a flag (false); the
// key "" says the command takes words before its options (`chartflow export naaccr ...`), and
// the key "*" that it accepts any other option too, with or without values (`chartflow export`
// passes them to a plugin, which alone knows them; the command checks them itself).
// Options that take values accept several after one flag: --input a.txt b.txt.
Args parse_args(int argc, char** argv, const std::map<std::string, std::map<std::string, bool>>& spec);

unsigned parse_count(const std::string& option, const std::string& text, unsigned min, unsigned max);

}  // namespace chartflow::cli
