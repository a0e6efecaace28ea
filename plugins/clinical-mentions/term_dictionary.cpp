#include "term_dictionary.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace chartflow::mentions {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) out.push_back(line.substr(start, tab - start));
  out.push_back(line.substr(start));
  return out;
}

std::string system_for(const std::string& kind, const std::string& code) {
  if (kind == "procedure" && code.size() == 7) return "ICD-10-PCS";
  return "ICD-10-CM";
}

}  // namespace

void TermDictionary::load_tsv(const std::string& file, bool curated, const std::string& default_system) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read term list " + file);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#' || line.starts_with("phrase\t")) continue;
    const auto fields = split_tabs(line);
    if (fields.size() < 2)
      throw std::runtime_error(file + ":" + std::to_string(number) + ": expected phrase<TAB>code[<TAB>display<TAB>kind<TAB>category]");
    const std::string key = phrase_key(fields[0]);
    if (key.empty()) continue;
    Term term;
    term.code = fields[1];
    term.display = fields.size() > 2 && !fields[2].empty() ? fields[2] : fields[0];
    term.kind = fields.size() > 3 && !fields[3].empty() ? fields[3] : "other";
    term.category = fields.size() > 4 ? fields[4] : "";
    term.system = !default_system.empty() ? default_system : system_for(term.kind, term.code);
    term.curated = curated;
    std::size_t words = 1;
    for (char c : key) words += c == ' ';
    longest_ = std::max(longest_, words);
    terms_[key] = std::move(term);
  }
}

void TermDictionary::load_custom_tsv(const std::string& file, const std::string& system) {
  static const std::vector<std::string> kinds = {"diagnosis", "sign_or_symptom", "injury", "neoplasm", "procedure", "medication", "finding"};
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read custom term list " + file);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const auto fields = split_tabs(line);
    if (fields.size() < 2 || fields[0].empty() || fields[1].empty())
      throw std::runtime_error(file + ":" + std::to_string(number) + ": expected phrase<TAB>category[<TAB>code]");
    const std::string key = phrase_key(fields[0]);
    if (key.empty()) continue;
    Term term;
    term.system = system;
    term.code = fields.size() > 2 && !fields[2].empty() ? fields[2] : fields[1];
    term.display = fields[0];
    term.category = fields[1];
    term.kind = std::find(kinds.begin(), kinds.end(), fields[1]) != kinds.end() ? fields[1] : "other";
    term.curated = true;
    std::size_t words = 1;
    for (char c : key) words += c == ' ';
    longest_ = std::max(longest_, words);
    terms_[key] = std::move(term);
  }
}

std::vector<Match> TermDictionary::match(const std::vector<Token>& tokens) const {
  std::vector<Match> out;
  std::size_t i = 0;
  std::string key;
  while (i < tokens.size()) {
    const Term* best = nullptr;
    std::size_t best_last = i;
    key.clear();
    for (std::size_t j = i; j < tokens.size() && j - i < longest_; ++j) {
      if (j > i) key += ' ';
      key += tokens[j].key;
      if (auto it = terms_.find(key); it != terms_.end()) best = &it->second, best_last = j;
    }
    if (best) {
      out.push_back({i, best_last, best});
      i = best_last + 1;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace chartflow::mentions
