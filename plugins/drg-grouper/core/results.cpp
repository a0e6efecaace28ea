// Turns the claim state into the public GroupResult: per code severity usage, POA errors, HAC lists and
// affects-DRG flags, and the claim-level HAC summary.
#include <algorithm>
#include <bit>

#include "claim_state.hpp"
#include "results.hpp"

namespace chartflow::drg::detail {

namespace {

// How a stage's DRG logic (`row`, null when no DRG was assigned) used a secondary diagnosis' CC/MCC level:
// PDX exclusions first, then the row's own severity suppression, then (final stage) HACs.
CodeSeverity code_severity(const ClaimState& s, const DxState& dx, const DrgRow* row, Stage stage) {
  const CcLevel level = dx.cc();
  if (row == nullptr || level == CcLevel::none) return CodeSeverity::neither;
  const bool mcc = level == CcLevel::mcc;
  // An MCC that only counts for live discharges is simply not a CC/MCC when the patient died.
  if (dx.death_excluded) return CodeSeverity::neither;
  if (dx.excluded) return mcc ? CodeSeverity::mcc_excluded : CodeSeverity::cc_excluded;
  if (suppressed_by_row(s, dx, *row)) {
    return mcc ? CodeSeverity::mcc_excluded_by_drg_logic : CodeSeverity::cc_excluded_by_drg_logic;
  }
  if (stage == Stage::final && dx.hac_met()) return CodeSeverity::neither;
  return mcc ? CodeSeverity::mcc : CodeSeverity::cc;
}

Severity acted_as(CodeSeverity usage) {
  return usage == CodeSeverity::mcc ? Severity::mcc : usage == CodeSeverity::cc ? Severity::cc : Severity::non_cc;
}

// The HAC lists as CMS reports them: a met list once per HAC (HAC 6 once), a Y/W diagnosis as one
// "0: not met", exempt or non-applying lists with number 0.
std::vector<HacEntry> hac_entries(const DxState& dx) {
  std::vector<HacEntry> out;
  bool any = false, six = false;
  for (int i = 0; i < dx.hac_count; ++i) {
    const HacItem& hac = dx.hacs[i];
    if (hac.usage == HacUsage::criteria_met && !poa_yes(dx.poa)) {
      any = true;
      if (hac.number == 6 && six) continue;
      six |= hac.number == 6;
      out.push_back({hac.number, hac.usage});
    } else if (hac.usage == HacUsage::criteria_not_met && poa_yes(dx.poa)) {
      out.push_back({0, hac.usage});
      any = true;
      break;
    } else if (hac.usage == HacUsage::not_applicable_exclusion) {
      out.push_back({hac.number, hac.usage});
      any = true;
    } else if (hac.usage == HacUsage::not_applicable_exempt) {
      out.push_back({0, hac.usage});
      any = true;
    }
  }
  if (!any) {
    for (int i = 0; i < dx.hac_count; ++i) out.push_back({0, dx.hacs[i].usage});
  }
  return out;
}

DiagnosisResult diagnosis_result(const DxState& dx, std::string_view raw) {
  DiagnosisResult r;
  r.code = dx.code == kNoCode ? std::string(raw) : unpack_code(dx.code);
  r.poa = dx.poa;
  r.recognized = dx.rec != nullptr;
  r.affects_drg = dx.impact;
  r.poa_error = dx.poa_error;
  return r;
}

}  // namespace

void fill_code_results(const Claim& claim, const ClaimState& s, const StageResult& initial, const StageResult& final,
                       GroupResult& out) {
  out.pdx = diagnosis_result(s.pdx, claim.pdx.code);
  // A final DRG made ungroupable by HACs still reports how the (initial) DRG logic used each code.
  const DrgRow* initial_row = initial.grouped() ? initial.winner.row : nullptr;
  const DrgRow* final_row = final.grouped() ? final.winner.row : initial_row;
  out.sdx.resize(s.sdx.size());
  for (const DxState& dx : s.sdx) {
    DiagnosisResult& r = out.sdx[dx.input_index];
    r = diagnosis_result(dx, claim.sdx[dx.input_index].code);
    r.initial_severity = code_severity(s, dx, initial_row, Stage::initial);
    r.final_severity = code_severity(s, dx, final_row, Stage::final);
    if (s.hacs_evaluated) r.hacs = hac_entries(dx);
    r.acted_as_initial = acted_as(r.initial_severity);
    r.acted_as_final = final.grouped() ? acted_as(r.final_severity) : Severity::non_cc;
  }
  out.procedures.resize(s.procs.size());
  for (const ProcState& p : s.procs) {
    ProcedureResult& r = out.procedures[p.input_index];
    r.code = p.code == kNoCode ? claim.procedures[p.input_index] : unpack_code(p.code);
    r.recognized = p.rec != nullptr;
    r.is_or = p.rec != nullptr && p.rec->is_or;
    r.affects_drg = p.impact;
    for (int bit = 0; bit < 6; ++bit) {
      if (p.hac_usage >> bit & 1) r.hac_usage.push_back(static_cast<ProcedureHac>(bit));
    }
  }
}

// The CC/MCC level the final DRG's formula actually relied on (an MCC or CC atom that made it true).
Severity used_severity(const ClaimState& s, const StageResult& final) {
  if (!final.grouped()) return Severity::non_cc;
  std::vector<MatchedAtom> matched;
  final.winner.row->formula.collect(EvalContext{s.atoms->view(), final.winner.mdc, final.winner.severity}, matched);
  for (const MatchedAtom& atom : matched) {
    if (atom.op == NodeOp::mcc) return Severity::mcc;
    if (atom.op == NodeOp::cc) return Severity::cc;
  }
  return Severity::non_cc;
}

void fill_claim_flags(const ClaimState& s, const StageResult& final, ReturnCode hac_return, GroupResult& out) {
  std::uint32_t met = 0;
  for (const DxState& dx : s.sdx) {
    for (int i = 0; i < dx.hac_count; ++i) {
      if (dx.hacs[i].usage == HacUsage::criteria_met) met |= 1U << dx.hacs[i].number;
    }
  }
  out.final_drg_sdx_severity = used_severity(s, final);
  out.num_hac_categories = std::popcount(met);
  if (hac_return != ReturnCode::ok) {
    out.hac_status = HacStatus::final_drg_ungroupable;
  } else if (met == 0) {
    out.hac_status = HacStatus::not_applicable;
  } else {
    out.hac_status = out.final.drg == out.initial.drg ? HacStatus::final_drg_no_change : HacStatus::final_drg_changes;
  }
}

}  // namespace chartflow::drg::detail
