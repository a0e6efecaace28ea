// The mention dictionary: phrases (as token keys) to the concept they name, matched longest
// first over a sentence's tokens.
#pragma once

#include "text_tokens.hpp"

#include <array>
#include <cstdint>
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

  // Non-overlapping longest matches, left to right. With `text` (the tokens' text), an ICD-O-3
  // term that is an acronym ("SETTLE", "CASTLE", "GANT") matches only where the text writes it in
  // capitals: "settles" and "castle" are English words, not tumours.
  std::vector<Match> match(const std::vector<Token>& tokens, std::string_view text = {}) const;
  // Splits tokens OCR joined before a tumour noun ("SQUAMOUS CELLCARCINOMA" reads as "squamous
  // cell carcinoma") when the token's text is plain ASCII, so both halves keep their offsets.
  void split_joined(std::vector<Token>& tokens, std::string_view text) const;

 private:
  void add(const std::string& phrase, Term term);
  void index_tumour_nouns();
  // The tumour noun ("carcinoma", "leiomyosarcoma", ...) an OCR-damaged word stands for:
  // "carcinuma", "lelomyosarcoma", "pheochromocytomy", "oligiodendroglioma". Only words of 9 or
  // more letters, only onto dictionary words ending in "oma", within one edit (two from 14
  // letters), and only when one word is nearest: a misread never becomes another tumour on a tie.
  std::uint32_t tumour_noun_near(std::string_view word) const;
  // For a word OCR joined with the one before it ("cellcarcinoma"): the length of the first word
  // when the rest is a tumour noun and the first a dictionary word of 3+ letters, else 0.
  std::size_t joined_tumour_noun(std::string_view word) const;

  PhraseTable<Term> terms_;
  std::vector<std::uint32_t> tumour_nouns_;  // word ids of 9+ letters ending in "oma"
  std::vector<std::array<std::uint8_t, 26>> tumour_noun_letters_;  // each noun's letter counts, by position in tumour_nouns_
};

}  // namespace chartflow::mentions
