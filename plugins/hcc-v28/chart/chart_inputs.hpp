// What CMS-HCC risk adjustment takes from one coded record (docs/hcc.md, "The pipeline stage"):
// the ICD-10-CM codes that count (affirmed, current, not rejected by a coder) and those left out
// with why, the date of service, the setting, and the patient's birth date, sex and identifier as
// the identity stage read them. Read from the record's fields as JSON, so the hcc stage (from the
// host's items) and `chartflow hcc patient-year` (from record files) choose codes the same way.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::hcc::chart {

// Why an ICD-10-CM code item of the record is not risk-adjusted.
enum class Exclusion {
  rejected_in_review,  // a coder rejected it in the review workstation (attributes.review)
  not_affirmed,        // its mentions are only negated, uncertain, hypothetical or about a relative
  historical,          // its mentions are only past history: not documented as a current condition
  duplicate,           // the same code again (the first item carries it)
};
std::string_view to_string(Exclusion reason);

struct CodeItem {
  std::string id;    // the code item's id in the record
  std::string code;  // as coded, e.g. "E11.9"
};

struct ExcludedCode {
  CodeItem item;
  Exclusion reason = Exclusion::not_affirmed;
};

// Where the date of service came from, in order of preference.
enum class ServiceDateSource { discharge_date, date_of_service, admission_date, none };
std::string_view to_string(ServiceDateSource source);

// A value of the identity stage: absent when not stated, unusable when the stage wrote hashes
// only (`hashed`) or the chart states two values of the kind (`conflict`).
struct IdentityFact {
  std::optional<std::string> value;
  std::string sha256;  // the identity stage's value_sha256 ("" when absent)
  bool hashed = false;
  bool conflict = false;
  bool stated() const { return value.has_value() || hashed; }
};

struct ChartInputs {
  std::vector<CodeItem> diagnoses;     // the ICD-10-CM codes that count, in record order
  std::vector<ExcludedCode> excluded;  // the other ICD-10-CM codes, with why
  std::string setting;                 // the document-type stage's "inpatient" / "outpatient", or ""
  std::string document_type;           // its type ("office", "discharge_summary"...), or ""
  std::string document_type_id;        // its item id, or ""
  std::optional<std::string> date_of_service;  // YYYY-MM-DD
  ServiceDateSource date_source = ServiceDateSource::none;
  IdentityFact birth_date, sex, mrn;

  // Every ICD-10-CM code item looked at: the counted ones, then those left out.
  std::vector<std::string> code_ids() const;
};

// The record's fields, each a JSON array of items (an absent field is an empty array).
struct RecordFields {
  const nlohmann::json& codes;
  const nlohmann::json& mentions;
  const nlohmann::json& identity;
  const nlohmann::json& document_types;
  std::string_view text;  // the normalized view, for a labelled date of service
};

ChartInputs read_chart_inputs(const RecordFields& fields);

}  // namespace chartflow::hcc::chart
