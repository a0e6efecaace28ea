#include "fields.hpp"

namespace chartflow::record {
namespace {

bool lower_word(std::string_view s, std::size_t max, bool allow_dash) {
  if (s.empty() || s.size() > max || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allow_dash && c == '-'))) return false;
  return true;
}

bool valid_view_name(std::string_view name) { return lower_word(name, 32, false) && name.find('-') == std::string_view::npos; }

// The host stamps "producer" on every item; a declared schema need not mention it.
nlohmann::json with_producer(nlohmann::json schema) {
  if (schema.is_object() && schema.contains("properties") && schema["properties"].is_object() &&
      !schema["properties"].contains("producer"))
    schema["properties"]["producer"] = {{"$ref", "common.schema.json#/definitions/producer"}};
  return schema;
}

}  // namespace

bool is_namespaced_field_name(std::string_view name) {
  const auto dot = name.find('.');
  if (dot == std::string_view::npos || name.substr(0, dot) == "views") return false;
  return lower_word(name.substr(0, dot), 32, true) && lower_word(name.substr(dot + 1), 64, false);
}

std::optional<Field> parse_field(std::string_view name) {
  if (name == "source") return Field{"source", FieldKind::source, ""};
  if (name == "document") return Field{"document", FieldKind::document, ""};
  if (name.starts_with("views.")) {
    const auto view = name.substr(6);
    if (!valid_view_name(view)) return std::nullopt;
    return Field{std::string(name), FieldKind::view, std::string(view)};
  }
  if (is_namespaced_field_name(name) || lower_word(name, 64, false)) return Field{std::string(name), FieldKind::items, ""};
  return std::nullopt;
}

const FieldRegistry& FieldRegistry::builtin() {
  static const FieldRegistry registry = [] {
    FieldRegistry r;
    const auto record_schema = nlohmann::json::parse(builtin_schema_text("record.schema.json"));
    for (const auto& [name, property] : record_schema.at("properties").items()) {
      if (property.value("x-chartflow-field", "") != "items") continue;
      const std::string ref = property.at("items").at("$ref");
      auto spec = std::make_shared<FieldSpec>();
      spec->name = spec->local_name = name;
      spec->declared_by = "record schema";
      spec->description = property.value("description", "");
      spec->item_schema = nlohmann::json::parse(builtin_schema_text(ref));
      spec->schema = std::shared_ptr<const CompiledSchema>(&builtin_schema(ref), [](const CompiledSchema*) {});
      r.order_.push_back(spec.get());
      r.fields_.emplace(name, std::move(spec));
    }
    r.index_references(nullptr);
    return r;
  }();
  return registry;
}

void FieldRegistry::declare(const std::string& plugin, const nlohmann::json& fields) {
  if (!fields.is_object()) return;
  for (const auto& [name, declaration] : fields.items()) {
    const std::string where = "plugin '" + plugin + "' declares field '" + name + "'";
    if (!is_namespaced_field_name(name))
      throw FieldError(where + ": a declared field needs a namespace (vendor.field, such as 'ext.medications')");
    if (const FieldSpec* existing = find(name))
      throw FieldError(where + ", which " + (existing->declared_by == "record schema" ? std::string("is a built-in field of the record")
                                                                                        : "plugin '" + existing->declared_by + "' declares too") +
                       "; rename it in one of the manifests");
    auto spec = std::make_shared<FieldSpec>();
    spec->name = name;
    spec->local_name = name.substr(name.find('.') + 1);
    spec->declared_by = plugin;
    spec->description = declaration.value("description", "");
    spec->item_schema = with_producer(declaration.value("item_schema", nlohmann::json::object()));
    try {
      spec->schema = CompiledSchema::compile(spec->item_schema);
    } catch (const std::exception& e) {
      throw FieldError(where + " with an item_schema that is not valid JSON Schema: " + e.what());
    }
    order_.push_back(spec.get());
    fields_.emplace(name, std::move(spec));
  }
  index_references(&builtin());
}

const FieldSpec* FieldRegistry::find(std::string_view name) const {
  auto it = fields_.find(name);
  if (it != fields_.end()) return it->second.get();
  // Plugin-made registries start from the built-ins without copying them.
  if (this != &builtin()) return builtin().find(name);
  return nullptr;
}

std::vector<const FieldSpec*> FieldRegistry::all() const {
  std::vector<const FieldSpec*> out;
  if (this != &builtin()) out = builtin().order_;
  out.insert(out.end(), order_.begin(), order_.end());
  return out;
}

const std::vector<const FieldSpec*>& FieldRegistry::referenced_fields(std::string_view key) const {
  static const std::vector<const FieldSpec*> none;
  // Every reference key ends so (see index_references); most item keys do not, and skip the lookup.
  const std::size_t n = key.size();
  const bool id = n >= 3 && key[n - 3] == '_' && key[n - 2] == 'i' && key[n - 1] == 'd';
  const bool ids = n >= 4 && key[n - 4] == '_' && key[n - 3] == 'i' && key[n - 2] == 'd' && key[n - 1] == 's';
  if (!id && !ids) return none;  // (by hand: ends_with calls memcmp, and this runs for every member of every item)
  const auto it = references_.find(key);
  return it == references_.end() ? none : it->second;
}

void FieldRegistry::index_references(const FieldRegistry* builtins) {
  // "sections" is named by "section_id" and "section_ids"; this registry's fields first, then the
  // built-ins, as a lookup would find them.
  references_.clear();
  const auto index = [&](const FieldRegistry& r) {
    for (const FieldSpec* f : r.order_) {
      if (!f->local_name.ends_with('s') || f->local_name.size() < 2) continue;
      const std::string stem = f->local_name.substr(0, f->local_name.size() - 1);
      references_[stem + "_id"].push_back(f);
      references_[stem + "_ids"].push_back(f);
    }
  };
  index(*this);
  if (builtins) index(*builtins);
}

}  // namespace chartflow::record
