#include "coder.hpp"
#include "cue_scan.hpp"

#include "common/words.hpp"

#include <algorithm>

namespace chartflow::coding {

ChartCues scan_cues(std::string_view text, const std::vector<SentenceInput>& sentences) {
  enum Group : unsigned { drug_effect, vaccine };
  // A drug effect's cue phrases (drug_coding.cpp), and any word naming a vaccine (encounter_coding.cpp).
  static const CueScanner kCues{
      {"due to", "secondary to", "caused by", "provoked by", "precipitated by", "following", "related", "attributed to", "side effect", "adverse effect", "overdos", "poisoning", "ingest",
       "self-discontinu", "self discontinu", "stopped taking", "ran out", "not taking", "not been taking", "missed", "skipped", "noncomplian",
       "non-complian", "nonadheren", "non-adheren", "underdos", "induced", "associated", "toxicity", "exposure", "exposed", "splash", "sprayed",
       "contact", "from ", "off ", "stopped"},
      {"vaccin", "immuniz", "flu shot", "tdap", "dtap", "td booster", "mmr", "ipv", "prevnar", "pneumovax", "shingrix", "hpv", "pneumococcal", "covid"}};
  ChartCues cues;
  cues.lowered = words::lower(text);
  cues.drug_sentences.assign(sentences.size(), false);
  kCues.scan(cues.lowered, [&](std::size_t at, unsigned group) {
    if (group == vaccine) {
      cues.names_vaccine = true;
      return;
    }
    // The sentence that starts at or before the cue (sentences are in text order).
    const auto after = std::upper_bound(sentences.begin(), sentences.end(), at, [](std::size_t pos, const SentenceInput& s) { return pos < s.begin; });
    if (after != sentences.begin() && at < std::prev(after)->end) cues.drug_sentences[static_cast<std::size_t>(std::prev(after) - sentences.begin())] = true;
  });
  return cues;
}

bool readable_statement(const SentenceInput& sentence, std::string_view text) {
  constexpr std::size_t kLongest = 2000;  // a run-on "sentence" is no statement to read word by word
  return sentence.end <= text.size() && sentence.begin < sentence.end && sentence.end - sentence.begin <= kLongest;
}

bool states_this_encounter(const SentenceInput& sentence, std::string_view text) {
  static constexpr std::string_view kHistoriesAndLists[] = {"past_medical_history", "past_surgical_history", "family_history", "social_history",
                                                            "medications", "discharge_medications", "allergies"};
  if (!readable_statement(sentence, text)) return false;
  return std::find(std::begin(kHistoriesAndLists), std::end(kHistoriesAndLists), sentence.section_category) == std::end(kHistoriesAndLists);
}

}  // namespace chartflow::coding
