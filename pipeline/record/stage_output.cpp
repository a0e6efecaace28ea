#include "stage_output.hpp"

#include "binary_json.hpp"
#include "fast_schema.hpp"
#include "record_json.hpp"
#include "schema_validator.hpp"

#include <chartflow/utf8.hpp>

namespace chartflow::record {
namespace {

constexpr std::size_t kMaxDiagnosticMessage = 1000;
constexpr unsigned kMaxNesting = 64;  // arrays and objects within an item

std::string item_label(std::string_view field, std::size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

}  // namespace

std::string StageOutput::ItemAt::label() const { return item_label(field, index); }

StageOutput::StageOutput(const Record& record, const FieldRegistry& registry, std::string stage_id,
                         std::set<std::string, std::less<>> writes, OutputLimits limits)
    : record_(record), registry_(registry), stage_id_(std::move(stage_id)), writes_(std::move(writes)), limits_(limits) {}

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
  if (text.size() > limits_.max_view_bytes) {
    over_limit_ = true;
    return "view '" + std::string(name) + "' holds " + std::to_string(text.size()) + " bytes of text, over the limit of " +
           std::to_string(limits_.max_view_bytes) + " (limits.max_text_bytes; about 10,000 pages per 32 MiB)";
  }
  std::size_t bad = 0;
  if (!utf8::is_valid(text, &bad)) return "view '" + std::string(name) + "' is not valid UTF-8 (byte " + std::to_string(bad) + ")";
  nlohmann::json view = meta_json.empty() ? nlohmann::json::object() : nlohmann::json::parse(meta_json, nullptr, false);
  if (view.is_discarded() || !view.is_object()) return "view '" + std::string(name) + "' metadata is not a JSON object";
  view["name"] = name;
  view["producer"] = stage_id_;
  view["text"] = "";  // validated separately above; keeps schema validation independent of text size
  static const CompiledSchema& view_schema = builtin_schema("annotations/text-view.schema.json");
  const auto errors = view_schema.validate(view);
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

std::string StageOutput::span_problem(const binary::Value& view, const binary::Value& begin, const binary::Value& end,
                                      const ItemAt& at) const {
  // Free-form "attributes" may hold look-alikes of other types; only real spans are checked.
  if (!view.is_string() || !begin.is_integer() || !end.is_integer() || begin.as_int() < 0 || end.as_int() < 0) return {};
  const TextView* target = find_view(view.as_string());
  if (!target) return at.label() + " points into view '" + std::string(view.as_string()) + "', which does not exist";
  const auto b = begin.as_uint();
  const auto e = end.as_uint();
  if (b > e || e > target->text.size())
    return at.label() + " span [" + std::to_string(b) + "," + std::to_string(e) + ") is outside view '" + target->name + "' (" +
           std::to_string(target->text.size()) + " bytes)";
  if (!utf8::is_boundary(target->text, b) || !utf8::is_boundary(target->text, e))
    return at.label() + " span [" + std::to_string(b) + "," + std::to_string(e) + ") splits a UTF-8 character";
  return {};
}

// One walk instead of one per check: the nesting, UTF-8 and span checks each walked every item
// apart, and together cost as much as the schema check.
void StageOutput::scan_item(const binary::Value& value, unsigned depth_left, ItemScan& scan, const ItemAt& at) const {
  if (value.is_string()) {
    scan.bad_utf8 = scan.bad_utf8 || !utf8::is_valid(value.as_string());
    return;
  }
  if (!value.is_array() && !value.is_object()) return;
  if (depth_left == 0) {
    scan.too_deep = true;
    return;
  }
  if (value.is_array()) {
    value.for_each_element([&](const binary::Value& e) {
      if (!scan.too_deep) scan_item(e, depth_left - 1, scan, at);
    });
    return;
  }
  const bool problem_before = !scan.span_problem.empty();
  ItemObserver::SpanParts span;
  value.for_each_member([&](std::string_view key, const binary::Value& e) {
    if (scan.too_deep) return;
    scan.bad_utf8 = scan.bad_utf8 || !utf8::is_valid(key);
    span.note(key, e);
    scan_item(e, depth_left - 1, scan, at);
  });
  // An object's own span comes before those nested in it.
  if (!problem_before && span.view && span.begin && span.end)
    if (std::string own = span_problem(*span.view, *span.begin, *span.end, at); !own.empty()) scan.span_problem = std::move(own);
}

// The checks scan_item makes, told of each value by the schema's walk; what the schema does not
// describe is handed to scan_item itself. An item is then read once, not twice. Only says
// whether all passed: an item that fails anything is checked again the slow way for the message.
class StageOutput::ItemChecks final : public ItemObserver {
 public:
  ItemChecks(const StageOutput& output, const ItemAt& at) : output_(output), at_(at) {}
  bool clean() const { return clean_; }

