#pragma once

#include "fields.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace chartflow::record {

// Checks a whole record: the JSON Schema first, then each annotation field's items against the
// field's schema (built-in, or declared by a plugin in `registry`), then what a schema cannot say
// (spans inside their views and on UTF-8 boundaries, unique ids, resolvable references,
// producers listed). A field no plugin in `registry` declares is reported. Returns one line per
// problem; empty means valid.
std::vector<std::string> check_record(const nlohmann::json& record, const FieldRegistry& registry = FieldRegistry::builtin());

}  // namespace chartflow::record
