#include "fast_schema_node.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <regex>
#include <set>
#include <type_traits>

namespace chartflow::record {

// Checking a document against a compiled schema.
namespace {

using namespace schema_types;

constexpr unsigned kMaxDepth = 64;

unsigned type_of(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return kNull;
    case json::value_t::boolean: return kBoolean;
    case json::value_t::object: return kObject;
    case json::value_t::array: return kArray;
    case json::value_t::string: return kString;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return kInteger | kNumber;
    case json::value_t::number_float: return kNumber;
    default: return 0;
  }
}

std::string type_names(unsigned bits) {
  std::string out;
  const std::pair<unsigned, const char*> names[] = {{kNull, "null"},     {kBoolean, "boolean"}, {kObject, "object"}, {kArray, "array"},
                                                    {kNumber, "number"}, {kInteger, "integer"}, {kString, "string"}};
  for (const auto& [bit, name] : names) {
    if (!(bits & bit) || (bit == kInteger && (bits & kNumber))) continue;
    if (!out.empty()) out += " or ";
    out += name;
  }
  return out;
}

// The path to the value being checked, as a chain on the stack: only formatted on error.
struct PathLink {
  const PathLink* parent = nullptr;
  std::string_view key;
  std::size_t index = 0;
  bool is_index = false;
};

std::string format_path(const PathLink* link) {
  std::vector<const PathLink*> chain;
  for (; link && (link->is_index || !link->key.empty()); link = link->parent) chain.push_back(link);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if ((*it)->is_index) {
      out += "[" + std::to_string((*it)->index) + "]";
    } else {
      if (!out.empty()) out += ".";
      out += (*it)->key;
    }
  }
  return out;
}
}  // namespace

namespace {

// How the checker reads a value: one overload set for nlohmann::json (configs, manifests, record
// files) and one for binary::Value (annotation items on the hot path), so both get the same checks.
struct JsonAccess {
  static unsigned type(const json& v) { return type_of(v); }
  static double number(const json& v) { return v.get<double>(); }
  static std::string_view string(const json& v) { return v.get_ref<const std::string&>(); }
  static std::size_t size(const json& v) { return v.size(); }
  static bool has(const json& v, const std::string& name) { return v.contains(name); }
  static bool equals(const json& v, const json& constant) { return v == constant; }
  static bool equal(const json& a, const json& b) { return a == b; }
  template <class F>
  static void items(const json& v, F&& f) {
    for (std::size_t i = 0; i < v.size(); ++i) f(i, v[i]);
  }
  template <class F>
  static void members(const json& v, F&& f) {
    for (auto it = v.begin(); it != v.end(); ++it) f(std::string_view(it.key()), it.value());
  }
};

struct BinaryAccess {
  static unsigned type(const binary::Value& v) {
    switch (v.tag()) {
      case binary::Tag::null: return kNull;
      case binary::Tag::false_: case binary::Tag::true_: return kBoolean;
      case binary::Tag::object: return kObject;
      case binary::Tag::array: return kArray;
      case binary::Tag::string: return kString;
      case binary::Tag::int64: case binary::Tag::uint64: return kInteger | kNumber;
      case binary::Tag::double_: return kNumber;
    }
    return 0;
  }
  static double number(const binary::Value& v) { return v.as_double(); }
  static std::string_view string(const binary::Value& v) { return v.as_string(); }
  static std::size_t size(const binary::Value& v) { return v.size(); }
  static bool has(const binary::Value& v, const std::string& name) { return v.contains(name); }
  static bool equals(const binary::Value& v, const json& constant) {
    if (constant.is_string()) return v.is_string() && v.as_string() == constant.get_ref<const std::string&>();
    return binary::to_json(v) == constant;  // rare: enums and consts of other types
  }
  static bool equal(const binary::Value& a, const binary::Value& b) { return binary::to_json(a) == binary::to_json(b); }
  template <class F>
  static void items(const binary::Value& v, F&& f) {
    std::size_t i = 0;
    v.for_each_element([&](const binary::Value& e) { f(i++, e); });
  }
  template <class F>
  static void members(const binary::Value& v, F&& f) {
    v.for_each_member(f);
  }
};

template <class V, class Access>
struct Checker {
  static constexpr bool kObservable = std::is_same_v<V, binary::Value>;
  std::vector<SchemaError>& errors;
  unsigned depth = 0;
  ItemObserver* observer = nullptr;

