// Conventions of the circulatory chapter the chart's wording leaves implicit: "hypertensive"
// before a kidney disease states the hypertension (I12.-, I.C.9.a.2), and angina that progressed
// to an acute myocardial infarction is the infarction's (no I25.11- combination), and a bleed the
// chart states nontraumatic is no traumatic one where it names it "hematoma".
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace chartflow::coding {

void Coder::add_stated_hypertension(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const {
  // "Hypertensive CKD, stage 3b", "hypertensive chronic kidney disease": the adjective states the
  // hypertension the combination needs (I10 with N18 is I12.9, N18 kept for the stage, I.C.9.a.2).
  if (!sets_.icd10cm || std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("I1") && c.code.size() >= 3 && c.code[2] <= '6'; }))
    return;
  for (const auto& m : mentions) {
    if (m.status != Assertion::affirmed || !m.code.starts_with("N18")) continue;
    std::string before = words::lower(m.before);
    while (!before.empty() && before.back() == ' ') before.pop_back();
    if (!before.ends_with("hypertensive")) continue;
    const std::size_t begin = m.begin - (m.before.size() - (before.size() - std::string_view("hypertensive").size()));
    dx.push_back(stated_code("I10", 0.85, "'hypertensive' states the hypertension of this kidney disease (I.C.9.a.2)", m.view, begin, m.end));
    return;
  }
}

namespace {

// The first code starting with one of `kept`, if any, takes in every code starting with `part`
// (their evidence and mentions), saying why in its rule.
void merge_into_first(std::vector<ProposedCode>& codes, std::initializer_list<std::string_view> kept, std::string_view part, std::string_view why) {
  const auto first = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) {
    return std::any_of(kept.begin(), kept.end(), [&](std::string_view k) { return c.code.starts_with(k); });
  });
  if (first == codes.end()) return;
  std::size_t into = static_cast<std::size_t>(first - codes.begin());
  for (std::size_t i = 0; i < codes.size();)
    if (codes[i].code.starts_with(part)) {
      codes[into].rule += "; " + codes[i].code + " (" + codes[i].display + ") " + std::string(why);
      absorb(codes[into], codes[i]);
      codes.erase(codes.begin() + static_cast<std::ptrdiff_t>(i));
      if (i < into) --into;
    } else {
      ++i;
    }
}

}  // namespace

void Coder::drop_angina_of_an_infarction(std::vector<ProposedCode>& codes) {
  // Angina that progresses to an acute myocardial infarction is part of the infarction: the MI is
  // coded, with the coronary disease without angina (I25.10), never I25.11- (Coding Clinic 2Q 2015).
  merge_into_first(codes, {"I21", "I22"}, "I20", "is the angina of this infarction");
}

// "Left chronic subdural hematoma" (the index's "Hematoma (traumatic) > subdural", S06.5X-) and
// "nontraumatic chronic subdural hemorrhage" (I62.03) in one chart are one bleed: the index's
// traumatic default gives way to the nontraumatic one the chart states (the index's own
// "> nontraumatic - see Hemorrhage, intracranial"). Subdural, extradural and subarachnoid.
void Coder::drop_traumatic_default_of_a_stated_bleed(std::vector<ProposedCode>& codes) {
  static constexpr std::pair<std::string_view, std::string_view> kTwins[] = {{"S06.5", "I62.0"}, {"S06.4", "I62.1"}, {"S06.6", "I60"}};
  for (const auto& [traumatic, nontraumatic] : kTwins) merge_into_first(codes, {nontraumatic}, traumatic, "is this bleed, which the chart states nontraumatic");
}

}  // namespace chartflow::coding
