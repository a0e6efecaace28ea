// The code sets as the workstation uses them: search by code or title words, the billable
// check, and the tabular notes that make a code conflict with the document's other codes
// (excludes1, code first). Reads the code sets the clinical-coding plugin ships, through its own
// CodeSet class, so the coder and the coding stage see the same codes.
#pragma once

#include "review_state.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace chartflow::coding {
class CodeSet;
}

namespace chartflow::review {

struct CodeHit {
  std::string system, code, title;
  bool billable = false;
};

struct CodeConflict {
  std::string kind;  // excludes1, code_first
  std::string with;  // the other code
  std::string message;
};

class CodeLookup {
 public:
  // `catalog`: the clinical-coding plugin's codesets/codesets.json. The newest version of each
  // system is loaded. Throws std::runtime_error naming the file on a broken catalog or table.
  explicit CodeLookup(const std::filesystem::path& catalog);
  ~CodeLookup();

  std::optional<CodeFacts> find(const std::string& system, const std::string& code) const;
  // By code prefix ("I50.2") or by words of the title ("systolic heart failure"), billable first.
  std::vector<CodeHit> search(const std::string& query, const std::string& system, std::size_t limit) const;
  // Why `code` should not stand beside `others` as they are (system ICD-10-CM only).
  std::vector<CodeConflict> conflicts(const std::string& system, const std::string& code, const std::vector<std::string>& others) const;
  std::vector<std::string> systems() const;
  std::string version(const std::string& system) const;

 private:
  std::map<std::string, std::unique_ptr<coding::CodeSet>> sets_;
};

// The clinical-coding plugin's code set catalog, found in the plugin path; empty when not installed.
std::filesystem::path find_code_set_catalog(const std::vector<std::filesystem::path>& plugin_path);

}  // namespace chartflow::review
