// WordBag: a phrase's words as the Alphabetic Index compares them (index_tree.hpp says how).
#include "index_tree.hpp"

#include "common/vocabulary.hpp"
#include "common/words.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::coding {
namespace {

using words::is_word_char;

// "stage IIIa", "type II": Roman numbers a chart uses where the index prints digits.
std::string arabic(const std::string& word) {
  static const std::pair<const char*, const char*> kRoman[] = {{"i", "1"},   {"ii", "2"},    {"iii", "3"},   {"iiia", "3a"},
                                                               {"iiib", "3b"}, {"iv", "4"},  {"v", "5"}};
  for (const auto& [roman, digits] : kRoman)
    if (word == roman) return digits;
  return word;
}

// Adjective and noun of one root meet: "gangrenous" / "gangrene", "calculous" / "calculus",
// "perforated" / "perforation", "hemorrhagic" / "hemorrhage", "obstructive" / "obstruction",
// "hypoxic" / "hypoxia".
// Applied alike to the index and the chart, so a stem only has to be the same, not a word.
std::string stem(std::string word) {
  // "dependent" and "dependence", "recurrent" and "recurrence" meet at "dependen", "recurren".
  if (word.size() >= 8 && word.ends_with("ence")) return word.substr(0, word.size() - 2);
  if (word.size() >= 7 && word.ends_with("ent")) return word.substr(0, word.size() - 1);
  // "larynx" and "laryngeal", "pharynx" and "pharyngeal" meet at "laryng", "pharyng".
  if (word.ends_with("ynx")) word.back() = 'g';
  static const char* const kSuffixes[] = {"ation", "ative", "ated", "ity", "ive", "ion", "ous", "ic", "ia", "ed", "al", "us", "um", "e"};
  for (const char* suffix : kSuffixes) {
    const std::size_t n = std::char_traits<char>::length(suffix);
    if (word.size() >= n + 4 && word.ends_with(suffix)) {
      word.resize(word.size() - n);
      // "esophageal" / "esophagus", "peritoneal" / "peritoneum", "cutaneous": the e before the
      // ending is the root's on one side only.
      if (n > 1 && word.size() >= 5 && word.back() == 'e') word.pop_back();
      break;
    }
  }
  return word;
}

// "stage", "type", "grade", "class" as folded: a number after one is its level.
bool is_level_word(std::string_view word) {
  using namespace std::string_view_literals;
  return word == "stag"sv || word == "type"sv || word == "grad"sv || word == "class"sv;
}

// "1st", "first" ... "4th": the grade an ordinal before "degree" gives; nullptr for other words.
const char* grade_of_ordinal(const std::string& word) {
  static const std::pair<std::string_view, const char*> kOrdinals[] = {{"1st", "1"}, {"first", "1"},  {"2nd", "2"},    {"second", "2"},
                                                                       {"3rd", "3"}, {"third", "3"},  {"4th", "4"},    {"fourth", "4"}};
  for (const auto& [ordinal, grade] : kOrdinals)
    if (word == ordinal) return grade;
  return nullptr;
}

// Latin plurals charts use where the index prints the singular ("esophageal varices": "Varix";
// "renal calculi": "Calculus"), and a few adjectives in -ar. A list, not a rule: "devices" is no
// "devix", "lumbar" no "lumba".
std::string singular_of_latin(std::string word) {
  static const std::pair<std::string_view, std::string_view> kPlurals[] = {
      {"varices", "varix"},     {"appendices", "appendix"}, {"cervices", "cervix"},     {"calculi", "calculus"},
      {"emboli", "embolus"},    {"thrombi", "thrombus"},    {"bronchi", "bronchus"},    {"diverticula", "diverticulum"},
      {"metastases", "metastasis"}, {"stenoses", "stenosis"}, {"vertebrae", "vertebra"}, {"fistulae", "fistula"},
      {"bullae", "bulla"},      {"nevi", "nevus"},          {"fungi", "fungus"},        {"bacilli", "bacillus"},
      // and the adjectives of bones the index names by the noun ("ulnar styloid": "ulna > styloid")
      {"ulnar", "ulna"},        {"fibular", "fibula"},      {"patellar", "patella"},    {"scapular", "scapula"}};
  for (const auto& [plural, singular] : kPlurals)
    if (word == plural) return std::string(singular);
  return word;
}

// A word's singular and stem, remembered: a chart repeats its words in every mention's window,
// and folding ran the suffix and plural lists for each. One cache per thread (plugins are shared
// across threads), emptied when it grows past what a batch's vocabulary needs; a flat table, as
// a node-based map's lookups were a tenth of the coder's time.
const std::string& folded(const std::string& word) {
  thread_local Vocabulary seen;
  thread_local std::vector<std::string> folds;  // by the id `seen` gives the word
  if (const std::uint32_t id = seen.find(word); id != Vocabulary::kUnknown) return folds[id];
  if (seen.size() > 200000) seen.clear(), folds.clear();
  std::string out = singular_of_latin(word);
  if (out.size() > 4 && out.back() == 's' && !out.ends_with("ss") && !out.ends_with("is") && !out.ends_with("us")) out.pop_back();
  seen.insert(word);
  folds.push_back(stem(std::move(out)));
  return folds.back();
}

}  // namespace

