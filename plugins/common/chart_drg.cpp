#include "chart_drg.hpp"

#include <cstdio>

namespace chartflow::delivery {
namespace {

using nlohmann::json;

std::string text_of(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int int_of(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

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
    if (!item.is_object() || text_of(item, "status") != "grouped") continue;
    const auto final = item.find("final");
    if (final == item.end() || !final->is_object() || int_of(*final, "drg") <= 0) continue;
    ChartDrg drg;
    drg.drg = int_of(*final, "drg");
    drg.title = text_of(*final, "title");
    drg.mdc = int_of(*final, "mdc");
    drg.mdc_title = text_of(*final, "mdc_title");
    drg.type = drg_type(text_of(*final, "med_surg"));
    drg.severity = text_of(*final, "severity");
    drg.return_code = text_of(*final, "return_code");
    drg.grouper_version = int_of(item, "grouper_version");
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
