#include "stage_output.hpp"

#include "fields.hpp"
#include "record_json.hpp"
#include "schema_validator.hpp"

#include <chartflow/utf8.hpp>

#include <algorithm>

namespace chartflow::record {
namespace {

constexpr std::size_t kMaxDiagnosticMessage = 1000;

std::string item_label(std::string_view field, std::size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

template <class T>
void append(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  from.clear();
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

StageOutput::StageOutput(const Record& record, std::string stage_id, std::set<std::string, std::less<>> writes)
    : record_(record), stage_id_(std::move(stage_id)), writes_(std::move(writes)) {}

const TextView* StageOutput::find_view(std::string_view name) const {
  if (const auto* v = record_.find_view(name)) return v;
  return pending_.find_view(name);
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
  pending_.views.push_back(std::move(typed));
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
    const TextView* target = find_view(view->get<std::string>());
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

void StageOutput::load_ids() {
  if (ids_loaded_) return;
  const auto load = [&](const auto& items) {
    for (const auto& i : items) ids_.insert(i.id);
  };
  load(record_.sections), load(record_.sentences), load(record_.mentions), load(record_.codes), load(record_.tumors);
  ids_loaded_ = true;
}

std::string StageOutput::register_ids(const nlohmann::json& item, const std::string& where) {
  auto id = item.find("id");
  if (id == item.end()) return {};
  load_ids();
  if (!ids_.insert(id->get<std::string>()).second) return where + " reuses id '" + id->get<std::string>() + "'";
  return {};
}

std::string StageOutput::add_items(std::string_view field_name, std::string_view items_json) {
  const auto field = parse_field(field_name);
  if (!field || field->kind != FieldKind::items) return "'" + std::string(field_name) + "' is not an annotation field of the record";
  if (!writes_.contains(field_name)) return "stage wrote '" + std::string(field_name) + "' but its manifest does not declare it in writes";
  nlohmann::json items = nlohmann::json::parse(items_json, nullptr, false);
  if (items.is_discarded()) return "items for '" + std::string(field_name) + "' are not valid JSON";
  if (!items.is_array()) return "items for '" + std::string(field_name) + "' must be a JSON array";
  const CompiledSchema& schema = builtin_schema(field->item_schema);
  const std::size_t first_index = [&] {
    const auto& n = field->name;
    return n == "pages" ? pending_.pages.size() : n == "words" ? pending_.words.size() : n == "sections" ? pending_.sections.size()
         : n == "sentences" ? pending_.sentences.size() : n == "mentions" ? pending_.mentions.size()
         : n == "codes" ? pending_.codes.size() : pending_.tumors.size();
  }();
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto& item = items[i];
    const std::string where = item_label(field_name, first_index + i);
    if (!item.is_object()) return where + " is not a JSON object";
    item["producer"] = stage_id_;  // the host stamps the producer, whatever the plugin said
    if (const auto errors = schema.validate(item); !errors.empty()) return where + " does not match the schema: " + describe_errors(errors);
    if (auto problem = check_spans(item, where); !problem.empty()) return problem;
    if (auto problem = register_ids(item, where); !problem.empty()) return problem;
  }
  const auto& n = field->name;
  if (n == "pages") for (auto& i : items) pending_.pages.push_back(i.get<Page>());
  else if (n == "words") for (auto& i : items) pending_.words.push_back(i.get<OcrWord>());
  else if (n == "sections") for (auto& i : items) pending_.sections.push_back(i.get<Section>());
  else if (n == "sentences") for (auto& i : items) pending_.sentences.push_back(i.get<Sentence>());
  else if (n == "mentions") for (auto& i : items) pending_.mentions.push_back(i.get<Mention>());
  else if (n == "codes") for (auto& i : items) pending_.codes.push_back(i.get<Code>());
  else if (n == "tumors") for (auto& i : items) pending_.tumors.push_back(i.get<Tumor>());
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
  pending_.diagnostics.push_back(std::move(d));
  return {};
}

std::string StageOutput::commit(Record& record) {
  // References (section_id, mention_ids, ...) must name ids that exist once this stage's
  // additions are in, so a stage may refer to items it adds later in the same call.
  std::string problem;
  const auto check = [&](const std::optional<std::string>& ref, std::string_view field, std::size_t i, const char* key) {
    if (problem.empty() && ref && !ids_.contains(*ref))
      problem = item_label(field, i) + "." + key + " refers to unknown id '" + *ref + "'";
  };
  const auto check_all = [&](const std::vector<std::string>& refs, std::string_view field, std::size_t i, const char* key) {
    for (const auto& ref : refs) check(ref, field, i, key);
  };
  load_ids();
  for (std::size_t i = 0; i < pending_.sentences.size(); ++i) check(pending_.sentences[i].section_id, "sentences", i, "section_id");
  for (std::size_t i = 0; i < pending_.mentions.size(); ++i) {
    check(pending_.mentions[i].section_id, "mentions", i, "section_id");
    check(pending_.mentions[i].sentence_id, "mentions", i, "sentence_id");
  }
  for (std::size_t i = 0; i < pending_.codes.size(); ++i) check_all(pending_.codes[i].mention_ids, "codes", i, "mention_ids");
  for (std::size_t i = 0; i < pending_.tumors.size(); ++i) {
    check_all(pending_.tumors[i].mention_ids, "tumors", i, "mention_ids");
    check_all(pending_.tumors[i].code_ids, "tumors", i, "code_ids");
  }
  if (!problem.empty()) return problem;
  append(record.views, pending_.views);
  append(record.pages, pending_.pages);
  append(record.words, pending_.words);
  append(record.sections, pending_.sections);
  append(record.sentences, pending_.sentences);
  append(record.mentions, pending_.mentions);
  append(record.codes, pending_.codes);
  append(record.tumors, pending_.tumors);
  append(record.diagnostics, pending_.diagnostics);
  return {};
}

}  // namespace chartflow::record

