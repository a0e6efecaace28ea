// JSON conversion of the typed record (nlohmann::json ADL hooks). Converting from JSON assumes
// the JSON already passed schema validation (schema_validator.hpp); it throws on missing members.
#pragma once

#include "record.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace chartflow::record {

using json = nlohmann::json;

#define CHARTFLOW_RECORD_JSON(Type)          \
  void to_json(json& j, const Type& value);  \
  void from_json(const json& j, Type& value);

CHARTFLOW_RECORD_JSON(Span)
CHARTFLOW_RECORD_JSON(Box)
CHARTFLOW_RECORD_JSON(Source)
CHARTFLOW_RECORD_JSON(Document)
CHARTFLOW_RECORD_JSON(PipelineInfo)
CHARTFLOW_RECORD_JSON(Producer)
CHARTFLOW_RECORD_JSON(TextView)
CHARTFLOW_RECORD_JSON(Page)
CHARTFLOW_RECORD_JSON(OcrWord)
CHARTFLOW_RECORD_JSON(Section)
CHARTFLOW_RECORD_JSON(Sentence)
CHARTFLOW_RECORD_JSON(Concept)
CHARTFLOW_RECORD_JSON(AssertionTrigger)
CHARTFLOW_RECORD_JSON(Assertion)
CHARTFLOW_RECORD_JSON(Mention)
CHARTFLOW_RECORD_JSON(Code)
CHARTFLOW_RECORD_JSON(AbstractedField)
CHARTFLOW_RECORD_JSON(Tumor)
CHARTFLOW_RECORD_JSON(Diagnostic)
CHARTFLOW_RECORD_JSON(Record)

#undef CHARTFLOW_RECORD_JSON

// Serialises a record; `indent` < 0 gives compact JSON.
std::string dump_record(const Record& record, int indent = -1);

}  // namespace chartflow::record
