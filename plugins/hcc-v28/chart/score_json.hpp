// A ChartScore as JSON, the same members in the stage's reimbursement.hcc item and in
// `chartflow hcc patient-year --format json`: each HCC with its fate and its evidence, the
// payment HCCs, interactions, the count variable, and the score with every term, or why none.
#pragma once

#include "risk_score.hpp"

#include <nlohmann/json.hpp>

#include <functional>

namespace chartflow::hcc::chart {

// Turns an evidence id (as the caller put it in each Diagnosis) into the JSON the HCC lists.
using EvidenceJson = std::function<nlohmann::json(const Evidence&)>;

// [{"hcc": 37, "label": ..., "status": "kept" | "dropped_by_hierarchy" | "dropped_heart_rule",
//   "dropped_by": 36, "evidence": [...]}], ascending.
nlohmann::json hccs_json(const ChartScore& s, const EvidenceJson& evidence);

// Adds status, not_scored_reason, age, payment_year, sex, segment, segment_basis, payment_hccs,
// payment_hcc_count, interactions, count_variable, raw_score, demographic_score, disease_score
// and terms to `out`.
void add_score_json(const ChartScore& s, Sex sex, nlohmann::json& out);

}  // namespace chartflow::hcc::chart
