// Names of the grouper's enums, spelled as the CMS Java grouper prints them.
#include "grouper.hpp"

namespace chartflow::drg {

Poa poa_from_string(std::string_view text) {
  if (text.empty()) return Poa::blank;
  if (text.size() != 1) return Poa::invalid;
  switch (text[0]) {
    case 'Y': case 'y': return Poa::yes;
    case 'N': case 'n': return Poa::no;
    case 'U': case 'u': return Poa::unknown;
    case 'W': case 'w': return Poa::clinically_undetermined;
    case '1': return Poa::exempt_1;
    case ' ': return Poa::blank;
    default: return Poa::invalid;
  }
}

std::string_view to_string(Sex value) {
  switch (value) {
    case Sex::male: return "MALE";
    case Sex::female: return "FEMALE";
    case Sex::unknown: break;
  }
  return "UNKNOWN";
}

std::string_view to_string(HospitalStatus value) {
  switch (value) {
    case HospitalStatus::not_exempt: return "NOT_EXEMPT";
    case HospitalStatus::exempt: return "EXEMPT";
    case HospitalStatus::unknown: break;
  }
  return "UNKNOWN";
}

std::string_view to_string(Poa value) {
  switch (value) {
    case Poa::yes: return "Y";
    case Poa::no: return "N";
    case Poa::unknown: return "U";
    case Poa::clinically_undetermined: return "W";
    case Poa::exempt_1: return "1";
    case Poa::blank: return "";
    case Poa::invalid: break;
  }
  return "?";
}

std::string_view to_string(ReturnCode value) {
  switch (value) {
    case ReturnCode::ok: return "OK";
    case ReturnCode::invalid_pdx: return "INVALID_PDX";
    case ReturnCode::dx_cannot_be_pdx: return "DX_CANNOT_BE_PDX";
    case ReturnCode::invalid_sex: return "INVALID_SEX";
    case ReturnCode::invalid_discharge_status: return "INVALID_DISCHARGE_STATUS";
    case ReturnCode::ungroupable: return "UNGROUPABLE";
    case ReturnCode::hac_missing_one_poa: return "HAC_MISSING_ONE_POA";
    case ReturnCode::hac_status_invalid_mult_hacs_poa_not_y_w: return "HAC_STATUS_INVALID_MULT_HACS_POA_NOT_Y_W";
    case ReturnCode::hac_status_invalid_poa_n_or_u: return "HAC_STATUS_INVALID_POA_N_OR_U";
    case ReturnCode::hac_status_invalid_poa_invalid_or_1: return "HAC_STATUS_INVALID_POA_INVALID_OR_1";
    case ReturnCode::discharge_date_out_of_range: break;
  }
  return "DISCHARGE_DATE_OUT_OF_RANGE";
}

std::string_view to_string(MedSurg value) {
  switch (value) {
    case MedSurg::medical: return "MEDICAL";
    case MedSurg::surgical: return "SURGICAL";
    case MedSurg::none: break;
  }
  return "NONE";
}

std::string_view to_string(Severity value) {
  switch (value) {
    case Severity::non_cc: return "NON_CC";
    case Severity::cc: return "CC";
    case Severity::mcc: return "MCC";
    case Severity::none: break;
  }
  return "NONE";
}

std::string_view to_string(CodeSeverity value) {
  switch (value) {
    case CodeSeverity::cc: return "CC";
    case CodeSeverity::mcc: return "MCC";
    case CodeSeverity::cc_excluded: return "CC_EXCLUDED";
    case CodeSeverity::mcc_excluded: return "MCC_EXCLUDED";
    case CodeSeverity::cc_excluded_by_drg_logic: return "CC_EXCLUDED_BY_DRG_LOGIC";
    case CodeSeverity::mcc_excluded_by_drg_logic: return "MCC_EXCLUDED_BY_DRG_LOGIC";
    case CodeSeverity::neither: break;
  }
  return "NEITHER";
}

std::string_view to_string(AffectsDrg value) {
  switch (value) {
    case AffectsDrg::initial: return "INITIAL";
    case AffectsDrg::final: return "FINAL";
    case AffectsDrg::both: return "BOTH";
    case AffectsDrg::none: break;
  }
  return "NONE";
}

std::string_view to_string(PoaError value) {
  switch (value) {
    case PoaError::not_recognized: return "POA_NOT_RECOGNIZED";
    case PoaError::recognized_not_poa: return "POA_RECOGNIZED_NOT_POA";
    case PoaError::recognized_yes_poa: return "POA_RECOGNIZED_YES_POA";
    case PoaError::hospital_exempt: return "HOSPITAL_EXEMPT";
    case PoaError::not_checked: break;
  }
  return "POA_NOT_CHECKED";
}

std::string_view to_string(HacUsage value) {
  switch (value) {
    case HacUsage::criteria_met: return "HAC_CRITERIA_MET";
    case HacUsage::criteria_not_met: return "HAC_CRITERIA_NOT_MET";
    case HacUsage::not_applicable_exclusion: return "HAC_NOT_APPLICABLE_EXCLUSION";
    case HacUsage::not_applicable_exempt: return "HAC_NOT_APPLICABLE_EXEMPT";
    case HacUsage::not_on_hac_list: break;
  }
  return "NOT_ON_HAC_LIST";
}

std::string_view to_string(HacStatus value) {
  switch (value) {
    case HacStatus::final_drg_no_change: return "FINAL_DRG_NO_CHANGE";
    case HacStatus::final_drg_changes: return "FINAL_DRG_CHANGES";
    case HacStatus::final_drg_ungroupable: return "FINAL_DRG_UNGROUPABLE";
    case HacStatus::not_applicable: break;
  }
  return "NOT_APPLICABLE";
}

std::string_view to_string(ProcedureHac value) {
  switch (value) {
    case ProcedureHac::hac_08: return "HAC_08";
    case ProcedureHac::hac_10: return "HAC_10";
    case ProcedureHac::hac_11: return "HAC_11";
    case ProcedureHac::hac_12: return "HAC_12";
    case ProcedureHac::hac_13: return "HAC_13";
    case ProcedureHac::hac_14: break;
  }
  return "HAC_14";
}

}  // namespace chartflow::drg
