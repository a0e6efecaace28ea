// Section III.B: abnormal findings of tests (laboratory, x-ray, pathologic and other diagnostic
// results) are not coded unless the provider indicates their clinical significance. A condition
// the chart names only in a study's result ("CXR: small bilateral effusions", "ECG: LVH voltage",
// "Echo: mild LVH") is such a finding; the assessment naming it, or any other part of the chart
// speaking of it, makes it the provider's.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <unordered_map>

namespace chartflow::coding {
namespace {

// Whether the mention's line begins with a study's label ("CXR:", "ECG - ", "Echo:", "CT abdomen:").
bool in_a_study_result(const MentionInput& m) {
  if (m.section_category == "imaging" || m.section_category == "labs") return true;
  std::string_view line = m.before;
  if (const auto at = line.rfind('\n'); at != std::string_view::npos) line = line.substr(at + 1);
  // A colon or a spaced dash ends the label: "US-guided paracentesis" is no ultrasound's result.
  const auto colon = std::min(line.find(':'), line.find(" -"));
  if (colon == std::string_view::npos || colon > 24) return false;
  const std::string label = words::lower(line.substr(0, colon));
  static constexpr std::string_view kStudies[] = {"cxr", "ecg", "ekg", "echo", "echocardiogram", "tte", "ct", "cta", "mri", "mra", "ultrasound",
                                                  "us", "x-ray", "xray", "radiograph", "radiographs", "chest x-ray", "chest film"};
  return std::any_of(std::begin(kStudies), std::end(kStudies), [&](std::string_view study) { return label == study || label.starts_with(std::string(study) + " "); });
}

}  // namespace

void Coder::drop_study_findings(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const {
  // Only where the chart has a provider's diagnosis statement: a radiology report's findings are
  // its diagnosis, and a chart with no assessment has nothing else to code.
  const bool stated = std::any_of(mentions.begin(), mentions.end(), [](const MentionInput& m) { return is_diagnosis_section(m.section_category); });
  if (!stated) return;
  std::unordered_map<std::string_view, const MentionInput*> by_id;
  for (const auto& m : mentions) by_id.emplace(m.id, &m);
  std::erase_if(dx, [&](const ProposedCode& c) {
    if (c.system != "ICD-10-CM" || c.mention_ids.empty() || c.combination) return false;
    return std::all_of(c.mention_ids.begin(), c.mention_ids.end(), [&](const std::string& id) {
      const auto it = by_id.find(id);
      return it != by_id.end() && in_a_study_result(*it->second);
    });
  });
}

}  // namespace chartflow::coding
