#include "modifiers.hpp"

#include "common/words.hpp"
#include "site_refinement.hpp"

#include <algorithm>
#include <cctype>

namespace chartflow::coding {
namespace {

constexpr std::size_t kWordsEachSide = 6;

// A comma ends the clause unless what follows still describes the same condition ("CKD, stage 3a").
bool continues_after_comma(std::string_view rest) {
  const auto words = WordBag::words_of(rest.substr(0, std::min<std::size_t>(rest.size(), 24)));
  if (words.empty()) return false;
  static const auto kContinuing =
      WordBag::words_of("stage grade class type NYHA with without left right bilateral uncomplicated complicated intractable mild moderate severe ruptured perforated");
  return std::find(kContinuing.begin(), kContinuing.end(), words.front()) != kContinuing.end();
}

// The cause a clause states ("due to chemotherapy", "secondary to radiation"), from its cue to
// the clause's end; empty when it states none.
std::string_view stated_cause(std::string_view clause) {
  for (const std::string_view cue : {"due to", "secondary to", "caused by"})
    if (const std::size_t at = words::find(clause, cue); at != std::string_view::npos) return clause.substr(at);
  return {};
}

bool is_doubt_or_denial(const std::string& word) {
  static const auto kCues = WordBag::words_of(
      "no not without negative denies denied free absent likely possible possibly probable probably suspected suspect questionable "
      "versus vs rule concern risk");  // "COPD - at risk for pulmonary decompensation" is no decompensated COPD
  return std::find(kCues.begin(), kCues.end(), word) != kCues.end();
}

// Line breaks are no clause end: dictated prose wraps anywhere, and the sentence bounds the window.
// Nor is the point of a decimal number ("creatinine 1.7").
bool ends_clause(std::string_view text, std::size_t i) {
  const auto digit = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  const auto letter = [&](std::size_t k) { return k < text.size() && std::isalpha(static_cast<unsigned char>(text[k])); };
  if (text[i] == '.') {
    if (i > 0 && digit(i - 1) && digit(i + 1)) return false;  // "1.5 cm"
    // An initial ("E. coli", "H. pylori", "S. aureus"): one capital letter, the period, a lower-case word.
    const bool initial = i > 0 && std::isupper(static_cast<unsigned char>(text[i - 1])) && !letter(i - 2) && i + 2 < text.size() &&
                         text[i + 1] == ' ' && std::islower(static_cast<unsigned char>(text[i + 2]));
    return !initial;
  }
  return text[i] == ';' || text[i] == ':';
}

// Whether the words between two conditions only say the first is due to the second: "upper GI
// bleed likely secondary to gastritis" is the index's "Gastritis > with bleeding" (K29.71),
// "pneumonia due to influenza" its "Influenza > with pneumonia".
bool only_a_cause_between(std::string_view gap) {
  std::string g = words::lower(gap);
  // The condition's abbreviation in parentheses is part of its name: "Hyperosmolar hyperglycemic
  // state (HHS) due to type 2 diabetes" is diabetes with hyperosmolarity (E11.00).
  for (std::size_t open = g.find('('); open != std::string::npos; open = g.find('(')) {
    const std::size_t close = g.find(')', open);
    if (close == std::string::npos) break;
    g.erase(open, close - open + 1);
  }
  for (const std::string_view filler : {"likely ", "probably ", "possibly ", "most likely "})
    if (const auto at = g.find(filler); at != std::string::npos) g.erase(at, filler.size());
  const auto first = g.find_first_not_of(' '), last = g.find_last_not_of(' ');
  if (first == std::string::npos) return false;
  const std::string_view core = std::string_view(g).substr(first, last - first + 1);
  return core == "secondary to" || core == "due to" || core == "caused by" || core == "from";
}

// One word between two conditions that only says where or what kind ("bleeding cecal
// angiodysplasia"), no link word ("and", "with", "of") and no punctuation.
bool only_a_site_between(std::string_view gap) {
  const auto first = gap.find_first_not_of(' '), last = gap.find_last_not_of(' ');
  if (first == std::string_view::npos) return false;
  const std::string word = words::lower(gap.substr(first, last - first + 1));
  if (word.size() < 4 || !std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; })) return false;
  static constexpr std::string_view kLinks[] = {"with", "without", "from", "into", "onto", "upon", "than", "then", "also", "plus", "versus",
                                                "after", "before", "while", "since", "during", "status", "history", "likely", "possible"};
  return std::find(std::begin(kLinks), std::end(kLinks), word) == std::end(kLinks);
}