  void fail(const PathLink* at, std::string message) { errors.push_back({format_path(at), std::move(message)}); }

  bool check(const FastSchema::Node& node_in, const V& v, const PathLink* at) {
    const FastSchema::Node* node = &node_in;
    while (node->ref) node = node->ref;
    if (node->always_false) return fail(at, "no value is allowed here"), false;
    const unsigned type = Access::type(v);
    if (node->types && !(node->types & type)) return fail(at, "expected " + type_names(node->types) + ", found " + type_names(type)), false;
    // Free-form members ("attributes") are not bounded by the schema: bound the nesting here.
    if (depth > kMaxDepth) return fail(at, "nested more than " + std::to_string(kMaxDepth) + " levels deep"), false;
    if constexpr (kObservable)
      if (observer) {
        // A string its pattern confines to ASCII is valid UTF-8 once the pattern matches.
        if (type == kString && !(node->pattern && node->pattern->ascii_only())) observer->string(Access::string(v));
        else if (type == kArray || type == kObject) observer->container(depth);
      }
    bool ok = true;
    if (!node->enum_values.empty() &&
        std::none_of(node->enum_values.begin(), node->enum_values.end(), [&](const json& e) { return Access::equals(v, e); })) {
      std::string allowed;
      for (std::size_t i = 0; i < node->enum_values.size() && i < 12; ++i) allowed += (i ? ", " : "") + node->enum_values[i].dump();
      fail(at, "must be one of " + allowed + (node->enum_values.size() > 12 ? ", ..." : ""));
      ok = false;
    }
    if (node->const_value && !Access::equals(v, *node->const_value)) fail(at, "must be " + node->const_value->dump()), ok = false;
    if (type & kNumber) ok = check_number(*node, Access::number(v), at) && ok;
    if (type == kString) ok = check_string(*node, Access::string(v), at) && ok;
    ++depth;
    if (type == kArray) ok = check_array(*node, v, at) && ok;
    if (type == kObject) ok = check_object(*node, v, at) && ok;
    --depth;
    return ok;
  }

  bool check_number(const FastSchema::Node& node, double d, const PathLink* at) {
    const auto num = [](double x) {
      std::string s = std::to_string(x);
      s.erase(s.find_last_not_of('0') + 1);
      if (!s.empty() && s.back() == '.') s.pop_back();
      return s;
    };
    if (node.minimum && d < *node.minimum) return fail(at, "must be at least " + num(*node.minimum)), false;
    if (node.maximum && d > *node.maximum) return fail(at, "must be at most " + num(*node.maximum)), false;
    if (node.exclusive_minimum && d <= *node.exclusive_minimum) return fail(at, "must be more than " + num(*node.exclusive_minimum)), false;
    if (node.exclusive_maximum && d >= *node.exclusive_maximum) return fail(at, "must be less than " + num(*node.exclusive_maximum)), false;
    return true;
  }

  bool check_string(const FastSchema::Node& node, std::string_view s, const PathLink* at) {
    if (node.min_length || node.max_length) {
      // Characters, not bytes: count every byte that does not continue a UTF-8 sequence.
      const auto length = static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
      if (node.min_length && length < *node.min_length)
        return fail(at, "must be at least " + std::to_string(*node.min_length) + " characters long"), false;
      if (node.max_length && length > *node.max_length)
        return fail(at, "must be at most " + std::to_string(*node.max_length) + " characters long"), false;
    }
    // The value itself is never quoted: it may be document text.
    const bool matches = node.pattern ? node.pattern->matches(s) : !node.regex || std::regex_search(s.begin(), s.end(), *node.regex);
    if (!matches) return fail(at, "does not match the pattern " + node.pattern_text), false;
    return true;
  }

