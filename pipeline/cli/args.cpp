#include "args.hpp"

#include <charconv>

namespace chartflow::cli {

std::string Args::value(const std::string& name, const std::string& fallback) const {
  auto it = options.find(name);
  return it == options.end() || it->second.empty() ? fallback : it->second.back();
}

const std::vector<std::string>& Args::values(const std::string& name) const {
  static const std::vector<std::string> none;
  auto it = options.find(name);
  return it == options.end() ? none : it->second;
}

Args parse_args(int argc, char** argv, const std::map<std::string, std::map<std::string, bool>>& spec) {
  Args args;
  int i = 1;
  if (i < argc && std::string(argv[i]).rfind("--", 0) != 0) args.command = argv[i++];
  const auto command = spec.find(args.command);
  if (command == spec.end()) throw UsageError("unknown command '" + args.command + "'; try `chartflow --help`");
  if (command->second.contains(""))
    for (; i < argc && std::string(argv[i]).rfind("--", 0) != 0; ++i) args.words.emplace_back(argv[i]);
  std::string current;  // option collecting values
  for (; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) == 0) {
      std::string value;
      bool inline_value = false;
      if (auto eq = arg.find('='); eq != std::string::npos) {
        value = arg.substr(eq + 1), arg.resize(eq), inline_value = true;
      }
      const std::string name = arg.substr(2);
      if (name == "help") {  // `chartflow run --help` shows the help, like `chartflow --help`
        args.options["help"];
        current.clear();
        continue;
      }
      auto known = name.empty() || name == "*" ? command->second.end() : command->second.find(name);  // "" names the words, "*" any option
      const bool open = known == command->second.end() && !name.empty() && command->second.contains("*");
      if (known == command->second.end() && !open)
        throw UsageError("unknown option --" + name + (args.command.empty() ? "" : " for `chartflow " + args.command + "`") +
                         "; try `chartflow --help`");
      auto& values = args.options[name];
      if (open) {
        args.open_options.insert(name);
        current = name;
        if (inline_value) values.push_back(value);
      } else if (known->second) {
        current = name;
        if (inline_value) values.push_back(value);
      } else {
        if (inline_value) throw UsageError("option --" + name + " takes no value");
        current.clear();
      }
    } else if (!current.empty()) {
      args.options[current].push_back(arg);
    } else {
      throw UsageError("unexpected argument '" + arg + "'; options start with --, try `chartflow --help`");
    }
  }
  for (const auto& [name, values] : args.options)
    if (name != "help" && !args.open_options.contains(name) && command->second.at(name) && values.empty())
      throw UsageError("option --" + name + " needs a value");
  return args;
}

unsigned parse_count(const std::string& option, const std::string& text, unsigned min, unsigned max) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
    throw UsageError("--" + option + " expects a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                     ", got '" + text + "'");
  return value;
}

}  // namespace chartflow::cli
