#include "term_dictionary.hpp"

#include "tsv.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace chartflow::mentions {
namespace {

std::string system_for(const std::string& kind, const std::string& code) {
  const bool procedure = kind == "procedure" || kind == "medication";
  if (procedure && code.size() == 7) return "ICD-10-PCS";
  // HCPCS Level II: a letter and four digits (ICD-10-CM codes in our files carry a dot).
  if (procedure && code.size() == 5 && std::isupper(static_cast<unsigned char>(code[0])) &&
      std::all_of(code.begin() + 1, code.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return "HCPCS";
  return "ICD-10-CM";
}

}  // namespace

void TermDictionary::add(const std::string& phrase, Term term) {
  const std::string key = phrase_key(phrase);
  if (key.empty()) return;
  Term* existing = terms_.find(key);
  if (existing && existing->system != term.system) {
    auto& also = existing->also;
    if (std::none_of(also.begin(), also.end(), [&](const Term::Other& o) { return o.system == term.system; }))
      also.push_back({term.system, term.code, term.display});
    return;
  }
  if (existing) term.also = std::move(existing->also);  // a curated override keeps the other vocabularies
  terms_[key] = std::move(term);
}

void TermDictionary::load_tsv(const std::string& file, bool curated, const std::string& default_system) {
  read_tsv(file, "term list", [&](const std::vector<std::string>& fields, const std::string& where) {
    if (fields.size() < 2) throw std::runtime_error(where + ": expected phrase<TAB>code[<TAB>display<TAB>kind<TAB>category]");
    Term term;
    term.code = fields[1];
    term.display = fields.size() > 2 && !fields[2].empty() ? fields[2] : fields[0];
    term.kind = fields.size() > 3 && !fields[3].empty() ? fields[3] : "other";
    term.category = fields.size() > 4 ? fields[4] : "";
    term.system = fields.size() > 5 && !fields[5].empty() ? fields[5] : !default_system.empty() ? default_system : system_for(term.kind, term.code);
    term.curated = curated;
    add(fields[0], std::move(term));
  });
}

void TermDictionary::load_custom_tsv(const std::string& file, const std::string& system) {
  static const std::vector<std::string> kinds = {"diagnosis", "sign_or_symptom", "injury", "neoplasm", "procedure", "medication", "finding"};
  read_tsv(file, "custom term list", [&](const std::vector<std::string>& fields, const std::string& where) {
    if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) throw std::runtime_error(where + ": expected phrase<TAB>category[<TAB>code]");
    Term term;
    term.system = system;
    term.code = fields.size() > 2 && !fields[2].empty() ? fields[2] : fields[1];
    term.display = fields[0];
    term.category = fields[1];
    term.kind = std::find(kinds.begin(), kinds.end(), fields[1]) != kinds.end() ? fields[1] : "other";
    term.curated = true;
    add(fields[0], std::move(term));
  });
}

std::vector<Match> TermDictionary::match(const std::vector<Token>& tokens) const {
  std::vector<Match> out;
  const auto ids = terms_.word_ids(tokens);
  for (std::size_t i = 0; i < tokens.size();) {
    const auto [term, last] = terms_.longest_at(ids, i);
    if (term) out.push_back({i, last, term});
    i = term ? last + 1 : i + 1;
  }
  return out;
}

}  // namespace chartflow::mentions
