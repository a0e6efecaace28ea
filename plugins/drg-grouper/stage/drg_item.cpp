#include "drg_item.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace chartflow::drg::stage {
namespace {

using nlohmann::json;

json span_json(const TextSpan& s) { return {{"view", kView}, {"begin", s.begin}, {"end", s.end}}; }

const CodeRef& sdx_ref(const ClaimDraft& d, std::size_t i) { return *d.codes.sdx[i]; }

json code_ids(const ClaimDraft& d) {
  json ids = json::array();
  if (d.codes.pdx) ids.push_back(d.codes.pdx->id);
  for (const CodeRef* c : d.codes.sdx) ids.push_back(c->id);
  for (const CodeRef* c : d.codes.procedures) ids.push_back(c->id);
  return ids;
}

json assignment_json(const DrgAssignment& a, int version, const DrgCatalog& catalog) {
  return {{"drg", a.drg},
          {"title", catalog.drg_title(a.drg, version)},
          {"mdc", a.mdc},
          {"mdc_title", catalog.mdc_title(a.mdc, version)},
          {"med_surg", to_string(a.med_surg)},
          {"return_code", to_string(a.return_code)},
          {"severity", to_string(a.severity)}};
}

std::string_view sex_name(Sex sex) { return sex == Sex::female ? "female" : sex == Sex::male ? "male" : "unknown"; }

json claim_json(const ClaimDraft& d) {
  const Encounter& e = d.encounter;
  json sdx = json::array(), procedures = json::array();
  for (const auto& dx : d.claim.sdx) sdx.push_back(dx.code);
  for (const auto& p : d.claim.procedures) procedures.push_back(p);
  char status[8];
  std::snprintf(status, sizeof(status), "%02u", static_cast<unsigned>(e.discharge_status) % 100U);  // UB-04 writes two digits
  json claim = {{"pdx", d.claim.pdx.code},
                {"sdx", sdx},
                {"procedures", procedures},
                {"sex", sex_name(e.sex)},
                {"discharge_status", status},
                {"discharge_status_source", to_string(e.discharge_status_source)},
                {"discharge_date", e.discharge_date->iso()},
                {"discharge_date_source", to_string(e.discharge_date_source)}};
  if (e.discharge_status_evidence) claim["discharge_status_evidence"] = span_json(*e.discharge_status_evidence);
  if (e.age) claim["age"] = *e.age;
  if (e.admission_date) claim["admission_date"] = e.admission_date->iso();
  if (e.length_of_stay) claim["length_of_stay"] = *e.length_of_stay;
  return claim;
}

bool affects_final(AffectsDrg a) { return a == AffectsDrg::final || a == AffectsDrg::both; }

std::string lower_name(std::string_view cms_name) {
  std::string out(cms_name);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<int> hacs_met(const DiagnosisResult& dx) {
  std::vector<int> out;
  for (const HacEntry& h : dx.hacs)
    if (h.usage == HacUsage::criteria_met && h.number > 0) out.push_back(h.number);
  return out;
}

// The codes without which the final DRG would differ, and the part each played.
json drivers_json(const ClaimDraft& d, const GroupResult& r) {
  json out = json::array();
  const auto add = [&](const CodeRef& c, std::string_view role, std::string_view effect, AffectsDrg affects) {
    out.push_back({{"code_id", c.id}, {"code", c.code}, {"role", role}, {"effect", effect}, {"affects", lower_name(to_string(affects))}});
  };
  if (affects_final(r.pdx.affects_drg)) add(*d.codes.pdx, "principal_diagnosis", "principal_diagnosis", r.pdx.affects_drg);
  for (std::size_t i = 0; i < r.sdx.size() && i < d.codes.sdx.size(); ++i) {
    const DiagnosisResult& dx = r.sdx[i];
    if (!affects_final(dx.affects_drg)) continue;
    // As `chartflow drg group` names them: a hospital-acquired condition that changed the DRG,
    // a CC/MCC the severity counted, or a diagnosis the DRG's own logic tests for.
    const bool hac = !hacs_met(dx).empty() && r.hac_status == HacStatus::final_drg_changes;
    const std::string_view effect = hac                                   ? "hac"
                                    : dx.acted_as_final == Severity::mcc ? "mcc"
                                    : dx.acted_as_final == Severity::cc  ? "cc"
                                                                         : "diagnosis_logic";
    add(sdx_ref(d, i), "secondary_diagnosis", effect, dx.affects_drg);
  }
  for (std::size_t i = 0; i < r.procedures.size() && i < d.codes.procedures.size(); ++i) {
    const ProcedureResult& p = r.procedures[i];
    if (affects_final(p.affects_drg)) add(*d.codes.procedures[i], "procedure", p.is_or ? "or_procedure" : "non_or_procedure", p.affects_drg);
  }
  return out;
}

// Every secondary diagnosis the table rates CC or MCC, and what the grouper made of it.
json cc_mcc_json(const ClaimDraft& d, const GroupResult& r, const DrgCatalog& catalog) {
  json out = json::array();
  for (std::size_t i = 0; i < r.sdx.size() && i < d.codes.sdx.size(); ++i) {
    const DiagnosisResult& dx = r.sdx[i];
    const DxRow* row = catalog.find(dx.code, r.version);
    if (!row || row->level == DxLevel::non_cc) continue;
    json entry = {{"code_id", sdx_ref(d, i).id},
                  {"code", sdx_ref(d, i).code},
                  {"level", to_string(row->level)},
                  {"usage", to_string(dx.final_severity)},
                  {"counted", dx.acted_as_final != Severity::non_cc}};
    if (const auto hacs = hacs_met(dx); !hacs.empty()) entry["hac_numbers"] = hacs;
    out.push_back(std::move(entry));
  }
  return out;
}

json poa_json(const ClaimDraft& d) {
  json out = json::array();
  for (std::size_t i = 0; i < d.poa.size(); ++i) {
    const CodeRef& c = i == 0 ? *d.codes.pdx : sdx_ref(d, i - 1);
    json entry = {{"code_id", c.id}, {"code", c.code}, {"poa", to_string(d.poa[i].poa)}, {"basis", to_string(d.poa[i].basis)}};
    if (d.poa[i].evidence) entry["evidence"] = span_json(*d.poa[i].evidence);
    out.push_back(std::move(entry));
  }
  return out;
}

json edit_names(const MceCodeEdits& edits) {
  json out = json::array();
  for (const MceEdit e : edits) out.push_back(to_string(e));
  return out;
}

json mce_json(const ClaimDraft& d, const MceResult& m) {
  json code_edits = json::array();
  std::array<int, kMceEditCount> on_codes{};
  const auto add = [&](const CodeRef& c, const MceCodeEdits& edits) {
    if (edits.empty()) return;
    for (const MceEdit e : edits) ++on_codes[static_cast<std::size_t>(e)];
    code_edits.push_back({{"code_id", c.id}, {"code", c.code}, {"edits", edit_names(edits)}});
  };
  add(*d.codes.pdx, m.pdx);
  for (std::size_t i = 0; i < m.sdx.size() && i < d.codes.sdx.size(); ++i) add(sdx_ref(d, i), m.sdx[i]);
  for (std::size_t i = 0; i < m.procedures.size() && i < d.codes.procedures.size(); ++i) add(*d.codes.procedures[i], m.procedures[i]);
  // What the counts hold beyond the codes' own edits was raised on the claim (age, sex, status).
  json claim_edits = json::array();
  for (std::size_t e = 0; e < kMceEditCount; ++e)
    if (m.counts[e] > on_codes[e]) claim_edits.push_back(to_string(static_cast<MceEdit>(e)));
  return {{"edit_type", to_string(m.edit_type)}, {"claim_edits", claim_edits}, {"code_edits", code_edits}};
}

json what_if_json(const ClaimDraft& d, const std::vector<WhatIf>& hints, int version, const DrgCatalog& catalog) {
  json out = json::array();
  for (const WhatIf& w : hints) {
    const CodeRef& c = sdx_ref(d, w.sdx_index);
    json form = {{"code", w.specific_code}, {"severity", to_string(w.specific_level)}};
    if (!w.specific_title.empty()) form["title"] = w.specific_title;
    out.push_back({{"code_id", c.id},
                   {"code", c.code},
                   {"if_documented", form},
                   {"drg", w.drg},
                   {"drg_title", catalog.drg_title(w.drg, version)},
                   {"mdc", w.mdc},
                   {"severity", to_string(w.severity)},
                   {"hint", w.hint}});
  }
  return out;
}

json common_json(const DrgItemInput& in, const std::vector<std::string>& reasons, std::string_view status) {
  json item = {{"id", in.id}, {"status", status}, {"inpatient_basis", to_string(in.basis)}, {"code_ids", code_ids(*in.draft)}};
  if (in.inputs->document_type_id) item["document_type_id"] = *in.inputs->document_type_id;
  item["needs_review"] = !reasons.empty();
  item["review_reasons"] = reasons;
  return item;
}

}  // namespace

std::vector<std::string> outcome_review_reasons(const ClaimDraft& d, const GroupResult& r, const MceResult& m) {
  std::vector<std::string> out;
  if (r.final.return_code != ReturnCode::ok)
    out.push_back("the grouper returned " + std::string(to_string(r.final.return_code)) + ": no payable DRG (DRG " +
                  std::to_string(r.final.drg) + ")");
  if (r.hac_status == HacStatus::final_drg_changes)
    out.push_back("a hospital-acquired condition (POA N or U) lowered the DRG from " + std::to_string(r.initial.drg) + " to " +
                  std::to_string(r.final.drg));
  for (std::size_t i = 0; i < r.sdx.size() && i < d.codes.sdx.size(); ++i)
    if (const auto hacs = hacs_met(r.sdx[i]); !hacs.empty())
      out.push_back(d.codes.sdx[i]->code + " meets the criteria of hospital-acquired condition " + std::to_string(hacs.front()) +
                    ": confirm its POA indicator");
  if (m.edit_type != MceEditType::none) out.push_back("Medicare Code Editor: " + format_edit_counts(m));
  return out;
}

json drg_item(const DrgItemInput& in, const DrgCatalog& catalog) {
  const ClaimDraft& d = *in.draft;
  if (d.not_grouped || !in.result || !in.mce) {
    std::vector<std::string> reasons{d.not_grouped_reason};
    reasons.insert(reasons.end(), d.review_reasons.begin(), d.review_reasons.end());
    json item = common_json(in, reasons, "not_grouped");
    item["not_grouped_reason"] = to_string(d.not_grouped.value_or(NotGrouped::no_principal_diagnosis));
    item["reason"] = d.not_grouped_reason;
    return item;
  }
  const GroupResult& r = *in.result;
  std::vector<std::string> reasons = d.review_reasons;
  const auto outcome = outcome_review_reasons(d, r, *in.mce);
  reasons.insert(reasons.end(), outcome.begin(), outcome.end());
  const PaymentMembers payment = in.payment ? payment_members(*in.payment, r, d.encounter) : PaymentMembers{};
  reasons.insert(reasons.end(), payment.review_reasons.begin(), payment.review_reasons.end());
  json item = common_json(in, reasons, "grouped");
  item.update(payment.members);
  item["grouper_version"] = r.version;
  item["mce_version"] = in.mce->version;
  item["claim"] = claim_json(d);
  item["initial"] = assignment_json(r.initial, r.version, catalog);
  item["final"] = assignment_json(r.final, r.version, catalog);
  item["hac_status"] = to_string(r.hac_status);
  item["mce"] = mce_json(d, *in.mce);
  item["drivers"] = drivers_json(d, r);
  item["cc_mcc"] = cc_mcc_json(d, r, catalog);
  item["poa"] = poa_json(d);
  item["what_if"] = in.what_if ? what_if_json(d, *in.what_if, r.version, catalog) : json::array();
  return item;
}

}  // namespace chartflow::drg::stage
