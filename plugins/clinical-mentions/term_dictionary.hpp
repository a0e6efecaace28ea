// The mention dictionary: phrases (as token keys) to the concept they name, matched longest
// first over a sentence's tokens.
#pragma once

#include "text_tokens.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace chartflow::mentions {

struct Term {
  std::string system;   // ICD-10-CM, ICD-10-PCS, or a user list's system
  std::string code;
  std::string display;  // vocabulary text
  std::string kind;     // mention kind in the record
  std::string category; // optional finer category (custom lists)
  bool curated = false; // abbreviations and user terms: trusted on a single short token
  struct Other {
    std::string system, code, display;
  };
  std::vector<Other> also;  // the same phrase in other vocabularies ("adenocarcinoma": ICD-O-3 8140/3)
};

struct Match {
  std::size_t first = 0, last = 0;  // token indexes, inclusive
  const Term* term = nullptr;
};

class TermDictionary {
 public:
  // TSV: phrase, code, display, kind[, category[, system]] (lines starting with '#' and a header
  // row are skipped). A later row for the same phrase overrides an earlier one of the same system
  // and joins one of another system as a further concept. Throws std::runtime_error.
  void load_tsv(const std::string& file, bool curated, const std::string& default_system = "");
  // A user's list: phrase<TAB>category[<TAB>code]. Mentions get kind "other" (or the category,
  // when it names a kind such as "diagnosis") and the category.
  void load_custom_tsv(const std::string& file, const std::string& system);
  std::size_t size() const { return terms_.size(); }

  // Non-overlapping longest matches, left to right.
  std::vector<Match> match(const std::vector<Token>& tokens) const;
  // Splits words OCR joined before a tumour noun (see PhraseTable::split_joined).
  void split_joined(std::vector<Token>& tokens, std::string_view text) const { terms_.split_joined(tokens, text); }

 private:
  void add(const std::string& phrase, Term term);
  PhraseTable<Term> terms_;
};

}  // namespace chartflow::mentions
