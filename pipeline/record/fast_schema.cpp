#include "fast_schema.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <regex>
#include <set>
#include <type_traits>

namespace chartflow::record {

// ---------------------------------------------------------------------------------------------
// SimplePattern

namespace {

// Parses one character-class body after '[' up to the closing ']'; false if unsupported.
bool parse_class(std::string_view p, std::size_t& i, bool (&set)[256]) {
  bool negate = false;
  if (i < p.size() && p[i] == '^') negate = true, ++i;
  bool any = false;
  while (i < p.size() && p[i] != ']') {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c == '\\') {
      if (++i >= p.size()) return false;
      c = static_cast<unsigned char>(p[i]);
      if (std::isalnum(c)) return false;  // \d, \w, \s ...: not needed by our schemas
    } else if (c == '[') {
      return false;  // [:alpha:] and friends
    }
    ++i;
    if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
      unsigned char hi = static_cast<unsigned char>(p[i + 1]);
      if (hi == '\\' || hi < c) return false;
      for (unsigned x = c; x <= hi; ++x) set[x] = true;
      i += 2;
    } else {
      set[c] = true;
    }
    any = true;
  }
  if (i >= p.size() || !any) return false;
  ++i;  // ']'
  if (negate)
    for (auto& b : set) b = !b;
  return true;
}

bool parse_count(std::string_view p, std::size_t& i, std::size_t& out) {
  std::size_t start = i, value = 0;
  while (i < p.size() && p[i] >= '0' && p[i] <= '9') value = value * 10 + static_cast<std::size_t>(p[i++] - '0');
  out = value;
  return i > start && value < 100000;
}

}  // namespace

std::optional<SimplePattern> SimplePattern::compile(std::string_view p) {
  if (p.size() < 2 || p.front() != '^' || p.back() != '$') return std::nullopt;
  p = p.substr(1, p.size() - 2);
  SimplePattern out;
  for (std::size_t i = 0; i < p.size();) {
    Atom atom;
    const char c = p[i];
    if (c == '(' || c == ')' || c == '|' || c == '^' || c == '$' || c == '{' || c == '}' || c == '?' || c == '*' || c == '+')
      return std::nullopt;
    if (c == '[') {
      ++i;
      if (!parse_class(p, i, atom.set)) return std::nullopt;
    } else if (c == '\\') {
      if (i + 1 >= p.size() || std::isalnum(static_cast<unsigned char>(p[i + 1]))) return std::nullopt;
      atom.set[static_cast<unsigned char>(p[i + 1])] = true;
      i += 2;
    } else if (c == '.') {
      for (auto& b : atom.set) b = true;
      atom.set[static_cast<unsigned char>('\n')] = false;
      ++i;
    } else {
      atom.set[static_cast<unsigned char>(c)] = true;
      ++i;
    }
    if (i < p.size()) {
      if (p[i] == '?') atom.min = 0, atom.max = 1, ++i;
      else if (p[i] == '*') atom.min = 0, atom.max = SIZE_MAX, ++i;
      else if (p[i] == '+') atom.min = 1, atom.max = SIZE_MAX, ++i;
      else if (p[i] == '{') {
        ++i;
        if (!parse_count(p, i, atom.min)) return std::nullopt;
        atom.max = atom.min;
        if (i < p.size() && p[i] == ',') {
          ++i;
          if (!parse_count(p, i, atom.max) || atom.max < atom.min) return std::nullopt;
        }
        if (i >= p.size() || p[i] != '}') return std::nullopt;
        ++i;
      }
      if (i < p.size() && (p[i] == '?' || p[i] == '*' || p[i] == '+' || p[i] == '{')) return std::nullopt;  // lazy/possessive
    }
    out.atoms_.push_back(atom);
  }
  out.ascii_only_ = std::none_of(out.atoms_.begin(), out.atoms_.end(),
                                 [](const Atom& atom) { return std::find(atom.set + 0x80, atom.set + 256, true) != atom.set + 256; });
  // Backtracking only helps when an atom gives back a byte that a later atom can take. When no
  // atom of variable length shares a byte with any atom after it, the greedy pass is the answer
  // (every id, view, producer and code pattern of chartflow's schemas).
  out.greedy_ = true;
  for (std::size_t a = 0; a < out.atoms_.size() && out.greedy_; ++a) {
    if (out.atoms_[a].min == out.atoms_[a].max) continue;
    for (std::size_t later = a + 1; later < out.atoms_.size() && out.greedy_; ++later)
      for (std::size_t c = 0; c < 256 && out.greedy_; ++c) out.greedy_ = !(out.atoms_[a].set[c] && out.atoms_[later].set[c]);
  }
  return out;
}

bool SimplePattern::match_from(std::size_t a, std::string_view text, std::size_t pos) const {
  if (a == atoms_.size()) return pos == text.size();
  const Atom& atom = atoms_[a];
  std::size_t n = 0;
  while (n < atom.max && pos + n < text.size() && atom.set[static_cast<unsigned char>(text[pos + n])]) ++n;
  if (n < atom.min) return false;
  if (a + 1 == atoms_.size()) return pos + n == text.size();
  for (std::size_t k = n + 1; k-- > atom.min;)  // greedy, then back off
    if (match_from(a + 1, text, pos + k)) return true;
  return false;
}

bool SimplePattern::matches(std::string_view text) const {
  if (!greedy_) return match_from(0, text, 0);
  std::size_t pos = 0;
  for (const Atom& atom : atoms_) {
    const std::size_t start = pos, stop = text.size() - start < atom.max ? text.size() : start + atom.max;
    while (pos < stop && atom.set[static_cast<unsigned char>(text[pos])]) ++pos;
    if (pos - start < atom.min) return false;
  }
  return pos == text.size();
}

// ---------------------------------------------------------------------------------------------
// Schema tree

namespace {

constexpr unsigned kMaxDepth = 64;

enum TypeBit : unsigned { kNull = 1, kBoolean = 2, kObject = 4, kArray = 8, kNumber = 16, kInteger = 32, kString = 64 };

unsigned type_bit(const std::string& name) {
  if (name == "null") return kNull;
  if (name == "boolean") return kBoolean;
  if (name == "object") return kObject;
  if (name == "array") return kArray;
  if (name == "number") return kNumber | kInteger;
  if (name == "integer") return kInteger;
  if (name == "string") return kString;
  return 0;
}

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

  bool keyword(FastSchema::Node& node, const std::string& key, const json& v, const json& document) {
    if (key == "type") {
      const auto add = [&](const json& t) {
        const unsigned bit = t.is_string() ? type_bit(t.get<std::string>()) : 0;
        node.types |= bit;
        return bit != 0;
      };
      if (v.is_string()) return add(v);
      if (!v.is_array() || v.empty()) return false;
      return std::all_of(v.begin(), v.end(), add);
    }
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
    if (key == "pattern") {
      if (!v.is_string()) return false;
      node.pattern_text = v.get<std::string>();
      node.pattern = SimplePattern::compile(node.pattern_text);
      if (!node.pattern) {
        try {
          node.regex.emplace(node.pattern_text, std::regex::ECMAScript | std::regex::optimize);
        } catch (const std::regex_error&) {
          return false;
        }
      }
      return true;
    }
    return false;  // a keyword this validator does not implement: fall back to valijson
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
