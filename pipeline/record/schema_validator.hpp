// JSON Schema validation (a fast validator for our schemas, valijson for everything else). The record schemas in schemas/ are compiled into the
// binary (embedded at build time) so validation never depends on where the program runs.
#pragma once

#include <chartflow/binary.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::record {

using json = nlohmann::json;

struct SchemaError {
  std::string path;     // where in the document, e.g. "stages[1].config.mode" ("" for the root)
  std::string message;  // what was wrong
};

class SchemaCompileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A compiled JSON Schema (draft-07). Immutable and safe to share between threads.
class ItemObserver;  // fast_schema.hpp

class CompiledSchema {
 public:
  // Compiles `schema`; `$ref`s to other files resolve against the built-in schemas by file name.
  static std::shared_ptr<const CompiledSchema> compile(const json& schema);
  ~CompiledSchema();

  // Every error found. Empty means valid. Uses the fast validator (fast_schema.hpp) when the
  // schema fits its subset of draft-07, valijson otherwise.
  std::vector<SchemaError> validate(const json& document) const;
  // A binary annotation item (binary.hpp): the fast validator reads it in place; a schema outside
  // its subset converts it to JSON for valijson.
  std::vector<SchemaError> validate(const binary::Value& document) const;
  // valijson alone, most specific error first: the reference the fast path is tested against.
  std::vector<SchemaError> validate_reference(const json& document) const;
  bool uses_fast_path() const;
  // True when the item is valid and `observer` was told of every value in it (one walk for the
  // schema and the host's other checks); false when it is not valid, or when this schema has no
  // fast validator and the caller must check the slow way.
  bool valid_observed(const binary::Value& document, ItemObserver& observer) const;
  bool is_valid(const json& document) const { return validate(document).empty(); }

 private:
  CompiledSchema();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One of the built-in schemas by its path under schemas/, e.g. "record.schema.json" or
// "annotations/mention.schema.json". Throws std::out_of_range for an unknown name.
const CompiledSchema& builtin_schema(std::string_view file);
std::string_view builtin_schema_text(std::string_view file);
std::vector<std::string> builtin_schema_files();

// "stages[1].plugin: Failed to match ..." lines, at most `max_errors` of them, joined by "; ".
std::string describe_errors(const std::vector<SchemaError>& errors, std::size_t max_errors = 3);

}  // namespace chartflow::record
