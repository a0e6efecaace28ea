// Long-term (current) drug therapy (Z79, Guidelines I.C.21.c.3) from the drugs a chart says the
// patient takes: "Medications: apixaban 5 mg BID, metformin 1000 mg BID" is Z79.01 and Z79.84 (for
// a diabetes, I.C.4.a.3 asks for them). Many facilities report these from the medication list;
// others only where the provider states long-term use, so the coding stage does this only under
// its long_term_drug_codes option (current_medications).
//
// A drug counts where its list item or clause says the patient takes it: not one the chart says
// was stopped, refused, is an allergy, was given once here ("aspirin 325 mg given in the ED"), is a
// short course ("prednisone taper", "for 5 days") or only considered. Drugs also given for days
// (antibiotics, opiates, NSAIDs, enoxaparin) count only where the clause says long-term use.
#include "coder.hpp"

#include "common/words.hpp"

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace chartflow::coding {
namespace {

struct Word {
  std::size_t begin = 0, end = 0;
};

std::vector<Word> words_of_text(std::string_view lowered) {
  std::vector<Word> out;
  for (std::size_t i = 0; i < lowered.size();) {
    if (!words::is_word_char(lowered[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < lowered.size() && words::is_word_char(lowered[end])) ++end;
    out.push_back({i, end});
    i = end;
  }
  return out;
}

// The list item or clause a drug stands in: from the last comma, semicolon, line break or
// sentence end before it to the next one after it (not the point of "0.5 mg").
std::string_view item_around(std::string_view lowered, std::size_t begin, std::size_t end) {
  const auto separates = [&](std::size_t i) {
    const char c = lowered[i];
    if (c == '.') {
      const bool digits = i > 0 && i + 1 < lowered.size() && std::isdigit(static_cast<unsigned char>(lowered[i - 1])) &&
                          std::isdigit(static_cast<unsigned char>(lowered[i + 1]));
      return !digits;
    }
    return c == ',' || c == ';' || c == '\n';
  };
  std::size_t from = begin;
  while (from > 0 && !separates(from - 1)) --from;
  std::size_t to = end;
  while (to < lowered.size() && !separates(to)) ++to;
  return lowered.substr(from, to - from);
}

// The line a drug stands on (a medication list's line).
std::string_view line_around(std::string_view lowered, std::size_t begin, std::size_t end) {
  const std::size_t from = lowered.rfind('\n', begin);
  const std::size_t to = lowered.find('\n', end);
  const std::size_t first = from == std::string_view::npos ? 0 : from + 1;
  return lowered.substr(first, (to == std::string_view::npos ? lowered.size() : to) - first);
}

bool has_prefix_word(std::string_view text, std::initializer_list<std::string_view> stems) {
  bool found = false;
  words::for_each_word(text, [&](std::string_view w) {
    for (const std::string_view stem : stems) found = found || w.starts_with(stem);
  });
  return found;
}

// "for 5 days", "x 7 days", "x 4 wks", "5-day course", "last dose tomorrow (day 5 of 5)": a course, not long-term use ("held 5 days"
// before a procedure is a pause in one).
bool states_a_course(std::string_view item) {
  if (words::contains(item, "held") || words::contains(item, "hold")) return false;
  bool number = false, course = false;
  bool number_of = false;  // the words so far end "<number> of"
  words::for_each_word(item, [&](std::string_view w) {
    static constexpr std::string_view kSpans[] = {"day", "days", "week", "weeks", "wk", "wks", "doses", "months", "h", "hr", "hrs", "hour", "hours"};
    if (number && std::find(std::begin(kSpans), std::end(kSpans), w) != std::end(kSpans)) course = true;
    const bool is_number = !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (is_number && number_of) course = true;  // "(day 5 of 5)": a day of a course
    number_of = number && w == "of";
    number = is_number;
  });
  // (A chemotherapy regimen's days: "prednisone 100 mg daily days 2-5 of cycle".)
  return course || words::contains_any(item, {"taper", "tapering", "course", "burst", "pulse", "stress dose", "of cycle", "of each cycle",
                                              "per cycle", "of the cycle", "last dose", "final dose"});
}

// Not a drug the patient takes by mouth, injection or inhaler for a while: a cream, drops, an
// injection into a joint or the epidural space ("Hydrocortisone 1% cream", "prednisolone acetate
// 1% 1 drop OD", "Injected dexamethasone 10 mg").
bool local_route(std::string_view item) {
  return item.find('%') != std::string_view::npos ||
         words::contains_any(item, {"cream", "ointment", "lotion", "gel", "drop", "drops", "otic", "ophthalmic", "topical", "eye", "ear", "injected",
                         "intratympanic", "intra-articular", "epidural", "iud", "implant"});
}

// The patient does not (or not yet, or not here for long) take the drug the item names.
bool not_taken(std::string_view item) {
  const bool negated = words::contains_any(item, {"not", "no longer", "never"});
  const bool resumed = !negated && has_prefix_word(item, {"resum", "restart", "continu"});
  if (!resumed && has_prefix_word(item, {"discontinu", "stopp", "declin", "refus", "allerg", "intoleran", "contraindicat", "complet"})) return true;
  if (negated || words::contains_any(item, {"stop", "off", "off of", "avoid", "instead of", "switched from", "previously on", "formerly", "was on", "failed",
                                 "ago", "overdose", "ingestion", "ingested", "poisoning", "before"}))
    return true;
  // Only considered, or new this encounter: a long-term therapy is one the patient was on.
  if (!resumed && (has_prefix_word(item, {"start", "initiat", "transition"}) ||
                   words::contains_any(item, {"consider", "considering", "candidate for", "would", "discuss", "discussed", "deferred", "offered",
                                   "recommend", "recommended", "add", "added", "new", "check", "treated", "induction"})))
    return true;
  // Given here, once or for the stay only; what it did here ("glucose ran up on prednisone").
  return words::contains_any(item, {"given", "received", "administered", "chewed", "load", "loaded", "loading", "bolus", "drip", "infusion", "iv",
                         "intravenous", "stat", "x1", "single dose", "one dose", "sliding scale", "correctional", "temporary",
                         "temporarily", "while inpatient", "while hospitalized", "in hospital", "premedication", "premedicated", "premed", "premeds",
                         "in ed", "in the ed", "ed treatment", "treatment in ed",
                         "hyperglycemia", "glucose", "glucoses", "induced"}) ||
         states_a_course(item) || local_route(item);
}

bool states_long_term(std::string_view item) {
  return words::contains_any(item, {"chronic", "chronically", "long-term", "long term", "longterm", "suppressive", "suppression", "maintenance",
                         "indefinite", "indefinitely", "lifelong"});
}

// "insulin resistance", "non-insulin", "insulin level": the word, not the drug taken.
bool names_something_else(std::string_view lowered, const std::vector<Word>& words, std::size_t first, std::size_t last) {
  const auto word = [&](std::size_t k) { return lowered.substr(words[k].begin, words[k].end - words[k].begin); };
  if (first > 0 && (word(first - 1) == "non" || word(first - 1) == "no")) return true;
  if (last + 1 < words.size()) {
    static constexpr std::string_view kNext[] = {"resistance", "resistant", "level", "levels", "naive", "secreting", "sensitivity",
                                                 "allergy", "toxicity", "induced", "exacerbated", "sensitive", "class"};
    const std::string_view next = word(last + 1);
    if (std::find(std::begin(kNext), std::end(kNext), next) != std::end(kNext)) return true;
  }
  return false;
}

// "No diabetes, no sulfonylurea or insulin in the home": the drug's item opens with a denial
// that reaches it ("no hypoglycemia on insulin" is a patient on insulin).
bool denied_in_item(std::string_view before_drug) {
  const std::size_t first = before_drug.find_first_not_of(" ");
  if (first == std::string_view::npos) return false;
  before_drug.remove_prefix(first);
  const bool opens_with_denial = before_drug.starts_with("no ") || before_drug.starts_with("without ") || before_drug.starts_with("denies ");
  return opens_with_denial && !words::contains_any(before_drug, {"on", "with", "while", "taking", "despite", "since"});
}

bool in_section(const std::vector<SentenceInput>& sentences, std::size_t at, std::initializer_list<std::string_view> categories) {
  for (const auto& s : sentences)
    if (at >= s.begin && at < s.end) return std::find(categories.begin(), categories.end(), s.section_category) != categories.end();
  return false;
}

// Whether a sentence naming insulin says it is only for now: "Insulin is intended only while on
// high-dose prednisone". Z79.4 is not for insulin given temporarily to bring a type 2 patient's
// blood sugar under control (I.C.4.a.3), whichever insulin the other sentences name.
bool insulin_only_for_now(std::string_view lowered) {
  for (std::size_t at = words::find(lowered, "insulin"); at != std::string_view::npos; at = words::find(lowered, "insulin", at + 7)) {
    std::size_t from = lowered.find_last_of(".\n", at);
    from = from == std::string_view::npos ? 0 : from + 1;
    const std::size_t to = std::min(lowered.size(), lowered.find_first_of(".\n", at));
    if (words::contains_any(lowered.substr(from, to - from), {"only while", "intended only", "temporary", "temporarily", "plan to stop", "until off",
                                                             "while on steroids", "while on high-dose", "only during"}))
      return true;
  }
  return false;
}

// The drugs (by their first word) this encounter started and no sentence says the patient had
// before: "High-dose aspirin started. Aspirin reduced to low dose on day 3." A therapy begun
// here is no long-term therapy the patient came on, whatever its other sentences say of it.
std::set<std::string_view> started_here(std::string_view lowered, const std::vector<Word>& words,
                                        const std::map<std::string, std::vector<CoderData::LongTermDrug>, std::less<>>& drugs) {
  std::set<std::string_view> started, before;
  for (const auto& w : words) {
    const std::string_view name = lowered.substr(w.begin, w.end - w.begin);
    if (drugs.find(name) == drugs.end()) continue;
    const std::string_view item = item_around(lowered, w.begin, w.end);
    // ("Prednisone 15 mg daily was started 6 weeks ago by an outside provider": before this one.
    // A medication list's line speaks of each drug on it: "warfarin 5 mg daily (goal INR 2-3,
    // planned for at least 6-12 months)".)
    const std::string_view line = line_around(lowered, w.begin, w.end);
    const std::string_view said = line.size() < 200 ? line : item;
    const bool on_it = w.begin >= 3 && lowered.substr(w.begin - 3, 3) == "on ";  // "patient on aspirin"
    if (on_it || words::contains_any(said, {"home", "continue", "continued", "resume", "resumed", "usual", "chronic", "long-term", "takes", "taking",
                                            "ago", "outside", "prior to admission", "pta", "since",
                                            // (... or begun here for long: "warfarin, planned for at least 6-12 months")
                                            "planned for", "months", "indefinitely", "lifelong", "life-long"}))
      before.insert(name);
    else if (has_prefix_word(item, {"start", "initiat"}) || words::contains_any(item, {"new", "newly"}))
      started.insert(name);
  }
  std::erase_if(started, [&](std::string_view name) { return before.contains(name); });
  return started;
}

bool codes_diabetes(const std::vector<ProposedCode>& dx) {
  return std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) {
    return c.code.size() >= 3 && ((c.code[0] == 'E' && c.code[1] == '0' && (c.code[2] == '8' || c.code[2] == '9')) ||
                                  (c.code[0] == 'E' && c.code[1] == '1' && c.code[2] >= '0' && c.code[2] <= '3') || c.code.starts_with("O24"));
  });
}

}  // namespace

void CoderData::load_long_term_drugs(const std::string& file) {
  sdk::read_tsv(file, "long-term drug codes", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3 || f[0].empty() || !f[1].starts_with("Z79") || (f[2] != "any" && f[2] != "stated_long_term"))
      throw std::runtime_error(where + ": expected drug<TAB>Z79 code<TAB>any|stated_long_term");
    std::vector<std::string> name;
    words::for_each_word(words::lower(f[0]), [&](std::string_view w) { name.emplace_back(w); });
    if (name.empty()) throw std::runtime_error(where + ": the drug name has no words");
    LongTermDrug drug{{name.begin() + 1, name.end()}, f[1], f[2] == "stated_long_term"};
    long_term_drugs[name.front()].push_back(std::move(drug));
  }, "drug");
}

