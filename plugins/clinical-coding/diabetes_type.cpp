// The diabetes type a chart states carries to its diabetic conditions. Type 2 is the default only
// when the type is not documented (I.C.4.a.2): "diabetic ketoacidosis" in a chart about
// "steroid-induced diabetes" is the drug-induced diabetes with ketoacidosis (E09.10), not type 2's
// (E11.10), which the index's "Diabetes, by type" and the type-2 default would otherwise give.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <set>

namespace chartflow::coding {
namespace {

bool says_type_2(std::string_view lowered_text) {
  static constexpr std::string_view kType2[] = {"type 2", "type ii", "t2dm", "dm2", "dm 2", "dmii", "niddm", "t2 dm"};
  return std::any_of(std::begin(kType2), std::end(kType2), [&](std::string_view w) { return words::contains(lowered_text, w); });
}

}  // namespace

void Coder::carry_stated_diabetes_type(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions, std::string_view text) const {
  if (!sets_.icd10cm) return;
  std::set<std::string> stated;  // E08 (underlying condition), E09 (drug or chemical), E10 (type 1), E13 (other specified)
  for (const auto& c : dx)
    if (c.system == "ICD-10-CM" && (c.code.starts_with("E08") || c.code.starts_with("E09") || c.code.starts_with("E10") || c.code.starts_with("E13")))
      stated.insert(c.code.substr(0, 3));
  // One other type, and no word of type 2: two types are the coder's to sort out.
  if (stated.size() != 1 || says_type_2(words::lower(text))) return;
  const std::string type = *stated.begin();
  // A code whose own mention names type 2 ("type 2 diabetes") is that chart's statement, not a default.
  const auto names_type_2 = [&](const ProposedCode& c) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const MentionInput& m) {
      return std::find(c.mention_ids.begin(), c.mention_ids.end(), m.id) != c.mention_ids.end() &&
             (says_type_2(words::lower(m.text)) || says_type_2(words::lower(m.before)));  // the chart's words, not the vocabulary's name
    });
  };
  for (auto& c : dx) {
    if (c.system != "ICD-10-CM" || !c.code.starts_with("E11") || names_type_2(c)) continue;
    const std::string same = type + c.code.substr(3);
    const auto* info = sets_.icd10cm->find(same);
    if (!info || !sets_.icd10cm->is_billable(same)) continue;
    c.rule += "; " + c.code + " -> " + same + " (the chart states the diabetes as " + type + ", and type 2 is only the default, I.C.4.a.2)";
    c.code = same, c.display = std::string(info->title);
  }
  // The same code twice now: one, with both mentions' evidence.
  for (auto it = dx.begin(); it != dx.end(); ++it)
    for (auto later = std::next(it); later != dx.end(); ++later)
      if (!later->code.empty() && later->code == it->code && later->system == it->system) absorb(*it, *later), later->code.clear();
  std::erase_if(dx, [](const ProposedCode& c) { return c.code.empty(); });
}

}  // namespace chartflow::coding
