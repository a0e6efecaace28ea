// A Tabular "use additional code" note that names the exact code of an associated finding: N40.1
// (enlarged prostate with LUTS) lists "urinary retention (R33.8)", so the retention the chart
// codes as R33.9 beside it is R33.8, the code the note gives for that finding with that condition.
#include "coder.hpp"

#include <algorithm>

namespace chartflow::coding {

void Coder::code_findings_as_notes_name(std::vector<ProposedCode>& dx) const {
  if (!sets_.icd10cm) return;
  for (std::size_t i = 0; i < dx.size(); ++i) {
    for (const auto* note : sets_.icd10cm->notes(dx[i].code, "use_additional"))
      for (const auto& ref : note->refs) {
        // Only a note naming one billable code ("R33.8"), not a category or a range ("N39.4-", "F10").
        if (ref.size() < 5 || ref.find('-') != std::string::npos || !sets_.icd10cm->is_billable(ref)) continue;
        if (std::any_of(dx.begin(), dx.end(), [&](const ProposedCode& c) { return c.code == ref; })) continue;  // coded already
        for (auto& other : dx) {
          // The chart's unspecified code of the same finding: same category, a ".9" code.
          if (&other == &dx[i] || other.code.compare(0, 3, ref, 0, 3) != 0 || !other.code.ends_with(".9")) continue;
          other.rule += "; " + dx[i].code + "'s note names " + ref + " for it (\"" + note->value + "\")";
          other.code = ref, other.display = std::string(sets_.icd10cm->find(ref)->title);
          break;  // one finding takes it
        }
      }
  }
}

}  // namespace chartflow::coding
