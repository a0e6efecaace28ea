// Conditions a chart names by the adjective for the patient who has them: "He is diabetic and
// hypertensive", "a known asthmatic", "hypoxic to 84% on room air", "she was septic". The index
// names the noun (diabetes, hypertension, hypoxemia); an adjective alone is also the first word of
// other things ("diabetic diet", "diabetic foot exam", "hypertensive to 190/100" is a reading, not
// the disease), so a descriptor counts only where it describes the patient: at the end of its
// clause, before a conjunction or a word for the patient ("a diabetic male"), or before a word its
// row allows ("diabetic on insulin", "tachycardic to 120"). Phrases the dictionary matches
// ("diabetic ketoacidosis", "septic shock", "hypoxic respiratory failure") keep their own reading.
#pragma once

#include "term_dictionary.hpp"
#include "text_tokens.hpp"

#include "common/vocabulary.hpp"

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mentions {

class PatientDescriptors {
 public:
  // TSV: adjective, code, display, kind, words allowed after it (comma-separated, may be empty),
  // and "reading" for an adjective that is a measurement's before a number or after a label.
  // Throws std::runtime_error naming the file and line.
  void load_tsv(const std::string& file);
  // Adds to `matches` (non-overlapping, in token order) the descriptors among `tokens` that no match
  // covers and that describe the patient; keeps the order.
  void add(std::vector<Match>& matches, const std::vector<Token>& tokens, std::string_view text) const;
  std::size_t size() const { return rows_.size(); }

 private:
  struct Row {
    Term term;
    std::vector<std::string> allowed_after;  // words besides a clause end or a conjunction that may follow it
    bool names_readings = false;  // "hypertensive, 175/104" is a blood pressure, not the disease
  };
  bool describes_patient(const Row& row, const std::vector<Token>& tokens, std::size_t i, std::string_view text) const;
  std::deque<Row> rows_;  // stable addresses: matches point at their terms; row i is word i of keys_
  Vocabulary keys_;       // the adjectives' token keys (a flat table: asked of every token of every chart)
  std::size_t shortest_ = static_cast<std::size_t>(-1), longest_ = 0;
};

}  // namespace chartflow::mentions
