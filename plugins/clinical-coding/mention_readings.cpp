// Readings of a mention's own words the coder's index walk and assertion reading use: tobacco
// use a word negates or calls occasional, the chart facts added to the walk's words (an adult's
// age, a pathology specimen's site), and sibling subterms a clause joins.
#include "mention_readings.hpp"

#include "common/words.hpp"

#include <algorithm>

namespace chartflow::coding {

// Tobacco or alcohol use the word before negates: "Non-smoker", "non-drinker" (the mention is
// "smoker", the hyphenated "non" no negation cue of the assertion stage).
bool negated_by_non(const MentionInput& m) {
  const bool substance = m.code.starts_with("F17") || m.code.starts_with("F10") || m.code == "Z72.0" || m.code == "Z87.891";
  if (!substance) return false;
  std::string_view before = m.before;
  while (!before.empty() && (before.back() == ' ' || before.back() == '-')) before.remove_suffix(1);
  return before.size() >= 3 && words::lower(before.substr(before.size() - 3)) == "non" &&
         (before.size() == 3 || !words::is_word_char(before[before.size() - 4]));
}

// Smoking the chart calls occasional ("smokes a couple cigarettes on weekends, not daily", "social
// smoker") is tobacco use (Z72.0), not the dependence "smoker" indexes to (F17.2-).
bool occasional_tobacco_use(const MentionInput& m) {
  if (!m.code.starts_with("F17.2")) return false;
  // The mention's own clause: "Vapes occasionally, smokes 1/2 ppd" is a daily smoker.
  std::string_view after = m.after.substr(0, std::min<std::size_t>(m.after.size(), 80));
  if (const auto end = after.find_first_of(".;,"); end != std::string_view::npos) after = after.substr(0, end);
  std::string_view before = m.before.substr(m.before.size() - std::min<std::size_t>(m.before.size(), 30));
  if (const auto start = before.find_last_of(".;,:"); start != std::string_view::npos) before.remove_prefix(start + 1);
  const std::string around = words::lower(std::string(before) + " " + m.text + " " + std::string(after));
  static constexpr std::string_view kOccasional[] = {"occasional", "occasionally", "socially", "social smoker", "not daily", "on weekends",
                                                     "rarely", "at parties"};
  return words::contains_any(around, kOccasional);
}

bool daily_cigarette_use(const MentionInput& m) {
  if (m.code != "Z72.0") return false;
  // The mention's clause and a parenthesis right after it: "Tobacco use in pregnancy (cigarettes, 1/2 ppd)".
  std::string_view after = m.after.substr(0, std::min<std::size_t>(m.after.size(), 60));
  if (const auto end = after.find_first_of(".;\n"); end != std::string_view::npos) after = after.substr(0, end);
  const std::string around = words::lower(std::string(after));
  static constexpr std::string_view kDaily[] = {"ppd", "packs per day", "pack per day", "packs a day", "pack a day", "pack-year", "pack-years",
                                                "pack years", "cigarettes a day", "cigarettes per day", "cigarettes daily"};
  return words::contains_any(around, {"cigarettes", "cigarette"}) && words::contains_any(around, kDaily);
}

// "She is up-to-date on her mammogram", "last colonoscopy 3 years ago, normal": a screening done
// before, which is no reason for this encounter (Z12). Nor is a "diagnostic mammogram" that found
// a mass (BI-RADS 5) a screening at all: it is the work-up of a finding.
bool screened_before(const MentionInput& m) {
  static constexpr std::string_view kBefore[] = {"up to date", "up-to-date", "last", "prior", "previous", "previously", "had a", "had her",
                                                 "had his", "was normal", "were normal", "years ago", "year ago", "months ago", "diagnostic",
                                                 "bi-rads", "birads"};
  return words::says_any(m.context, kBefore);
}

// An adult's chart reads the index's "adult" subterms ("Dermatomyositis > adult" M33.10,
// "Failure to thrive > adult" R62.7) without saying "adult".
WordBag with_age(WordBag words, bool adult) {
  static const std::string kAdult = WordBag::words_of("adult").front();
  if (adult) words.add_folded(kAdult);
  return words;
}

// Whether a clause joins the two subterms it names ("intramural and subserosal leiomyomas",
// "the left popliteal vein (and left posterior tibial veins)"): each label's first word stands in
// it, an "and" between them and no clause end. Words the walk also reached elsewhere ("ethmoid
// air cells ..., maxillary sinuses clear") join nothing.
bool names_both(std::string_view context, std::string_view first_label, std::string_view second_label) {
  const std::string lowered = words::lower(context);
  const auto first_word_at = [&](std::string_view label) {
    const auto words = WordBag::words_of(label);
    std::size_t at = std::string::npos;
    words::for_each_word(lowered, [&](std::string_view w) {
      if (at == std::string::npos && !words.empty() && WordBag::words_of(w) == std::vector<std::string>{words.front()}) at = w.data() - lowered.data();
    });
    return at;
  };
  const std::size_t a = first_word_at(first_label), b = first_word_at(second_label);
  if (a == std::string::npos || b == std::string::npos || a == b) return false;
  const std::string_view between = std::string_view(lowered).substr(std::min(a, b), std::max(a, b) - std::min(a, b));
  return words::contains(between, "and") && between.find_first_of(".;:") == std::string_view::npos;
}

// Whether a noun phrase has a plural ("leiomyomas of the uterus", "leiomyomata"): several lesions, where
// "persistent and permanent atrial fibrillation" is one condition said two ways.
bool plural_noun(std::string_view text) {
  bool plural = false;
  words::for_each_word(text, [&](std::string_view word) {
    const std::string w = words::lower(word);
    if (w.size() < 5) return;
    plural = plural || w.ends_with("ata") || (w.ends_with("s") && !w.ends_with("ss") && !w.ends_with("is") && !w.ends_with("us"));
  });
  return plural;
}

// Two sibling subterms the chart joins name two things: several lesions ("intramural and
// subserosal leiomyomas"), or a noun for each ("the left popliteal vein (and left posterior tibial
// veins)"); not two readings of one ("persistent and permanent atrial fibrillation").
bool names_two(const MentionInput& m, std::string_view first_label, std::string_view second_label) {
  if (!names_both(m.context, first_label, second_label)) return false;
  if (plural_noun(m.text)) return true;
  const std::string lowered = words::lower(m.context);
  const auto first = WordBag::words_of(first_label), second = WordBag::words_of(second_label);
  // Between the two labels' words, a word of neither and no "and"/"or": each has a noun of its own.
  // (From one label's word to the other's, whichever comes first.)
  bool other = false, done = false;
  int opened = 0;  // 0 none yet, 1 or 2: the label whose word opened the span
  words::for_each_word(lowered, [&](std::string_view w) {
    const auto folded = WordBag::words_of(w);
    if (done || folded.empty()) return;
    const bool in_first = std::find(first.begin(), first.end(), folded.front()) != first.end();
    const bool in_second = std::find(second.begin(), second.end(), folded.front()) != second.end();
    if (in_first || in_second) {
      const int label = in_first ? 1 : 2;
      if (opened != 0 && label != opened) done = true;
      else opened = label, other = false;
      return;
    }
    if (opened != 0 && w != "and" && w != "or" && w != "left" && w != "right") other = true;
  });
  return done && other;
}

// A tumour on a pathology list's item line is of the specimen its header names ("A. Skin, left
// posterior upper arm, excision:" then "- MELANOMA IN SITU": Melanoma > in situ > upper limb, D03.62).
WordBag with_list_header(WordBag words, const MentionInput& m) {
  if (m.kind != MentionKind::neoplasm || m.list_header.empty()) return words;
  for (auto& w : WordBag::words_of(m.list_header)) words.add_folded(std::move(w));
  return words;
}

WordBag with_drug_cause(WordBag words, const MentionInput& m, const std::set<std::string, std::less<>>& drug_words) {
  if (drug_words.empty() || std::none_of(words.words().begin(), words.words().end(), [&](const std::string& w) { return drug_words.contains(w); }))
    return words;
  // The window's link words are not all in its bag ("due to" joins the cause's words): the cue
  // is read in the mention's own clause. A cause follows its link ("diarrhea due to metformin");
  // "metronidazole was added due to persistent C. difficile diarrhea" is the drug given for the
  // condition, not its cause. "Induced" and "related" join the drug beside the mention.
  constexpr std::size_t kReach = 40;
  const std::string before = words::lower(m.before.substr(m.before.size() - std::min(m.before.size(), kReach)));
  const std::string own_and_after = words::lower(m.text) + " " + words::lower(m.after.substr(0, std::min(m.after.size(), kReach)));
  if (!words::contains_any(own_and_after, {"due to", "secondary to", "caused by", "from", "induced", "related"}) &&
      !words::contains_any(before, {"induced", "related"}))
    return words;
  words.add("drug drugs medication medicament induced due");
  return words;
}

}  // namespace chartflow::coding