  void string(std::string_view text) override { clean_ = clean_ && utf8::is_valid(text); }
  void key(std::string_view key) override { clean_ = clean_ && utf8::is_valid(key); }
  void container(unsigned level) override { clean_ = clean_ && level < kMaxNesting; }
  void object_done(const SpanParts& parts) override {
    if (clean_ && parts.view && parts.begin && parts.end) clean_ = output_.span_problem(*parts.view, *parts.begin, *parts.end, at_).empty();
  }
  void unwalked(const binary::Value& value, unsigned level) override {
    if (!clean_) return;
    ItemScan scan;
    output_.scan_item(value, level < kMaxNesting ? kMaxNesting - level : 0, scan, at_);
    clean_ = !scan.too_deep && !scan.bad_utf8 && scan.span_problem.empty();
  }

 private:
  const StageOutput& output_;
  const ItemAt& at_;
  bool clean_ = true;
};

const std::string* StageOutput::field_of_id(std::string_view id) const {
  const std::string key(id);  // (a lookup by key takes the tables' linear path while they are small)
  if (auto it = record_.item_ids.find(key); it != record_.item_ids.end()) return &it->second;
  if (auto it = new_ids_.find(key); it != new_ids_.end()) return &it->second;
  return nullptr;
}

// Registers the item's id and remembers its references, resolved at commit so that a stage may
// refer to items it adds later in the same call.
std::string StageOutput::register_item(const binary::Value& item, const FieldSpec& field, const ItemAt& at) {
  std::string problem;
  item.for_each_member([&](std::string_view key, const binary::Value& value) {
    if (!problem.empty()) return;
    if (key == "id") {
      if (!value.is_string()) return;  // the schema decides whether a non-string id is allowed
      if (field_of_id(value.as_string())) problem = at.label() + " reuses id '" + std::string(value.as_string()) + "'";
      else new_ids_.emplace(call_ids_.emplace_back(value.as_string()), field.name);
      return;
    }
    const auto& targets = registry_.referenced_fields(key);
    if (targets.empty()) return;
    const auto refer = [&](std::string_view id) { references_.push_back({&field.name, at.index, std::string(key), std::string(id), &targets}); };
    if (value.is_string()) refer(value.as_string());
    if (value.is_array())
      value.for_each_element([&](const binary::Value& ref) {
        if (ref.is_string()) refer(ref.as_string());
      });
  });
  return problem;
}

std::string StageOutput::check_item(const FieldSpec& field, const binary::Value& item, const ItemAt& at) {
  if (ItemChecks checks(*this, at); field.schema->valid_observed(item, checks) && checks.clean()) return register_item(item, field, at);
  // Something failed (or the schema is outside the fast validator's subset): each check in turn,
  // so that the message names the first problem.
  ItemScan scan;
  scan_item(item, kMaxNesting, scan, at);
  if (scan.too_deep) return at.label() + " nests arrays and objects more than " + std::to_string(kMaxNesting) + " deep";
  if (const auto errors = field.schema->validate(item); !errors.empty()) return at.label() + " does not match the schema: " + describe_errors(errors);
  if (scan.bad_utf8) return at.label() + " holds a string that is not valid UTF-8";
  if (!scan.span_problem.empty()) return scan.span_problem;
  return register_item(item, field, at);
}

std::string StageOutput::add_items(std::string_view field_name, std::string_view items_json) {
  const nlohmann::json items = nlohmann::json::parse(items_json, nullptr, false);
  if (items.is_discarded()) return "items for '" + std::string(field_name) + "' are not valid JSON";
  return add_item_objects(field_name, items);
}

std::string StageOutput::add_item_objects(std::string_view field_name, const nlohmann::json& items) {
  if (!items.is_array()) return "items for '" + std::string(field_name) + "' must be a JSON array";
  binary::Writer writer;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!nesting_within(items[i], kMaxNesting))
      return item_label(field_name, i) + " nests arrays and objects more than " + std::to_string(kMaxNesting) + " deep";
    if (!items[i].is_object()) {
      const auto pending = items_.find(field_name);
      return item_label(field_name, record_.count(field_name) + (pending == items_.end() ? 0 : pending->second.count) + i) + " is not a JSON object";
    }
    binary::write_json(writer, items[i]);
  }
  return add_binary_items(field_name, writer.bytes(), writer.count());
}

