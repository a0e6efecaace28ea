// Reading the drg-grouper stage's `reimbursement.drg` item (docs/drg-stage.md): the final MS-DRG
// of a grouped record, as the batch report's case mix and the delivery sinks read it.
// Header-only (nlohmann::json), like the rest of the SDK.
#pragma once

#include "json_fields.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::sdk {

struct DrgAssignment {
  int drg = 0;  // final MS-DRG, 1..999
  std::string title;
  int mdc = 0;  // its Major Diagnostic Category (0: Pre-MDC and the error DRGs)
  std::string mdc_title;
  std::string med_surg;     // the grouper's: MEDICAL, SURGICAL, NONE
  std::string severity;     // of the final DRG: MCC, CC, NON_CC, NONE
  std::string return_code;  // OK, or why there is no payable DRG (the error DRGs 998, 999)
  int grouper_version = 0;  // 430 or 431
  std::vector<std::string> code_ids;  // the code items on the grouped claim
  bool needs_review = false;
  // From the user's CMS Table 5, when the stage had one (its `table5` option).
  std::optional<double> relative_weight;
  std::optional<double> gmlos, amlos;  // geometric and arithmetic mean length of stay, days
  // Estimated base DRG payment in dollars (weight x the stage's base_rate, transfer-adjusted); absent
  // without a base rate, and for a transfer whose length of stay is unknown.
  std::optional<double> expected_payment;
};

// One item of the field: its final assignment when the record was grouped, else nullopt.
inline std::optional<DrgAssignment> read_drg_item(const nlohmann::json& item) {
  if (!item.is_object() || string_field(item, "status") != "grouped") return std::nullopt;
  const auto final = item.find("final");
  if (final == item.end() || !final->is_object() || int_field(*final, "drg") <= 0) return std::nullopt;
  DrgAssignment d;
  d.drg = int_field(*final, "drg");
  d.title = string_field(*final, "title");
  d.mdc = int_field(*final, "mdc");
  d.mdc_title = string_field(*final, "mdc_title");
  d.med_surg = string_field(*final, "med_surg");
  d.severity = string_field(*final, "severity");
  d.return_code = string_field(*final, "return_code");
  d.grouper_version = int_field(item, "grouper_version");
  if (const auto ids = item.find("code_ids"); ids != item.end() && ids->is_array())
    for (const auto& id : *ids)
      if (id.is_string()) d.code_ids.push_back(id.get<std::string>());
  d.needs_review = item.value("needs_review", false);
  const auto number = [&item](const char* key) -> std::optional<double> {
    const auto it = item.find(key);
    return it != item.end() && it->is_number() ? std::optional<double>(it->get<double>()) : std::nullopt;
  };
  d.relative_weight = number("relative_weight");
  d.gmlos = number("gmlos");
  d.amlos = number("amlos");
  d.expected_payment = number("expected_payment");
  return d;
}

// The field's first grouped item (one per record; the first if a pipeline ran the stage twice).
inline std::optional<DrgAssignment> read_drg_field(const nlohmann::json& items) {
  if (!items.is_array()) return std::nullopt;
  for (const auto& item : items)
    if (auto drg = read_drg_item(item)) return drg;
  return std::nullopt;
}

// "292", as CMS writes MS-DRGs (its tables, the UB-04); "05" for an MDC.
inline std::string drg_number(int drg) {
  char text[8];
  std::snprintf(text, sizeof(text), "%03d", drg % 1000);
  return text;
}
inline std::string mdc_number(int mdc) {
  char text[8];
  std::snprintf(text, sizeof(text), "%02d", mdc % 100);
  return text;
}

}  // namespace chartflow::sdk