// "Admitted for serial troponins and ischemic evaluation", "infectious workup negative": the word
// before a work-up noun says what is looked for, not what the condition is ("Pain > chest >
// ischemic" is I20.9); before "isolation" or "precautions", how the patient is isolated
// ("airborne/contact isolation" is no "COVID-19 > contact", Z20.822). It is dropped from a
// window's words.
std::vector<std::string> without_workup_adjectives(std::vector<std::string> words) {
  static const auto kWorkup = WordBag::words_of("evaluation workup eval isolation precautions");
  for (std::size_t i = words.size(); i-- > 1;)
    if (std::find(kWorkup.begin(), kWorkup.end(), words[i]) != kWorkup.end()) words.erase(words.begin() + static_cast<std::ptrdiff_t>(i) - 1);
  return words;
}

// "A seven-day history of fever", "fever for three days": a number spelled out before a unit of
// time says how long, not which condition ("Fever > seven day", A27.89, is leptospirosis;
// "> three-day", A93.1, sandfly fever). Both words are dropped from a window, unless they stand
// right before the mention and name it ("seven-day fever"): `names_the_mention` is for the
// window before it.
std::vector<std::string> without_durations(std::vector<std::string> words, bool names_the_mention) {
  static const auto kNumbers = WordBag::words_of("one two three four five six seven eight nine ten eleven twelve fourteen twenty thirty several few");
  static const auto kUnits = WordBag::words_of("day days week weeks month months hour hours year years night nights");
  const auto in = [](const std::vector<std::string>& list, const std::string& w) { return std::find(list.begin(), list.end(), w) != list.end(); };
  for (std::size_t i = words.size(); i-- > 1;) {
    if (!in(kUnits, words[i]) || !in(kNumbers, words[i - 1]) || (names_the_mention && i + 1 == words.size())) continue;
    words.erase(words.begin() + static_cast<std::ptrdiff_t>(i) - 1, words.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    --i;
  }
  return words;
}

// "Exertional rhabdomyolysis (non-traumatic)": a word after "non-" is denied, not stated
// ("Rhabdomyolysis > traumatic" is T79.6, the chart's is M62.82). The prefix and its word go.
// (After the mention only: before it "non-" begins the index's own words, "non-ST elevation",
// "non-Hodgkin".)
std::string without_negated_prefix(std::string_view text) {
  std::string out(text);
  const std::string lowered = words::lower(text);  // same offsets as `out`
  for (std::size_t at = lowered.find("non-"); at != std::string::npos; at = lowered.find("non-", at + 4)) {
    if (at > 0 && std::isalpha(static_cast<unsigned char>(lowered[at - 1]))) continue;  // "anon-": no prefix
    std::size_t end = at + 4;
    while (end < out.size() && std::isalnum(static_cast<unsigned char>(out[end]))) ++end;
    std::fill(out.begin() + static_cast<std::ptrdiff_t>(at), out.begin() + static_cast<std::ptrdiff_t>(end), ' ');
  }
  return out;
}

}  // namespace

ModifierWindows::ModifierWindows(const std::vector<MentionInput>& mentions) {
  // Conditions only: a procedure or drug named after a condition ("due to chemotherapy") is part
  // of its clause, not the next condition that would end it.
  for (const auto& m : mentions) {
    if (m.system != "ICD-10-CM") continue;
    by_end_.emplace_back(m.end, m.begin);
    begins_.push_back(m.begin);
  }
  std::sort(by_end_.begin(), by_end_.end());
  std::sort(begins_.begin(), begins_.end());
}

