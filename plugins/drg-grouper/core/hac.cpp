// Hospital-acquired conditions: a secondary diagnosis on a HAC list, not present on admission, whose HAC
// criteria hold, stops counting as a CC/MCC for the final DRG. Missing or invalid POA indicators on such
// diagnoses make the final DRG ungroupable (return codes HAC_*), as CMS does.
#include "claim_state.hpp"

namespace chartflow::drg::detail {

namespace {

bool poa_invalid(Poa poa) { return poa == Poa::blank || poa == Poa::exempt_1 || poa == Poa::invalid; }

PoaError poa_error_of(Poa poa) {
  if (poa_yes(poa)) return PoaError::recognized_yes_poa;
  if (poa == Poa::no || poa == Poa::unknown) return PoaError::recognized_not_poa;
  return PoaError::not_recognized;
}

bool hac_criteria_hold(const ClaimState& s, int number) {
  const HacFormula* hac = s.tables->hac_formula(number, s.version);
  return hac != nullptr && hac->formula.eval(EvalContext{s.atoms->view(), 0, CcLevel::none});
}

// The procedure-dependent HACs (8, 10-14) as ProcedureHac bits.
int procedure_hac_bit(int number) {
  switch (number) {
    case 8: return 0;
    case 10: return 1;
    case 11: return 2;
    case 12: return 3;
    case 13: return 4;
    case 14: return 5;
    default: return -1;
  }
}

struct HacScan {
  bool invalid_poa_on_claim = false;  // some evaluated HAC diagnosis has a blank/invalid POA
  bool hac6_off_show_list = false;    // a HAC 6 diagnosis that is not on the "show" list met its criteria
};

HacScan evaluate_hacs(ClaimState& s) {
  HacScan scan;
  for (DxState& dx : s.sdx) {
    for (int i = 0; i < dx.hac_count; ++i) {
      HacItem& hac = dx.hacs[i];
      dx.poa_error = poa_error_of(dx.poa);
      if (poa_yes(dx.poa)) {
        hac.usage = HacUsage::criteria_not_met;
        continue;
      }
      if (dx.excluded) {
        hac.usage = HacUsage::not_applicable_exclusion;
        continue;
      }
      hac.usage = hac_criteria_hold(s, hac.number) ? HacUsage::criteria_met : HacUsage::criteria_not_met;
      scan.invalid_poa_on_claim |= poa_invalid(dx.poa);
      if (hac.usage == HacUsage::criteria_met && hac.number == 6 && (dx.rec->flags & dx_hac06_show) == 0) {
        scan.hac6_off_show_list = true;
      }
    }
  }
  return scan;
}

// HAC 6 "show" codes only count when a HAC 6 code off the show list met the criteria too.
void apply_hac6_show_rule(ClaimState& s, const HacScan& scan) {
  if (scan.hac6_off_show_list) return;
  const AttrId show = s.tables->synthetic.hac06_show;
  for (DxState& dx : s.sdx) {
    for (int i = 0; i < dx.hac_count; ++i) {
      if (dx.hacs[i].list == show) dx.hacs[i].usage = HacUsage::criteria_not_met;
    }
  }
}

void mark_procedure_hacs(ClaimState& s) {
  for (const DxState& dx : s.sdx) {
    for (int i = 0; i < dx.hac_count; ++i) {
      const int bit = procedure_hac_bit(dx.hacs[i].number);
      if (bit < 0 || dx.hacs[i].usage != HacUsage::criteria_met) continue;
      for (ProcState& p : s.procs) {
        if (p.rec != nullptr && (p.rec->hac_procs >> bit & 1)) p.hac_usage |= static_cast<std::uint8_t>(1U << bit);
      }
    }
  }
}

// Not exempt: every HAC-met diagnosis needs a valid POA (Y, W, N or U).
ReturnCode not_exempt_return_code(const ClaimState& s, const HacScan& scan) {
  for (const DxState& dx : s.sdx) {
    for (int i = 0; i < dx.hac_count; ++i) {
      const HacItem& hac = dx.hacs[i];
      if (hac.usage != HacUsage::criteria_met) continue;
      if (hac.number == 6 && !scan.hac6_off_show_list) continue;
      if (poa_invalid(dx.poa) || (hac.number != 6 && scan.invalid_poa_on_claim)) return ReturnCode::hac_missing_one_poa;
    }
  }
  return ReturnCode::ok;
}

// POA reporting status unknown: a HAC-met diagnosis cannot be trusted. CMS reports "multiple" as soon as
// the claim has two secondary diagnoses, whatever their POA (checked on the CMS outputs).
ReturnCode unknown_status_return_code(const ClaimState& s) {
  for (const DxState& dx : s.sdx) {
    if (!dx.hac_met()) continue;
    if (s.sdx.size() >= 2) return ReturnCode::hac_status_invalid_mult_hacs_poa_not_y_w;
    if (dx.poa == Poa::no || dx.poa == Poa::unknown) return ReturnCode::hac_status_invalid_poa_n_or_u;
    return ReturnCode::hac_status_invalid_poa_invalid_or_1;
  }
  return ReturnCode::ok;
}

}  // namespace

ReturnCode process_hacs(ClaimState& s) {
  s.hacs_evaluated = true;
  if (s.hospital == HospitalStatus::exempt) {
    for (DxState& dx : s.sdx) {
      if (dx.hac_count == 0) continue;
      dx.poa_error = PoaError::hospital_exempt;
      for (int i = 0; i < dx.hac_count; ++i) dx.hacs[i].usage = HacUsage::not_applicable_exempt;
    }
    return ReturnCode::ok;
  }
  const HacScan scan = evaluate_hacs(s);
  apply_hac6_show_rule(s, scan);
  mark_procedure_hacs(s);
  return s.hospital == HospitalStatus::unknown ? unknown_status_return_code(s) : not_exempt_return_code(s, scan);
}

}  // namespace chartflow::drg::detail
