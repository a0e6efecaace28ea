#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace chartflow::record {

// Checks a whole record: the JSON Schema first, then what a schema cannot say (spans inside
// their views and on UTF-8 boundaries, unique ids, resolvable references, producers listed).
// Returns one line per problem; empty means valid.
std::vector<std::string> check_record(const nlohmann::json& record);

}  // namespace chartflow::record