std::string StageOutput::add_binary_items(std::string_view field_name, std::string_view bytes, std::size_t count) {
  const FieldSpec* field = registry_.find(field_name);
  if (!field) return "'" + std::string(field_name) + "' is not an annotation field of the record (none is built in or declared by a plugin of this pipeline)";
  if (!writes_.contains(field_name)) return "stage wrote '" + std::string(field_name) + "' but its manifest does not declare it in writes";
  if (std::size_t held = record_.total_items() + item_count_; held + count > limits_.max_items) {
    over_limit_ = true;
    return "the record would hold " + std::to_string(held + count) + " annotation items (" + std::to_string(count) + " more for '" +
           std::string(field_name) + "'), over the limit of " + std::to_string(limits_.max_items) + " (limits.max_items)";
  }
  Pending& pending = items_[field->name];
  const std::size_t first_index = record_.count(field->name) + pending.count;
  // A refused addition leaves nothing behind: not its bytes, ids or references.
  const std::size_t rollback = pending.bytes.size(), references_before = references_.size();
  call_ids_.clear();
  // Most items carry an id and a reference or two: room for them once, not by doubling (bounded
  // by what the bytes can hold, whatever count a plugin claims).
  const std::size_t expected = std::min(count, bytes.size() / 16);
  call_ids_.reserve(expected);
  new_ids_.reserve(new_ids_.size() + expected);
  references_.reserve(references_.size() + expected);
  std::string problem;
  try {
    const binary::Items items(bytes, count);
    std::size_t i = 0;
    const char* end = bytes.data() + bytes.size();
    const char* next = bytes.data();
    for (const binary::Value item : items) {
      const ItemAt at{field->name, first_index + i++};
      next = item.bytes().data() + item.byte_size();
      if (!item.is_object()) problem = at.label() + " is not an object";
      if (!problem.empty()) break;
      const std::size_t offset = pending.bytes.size();
      append_stamped(pending.bytes, item, stage_id_);  // the host stamps the producer, whatever the plugin said
      const binary::Value stamped(pending.bytes.data() + offset, pending.bytes.data() + pending.bytes.size());
      if (problem = check_item(*field, stamped, at); !problem.empty()) break;
    }
    if (problem.empty() && next != end) problem = "items for '" + std::string(field_name) + "' hold more bytes than their " + std::to_string(count) + " items";
  } catch (const binary::FormatError& e) {
    problem = "items for '" + std::string(field_name) + "' are malformed: " + e.what();
  }
  if (!problem.empty()) {
    pending.bytes.resize(rollback);
    references_.resize(references_before);
    for (const auto& id : call_ids_) new_ids_.erase(id);
    return problem;
  }
  pending.count += count;
  item_count_ += count;
  return {};
}

std::string StageOutput::add_diagnostic(int severity, std::string_view code, std::string_view message) {
  static constexpr const char* kSeverities[] = {"info", "warning", "error"};
  if (severity < 0 || severity > 2) return "diagnostic severity " + std::to_string(severity) + " is not 0 (info), 1 (warning) or 2 (error)";
  if (!utf8::is_valid(message) || !utf8::is_valid(code)) return "diagnostic is not valid UTF-8";
  Diagnostic d{kSeverities[severity], std::string(code), std::string(message.substr(0, kMaxDiagnosticMessage)), stage_id_};
  static const CompiledSchema& diagnostic_schema = builtin_schema("annotations/diagnostic.schema.json");
  if (const auto errors = diagnostic_schema.validate(nlohmann::json(d)); !errors.empty())
    return "diagnostic does not match the schema: " + describe_errors(errors);
  diagnostics_.push_back(std::move(d));
  return {};
}

std::string StageOutput::commit(Record& record) {
  for (const auto& ref : references_) {
    const std::string* field = field_of_id(ref.id);
    bool names_target = false;
    for (const FieldSpec* target : *ref.targets) names_target = names_target || (field && *field == target->name);
    if (!names_target)
      return ItemAt{*ref.field, ref.index}.label() + "." + ref.key + " refers to " +
             (field ? "'" + ref.id + "', an item of '" + *field + "' instead of '" + ref.targets->front()->name + "'"
                                                 : "unknown id '" + ref.id + "'");
  }
  for (auto& v : views_) record.views.push_back(std::move(v));
  for (const auto& [name, pending] : items_)
    if (pending.count) record.items[name].append(pending.bytes, pending.count);
  for (auto& [id, field] : new_ids_) record.item_ids.emplace(id, std::move(field));
  for (auto& d : diagnostics_) record.diagnostics.push_back(std::move(d));
  views_.clear(), items_.clear(), new_ids_.clear(), diagnostics_.clear(), references_.clear();
  return {};
}

}  // namespace chartflow::record
