#include "patient_descriptors.hpp"

#include "tsv.hpp"

#include <algorithm>
#include <stdexcept>

namespace chartflow::mentions {
namespace {

// Bytes between two words that end a clause.
constexpr std::string_view kClauseMarks = ".,;:()[]\n";
// Words after a descriptor that keep it describing the patient, whatever its row says.
constexpr std::string_view kAlwaysAllowedAfter[] = {"and", "or", "but", "since", "for", "now", "again", "today", "currently", "who", "with"};
// Words for the patient: before one, the adjective is the patient's whatever stands before it
// ("a 64-year-old diabetic male").
constexpr std::string_view kPersons[] = {"patient", "male", "female", "man", "woman", "gentleman", "lady", "boy", "girl", "child", "infant", "adult",
                                         "person", "individual"};
// Words before a descriptor that make the patient its subject: a linking verb ("is diabetic",
// "became septic"), an article ("a known asthmatic"), a degree ("mildly tachycardic"), or another
// descriptor's conjunction. Not an organ ("Heart tachycardic": the exam's heart) or another
// adjective ("Prerenal/septic": the kidney injury's cause).
constexpr std::string_view kPatientBefore[] = {"is",     "was",     "are",      "were",      "be",       "been",     "being",   "became",
                                               "become", "becomes", "remains",  "remained",  "remain",   "appears",  "appeared", "appearing",
                                               "looks",  "looked",  "looking",  "seems",     "seemed",   "known",    "a",        "an",
                                               "and",    "or",      "not",      "also",      "still",    "now",      "again",    "very",
                                               "mildly", "moderately", "severely", "markedly", "profoundly", "persistently", "intermittently",
                                               "newly",  "chronically", "longer"};
// Prefixes the tokenizer parts from the adjective by a hyphen: "non-diabetic", "pre-diabetic" (R73.03).
constexpr std::string_view kNegatingPrefixes[] = {"non", "pre", "anti", "pro", "not"};

}  // namespace

void PatientDescriptors::load_tsv(const std::string& file) {
  read_tsv(file, "patient descriptors", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 4 || f[0].empty() || f[1].empty() || f[2].empty() || f[3].empty())
      throw std::runtime_error(where + ": expected adjective<TAB>code<TAB>display<TAB>kind[<TAB>words allowed after it[<TAB>reading]]");
    const auto tokens = tokenize(f[0]);
    if (tokens.size() != 1) throw std::runtime_error(where + ": '" + f[0] + "' is not one word");
    Row row;
    row.term.system = "ICD-10-CM";
    row.term.code = f[1];
    row.term.display = f[2];
    row.term.kind = f[3];
    row.term.curated = true;
    if (f.size() > 5 && !f[5].empty() && f[5] != "reading") throw std::runtime_error(where + ": the sixth column is 'reading' or empty, not '" + f[5] + "'");
    row.names_readings = f.size() > 5 && f[5] == "reading";
    if (f.size() > 4)
      for (std::size_t at = 0; at < f[4].size();) {
        const std::size_t comma = std::min(f[4].find(',', at), f[4].size());
        if (comma > at) row.allowed_after.push_back(f[4].substr(at, comma - at));
        at = comma + 1;
      }
    const std::string& key = tokens.front().key;
    if (keys_.find(key) != Vocabulary::kUnknown) throw std::runtime_error(where + ": '" + f[0] + "' is listed twice");
    keys_.insert(key);
    rows_.push_back(std::move(row));
    shortest_ = std::min(shortest_, key.size()), longest_ = std::max(longest_, key.size());
  }, "adjective");
}

bool PatientDescriptors::describes_patient(const Row& row, const std::vector<Token>& tokens, std::size_t i, std::string_view text) const {
  const auto joined = [&](std::size_t left, std::size_t right) {  // nothing but a hyphen between two tokens
    const std::string_view gap = text.substr(tokens[left].end, tokens[right].begin - tokens[left].end);
    return gap.empty() || gap == "-";
  };
  if (i > 0 && joined(i - 1, i) &&
      std::find(std::begin(kNegatingPrefixes), std::end(kNegatingPrefixes), tokens[i - 1].key) != std::end(kNegatingPrefixes))
    return false;
  const auto followed_by = [&](const auto& list) {
    return i + 1 < tokens.size() && std::find(std::begin(list), std::end(list), tokens[i + 1].key) != std::end(list) &&
           text.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end).find_first_not_of(' ') == std::string_view::npos;
  };
  if (followed_by(kPersons)) return true;
  // A measurement's adjective before a number is the reading ("markedly hypertensive, 175/104").
  if (row.names_readings && i + 1 < tokens.size() && tokens[i + 1].key[0] >= '0' && tokens[i + 1].key[0] <= '9') return false;
  // Its subject: a clause starts at it ("PMH: Diabetic, hypertensive.") or a word above leads to it.
  // (A label before a measurement's adjective is the measurement's: "Blood pressure response: Hypertensive".)
  if (i > 0) {
    const std::string_view before = text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
    const bool clause_start = before.find_first_of(kClauseMarks) != std::string_view::npos;
    const bool patient_word = std::find(std::begin(kPatientBefore), std::end(kPatientBefore), tokens[i - 1].key) != std::end(kPatientBefore);
    if (!patient_word && (!clause_start || (row.names_readings && before.find(':') != std::string_view::npos))) return false;
  }
  if (i + 1 == tokens.size()) return true;  // the sentence's last word
  // A clause ends between them ("is diabetic, on metformin", "septic. Blood cultures ...").
  const std::string_view gap = text.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end);
  if (gap.find_first_of(kClauseMarks) != std::string_view::npos) return true;
  if (joined(i, i + 1)) return false;  // "diabetic-type", "septic-appearing": a word of its own
  const std::string& next = tokens[i + 1].key;
  return followed_by(kAlwaysAllowedAfter) || std::find(row.allowed_after.begin(), row.allowed_after.end(), next) != row.allowed_after.end();
}

void PatientDescriptors::add(std::vector<Match>& matches, const std::vector<Token>& tokens, std::string_view text) const {
  if (rows_.empty()) return;
  std::vector<Match> found;
  auto covering = matches.begin();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& key = tokens[i].key;
    if (key.size() < shortest_ || key.size() > longest_) continue;
    while (covering != matches.end() && covering->last < i) ++covering;
    if (covering != matches.end() && covering->first <= i) continue;  // part of a dictionary phrase
    const std::uint32_t id = keys_.find(key);
    if (id == Vocabulary::kUnknown || !describes_patient(rows_[id], tokens, i, text)) continue;
    found.push_back(Match{i, i, &rows_[id].term});
  }
  if (found.empty()) return;
  std::vector<Match> merged;
  merged.reserve(matches.size() + found.size());
  std::merge(matches.begin(), matches.end(), found.begin(), found.end(), std::back_inserter(merged),
             [](const Match& a, const Match& b) { return a.first < b.first; });
  matches = std::move(merged);
}

}  // namespace chartflow::mentions
