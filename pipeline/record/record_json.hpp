// JSON conversion of the typed record (nlohmann::json ADL hooks). Converting from JSON assumes
// the JSON already passed schema validation (schema_validator.hpp); it throws on missing members.
#pragma once

#include "record.hpp"
#include "schema_validator.hpp"

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

// Members of a record's envelope; every other member is an annotation field.
bool is_envelope_member(std::string_view key);

// The record without its annotation fields (and without its views when `with_views` is false).
json envelope_json(const Record& record, bool with_views = true);

// The envelope with each view's text left empty: what the host checks against the record schema
// before writing (a view's text was checked, as UTF-8, when it was added; copying it into a DOM
// to check it again would cost more than the check). The host validates it as a binary value
// (envelope_binary.cpp), built with no JSON tree; the JSON form is what that one is tested against.
json envelope_for_check(const Record& record);
binary::Writer envelope_for_check_binary(const Record& record);
// The record schema's errors in that envelope (none: the envelope is valid).
std::vector<SchemaError> envelope_errors(const Record& record);

// Serialises a record; `indent` < 0 gives compact JSON, spliced from the fields' text.
std::string dump_record(const Record& record, int indent = -1);

// A built-in annotation field's items as their typed mirror (Page, Mention, Code, ...), parsed
// from the record: for host code and tests, never on the per-document path.
template <class T>
std::vector<T> typed_items(const Record& record, std::string_view field);

// Adds items to a record as a stage would, without checks: for tests and tools that build
// records by hand.
template <class T>
void add_items(Record& record, std::string_view field, const std::vector<T>& items) {
  binary::Writer writer;
  for (const auto& item : items) {
    const json j = item;
    binary::write_json(writer, j);
    if (auto id = j.find("id"); id != j.end() && id->is_string()) record.item_ids.emplace(id->template get<std::string>(), std::string(field));
  }
  record.items[std::string(field)].append(writer.bytes(), writer.count());
}

}  // namespace chartflow::record