namespace {

// Whether a chronic kidney disease mention is followed by its stage without the word "stage"
// ("CKD 3a (baseline Cr 1.4)", "CKD IV").
bool names_ckd_stage_bare(const MentionInput& m, std::string_view after) {
  if (!m.code.starts_with("N18")) return false;
  const std::size_t at = after.find_first_not_of(" ,");
  if (at == std::string_view::npos) return false;
  std::size_t end = at;
  while (end < after.size() && words::is_word_char(after[end])) ++end;
  const std::string token = words::lower(after.substr(at, end - at));
  static constexpr std::string_view kStages[] = {"1", "2", "3", "3a", "3b", "4", "5", "i", "ii", "iii", "iiia", "iiib", "iv", "v"};
  return std::find(std::begin(kStages), std::end(kStages), token) != std::end(kStages);
}

}  // namespace

// Left: back to the clause start or the end of the condition before this one; and the condition
// before it when only "due to" stands between.
ModifierWindows::Window ModifierWindows::left_of(const MentionInput& m) const {
  // A condition right before it, with nothing between, modifies it ("bleeding gastric ulcer",
  // "gallstone pancreatitis"): its words count too.
  std::string_view before = m.before;
  std::string_view cause;  // the condition before, when only "due to" stands between ("GI bleed likely secondary to gastritis")
  const auto prev = std::upper_bound(by_end_.begin(), by_end_.end(), std::pair{m.begin, static_cast<std::size_t>(-1)});
  if (prev != by_end_.begin()) {
    const auto [end, begin] = *std::prev(prev);  // the latest end at or before this begin
    std::size_t cut = end;
    if (m.begin - end <= before.size() && begin <= end && m.begin - begin <= before.size()) {
      const std::string_view gap = before.substr(before.size() - (m.begin - end));
      if (gap.find_first_not_of(' ') == std::string_view::npos) {
        // ... and so do the words before that one, up to the condition before it: "Acute inferior
        // ST-elevation myocardial infarction" is an inferior one (I21.19), though "ST-elevation"
        // is a finding of its own.
        cut = 0;
        const auto before_prev = std::upper_bound(by_end_.begin(), by_end_.end(), std::pair{begin, static_cast<std::size_t>(-1)});
        if (before_prev != by_end_.begin()) cut = std::min(begin, std::prev(before_prev)->first);
      } else if (only_a_cause_between(gap)) {
        cause = before.substr(before.size() - (m.begin - begin), end - begin);
      } else if (only_a_site_between(gap)) {
        // ... and so does one with a single site or kind word between: "Bleeding cecal
        // angiodysplasia" is "Angiodysplasia > with bleeding" (K55.21).
        cut = begin;
      }
    }
    if (cut + before.size() > m.begin) before.remove_prefix(before.size() - (m.begin - cut));
  }
  for (std::size_t i = before.size(); i-- > 0;)
    if (ends_clause(before, i) || before[i] == ',') {
      before.remove_prefix(i + 1);
      break;
    }
  return {before, cause};
}

