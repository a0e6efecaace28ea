// What the export needs from one record: its document id and source name, and each tumour the
// registry stage found in it, with the fields it abstracted and a quote around its evidence.
// Taken from the record's JSON (sinks get records as JSON, not the host's typed structs).
#pragma once

#include <chartflow/sdk.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::naaccr {

struct ReportedField {
  std::optional<std::string> value;
  double confidence = 0;
  bool needs_review = false;
};

struct TumorReport {
  std::string id;
  std::string status;  // reportable | not_reportable | needs_review
  std::vector<std::string> reasons;
  std::map<std::string, ReportedField> fields;  // NAACCR item id -> what the report says
  std::string evidence;  // the text around the first evidence span (for the case list only)
  // The field's value, or "" when the report gives none.
  std::string value(const std::string& field) const;
};

struct RecordReports {
  std::string document_id;
  std::string source_name;
  // Patient-level NAACCR items from the identity stage (dateOfBirth, sexAssignedAtBirth), only
  // when the chart states them once, without conflict.
  std::map<std::string, std::string> patient_items;
  std::vector<TumorReport> tumors;
};

// Throws std::invalid_argument (naming keys, never quoting text) when the record lacks its
// document id, and nlohmann::json exceptions when a member has the wrong type.
RecordReports read_record(const sdk::json& record);

}  // namespace chartflow::naaccr
