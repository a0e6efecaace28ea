// Combination codes (Guidelines I.A.15 "with", rules/combinations.tsv): two codes of the list
// that one code says together become that code, round after round until nothing new forms.
#include "coder.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::coding {

void Coder::apply_combinations(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences) const {
  // A combination can meet another ("hypertensive heart disease" + heart failure -> I11.0, then
  // + CKD -> I13.0): the table is applied again until nothing new forms (three rounds at most).
  for (int round = 0; round < 3; ++round) {
    const std::size_t before = codes.size();
    std::set<std::string> codes_before;
    for (const auto& c : codes) codes_before.insert(c.code);
    apply_combination_round(codes, sentences);
    std::set<std::string> codes_after;
    for (const auto& c : codes) codes_after.insert(c.code);
    if (codes.size() == before && codes_after == codes_before) break;
  }
}

namespace {

// The letters ICD-10-CM codes of the list start with, one bit each: a combination whose first or
// second reference starts with (or, as a range, spans) none of them cannot apply, and is passed
// without a scan of the list.
std::uint32_t first_letters(const std::vector<ProposedCode>& codes) {
  std::uint32_t mask = 0;
  for (const auto& c : codes)
    if (!c.code.empty() && c.code[0] >= 'A' && c.code[0] <= 'Z' && c.system == "ICD-10-CM") mask |= 1u << (c.code[0] - 'A');
  return mask;
}

bool may_match(std::uint32_t letters, std::string_view ref) {
  if (ref.empty() || ref[0] < 'A' || ref[0] > 'Z') return true;
  const auto dash = ref.find('-');
  const char last = dash != std::string_view::npos && dash + 1 < ref.size() ? ref[dash + 1] : ref[0];
  if (last < ref[0] || last > 'Z') return true;
  const std::uint32_t span = ((1u << (last - 'A' + 1)) - 1u) & ~((1u << (ref[0] - 'A')) - 1u);  // ref[0] .. last
  return (letters & span) != 0;
}

// Whether one sentence holds evidence of both codes (sentences in text order, as the stage has them).
bool share_a_sentence(const ProposedCode& a, const ProposedCode& b, const std::vector<SentenceInput>& sentences) {
  const auto sentence_of = [&](std::size_t offset) {
    const auto after = std::upper_bound(sentences.begin(), sentences.end(), offset, [](std::size_t o, const SentenceInput& s) { return o < s.begin; });
    return after == sentences.begin() || offset >= std::prev(after)->end ? -1 : static_cast<long>(after - sentences.begin()) - 1;
  };
  for (const Evidence& x : a.evidence)
    for (const Evidence& y : b.evidence)
      if (const long s = sentence_of(x.begin); s >= 0 && x.view == y.view && s == sentence_of(y.begin)) return true;
  return false;
}

}  // namespace

void Coder::apply_combination_round(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences) const {
  std::uint32_t letters = first_letters(codes);
  for (const auto& combo : data_.combinations) {
    if (!may_match(letters, combo.first) || !may_match(letters, combo.second)) continue;
    auto first = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) { return c.system == "ICD-10-CM" && code_in_ref(c.code, combo.first); });
    auto second = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) { return c.system == "ICD-10-CM" && code_in_ref(c.code, combo.second); });
    if (first == codes.end() || second == codes.end() || first == second) continue;
    if (combo.same_sentence && !share_a_sentence(*first, *second, sentences)) continue;
    const auto refined = refine(combo.result, "");
    if (!refined) continue;
    ProposedCode combined = *first;
    combined.code = refined->code;
    combined.display = sets_.icd10cm->find(refined->code)->title;
    combined.rule = "combination (Guidelines I.A.15 \"with\"): " + first->code + " + " + second->code + " -> " + refined->code + ": " + combo.note;
    absorb(combined, *second);
    combined.combination = true;
    if (refined->code[0] >= 'A' && refined->code[0] <= 'Z') letters |= 1u << (refined->code[0] - 'A');
    combined.confidence = std::min(first->confidence, second->confidence) * 0.95;
    // The combination replaces a code that said nothing more (E11.9, I10, J44.9); a code that
    // already names another complication (E11.42) stays, and the combination joins it.
    const std::string title = words::lower(first->display);
    // (A diabetic nephropathy with a CKD stage is the diabetic CKD, E11.22 with its N18 code: E11.21
    // says less of the same kidneys.)
    const bool nephropathy_with_ckd = first->code.size() == 6 && first->code[0] == 'E' && first->code.ends_with(".21") && refined->code.ends_with(".22");
    const bool replaceable = first->code == combo.first || title.find("without complication") != std::string::npos ||
                             title.find("unspecified") != std::string::npos || first->code == "I10" || nephropathy_with_ckd;
    const auto second_index = second - codes.begin();
    // A code that already names this complication more exactly (E11.52, angiopathy with
    // gangrene, beside E11.51) takes the second's evidence; no less exact combination joins it.
    if (!replaceable && first->code.size() >= 5 && first->code.compare(0, 5, refined->code, 0, 5) == 0) {
      absorb(*first, *second);
      if (!combo.keep_second) codes.erase(codes.begin() + second_index);
      continue;
    }
    if (replaceable) *first = std::move(combined);
    else codes.push_back(std::move(combined));
    if (!combo.keep_second) codes.erase(codes.begin() + second_index);
  }
  merge_same_codes(codes);  // a combination may have produced a code already present
}

}  // namespace chartflow::coding
