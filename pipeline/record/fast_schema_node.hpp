// The compiled form of a schema node, shared by the compiler (fast_schema_compiler.cpp) and the
// checker (fast_schema.cpp). Internal to the record library.
#pragma once

#include "fast_schema.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::record {
namespace schema_types {

enum TypeBit : unsigned { kNull = 1, kBoolean = 2, kObject = 4, kArray = 8, kNumber = 16, kInteger = 32, kString = 64 };

inline unsigned type_bit(const std::string& name) {
  if (name == "null") return kNull;
  if (name == "boolean") return kBoolean;
  if (name == "object") return kObject;
  if (name == "array") return kArray;
  if (name == "number") return kNumber | kInteger;
  if (name == "integer") return kInteger;
  if (name == "string") return kString;
  return 0;
}

}  // namespace schema_types

struct FastSchema::Node {
  const Node* ref = nullptr;  // draft-07: a $ref replaces the other keywords of its object
  bool always_false = false;  // the schema `false`
  unsigned types = 0;         // 0: any
  struct Property {
    std::string name;
    const Node* node = nullptr;
    std::uint32_t signature = 0;  // length, first and last byte: most names differ there
    int required_bit = -1;        // its bit in `required`, when required
  };
  std::vector<Property> properties;
  std::vector<std::pair<SimplePattern, const Node*>> pattern_properties;
  std::vector<std::string> required;
  // Every required name is a declared property (at most 64): the walk over the members that
  // checks them also marks the required ones present.
  bool required_declared = false;
  bool additional_allowed = true;
  const Node* additional = nullptr;
  const Node* items = nullptr;
  const Node* property_names = nullptr;
  std::vector<json> enum_values;
  std::optional<json> const_value;
  std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::optional<std::size_t> min_length, max_length, min_items, max_items;
  bool unique_items = false;
  std::optional<SimplePattern> pattern;
  std::optional<std::regex> regex;  // patterns SimplePattern cannot express (groups, alternation)
  std::string pattern_text;

  static std::uint32_t signature_of(std::string_view name) {
    if (name.empty()) return 0;
    return static_cast<std::uint32_t>(std::min<std::size_t>(name.size(), 0xFFFF)) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(name.front())) << 8 | static_cast<unsigned char>(name.back());
  }

  const Property* property(std::string_view name) const {
    const std::uint32_t signature = signature_of(name);
    for (const auto& p : properties)
      if (p.signature == signature && p.name == name) return &p;
    return nullptr;
  }

  // Once every keyword is read (properties and required come in either order).
  void finish() {
    for (auto& p : properties) p.signature = signature_of(p.name);
    required_declared = !required.empty() && required.size() <= 64;
    for (std::size_t i = 0; i < required.size() && required_declared; ++i) {
      auto it = std::find_if(properties.begin(), properties.end(), [&](const Property& p) { return p.name == required[i]; });
      if (it == properties.end() || it->required_bit >= 0) required_declared = false;
      else it->required_bit = static_cast<int>(i);
    }
    if (!required_declared)
      for (auto& p : properties) p.required_bit = -1;
  }
};

}  // namespace chartflow::record
