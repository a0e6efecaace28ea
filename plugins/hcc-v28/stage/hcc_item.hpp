// The one reimbursement.hcc item of a coded record, as plugin.json's item_schema describes it:
// the ICD-10-CM codes risk-adjusted and those left out, each code's HCCs, each HCC with its fate
// and the code items behind it, interactions, the count variable, and the score or why none, with
// the review reasons (codes and kinds of facts, never chart text).
#pragma once

#include "chart_inputs.hpp"
#include "risk_score.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace chartflow::hcc::stage {

struct HccItemInput {
  std::string id;
  const chart::ChartInputs* inputs = nullptr;
  const chart::ChartScore* score = nullptr;  // of inputs->diagnoses, evidence ids = code item ids
  Sex sex = Sex::Unknown;
  // The HCCs each left-out code would give (code item id -> HCCs), for the coder's attention.
  std::map<std::string, std::vector<int>> excluded_hccs;
  std::vector<std::string> review_reasons;  // found while reading the chart (identity problems)
};

nlohmann::json hcc_item(const HccItemInput& input, const Model& model);

}  // namespace chartflow::hcc::stage
