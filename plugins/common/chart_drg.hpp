// The MS-DRG the drg-grouper stage gave a record (its reimbursement.drg item, docs/drg-stage.md),
// as the delivery sinks send it, and when a sink must not send it. Shared by the FHIR and HL7 v2
// sinks (compiled into each, like chart_record.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace chartflow::delivery {

// The grouper's medical/surgical split of the final DRG (its med_surg; NONE for the error DRGs).
enum class DrgType { medical, surgical, none };

struct ChartDrg {
  int drg = 0;  // final MS-DRG, 1..999
  std::string title;
  int mdc = 0;  // its Major Diagnostic Category (0: Pre-MDC and the error DRGs)
  std::string mdc_title;
  DrgType type = DrgType::none;
  std::string severity;     // the grouper's CC/MCC level of the final DRG: MCC, CC, NON_CC, NONE
  std::string return_code;  // the grouper's: OK, or why there is no payable DRG
  int grouper_version = 0;  // 430 or 431
  std::vector<std::string> code_ids;  // the code items on the grouped claim
  bool needs_review = false;
};

// "292": MS-DRGs are written with three digits (CMS's tables, the UB-04).
std::string drg_code(int drg);
// "43.0" / "43.1": CMS's name of grouper version 430 / 431.
std::string grouper_version_name(int version);

// The record's grouped reimbursement.drg item with a final DRG; nullopt when the record has none
// (no such field, an outpatient record, or one the stage could not group).
std::optional<ChartDrg> read_chart_drg(const nlohmann::json& record);

// Why a sink must not send the DRG with the codes it delivers ("" when it may): a DRG travels
// only with the codes it was grouped from, so that the receiver never holds a DRG its codes do
// not support. Held back when the grouper gave no payable DRG, when the grouping needs a coder's
// review (unless `include_needs_review`, as for codes), or when a code on its claim is not among
// `delivered_code_ids`.
std::string drg_hold_reason(const ChartDrg& drg, const std::set<std::string>& delivered_code_ids, bool include_needs_review);

}  // namespace chartflow::delivery
