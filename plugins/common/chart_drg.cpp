#include "chart_drg.hpp"

#include <chartflow/drg_item.hpp>

namespace chartflow::delivery {
namespace {

using nlohmann::json;

DrgType drg_type(const std::string& med_surg) {
  if (med_surg == "MEDICAL") return DrgType::medical;
  if (med_surg == "SURGICAL") return DrgType::surgical;
  return DrgType::none;
}

}  // namespace

std::string drg_code(int drg) { return sdk::drg_number(drg); }

std::string grouper_version_name(int version) { return std::to_string(version / 10) + "." + std::to_string(version % 10); }

std::optional<ChartDrg> read_chart_drg(const json& record) {
  const auto field = record.find("reimbursement.drg");
  if (field == record.end()) return std::nullopt;
  const auto assignment = sdk::read_drg_field(*field);
  if (!assignment) return std::nullopt;
  ChartDrg drg;
  drg.drg = assignment->drg, drg.title = assignment->title;
  drg.mdc = assignment->mdc, drg.mdc_title = assignment->mdc_title;
  drg.type = drg_type(assignment->med_surg);
  drg.severity = assignment->severity, drg.return_code = assignment->return_code;
  drg.grouper_version = assignment->grouper_version;
  drg.code_ids = assignment->code_ids;
  drg.needs_review = assignment->needs_review;
  return drg;
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
