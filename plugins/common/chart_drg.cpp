#include "chart_drg.hpp"

#include <chartflow/json_fields.hpp>

#include <cstdio>

namespace chartflow::delivery {
namespace {

using nlohmann::json;

DrgType drg_type(const std::string& med_surg) {
  if (med_surg == "MEDICAL") return DrgType::medical;
  if (med_surg == "SURGICAL") return DrgType::surgical;
  return DrgType::none;
}

}  // namespace

std::string drg_code(int drg) {
  char text[8];
  std::snprintf(text, sizeof(text), "%03d", drg % 1000);
  return text;
}

std::string grouper_version_name(int version) { return std::to_string(version / 10) + "." + std::to_string(version % 10); }

std::optional<ChartDrg> read_chart_drg(const json& record) {
  const auto field = record.find("reimbursement.drg");
  if (field == record.end() || !field->is_array()) return std::nullopt;
  for (const json& item : *field) {  // one item per record; the first grouped one if a pipeline ran the stage twice
    if (!item.is_object() || sdk::string_field(item, "status") != "grouped") continue;
    const auto final = item.find("final");
    if (final == item.end() || !final->is_object() || sdk::int_field(*final, "drg") <= 0) continue;
    ChartDrg drg;
    drg.drg = sdk::int_field(*final, "drg");
    drg.title = sdk::string_field(*final, "title");
    drg.mdc = sdk::int_field(*final, "mdc");
    drg.mdc_title = sdk::string_field(*final, "mdc_title");
    drg.type = drg_type(sdk::string_field(*final, "med_surg"));
    drg.severity = sdk::string_field(*final, "severity");
    drg.return_code = sdk::string_field(*final, "return_code");
    drg.grouper_version = sdk::int_field(item, "grouper_version");
    if (const auto ids = item.find("code_ids"); ids != item.end() && ids->is_array())
      for (const json& id : *ids)
        if (id.is_string()) drg.code_ids.push_back(id.get<std::string>());
    drg.needs_review = item.value("needs_review", false);
    return drg;
  }
  return std::nullopt;
}

std::string drg_hold_reason(const ChartDrg& drg, const std::set<std::string>& delivered_code_ids, bool include_needs_review) {
  const std::string name = "MS-DRG " + drg_code(drg.drg);
  if (drg.return_code != "OK") return name + " not sent: the grouper returned " + drg.return_code + " (no payable DRG)";
  if (drg.needs_review && !include_needs_review) return name + " not sent: its grouping needs a coder's review";
  if (drg.code_ids.empty()) return name + " not sent: the record does not say which codes it was grouped from";
  for (const std::string& id : drg.code_ids)
    if (!delivered_code_ids.contains(id)) return name + " not sent: a code it was grouped from is held back";
  return {};
}

}  // namespace chartflow::delivery
