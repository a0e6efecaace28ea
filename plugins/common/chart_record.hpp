// What a delivery sink needs from a finished record, read once from the record's JSON: the
// source file, the document type, the patient and encounter identity, and the codes with their
// evidence and verification status, and the MS-DRG when the record was grouped. Shared by the
// FHIR and HL7 v2 sinks (compiled into each).
#pragma once

#include "chart_drg.hpp"
#include "chart_hcc.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::delivery {

// How sure the chart is of a coded condition, from its mentions' assertions (FHIR's
// condition-ver-status): an uncertain mention coded under the inpatient rules is provisional.
enum class Verification { confirmed, provisional, refuted };
const char* verification_name(Verification v);

enum class CodeSystem { icd10cm, icd10pcs, hcpcs, other };

struct EvidenceSpan {
  std::string view;
  std::size_t begin = 0, end = 0;
  std::string text;  // the words as written, cut to kMaxEvidenceText bytes
};

struct ChartCode {
  std::string id;  // the code item's id in the record
  CodeSystem system = CodeSystem::other;
  std::string code, display, role;  // role: principal, first_listed, secondary, procedure, supply
  int sequence = 0;
  bool needs_review = false;
  bool partial = false;  // an incomplete ICD-10-PCS code: never delivered
  Verification verification = Verification::confirmed;
  std::vector<EvidenceSpan> evidence;
};

// The kinds of the identity stage's field (schemas/annotations/identity.schema.json).
enum class IdentityKind {
  mrn, account_number, encounter_number, other_identifier, patient_name, birth_date, sex, admission_date, discharge_date, attending
};

struct IdentityValue {
  IdentityKind kind = IdentityKind::other_identifier;
  std::string value;            // empty when the stage was told to write hashes only
  std::string identifier_type;  // HL7 table 0203 (MR, AN, VN, ...)
  bool conflict = false;
};

struct Producer {
  std::string plugin, version;
};

struct ChartRecord {
  std::string id;
  std::string source_name, source_sha256, media_type;
  std::uint64_t source_size = 0;
  std::string text;  // the normalized view ("" when the record has none)
  std::string document_type, loinc, loinc_display, setting;  // empty when no document-type stage ran
  std::string date_of_service;                               // YYYY-MM-DD stated in the chart, or ""
  std::vector<IdentityValue> identity;
  std::vector<ChartCode> codes;
  std::vector<Producer> producers;  // each plugin once, in pipeline order
  std::string pipeline_name;
  std::optional<ChartDrg> drg;  // the final MS-DRG when the drg-grouper stage grouped the record
  std::optional<ChartHccs> hccs;  // the CMS-HCCs when the hcc-v28 stage risk-adjusted the record

  // The first value of a kind (identity items are unique per kind and value).
  const IdentityValue* first(IdentityKind kind) const;
};

constexpr std::size_t kMaxEvidenceText = 200;

// Reads what the sinks use. Throws std::invalid_argument when the record lacks its envelope.
ChartRecord read_chart_record(const nlohmann::json& record);

// Why this record must not be delivered to an EHR yet (empty: it may be): no patient identifier,
// conflicting identity, identity written as hashes only. Says kinds, never values.
std::vector<std::string> delivery_blockers(const ChartRecord& chart);

// A record as a sink takes it: the chart when it may be sent, else why not ("held for review,
// nothing sent: ...", or why it is no chartflow record), one line for the delivery's reason.
struct Deliverable {
  std::optional<ChartRecord> chart;
  std::string refusal;
};
Deliverable read_deliverable(const nlohmann::json& record);

}  // namespace chartflow::delivery