// Right: to the clause end, across commas that only add modifiers; and the cause stated after
// the last of conditions joined by "and".
ModifierWindows::Window ModifierWindows::right_of(const MentionInput& m) const {
  // ("atrial fibrillation, paroxysmal"; "CKD, stage 3a, and anemia"), up to the next condition
  // unless "with" or "due to" links it to this one ("diabetes with neuropathy").
  std::string_view after = m.after;
  for (std::size_t i = 0; i < after.size(); ++i)
    if (ends_clause(after, i)) {
      after = after.substr(0, i);
      break;
    }
  const auto next = std::lower_bound(begins_.begin(), begins_.end(), m.end);
  const std::size_t next_at = next != begins_.end() && *next - m.end < after.size() ? *next - m.end : after.size();
  // "Bipolar I disorder, current episode manic, severe, with mood-congruent psychotic features":
  // the episode the disorder is in is no condition of its own but the index's "current (or most
  // recent) > manic > with psychotic features" (F31.2), and the clause to its end says which.
  if (next_at < after.size() && words::lower(after.substr(next_at, 7)) == "episode")
    if (const std::string gap = words::lower(after.substr(0, next_at)); words::contains(gap, "current") || words::contains(gap, "recent"))
      return {after, {}, true};
  // Before the next condition, its own comma ends this one's clause: "Alzheimer's disease, late
  // onset, moderate dementia" keeps "late onset", "CKD, stage 3a, and anemia" keeps "stage 3a".
  if (next_at < after.size())
    if (const std::size_t comma = after.substr(0, next_at).rfind(','); comma != std::string_view::npos &&
                                                                      !continues_after_comma(after.substr(comma + 1)))
      after = after.substr(0, comma);
  std::string_view shared_cause;
  if (next_at < after.size()) {
    const auto gap_words = WordBag::words_of(after.substr(0, next_at));
    // ... or "in" alone: "anemia in chronic kidney disease" is the index's "Anemia > in (due to) (with)" (D63.1).
    // A condition restated in parentheses is none the link reaches: "Opioid dependence with
    // withdrawal (opioid use disorder, severe)" links the withdrawal, not the use disorder.
    // (A parenthesis closed before it, "with impaired-awareness (complex partial) seizures", is no restatement.)
    const std::string_view gap = after.substr(0, next_at);
    const std::size_t open = gap.rfind('('), close = gap.rfind(')');
    const bool parenthetical = open != std::string_view::npos && (close == std::string_view::npos || close < open);
    // "Hypertension secondary to lupus nephritis" links it as "due to" does (I15.1, "> due to >
    // renal disorders NEC").
    const auto says = [&](std::string_view word) { return std::find(gap_words.begin(), gap_words.end(), word) != gap_words.end(); };
    const bool linked = !parenthetical && (says("with") || says("due") || says("secondary") || says("caused") ||
                                           (!gap_words.empty() && gap_words.size() <= 2 && gap_words.front() == "in"));  // "in chronic kidney disease"
    // "Anemia and thrombocytopenia, mild, due to chemotherapy": conditions joined by "and" share
    // the cause stated after the last of them (anemia due to chemotherapy, D64.81).
    if (!linked && gap_words.size() == 1 && gap_words.front() == "and") shared_cause = stated_cause(after.substr(next_at));
    if (!linked) after = after.substr(0, next_at);
    else if (const auto comma = after.find(',', next_at); comma != std::string_view::npos) after = after.substr(0, comma);
  }
  return {after, shared_cause};
}

namespace {

// The mention's own words, up to a denial in them: "Nausea without vomiting" (one term, R11.0)
// says no "vomiting" for the index's "Nausea > with vomiting" (R11.2).
WordBag own_words(const MentionInput& m) {
  WordBag bag;
  const std::size_t denial = [&] {
    const std::string lowered = words::lower(m.text);
    for (const std::string_view cue : {" without ", " no ", " not "})
      if (const std::size_t at = lowered.find(cue); at != std::string::npos) return at;
    return m.text.size();
  }();
  bag.add(std::string_view(m.text).substr(0, denial));
  return bag;
}

std::vector<std::string> left_words(std::string_view before) {
  // "Dialysis secondary to hypertension-induced renal failure": the cause, not a secondary
  // hypertension (I15.9); "secondary to" reads as "due to".
  std::string before_text(before);
  const std::string lowered = words::lower(before);
  for (std::size_t at = lowered.rfind("secondary to"); at != std::string::npos; at = at == 0 ? std::string::npos : lowered.rfind("secondary to", at - 1))
    before_text.replace(at, 9, "due");  // from the end, so the offsets before it still hold
  return without_durations(without_workup_adjectives(WordBag::words_of(before_text)), true);
}

std::vector<std::string> right_words(const MentionInput& m, std::string_view after, std::string_view shared_cause) {
  // "CKD 3a", "CKD IV": the number after chronic kidney disease is its stage, said or not.
  const std::string staged = names_ckd_stage_bare(m, after) ? "stage " + std::string(after) : std::string();
  auto right = without_durations(without_workup_adjectives(WordBag::words_of(staged.empty() ? without_negated_prefix(after) : std::string_view(staged))), false);
  // "Thrombocytopenia due to RMSF": a condition another causes is the index's "secondary" one
  // (D69.59), as "hypertension due to renal artery stenosis" is (I15.0).
  if (const std::string lowered_after = words::lower(after.substr(0, std::min<std::size_t>(after.size(), 16)));
      lowered_after.find("due to") != std::string::npos || lowered_after.find("secondary to") != std::string::npos)
    right.push_back("secondary");
  if (!shared_cause.empty())
    for (auto& w : WordBag::words_of(shared_cause)) right.push_back(std::move(w));
  return right;
}

}  // namespace

