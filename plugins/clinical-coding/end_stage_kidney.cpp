// End-stage renal disease and a CKD stage documented together are N18.6 alone (Guidelines
// I.C.14.a.1): "ESRD on HD (hypertensive CKD stage 5/ESRD)" is N18.6, not N18.5. A hypertensive
// kidney code the ESRD's own words led to (I12.0, "ESRD due to hypertensive nephrosclerosis") asks
// for the stage beside it ("use additional code to identify the stage": N18.6).
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>

namespace chartflow::coding {
namespace {

bool is_ckd_stage(const ProposedCode& c) { return c.system == "ICD-10-CM" && c.code.starts_with("N18") && c.code != "N18.6"; }

bool asks_for_the_stage(const ProposedCode& c) {
  return c.system == "ICD-10-CM" && (c.code == "I12.0" || c.code == "I13.11" || c.code == "I13.2");
}

}  // namespace

void Coder::stage_end_stage_kidney(std::vector<ProposedCode>& dx, const std::vector<MentionInput>& mentions) const {
  if (!sets_.icd10cm || !sets_.icd10cm->is_billable("N18.6")) return;
  // The ESRD the chart states now: a current mention coded N18.6 (one in the history may be one a
  // transplant ended, "ESRD s/p kidney transplant ... CKD stage 3a of the allograft").
  const auto esrd = std::find_if(mentions.begin(), mentions.end(), [](const MentionInput& m) {
    return m.code == "N18.6" && m.status == Assertion::affirmed && !words::contains(words::lower(m.context), "transplant");
  });
  if (esrd == mentions.end()) return;
  const bool coded = std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code == "N18.6"; });
  const auto stage = std::find_if(dx.begin(), dx.end(), is_ckd_stage);
  if (stage != dx.end() && !coded) {
    stage->rule += "; ESRD is documented too: N18.6 alone (I.C.14.a.1)";
    stage->code = "N18.6", stage->display = std::string(sets_.icd10cm->find("N18.6")->title);
  } else if (stage != dx.end()) {
    const std::string gone = stage->code;
    for (auto& c : dx)
      if (c.code == "N18.6") {
        absorb(c, *stage);
        c.rule += "; " + gone + " is the same kidneys' stage: ESRD alone (I.C.14.a.1)";
        break;
      }
    std::erase_if(dx, [&](const ProposedCode& c) { return c.code == gone; });
  } else if (!coded && std::any_of(dx.begin(), dx.end(), asks_for_the_stage)) {
    ProposedCode c = stated_code("N18.6", 0.8, "end stage renal disease: the stage the hypertensive kidney code asks for (use additional code)", esrd->view,
                                 esrd->begin, esrd->end);
    c.mention_ids = {esrd->id};
    dx.push_back(std::move(c));
  }
}

}  // namespace chartflow::coding
