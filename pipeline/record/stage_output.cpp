#include "stage_output.hpp"

#include "record_json.hpp"
#include "schema_validator.hpp"

#include <chartflow/utf8.hpp>

namespace chartflow::record {
namespace {

constexpr std::size_t kMaxDiagnosticMessage = 1000;

std::string item_label(std::string_view field, std::size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

// Calls `visit(object)` for `item` and every object nested in it.
template <class Visit>
void for_each_object(const nlohmann::json& item, Visit&& visit) {
  if (item.is_object()) {
    visit(item);
    for (const auto& [key, value] : item.items()) for_each_object(value, visit);
  } else if (item.is_array()) {
    for (const auto& value : item) for_each_object(value, visit);
  }
}

}  // namespace

StageOutput::StageOutput(const Record& record, const FieldRegistry& registry, std::string stage_id,
                         std::set<std::string, std::less<>> writes)
    : record_(record), registry_(registry), stage_id_(std::move(stage_id)), writes_(std::move(writes)) {}

const TextView* StageOutput::find_view(std::string_view name) const {
  if (const auto* v = record_.find_view(name)) return v;
  for (const auto& v : views_)
    if (v.name == name) return &v;
  return nullptr;
}

std::string StageOutput::add_view(std::string_view name, std::string_view text, std::string_view meta_json) {
  const std::string field = "views." + std::string(name);
  if (!writes_.contains(field)) return "stage wrote view '" + std::string(name) + "' but its manifest does not declare '" + field + "' in writes";
  if (find_view(name)) return "view '" + std::string(name) + "' already exists; views are immutable";
  std::size_t bad = 0;
  if (!utf8::is_valid(text, &bad)) return "view '" + std::string(name) + "' is not valid UTF-8 (byte " + std::to_string(bad) + ")";
  nlohmann::json view = meta_json.empty() ? nlohmann::json::object() : nlohmann::json::parse(meta_json, nullptr, false);
  if (view.is_discarded() || !view.is_object()) return "view '" + std::string(name) + "' metadata is not a JSON object";
  view["name"] = name;
  view["producer"] = stage_id_;
  view["text"] = "";  // validated separately above; keeps schema validation independent of text size
  const auto errors = builtin_schema("annotations/text-view.schema.json").validate(view);
  if (!errors.empty()) return "view '" + std::string(name) + "' does not match the schema: " + describe_errors(errors);
  TextView typed = view.get<TextView>();
  typed.text.assign(text);
  if (typed.derived_from) {
    const TextView* source = find_view(*typed.derived_from);
    if (!source) return "view '" + std::string(name) + "' is derived from unknown view '" + *typed.derived_from + "'";
    std::uint64_t last = 0;
    for (const auto& [offset, source_offset] : typed.source_map) {
      if (offset < last || offset > typed.text.size() || source_offset > source->text.size())
        return "view '" + std::string(name) + "' has a source_map breakpoint out of order or out of range";
      last = offset;
    }
  } else if (!typed.source_map.empty()) {
    return "view '" + std::string(name) + "' has a source_map but no derived_from";
  }
  views_.push_back(std::move(typed));
  return {};
}

std::string StageOutput::check_spans(const nlohmann::json& item, const std::string& where) const {
  std::string problem;
  for_each_object(item, [&](const nlohmann::json& object) {
    if (!problem.empty()) return;
    auto view = object.find("view");
    auto begin = object.find("begin");
    auto end = object.find("end");
    if (view == object.end() || begin == object.end() || end == object.end()) return;
    // Free-form "attributes" may hold look-alikes of other types; only real spans are checked.
    if (!view->is_string() || !begin->is_number_unsigned() || !end->is_number_unsigned()) return;
    const TextView* target = find_view(view->get_ref<const std::string&>());
    if (!target) {
      problem = where + " points into view '" + view->get<std::string>() + "', which does not exist";
      return;
    }
    const auto b = begin->get<std::uint64_t>();
    const auto e = end->get<std::uint64_t>();
    if (b > e || e > target->text.size()) {
      problem = where + " span [" + std::to_string(b) + "," + std::to_string(e) + ") is outside view '" + target->name +
                "' (" + std::to_string(target->text.size()) + " bytes)";
    } else if (!utf8::is_boundary(target->text, b) || !utf8::is_boundary(target->text, e)) {
      problem = where + " span [" + std::to_string(b) + "," + std::to_string(e) + ") splits a UTF-8 character";
    }
  });
  return problem;
}

const std::string* StageOutput::field_of_id(const std::string& id) const {
  if (auto it = record_.item_ids.find(id); it != record_.item_ids.end()) return &it->second;
  if (auto it = new_ids_.find(id); it != new_ids_.end()) return &it->second;
  return nullptr;
}

// Registers the item's id and remembers its references, resolved at commit so that a stage may
// refer to items it adds later in the same call.
std::string StageOutput::register_item(const nlohmann::json& item, const std::string& field, const std::string& where) {
  for (const auto& [key, value] : item.items()) {
    if (key == "id") {
      if (!value.is_string()) continue;  // the schema decides whether a non-string id is allowed
      const std::string& id = value.get_ref<const std::string&>();
      if (field_of_id(id)) return where + " reuses id '" + id + "'";
      new_ids_.emplace(id, field);
      continue;
    }
    auto targets = registry_.referenced_fields(key);
    if (targets.empty()) continue;
    if (value.is_string()) {
      references_.push_back({where + "." + key, value.get<std::string>(), targets});
    } else if (value.is_array()) {
      for (const auto& ref : value)
        if (ref.is_string()) references_.push_back({where + "." + key, ref.get<std::string>(), targets});
    }
  }
  return {};
}

std::string StageOutput::add_items(std::string_view field_name, std::string_view items_json) {
  nlohmann::json items = nlohmann::json::parse(items_json, nullptr, false);
  if (items.is_discarded()) return "items for '" + std::string(field_name) + "' are not valid JSON";
  return add_item_objects(field_name, items);
}

std::string StageOutput::add_item_objects(std::string_view field_name, nlohmann::json& items) {
  const FieldSpec* field = registry_.find(field_name);
  if (!field) return "'" + std::string(field_name) + "' is not an annotation field of the record (none is built in or declared by a plugin of this pipeline)";
  if (!writes_.contains(field_name)) return "stage wrote '" + std::string(field_name) + "' but its manifest does not declare it in writes";
  if (!items.is_array()) return "items for '" + std::string(field_name) + "' must be a JSON array";
  auto& pending = items_[field->name];
  const std::size_t first_index = record_.count(field->name) + pending.size();
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto& item = items[i];
    const std::string where = item_label(field_name, first_index + i);
    if (!item.is_object()) return where + " is not a JSON object";
    item["producer"] = stage_id_;  // the host stamps the producer, whatever the plugin said
    if (const auto errors = field->schema->validate(item); !errors.empty()) return where + " does not match the schema: " + describe_errors(errors);
    if (auto problem = check_spans(item, where); !problem.empty()) return problem;
    if (auto problem = register_item(item, field->name, where); !problem.empty()) return problem;
  }
  for (const auto& item : items) pending.push_back(item.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  item_count_ += items.size();
  return {};
}

std::string StageOutput::add_diagnostic(int severity, std::string_view code, std::string_view message) {
  static constexpr const char* kSeverities[] = {"info", "warning", "error"};
  if (severity < 0 || severity > 2) return "diagnostic severity " + std::to_string(severity) + " is not 0 (info), 1 (warning) or 2 (error)";
  if (!utf8::is_valid(message) || !utf8::is_valid(code)) return "diagnostic is not valid UTF-8";
  Diagnostic d{kSeverities[severity], std::string(code), std::string(message.substr(0, kMaxDiagnosticMessage)), stage_id_};
  if (const auto errors = builtin_schema("annotations/diagnostic.schema.json").validate(nlohmann::json(d)); !errors.empty())
    return "diagnostic does not match the schema: " + describe_errors(errors);
  diagnostics_.push_back(std::move(d));
  return {};
}

std::string StageOutput::commit(Record& record) {
  for (const auto& ref : references_) {
    const std::string* field = field_of_id(ref.id);
    bool names_target = false;
    for (const FieldSpec* target : ref.targets) names_target = names_target || (field && *field == target->name);
    if (!names_target)
      return ref.where + " refers to " + (field ? "'" + ref.id + "', an item of '" + *field + "' instead of '" + ref.targets.front()->name + "'"
                                                 : "unknown id '" + ref.id + "'");
  }
  for (auto& v : views_) record.views.push_back(std::move(v));
  for (const auto& [name, texts] : items_) record.items[name].append(texts);
  for (auto& [id, field] : new_ids_) record.item_ids.emplace(id, std::move(field));
  for (auto& d : diagnostics_) record.diagnostics.push_back(std::move(d));
  views_.clear(), items_.clear(), new_ids_.clear(), diagnostics_.clear(), references_.clear();
  return {};
}

}  // namespace chartflow::record
