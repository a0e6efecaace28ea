// The record's fields as plugins name them in their manifests ("reads"/"writes").
#pragma once

#include "record.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace chartflow::record {

enum class FieldKind {
  source,    // "source": the input file's bytes (read-only, provided by the host)
  document,  // "document": the envelope (read-only, written by the host)
  view,      // "views.<name>": one text view
  items      // "sections", "mentions", ...: an array of annotations
};

struct Field {
  std::string name;         // as written in manifests
  FieldKind kind;
  std::string view_name;    // kind == view
  std::string item_schema;  // kind == items: built-in schema of one item
};

// Parses a manifest field name; nullopt when the name is not a field of the record.
std::optional<Field> parse_field(std::string_view name);

// The JSON of an items field (or the envelope) as a stage that reads it receives it.
nlohmann::json field_json(const Record& record, const Field& field);

}  // namespace chartflow::record
