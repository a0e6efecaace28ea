// The CMS-HCC V28 HCCs the hcc-v28 stage found in a record (its reimbursement.hcc item,
// docs/hcc.md), as the FHIR sink puts them on each diagnosis's Condition, and when it must not.
// Shared like chart_drg.cpp (compiled into each user).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace chartflow::delivery {

// One HCC a code gave, and what the chart's hierarchies made of it.
struct CodeHcc {
  int hcc = 0;
  std::string label;
  std::string status;  // kept, dropped_by_hierarchy, dropped_heart_rule (as the item writes it)
  int dropped_by = 0;  // the parent HCC, for dropped_by_hierarchy
};

struct ChartHccs {
  std::map<std::string, std::vector<CodeHcc>> by_code;  // code item id -> the HCCs it is evidence of
};

// The record's reimbursement.hcc item; nullopt when the record has none.
std::optional<ChartHccs> read_chart_hccs(const nlohmann::json& record);

// Why a sink must not send the HCCs ("" when it may): the hierarchies were applied over every code
// that gave an HCC, so a kept or dropped status holds only when all of those codes are delivered
// too (a held-back code without an HCC changes nothing).
std::string hcc_hold_reason(const ChartHccs& hccs, const std::set<std::string>& delivered_code_ids);

}  // namespace chartflow::delivery