void Coder::add_long_term_drug_therapy(std::vector<ProposedCode>& dx, const std::vector<SentenceInput>& sentences, std::string_view text,
                                       const ChartCues& cues, const std::string& view) const {
  if (!sets_.icd10cm || data_.long_term_drugs.empty() || text.empty()) return;
  const std::string_view lowered = cues.lowered;
  const auto words = words_of_text(lowered);
  const auto word = [&](std::size_t k) { return lowered.substr(words[k].begin, words[k].end - words[k].begin); };
  const bool diabetes = codes_diabetes(dx);
  const bool temporary_insulin = insulin_only_for_now(lowered);
  const auto new_here = started_here(lowered, words, data_.long_term_drugs);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto found = data_.long_term_drugs.find(word(i));
    if (found == data_.long_term_drugs.end() || new_here.contains(word(i))) continue;
    for (const auto& drug : found->second) {
      const std::size_t last = i + drug.rest.size();
      bool whole_name = last < words.size();
      for (std::size_t k = 0; whole_name && k < drug.rest.size(); ++k) whole_name = word(i + 1 + k) == drug.rest[k];
      if (!whole_name) continue;
      if (drug.code == "Z79.4" && temporary_insulin) continue;
      const bool present = std::any_of(dx.begin(), dx.end(), [&](const ProposedCode& c) { return c.code == drug.code; });
      if (present || !sets_.icd10cm->is_billable(drug.code)) continue;
      // Diabetes drugs count for a diabetes (I.C.4.a.3): empagliflozin for a heart failure, or
      // metformin for a prediabetes, is no control of one.
      const std::size_t begin = words[i].begin, end = words[last].end;
      if ((drug.code == "Z79.84" || drug.code == "Z79.85" || drug.code == "Z79.4") && !diabetes &&
          !words::contains_any(line_around(lowered, begin, end), {"diabetes", "diabetic", "dm", "dm2", "t2dm", "t1dm", "niddm", "iddm"}))
        continue;
      if (names_something_else(lowered, words, i, last) || in_section(sentences, begin, {"allergies", "allergy", "family_history"})) continue;
      const std::string_view item = item_around(lowered, begin, end);
      // A list line's taper after the dose ("prednisone 40 mg daily, taper by 5 mg weekly").
      const std::string_view line = line_around(lowered, begin, end);
      const std::string_view before_drug = item.substr(0, std::min(item.size(), static_cast<std::size_t>(lowered.data() + begin - item.data())));
      // A plan's order for the stay ("Insulin per medicine") is no therapy the patient was on;
      // one continued, resumed or sent home is.
      const bool ordered_here = in_section(sentences, begin, {"plan"}) &&
                                !words::contains_any(line, {"continue", "continued", "resume", "home", "discharge", "outpatient", "usual", "long-term"});
      if (ordered_here || not_taken(item) || denied_in_item(before_drug) || (line.size() < 160 && words::contains_any(line, {"taper", "tapering", "course"})) || (drug.needs_stated_long_term && !states_long_term(item))) continue;
      // Fluticasone or mometasone up the nose is no inhaled steroid.
      if (drug.code == "Z79.51" && words::contains_any(item, {"nasal", "spray", "sprays", "nostril", "nostrils", "intranasal", "flonase", "nasonex"})) continue;
      dx.push_back(stated_code(drug.code, 0.7,
                               "long-term (current) drug therapy: the chart names a drug the patient takes ('" +
                                   std::string(text.substr(begin, end - begin)) + "') -> " + drug.code + " (long_term_drug_codes: current_medications)",
                               view, begin, end));
    }
  }
}

}  // namespace chartflow::coding