  bool check_array(const FastSchema::Node& node, const V& v, const PathLink* at) {
    bool ok = true;
    const std::size_t n = Access::size(v);
    if (node.min_items && n < *node.min_items) fail(at, "must have at least " + std::to_string(*node.min_items) + " items"), ok = false;
    if (node.max_items && n > *node.max_items) fail(at, "must have at most " + std::to_string(*node.max_items) + " items"), ok = false;
    if (node.unique_items && ok) ok = check_unique(v, at);
    if (node.items)
      Access::items(v, [&](std::size_t i, const V& item) {
        const PathLink link{at, {}, i, true};
        ok = check(*node.items, item, &link) && ok;
      });
    else if constexpr (kObservable)
      if (observer) Access::items(v, [&](std::size_t, const V& item) { observer->unwalked(item, depth); });
    return ok;
  }

  bool check_unique(const V& v, const PathLink* at) {
    std::vector<V> seen;
    bool ok = true;
    Access::items(v, [&](std::size_t i, const V& item) {
      for (std::size_t j = 0; j < seen.size() && ok; ++j)
        if (Access::equal(seen[j], item)) {
          fail(at, "items " + std::to_string(j) + " and " + std::to_string(i) + " are equal; items must be unique");
          ok = false;
        }
      seen.push_back(item);
    });
    return ok;
  }

  bool check_object(const FastSchema::Node& node, const V& v, const PathLink* at) {
    bool ok = true;
    // Required names are marked present by the same walk that checks the members; their errors
    // still come first, as a reader expects (a missing member before a wrong one).
    const std::size_t errors_before = errors.size();
    std::uint64_t present = 0;
    [[maybe_unused]] ItemObserver::SpanParts span;
    if (!node.required_declared)
      for (const auto& name : node.required)
        if (!Access::has(v, name)) fail(at, "missing required property '" + name + "'"), ok = false;
    Access::members(v, [&](std::string_view key, const V& value) {
      const PathLink link{at, key, 0, false};
      if (node.property_names) {
        const json name = std::string(key);
        ok = Checker<json, JsonAccess>{errors, depth}.check(*node.property_names, name, &link) && ok;
      }
      const auto* property = node.property(key);
      if constexpr (kObservable)
        if (observer) {
          if (!property) observer->key(key);  // a declared property's name is valid UTF-8
          span.note(key, value);
        }
      if (property) {
        if (property->required_bit >= 0) present |= std::uint64_t{1} << property->required_bit;
        ok = check(*property->node, value, &link) && ok;
      }
      bool matched = property != nullptr;
      for (const auto& [pattern, pattern_node] : node.pattern_properties)
        if (pattern.matches(key)) ok = check(*pattern_node, value, &link) && ok, matched = true;
      if (matched) {
      } else if (node.additional) {
        ok = check(*node.additional, value, &link) && ok;
      } else if (!node.additional_allowed) {
        fail(at, "property '" + std::string(key) + "' is not allowed here (misspelt?)");
        ok = false;
      } else if constexpr (kObservable) {
        if (observer) observer->unwalked(value, depth);
      }
    });
    if constexpr (kObservable)
      if (observer) observer->object_done(span);
    if (node.required_declared && present != (node.required.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << node.required.size()) - 1)) {
      std::vector<SchemaError> missing;
      for (std::size_t i = 0; i < node.required.size(); ++i)
        if (!(present >> i & 1)) missing.push_back({format_path(at), "missing required property '" + node.required[i] + "'"});
      errors.insert(errors.begin() + static_cast<std::ptrdiff_t>(errors_before), missing.begin(), missing.end());
      ok = false;
    }
    return ok;
  }
};

}  // namespace

bool FastSchema::validate(const binary::Value& document, std::vector<SchemaError>& errors) const {
  Checker<binary::Value, BinaryAccess> checker{errors};
  const PathLink root;
  return checker.check(*nodes_.front(), document, &root);
}

bool FastSchema::validate(const binary::Value& document, std::vector<SchemaError>& errors, ItemObserver& observer) const {
  Checker<binary::Value, BinaryAccess> checker{errors, 0, &observer};
  const PathLink root;
  return checker.check(*nodes_.front(), document, &root);
}

bool FastSchema::validate(const json& document, std::vector<SchemaError>& errors) const {
  Checker<json, JsonAccess> checker{errors};
  const PathLink root;
  return checker.check(*nodes_.front(), document, &root);
}

}  // namespace chartflow::record
