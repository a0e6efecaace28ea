#include "claim_builder.hpp"

#include <algorithm>
#include <cctype>

namespace chartflow::drg::stage {
namespace {

// A UB-04 / 837I claim carries the principal diagnosis and 24 others, and 25 procedures.
constexpr std::size_t kMaxSecondary = 24;
constexpr std::size_t kMaxProcedures = 25;
// A stay the MCE takes as long enough for every procedure: with no admission date the length of
// stay is unknown, and the MCE's one stay check (procedures that need 5+ days) is not made, as
// `chartflow drg group` does for a claim without one.
constexpr int kUnknownStay = 9999;

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

void add_diagnosis(ClaimCodes& out, const CodeRef& c, std::vector<std::string>& seen) {
  const std::string code = claim_code(c.code);
  if (std::find(seen.begin(), seen.end(), code) != seen.end()) return;  // one code, one claim line
  if (c.role == CodeRole::principal && !out.pdx) {
    out.pdx = &c;
  } else if (out.sdx.size() == kMaxSecondary) {
    out.review_reasons.push_back("more than 24 secondary diagnoses: " + c.code + " and later ones do not fit the claim");
    return;
  } else {
    if (c.role == CodeRole::principal) out.review_reasons.push_back("more than one principal diagnosis: " + c.code + " grouped as secondary");
    out.outpatient_sequenced = out.outpatient_sequenced || c.role == CodeRole::first_listed;
    out.sdx.push_back(&c);
  }
  seen.push_back(code);
}

void add_procedure(ClaimCodes& out, const CodeRef& c) {
  // A partial code is a placeholder for axes the text does not give: not a billable code.
  if (c.partial) out.review_reasons.push_back("ICD-10-PCS " + c.code + " is partial (the text does not give every axis): left out of grouping");
  else if (out.procedures.size() == kMaxProcedures) out.review_reasons.push_back("more than 25 procedures: " + c.code + " does not fit the claim");
  else out.procedures.push_back(&c);
}

std::string no_principal_reason(const ClaimCodes& codes) {
  if (codes.outpatient_sequenced)
    return "no principal diagnosis: the codes were sequenced under the outpatient rules (first-listed); code the record with "
           "clinical-coding's inpatient or auto policy";
  return "no principal diagnosis: no ICD-10-CM code of the record has the role principal";
}

// Each diagnosis's POA, and one review reason per kind of gap (a chart rarely states POA for
// every chronic condition: one line names them all). Exempt codes need no review.
void decide_poas(const RecordInputs& in, const PoaExemptCodes& exempt, ClaimDraft& d) {
  d.poa.push_back(decide_poa(in, *d.codes.pdx, true, exempt));
  for (const CodeRef* c : d.codes.sdx) d.poa.push_back(decide_poa(in, *c, false, exempt));
  std::vector<std::string> undocumented, conflicting;
  for (std::size_t i = 0; i < d.poa.size(); ++i) {
    const std::string& code = (i == 0 ? d.codes.pdx : d.codes.sdx[i - 1])->code;
    if (d.poa[i].basis == PoaBasis::conflicting) conflicting.push_back(code);
    if (d.poa[i].basis != PoaBasis::not_documented) continue;
    if (i == 0) d.review_reasons.push_back("POA not documented for the principal diagnosis " + code +
                                           ": the chart does not say the patient was admitted with or for it; reported U");
    else undocumented.push_back(code);
  }
  if (!undocumented.empty()) d.review_reasons.push_back("POA not documented for " + join(undocumented) + ": reported U");
  if (!conflicting.empty()) d.review_reasons.push_back("POA documentation conflicts for " + join(conflicting) + ": reported U");
}

void fill_claims(ClaimDraft& d) {
  const Encounter& e = d.encounter;
  Claim& c = d.claim;
  c.discharge_date = e.discharge_date->yyyymmdd();
  c.age = e.age.value_or(0);
  c.sex = e.sex;
  c.discharge_status = e.discharge_status;
  c.pdx = {claim_code(d.codes.pdx->code), d.poa[0].poa};
  for (std::size_t i = 0; i < d.codes.sdx.size(); ++i) c.sdx.push_back({claim_code(d.codes.sdx[i]->code), d.poa[i + 1].poa});
  for (const CodeRef* p : d.codes.procedures) c.procedures.push_back(claim_code(p->code));

  MceClaim& m = d.mce;
  m.discharge_date = c.discharge_date;
  m.age = e.age.value_or(-1);  // unknown: the MCE says INVALID_AGE rather than judge age conflicts on a guess
  m.sex = e.sex == Sex::male ? MceSex::male : e.sex == Sex::female ? MceSex::female : MceSex::unknown;
  m.discharge_status = e.discharge_status;
  m.length_of_stay = e.length_of_stay.value_or(kUnknownStay);
  m.pdx = c.pdx.code;
  for (const auto& dx : c.sdx) m.sdx.push_back(dx.code);
  m.procedures = c.procedures;
}

}  // namespace

std::string_view to_string(NotGrouped reason) {
  switch (reason) {
    case NotGrouped::no_principal_diagnosis: return "no_principal_diagnosis";
    case NotGrouped::no_discharge_date: return "no_discharge_date";
    case NotGrouped::discharge_date_out_of_range: break;
  }
  return "discharge_date_out_of_range";
}

std::string claim_code(std::string_view code) {
  std::string out;
  for (const char c : code)
    if (c != '.' && c != ' ') out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

ClaimCodes select_codes(const RecordInputs& in) {
  ClaimCodes out;
  std::vector<std::string> seen;
  // The principal diagnosis first, wherever the record lists it, so a repeat of it is the one left out.
  for (const CodeRef& c : in.codes)
    if (!c.rejected && c.system == CodeSystem::icd10cm && c.role == CodeRole::principal) {
      add_diagnosis(out, c, seen);
      break;
    }
  for (const CodeRef& c : in.codes) {
    if (c.rejected || &c == out.pdx) continue;
    if (c.system == CodeSystem::icd10cm) add_diagnosis(out, c, seen);
    else if (c.system == CodeSystem::icd10pcs) add_procedure(out, c);
  }
  return out;
}

ClaimDraft draft_claim(const RecordInputs& in, const PoaExemptCodes& exempt, const std::optional<AssumedDischargeDate>& assumed) {
  ClaimDraft d;
  d.codes = select_codes(in);
  d.review_reasons = d.codes.review_reasons;
  if (!d.codes.pdx) {
    d.not_grouped = NotGrouped::no_principal_diagnosis;
    d.not_grouped_reason = no_principal_reason(d.codes);
    return d;
  }
  d.encounter = read_encounter(in, assumed);
  if (!d.encounter.discharge_date) {
    d.not_grouped = NotGrouped::no_discharge_date;
    d.not_grouped_reason = "no discharge date: the identity stage found no labelled discharge date, the chart labels no date of service "
                           "and no assumed_discharge_date is configured, so no MS-DRG version applies";
    return d;
  }
  if (grouper_version_for(d.encounter.discharge_date->yyyymmdd()) == 0) {
    d.not_grouped = NotGrouped::discharge_date_out_of_range;
    d.not_grouped_reason = "the discharge date is outside MS-DRG v43 (discharges from 2025-10-01 to 2026-09-30)";
    return d;
  }
  d.review_reasons.insert(d.review_reasons.end(), d.encounter.review_reasons.begin(), d.encounter.review_reasons.end());
  decide_poas(in, exempt, d);
  fill_claims(d);
  return d;
}

}  // namespace chartflow::drg::stage
