#include "chart_hcc.hpp"

namespace chartflow::delivery {

using nlohmann::json;

std::optional<ChartHccs> read_chart_hccs(const json& record) {
  const auto field = record.find("reimbursement.hcc");
  if (field == record.end() || !field->is_array() || field->empty() || !field->front().is_object()) return std::nullopt;
  const json& item = field->front();
  ChartHccs out;
  for (const json& h : item.value("hccs", json::array())) {
    if (!h.is_object()) continue;
    const CodeHcc hcc{h.value("hcc", 0), h.value("label", ""), h.value("status", ""), h.value("dropped_by", 0)};
    for (const json& e : h.value("evidence", json::array()))
      if (e.is_object()) out.by_code[e.value("code_id", "")].push_back(hcc);
  }
  return out;
}

std::string hcc_hold_reason(const ChartHccs& hccs, const std::set<std::string>& delivered_code_ids) {
  for (const auto& [id, hcc] : hccs.by_code)
    if (!delivered_code_ids.contains(id)) return "CMS-HCCs not sent: a code they were derived from is held back";
  return {};
}

}  // namespace chartflow::delivery
