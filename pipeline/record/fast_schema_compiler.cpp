// Compiling a JSON Schema into FastSchema's node tree (fast_schema.hpp says what it supports).
#include "fast_schema_node.hpp"

#include <map>
#include <memory>
#include <set>
#include <utility>

namespace chartflow::record {

using schema_types::type_bit;

class FastSchemaCompiler {
 public:
  FastSchemaCompiler(FastSchema& out, const FastSchema::Resolver& resolve) : out_(out), resolve_(resolve) {}

  // nullptr when the schema uses something this validator does not implement.
  const FastSchema::Node* compile(const json& schema, const json& document) {
    if (schema.is_boolean()) {
      auto& node = make();
      node.always_false = !schema.get<bool>();
      return &node;
    }
    if (!schema.is_object()) return nullptr;
    static const std::set<std::string, std::less<>> kIgnored = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "definitions"};
    if (auto ref = schema.find("$ref"); ref != schema.end()) return ref->is_string() ? compile_ref(ref->get<std::string>(), document) : nullptr;
    auto& node = make();
    for (const auto& [key, value] : schema.items()) {
      // "x-..." keywords are chartflow's annotations on its schemas (e.g. x-chartflow-field).
      if (kIgnored.contains(key) || key.starts_with("x-")) continue;
      if (!keyword(node, key, value, document)) return nullptr;
    }
    node.finish();
    return &node;
  }

 private:
  FastSchema::Node& make() {
    out_.nodes_.push_back(std::make_unique<FastSchema::Node>());
    return *out_.nodes_.back();
  }

  static std::optional<std::size_t> count(const json& v) {
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0)) return std::nullopt;
    return v.get<std::size_t>();
  }

  // A keyword into `node`: false when its value is malformed or the keyword is not one this
  // validator implements (the caller then falls back to valijson).
  bool keyword(FastSchema::Node& node, const std::string& key, const json& v, const json& document) {
    if (key == "type") return type_keyword(node, v);
    if (const auto done = structure_keyword(node, key, v, document)) return *done;
    if (const auto done = value_keyword(node, key, v)) return *done;
    return false;
  }

  static bool type_keyword(FastSchema::Node& node, const json& v) {
    const auto add = [&](const json& t) {
      const unsigned bit = t.is_string() ? type_bit(t.get<std::string>()) : 0;
      node.types |= bit;
      return bit != 0;
    };
    if (v.is_string()) return add(v);
    if (!v.is_array() || v.empty()) return false;
    return std::all_of(v.begin(), v.end(), add);
  }

  // Keywords about members and items (properties, required, items ...); nullopt for the others.
  std::optional<bool> structure_keyword(FastSchema::Node& node, const std::string& key, const json& v, const json& document) {
    if (key == "properties") {
      if (!v.is_object()) return false;
      for (const auto& [name, sub] : v.items()) {
        const auto* child = compile(sub, document);
        if (!child) return false;
        node.properties.push_back({name, child});
      }
      return true;
    }
    if (key == "patternProperties") {
      if (!v.is_object()) return false;
      for (const auto& [pattern, sub] : v.items()) {
        auto compiled = SimplePattern::compile(pattern);
        const auto* child = compiled ? compile(sub, document) : nullptr;
        if (!child) return false;
        node.pattern_properties.emplace_back(std::move(*compiled), child);
      }
      return true;
    }
    if (key == "required") {
      if (!v.is_array()) return false;
      for (const auto& name : v) {
        if (!name.is_string()) return false;
        node.required.push_back(name.get<std::string>());
      }
      return true;
    }
    if (key == "additionalProperties") {
      if (v.is_boolean()) return node.additional_allowed = v.get<bool>(), true;
      return (node.additional = compile(v, document)) != nullptr;
    }
    if (key == "items") return v.is_object() && (node.items = compile(v, document)) != nullptr;  // tuple form not used
    if (key == "propertyNames") return (node.property_names = compile(v, document)) != nullptr;
    return std::nullopt;
  }

  // Keywords about a value itself (enum, const, bounds, lengths, pattern); nullopt for the others.
  static std::optional<bool> value_keyword(FastSchema::Node& node, const std::string& key, const json& v) {
    if (key == "enum") {
      if (!v.is_array() || v.empty()) return false;
      node.enum_values.assign(v.begin(), v.end());
      return true;
    }
    if (key == "const") return node.const_value = v, true;
    if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" || key == "exclusiveMaximum") {
      if (!v.is_number()) return false;
      const double d = v.get<double>();
      (key == "minimum" ? node.minimum : key == "maximum" ? node.maximum : key == "exclusiveMinimum" ? node.exclusive_minimum : node.exclusive_maximum) = d;
      return true;
    }
    if (key == "minLength" || key == "maxLength" || key == "minItems" || key == "maxItems") {
      const auto n = count(v);
      if (!n) return false;
      (key == "minLength" ? node.min_length : key == "maxLength" ? node.max_length : key == "minItems" ? node.min_items : node.max_items) = *n;
      return true;
    }
    if (key == "uniqueItems") return v.is_boolean() && (node.unique_items = v.get<bool>(), true);
    if (key == "pattern") return pattern_keyword(node, v);
    return std::nullopt;
  }

  // A pattern: compiled to the simple matcher when it can be, else to a std::regex.
  static bool pattern_keyword(FastSchema::Node& node, const json& v) {
    if (!v.is_string()) return false;
    node.pattern_text = v.get<std::string>();
    node.pattern = SimplePattern::compile(node.pattern_text);
    if (node.pattern) return true;
    try {
      node.regex.emplace(node.pattern_text, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error&) {
      return false;
    }
    return true;
  }

  const FastSchema::Node* compile_ref(const std::string& ref, const json& document) {
    const auto hash = ref.find('#');
    const std::string file = ref.substr(0, hash);
    const std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
    const json* target_doc = file.empty() ? &document : resolve_(file);
    if (!target_doc) return nullptr;
    const auto key = std::make_pair(target_doc, pointer);
    if (auto it = refs_.find(key); it != refs_.end()) return it->second;
    // Placeholder first, so a recursive schema refers to itself instead of looping.
    auto& indirection = make();
    refs_[key] = &indirection;
    const json* target = target_doc;
    if (!pointer.empty()) {
      try {
        target = &target_doc->at(json::json_pointer(pointer));
      } catch (const std::exception&) {
        return nullptr;
      }
    }
    indirection.ref = compile(*target, *target_doc);
    return indirection.ref ? &indirection : nullptr;
  }

  FastSchema& out_;
  const FastSchema::Resolver& resolve_;
  std::map<std::pair<const json*, std::string>, const FastSchema::Node*> refs_;
};

FastSchema::FastSchema() = default;
FastSchema::~FastSchema() = default;

std::unique_ptr<FastSchema> FastSchema::compile(const json& schema, const Resolver& resolve) {
  std::unique_ptr<FastSchema> out(new FastSchema());
  FastSchemaCompiler compiler(*out, resolve);
  const Node* root = compiler.compile(schema, schema);
  if (!root) return nullptr;
  // The root must be reachable as nodes_[0]: put an indirection in front.
  auto front = std::make_unique<Node>();
  front->ref = root;
  out->nodes_.insert(out->nodes_.begin(), std::move(front));
  return out;
}

}  // namespace chartflow::record
