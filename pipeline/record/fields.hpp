// The record's fields as plugins name them in their manifests ("reads"/"writes"), and the
// registry of annotation fields: the built-in ones, declared by schemas/record.schema.json
// (properties marked "x-chartflow-field": "items"), and namespaced ones that plugins declare in
// their manifests ("fields"). Nothing here lists a field in C++: the record's types are data.
#pragma once

#include "schema_validator.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::record {

enum class FieldKind {
  source,    // "source": the input file's bytes (read-only, provided by the host)
  document,  // "document": the envelope (read-only, written by the host)
  view,      // "views.<name>": one text view
  items      // "sections", "ext.medications", ...: an array of annotations
};

struct Field {
  std::string name;  // as written in manifests
  FieldKind kind;
  std::string view_name;  // kind == view
};

// Parses a manifest field name by its syntax alone; nullopt when it cannot name a field. Whether
// an items field exists is the registry's business.
std::optional<Field> parse_field(std::string_view name);

// True for a namespaced field name a plugin may declare: "<vendor>.<name>", e.g. "ext.medications".
bool is_namespaced_field_name(std::string_view name);

// One annotation field: its name, the schema of one item and who declared it.
struct FieldSpec {
  std::string name;
  std::string local_name;   // the part after the namespace ("medications"); references use it
  std::string declared_by;  // "record schema" or the plugin's name
  std::string description;
  nlohmann::json item_schema;
  std::shared_ptr<const CompiledSchema> schema;  // compiled once
};

class FieldError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class FieldRegistry {
 public:
  // The built-in fields of schemas/record.schema.json, compiled once; shared and immutable.
  static const FieldRegistry& builtin();

  // Adds the fields `plugin` declares (its manifest's "fields" object). Throws FieldError with
  // one line naming the plugin and the field when a name clashes with a built-in field or another
  // plugin's, or when an item schema is not valid JSON Schema.
  void declare(const std::string& plugin, const nlohmann::json& fields);

  const FieldSpec* find(std::string_view name) const;
  // Every field: the built-ins first, then declarations in the order they were made.
  std::vector<const FieldSpec*> all() const;

  // The field a reference property names: "section_id" and "section_ids" name the field whose
  // local name is "sections" (a built-in or a namespaced one). Empty when the key is no reference.
  // Computed when fields are declared: item checks look every member key up here.
  const std::vector<const FieldSpec*>& referenced_fields(std::string_view key) const;

 private:
  void index_references(const FieldRegistry* builtins);  // builtins: null for the built-in registry itself

  std::map<std::string, std::shared_ptr<FieldSpec>, std::less<>> fields_;
  std::vector<const FieldSpec*> order_;  // built-ins in schema order, then declarations
  std::map<std::string, std::vector<const FieldSpec*>, std::less<>> references_;  // "section_id" -> fields
};

}  // namespace chartflow::record