std::vector<std::string> WordBag::words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  const auto flush = [&] {
    if (word.empty()) return;
    if (word.size() == 1 && word[0] == 's' && !out.empty()) {  // "Alzheimer's": the possessive is no word
      word.clear();
      return;
    }
    word = folded(word);
    // "1st degree", "first-degree" and "grade I" are one grade: the index prints "1st degree
    // (grade/stage I)" where charts say "grade I internal hemorrhoids".
    if (word == std::string_view("degre") && !out.empty())
      if (const char* grade = grade_of_ordinal(out.back())) {
        out.back() = std::string("grad") + grade;
        word.clear();
        return;
      }
    // A number after "stage", "type", "grade" or "class" (stems) is also one word with it:
    // "stage 3" gives "stag3", so the "1" of "1 week ago" in the same clause never reads as the
    // index's "stage 1". The bare number stays for the index's split levels ("class > 2").
    if (!out.empty() && is_level_word(out.back())) {
      word = arabic(word);
      if (word.front() >= '0' && word.front() <= '9') out.push_back(out.back() + word);
    }
    out.push_back(std::move(word));
    word.clear();
  };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // A decimal number ("creatinine 1.7", "EF 0.35") is one value, never a stage, type or
    // grade: "1.7" must not read as stage 1 beside "stage 3b".
    if (c == '.' && !word.empty() && std::all_of(word.begin(), word.end(), digit) && i + 1 < text.size() && digit(text[i + 1])) {
      word += c;
      continue;
    }
    if (is_word_char(c)) word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    else flush();
  }
  flush();
  return out;
}

void WordBag::insert(std::string word) {
  const auto at = std::lower_bound(words_.begin(), words_.end(), word);
  if (at != words_.end() && *at == word) return;
  const std::uint64_t bit = summary_bit(word);
  summary_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  words_.insert(at, std::move(word));
}

void WordBag::remove_folded(const std::string& word) {
  if (std::erase(words_, word) == 0) return;
  summary_ = {};
  for (const auto& w : words_) {
    const std::uint64_t bit = summary_bit(w);
    summary_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  }
}

void WordBag::add(std::string_view text) {
  for (auto& w : words_of(text)) insert(std::move(w));
  for (auto& w : joined_words(text)) insert(std::move(w));
}

std::vector<std::string> WordBag::joined_words(std::string_view text) {
  // "intra-articular" is the index's "intraarticular", "non-ST" its "nonST": the joined word too.
  std::vector<std::string> out;
  for (std::size_t dash = text.find('-'); dash != std::string_view::npos; dash = text.find('-', dash + 1)) {
    if (dash == 0 || dash + 1 >= text.size() || !is_word_char(text[dash - 1]) || !is_word_char(text[dash + 1])) continue;
    std::size_t from = dash, to = dash + 1;
    while (from > 0 && is_word_char(text[from - 1])) --from;
    while (to < text.size() && is_word_char(text[to])) ++to;
    std::string joined(text.substr(from, dash - from));
    joined += text.substr(dash + 1, to - dash - 1);
    for (auto& w : words_of(joined)) out.push_back(std::move(w));
  }
  return out;
}

}  // namespace chartflow::coding
