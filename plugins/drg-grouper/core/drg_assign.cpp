// DRG assignment: the Pre-MDC logic, then the principal diagnosis' MDC, following reroutes (multiple
// trauma, HIV, kidney transplant, OR procedures unrelated to the PDX); first matching row wins.
#include "claim_state.hpp"

namespace chartflow::drg::detail {

bool suppressed_by_row(const ClaimState& state, const DxState& dx, const DrgRow& row) {
  const GrouperTables& t = *state.tables;
  for (const AttrId* a = t.attr_begin(row.suppression); a != t.attr_end(row.suppression); ++a) {
    if (state.has_attr(dx, *a)) return true;
  }
  return false;
}

CcLevel row_severity(const ClaimState& state, const DrgRow& row, Stage stage) {
  CcLevel level = CcLevel::none;
  for (const DxState& dx : state.sdx) {
    if (dx.cc() <= level || dx.excluded || dx.death_excluded) continue;
    if (stage == Stage::final && dx.hac_met()) continue;
    if (row.suppression.count != 0 && suppressed_by_row(state, dx, row)) continue;
    level = dx.cc();
  }
  return level;
}

namespace {

ReturnCode return_code_of(RowControl control) {
  switch (control) {
    case RowControl::invalid_pdx: return ReturnCode::invalid_pdx;
    case RowControl::dx_cannot_be_pdx: return ReturnCode::dx_cannot_be_pdx;
    case RowControl::invalid_sex: return ReturnCode::invalid_sex;
    case RowControl::invalid_discharge_status: return ReturnCode::invalid_discharge_status;
    case RowControl::none:
    case RowControl::skip: break;
  }
  return ReturnCode::ok;
}

// The first row of `mdc` that matches (return-code rows included, marker rows skipped).
RowHit evaluate_mdc(const ClaimState& state, int mdc, Stage stage) {
  const GrouperTables& t = *state.tables;
  if (mdc < 0 || mdc >= kMaxMdc) return {};
  for (const std::uint32_t index : t.rows_by_mdc[static_cast<std::size_t>(mdc)]) {
    const DrgRow& row = t.drg_rows[index];
    if (row.control == RowControl::skip || !row.versions.covers(state.version)) continue;
    const CcLevel severity = row_severity(state, row, stage);
    if (row.formula.eval(EvalContext{state.atoms->view(), mdc, severity})) return RowHit{&row, mdc, severity};
  }
  return {};
}

// Follows up to two reroutes from `hit` (e.g. Pre-MDC -> MDC 24 -> MDC 29).
RowHit follow_reroutes(const ClaimState& state, RowHit hit, Stage stage) {
  for (int depth = 0; depth < 2 && hit.row != nullptr && hit.row->reroute_mdc != 0; ++depth) {
    const RowHit next = evaluate_mdc(state, hit.row->reroute_mdc, stage);
    if (next.row == nullptr) break;
    hit = next;
  }
  return hit;
}

StageResult error_result(ReturnCode code) {
  StageResult result;
  result.assignment.return_code = code;
  return result;
}

bool mccalive_with_invalid_status(const ClaimState& state) {
  if (state.status_valid) return false;
  for (const DxState& dx : state.sdx) {
    if (dx.rec != nullptr && (dx.rec->flags & dx_mccalive) != 0) return true;
  }
  return false;
}

void fill_assignment(StageResult& result, int mdc) {
  const DrgRow& row = *result.winner.row;
  DrgAssignment& a = result.assignment;
  a.mdc = mdc;
  a.drg = row.drg;
  a.base_drg = row.base_drg;
  a.med_surg = row.med_surg;
  a.return_code = ReturnCode::ok;
  // Rows outside the medical/surgical split (DRG 998) report no severity, as CMS does.
  a.severity = row.med_surg == MedSurg::none            ? Severity::none
               : result.winner.severity == CcLevel::mcc ? Severity::mcc
               : result.winner.severity == CcLevel::cc  ? Severity::cc
                                                        : Severity::non_cc;
}

}  // namespace

StageResult assign_drg(const ClaimState& state, Stage stage) {
  // An MCC-if-alive diagnosis cannot be judged without a valid discharge status.
  if (mccalive_with_invalid_status(state)) return error_result(ReturnCode::invalid_discharge_status);
  if (state.pdx.rec != nullptr && (state.pdx.rec->flags & dx_ecode) != 0) {
    return error_result(ReturnCode::dx_cannot_be_pdx);
  }
  StageResult result;
  int mdc = state.pdx_mdc;
  result.pre = evaluate_mdc(state, 0, stage);
  RowHit hit = result.pre;
  if (hit.row == nullptr) {
    hit = evaluate_mdc(state, state.pdx_mdc, stage);
  } else if (hit.row->reroute_mdc != 0) {
    mdc = hit.row->reroute_mdc;  // Pre-MDC reroutes (24, 25, 11) report the MDC rerouted to
  }
  if (hit.row != nullptr && hit.row->control != RowControl::none) return error_result(return_code_of(hit.row->control));
  hit = follow_reroutes(state, hit, stage);
  if (hit.row == nullptr) return error_result(ReturnCode::ungroupable);
  if (hit.row->control != RowControl::none) return error_result(return_code_of(hit.row->control));
  result.winner = hit;
  fill_assignment(result, mdc);
  return result;
}

}  // namespace chartflow::drg::detail
