// Reading optional fields of a JSON object without exceptions: a field that is missing or of
// another type gives the empty value (""; 0). Header-only (nlohmann::json), like the rest of the SDK.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace chartflow::sdk {

inline std::string string_field(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline int int_field(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return 0;
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

}  // namespace chartflow::sdk
