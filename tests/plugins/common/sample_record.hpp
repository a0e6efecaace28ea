// A small finished record, as the default pipeline with the identity stage writes it, for the
// delivery sinks' tests: a discharge summary of a synthetic patient with two diagnoses (one from
// an uncertain mention), a procedure, and the header's identity.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace chartflow::testing {

inline const std::string kSampleText =
    "DISCHARGE SUMMARY\n"
    "PATIENT: Synthetic Patient 0001          MRN: 00-000-0001\n"
    "ADMISSION DATE: 03/02/2026               DISCHARGE DATE: 03/06/2026\n"
    "Acute on chronic systolic heart failure | possible pneumonia ^ & ~ \\ end\n";

// What the MS-DRG v43.0 grouper makes of the sample's codes (`chartflow drg group`: heart failure
// principal, J18.9 an MCC it does not exclude, the ventilation a non-O.R. procedure).
inline constexpr int kSampleDrg = 291;
inline constexpr const char* kSampleDrgTitle = "Heart Failure and Shock with MCC";

inline nlohmann::json sample_record() {
  using nlohmann::json;
  const auto at = [](const std::string& words) { return kSampleText.find(words); };
  const std::size_t hf = at("Acute on chronic systolic heart failure"), pna = at("pneumonia");
  return json{
      {"schema_version", "1.0"},
      {"document", {{"id", "doc-0123456789abcdef"}, {"media_type", "text/plain"},
                    {"source", {{"name", "discharge.txt"}, {"sha256", std::string(64, 'a')}, {"size_bytes", kSampleText.size()}}}}},
      {"pipeline", {{"name", "default"}}},
      {"producers", json::array({{{"plugin", "text-reader"}, {"stage", "read"}, {"version", "1.0.0"}},
                                 {{"plugin", "clinical-coding"}, {"stage", "coding"}, {"version", "0.1.0"}}})},
      {"views", json::array({{{"name", "normalized"}, {"text", kSampleText}}})},
      {"document_types", json::array({{{"id", "dt1"}, {"type", "discharge_summary"}, {"loinc", "18842-5"}, {"display", "Discharge summary"},
                                       {"setting", "inpatient"}}})},
      {"identity", json::array({{{"id", "pi1"}, {"kind", "patient_name"}, {"value", "Synthetic Patient 0001"}},
                                {{"id", "pi2"}, {"kind", "mrn"}, {"value", "00-000-0001"}, {"identifier_type", "MR"}},
                                {{"id", "pi3"}, {"kind", "admission_date"}, {"value", "2026-03-02"}},
                                {{"id", "pi4"}, {"kind", "discharge_date"}, {"value", "2026-03-06"}}})},
      {"mentions", json::array({{{"id", "m1"}, {"assertion", {{"status", "affirmed"}}}}, {{"id", "m2"}, {"assertion", {{"status", "uncertain"}}}}})},
      {"codes", json::array({
                    {{"id", "c1"}, {"system", "ICD-10-CM"}, {"code", "I50.23"}, {"display", "Acute on chronic systolic (congestive) heart failure"},
                     {"role", "principal"}, {"sequence", 1}, {"mention_ids", {"m1"}},
                     {"evidence", json::array({{{"view", "normalized"}, {"begin", hf}, {"end", hf + 39}}})}},
                    {{"id", "c2"}, {"system", "ICD-10-CM"}, {"code", "J18.9"}, {"display", "Pneumonia, unspecified organism"},
                     {"role", "secondary"}, {"sequence", 2}, {"mention_ids", {"m2"}},
                     {"evidence", json::array({{{"view", "normalized"}, {"begin", pna}, {"end", pna + 9}}})}},
                    {{"id", "c3"}, {"system", "ICD-10-PCS"}, {"code", "5A1955Z"}, {"display", "Respiratory Ventilation, Greater than 96 Consecutive Hours"},
                     {"role", "procedure"}, {"sequence", 1}},
                    {{"id", "c4"}, {"system", "ICD-10-CM"}, {"code", "R06.02"}, {"display", "Shortness of breath"}, {"role", "secondary"},
                     {"needs_review", true}},
                })}};
}

// The reimbursement.drg item the drg-grouper stage gives the sample (docs/drg-stage.md), trimmed
// to what the sinks and the batch report read: grouped from c1-c3 (c4 needs review and is left
// off the claim here), no review reasons.
inline nlohmann::json sample_drg_item() {
  using nlohmann::json;
  const json final = {{"drg", kSampleDrg}, {"title", kSampleDrgTitle}, {"mdc", 5}, {"mdc_title", "Diseases and Disorders of the Circulatory System"},
                      {"med_surg", "MEDICAL"}, {"return_code", "OK"}, {"severity", "MCC"}};
  return {{"id", "drg-1"}, {"status", "grouped"}, {"inpatient_basis", "discharge_summary"}, {"document_type_id", "dt1"},
          {"code_ids", {"c1", "c2", "c3"}}, {"grouper_version", 430}, {"mce_version", 431},
          {"initial", final}, {"final", final}, {"hac_status", "NOT_APPLICABLE"},
          {"needs_review", false}, {"review_reasons", json::array()}, {"producer", "drg"}};
}

inline nlohmann::json sample_record_with_drg() {
  auto record = sample_record();
  record["reimbursement.drg"] = nlohmann::json::array({sample_drg_item()});
  return record;
}

// The reimbursement.hcc item the hcc-v28 stage gives the sample (docs/hcc.md), trimmed to what the
// sinks read: I50.23 (c1) gives HCC 224; J18.9 is left out (its mention is uncertain); R06.02
// gives no HCC. No birth date or sex on the chart: listed, not scored.
inline nlohmann::json sample_hcc_item() {
  using nlohmann::json;
  return {{"id", "hcc-1"}, {"model", "CMS-HCC V28"}, {"setting", "inpatient"}, {"code_ids", {"c1", "c4", "c2"}},
          {"date_of_service", "2026-03-06"}, {"date_of_service_source", "discharge_date"},
          {"diagnoses", json::array({{{"code_id", "c1"}, {"code", "I50.23"}, {"status", "mapped"}, {"hccs", {224}}},
                                     {{"code_id", "c4"}, {"code", "R06.02"}, {"status", "no_hcc"}, {"hccs", json::array()}}})},
          {"excluded", json::array({{{"code_id", "c2"}, {"code", "J18.9"}, {"reason", "not_affirmed"}}})},
          {"hccs", json::array({{{"hcc", 224}, {"label", "Acute on Chronic Heart Failure"}, {"status", "kept"},
                                 {"evidence", json::array({{{"code_id", "c1"}, {"code", "I5023"}}})}}})},
          {"status", "not_scored"}, {"not_scored_reason", "no_birth_date"}, {"reason", "no score: no readable birth date is stated, so the age is unknown"},
          {"sex", "unknown"}, {"payment_hccs", {224}}, {"payment_hcc_count", 1},
          {"needs_review", true}, {"review_reasons", {"no score: no readable birth date is stated, so the age is unknown"}}, {"producer", "hcc"}};
}

inline nlohmann::json sample_record_with_hcc() {
  auto record = sample_record();
  record["reimbursement.hcc"] = nlohmann::json::array({sample_hcc_item()});
  return record;
}

}  // namespace chartflow::testing
