// The chart's reimbursement panel: the MS-DRG the drg-grouper stage gave the record
// (reimbursement.drg: the DRG, the codes that drove it, the secondary diagnoses acting as CC/MCC,
// the what-if documentation hints, each with a physician query ready to edit) and the CMS-HCCs of
// the hcc-v28 stage (reimbursement.hcc) with the codes behind each, every code named by its key in
// the review. Both were computed by the pipeline from its own codes: when the coder's decisions
// change those codes (a code rejected, edited or added, another principal diagnosis), the panel
// says so and lists the changes; it does not regroup.
#pragma once

#include "evidence_map.hpp"
#include "physician_queries.hpp"
#include "review_state.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace chartflow::review {

class DrgRegrouper;

// {"drg": {...} or null, "hcc": {...} or null} (docs/review-api.md). Carries codes, titles and the
// stages' review reasons; chart text only in the queries' quoted indicators. `regrouper` may be
// null (no tables): then nothing is regrouped.
nlohmann::json reimbursement_json(const nlohmann::json& record, const ReviewState& state, const EvidenceMap& map,
                                  const std::vector<QueryTemplate>& templates, const DrgRegrouper* regrouper);

}  // namespace chartflow::review