WordBag ModifierWindows::words_for(const MentionInput& m) const {
  WordBag bag = own_words(m);
  [[maybe_unused]] const auto [before, cause, left_whole_clause] = left_of(m);  // (only a right window runs to its clause end)
  auto left = left_words(before);
  // What the condition is due to stands in the index as "with" it ("Gastritis > with bleeding"):
  // the cause's own words count, whatever doubt the link carries ("likely secondary to").
  const auto cause_words = WordBag::words_of(cause);
  const auto [after, shared_cause, whole_clause] = right_of(m);
  auto right = right_words(m, after, shared_cause);
  // A modifier the chart denies or doubts is no modifier: "COPD without acute exacerbation" is
  // not J44.1, "pneumonia, likely bacterial" not J15.9 (the assertion stage judges the condition
  // itself; this is about the words that would refine it).
  right.erase(std::find_if(right.begin(), right.end(), is_doubt_or_denial), right.end());
  if (const auto cue = std::find_if(left.rbegin(), left.rend(), is_doubt_or_denial); cue != left.rend())
    left.erase(left.begin(), cue.base());  // the cue's scope runs forward to the mention
  // Six words each side that can matter: "the neck of the fifth metacarpal" is three. Words the
  // index never needs ("with", "due to": pass-throughs) and the mention's own words do not count:
  // "diabetes with diabetic peripheral angiopathy with gangrene" keeps "gangrene". (The
  // vocabulary's name for the mention is no chart word: its "partial versus complete" must not
  // hide the chart's "partial".)
  const auto filler = [&](const std::string& w) {
    static const auto kFiller = WordBag::words_of("of the a an and or in on at to with due by for as from");
    return std::find(kFiller.begin(), kFiller.end(), w) != kFiller.end() || bag.contains(w);
  };
  std::erase_if(left, filler);
  std::erase_if(right, filler);
  if (left.size() > kWordsEachSide) left.erase(left.begin(), left.end() - kWordsEachSide);
  if (right.size() > kWordsEachSide && !whole_clause) right.resize(kWordsEachSide);
  for (auto& w : left) bag.add_folded(std::move(w));
  for (auto& w : right) bag.add_folded(std::move(w));
  for (const auto& w : cause_words)
    if (!filler(w)) bag.add_folded(w);
  for (const std::string_view side : {before, after})  // "intra-articular": the index's "intraarticular"
    if (side.find('-') != std::string_view::npos)
      for (auto& w : WordBag::joined_words(side)) bag.add_folded(std::move(w));
  // "Osteoarthritis of both knees": the index's "Osteoarthritis > knee > primary > bilateral" (M17.0).
  if (says_both_sides(before) || says_both_sides(after)) bag.add("bilateral");
  add_words_said_together(bag, m, before, after);
  add_index_words(bag);
  // Streptococcus pneumoniae is the pneumococcus: "Meningitis > bacterial > pneumococcal" (G00.1),
  // not its sibling "streptococcal" (G00.2), which the genus alone would tie with it. (After the
  // index words: "pneumococcal" adds "streptococcus pneumoniae".)
  static const auto kPneumococcus = WordBag::words_of("pneumoniae streptococcus streptococcal");
  if (bag.contains(kPneumococcus[0])) bag.remove_folded(kPneumococcus[1]), bag.remove_folded(kPneumococcus[2]);
  return bag;
}

std::optional<std::size_t> ModifierWindows::head_after(const MentionInput& m) const {
  const auto next = std::upper_bound(begins_.begin(), begins_.end(), m.end - (m.end > m.begin ? 1 : 0));
  if (next == begins_.end() || *next < m.end || *next - m.end > m.after.size()) return std::nullopt;
  int depth = 0;
  for (const char c : m.after.substr(0, *next - m.end)) {
    if (c == '(') ++depth;
    // (The close of a parenthesis the mention stands in, "(prolactinoma) with hyperprolactinemia",
    // returns to the sentence: what follows it counts.)
    else if (c == ')') depth = std::max(0, depth - 1);
    else if (depth == 0 && c != ' ') return std::nullopt;
  }
  // (A condition inside a parenthesis after this one restates it, "False labor (Braxton Hicks
  // contractions)": no head this one modifies.)
  if (depth > 0) return std::nullopt;
  return *next;
}

}  // namespace chartflow::coding
