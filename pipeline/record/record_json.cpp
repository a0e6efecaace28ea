#include "record_json.hpp"

#include "binary_json.hpp"
#include "envelope_json.hpp"

#include <chartflow/utf8.hpp>

#include <algorithm>
#include <concepts>

namespace chartflow::record {
namespace {

// Each record type's members, listed once (members() below) and walked by the writer and the
// reader alike, so a member added to one direction cannot be forgotten in the other. A member is
// written `always`, or `when_set`: an optional only when it holds a value, a list only when it is
// not empty. Reading takes an optional member only when the JSON has it (JSON that passed the
// schema; a missing required member throws).
struct MemberWriter {
  json& j;
  template <class T>
  void always(const char* key, const T& value) {
    j[key] = value;
  }
  template <class T>
  void when_set(const char* key, const std::optional<T>& value) {
    if (value) j[key] = *value;
  }
  template <class T>
  void when_set(const char* key, const std::vector<T>& values) {
    if (!values.empty()) j[key] = values;
  }
};

struct MemberReader {
  const json& j;
  template <class T>
  void always(const char* key, T& value) {
    j.at(key).get_to(value);
  }
  template <class T>
  void when_set(const char* key, std::optional<T>& value) {
    if (auto it = j.find(key); it != j.end()) value = it->template get<T>();
  }
  template <class T>
  void when_set(const char* key, std::vector<T>& values) {
    if (auto it = j.find(key); it != j.end()) values = it->template get<std::vector<T>>();
  }
};

// `Self` is the type or the const type: one list serves writing and reading.
template <class Self, class T>
concept Is = std::same_as<std::remove_const_t<Self>, T>;

template <class F, Is<Span> S>
void members(F& f, S& v) {
  f.always("view", v.view), f.always("begin", v.begin), f.always("end", v.end);
}
template <class F, Is<Box> S>
void members(F& f, S& v) {
  f.always("x", v.x), f.always("y", v.y), f.always("w", v.w), f.always("h", v.h);
}
template <class F, Is<Source> S>
void members(F& f, S& v) {
  f.always("name", v.name), f.always("sha256", v.sha256), f.always("size_bytes", v.size_bytes);
}
template <class F, Is<Document> S>
void members(F& f, S& v) {
  f.always("id", v.id), f.always("source", v.source), f.always("media_type", v.media_type);
  f.when_set("page_count", v.page_count);
}
template <class F, Is<PipelineInfo> S>
void members(F& f, S& v) {
  f.always("name", v.name), f.always("fingerprint", v.fingerprint), f.always("host_version", v.host_version);
}
template <class F, Is<Producer> S>
void members(F& f, S& v) {
  f.always("stage", v.stage), f.always("plugin", v.plugin), f.always("version", v.version), f.always("config_hash", v.config_hash);
}
template <class F, Is<TextView> S>
void members(F& f, S& v) {
  f.always("name", v.name), f.always("text", v.text), f.always("origin", v.origin);
  f.when_set("encoding", v.encoding), f.when_set("derived_from", v.derived_from);
  f.when_set("source_map", v.source_map);  // [[offset, source offset], ...]
  f.always("producer", v.producer), f.when_set("attributes", v.attributes);
}
template <class F, Is<Page> S>
void members(F& f, S& v) {
  f.always("number", v.number), f.always("origin", v.origin);
  f.when_set("width_px", v.width_px), f.when_set("height_px", v.height_px);
  f.when_set("dpi_x", v.dpi_x), f.when_set("dpi_y", v.dpi_y);
  f.when_set("rotation_deg", v.rotation_deg), f.when_set("skew_deg", v.skew_deg);
  f.when_set("mean_confidence", v.mean_confidence), f.when_set("text_span", v.text_span);
  f.when_set("needs_review", v.needs_review), f.when_set("review_reasons", v.review_reasons);
  f.always("producer", v.producer), f.when_set("attributes", v.attributes);
}
template <class F, Is<OcrWord> S>
void members(F& f, S& v) {
  f.always("view", v.view), f.always("begin", v.begin), f.always("end", v.end);
  f.always("page", v.page), f.always("box", v.box), f.always("confidence", v.confidence);
  f.when_set("block", v.block), f.when_set("line", v.line);
  f.always("producer", v.producer);
}
template <class F, Is<Section> S>
void members(F& f, S& v) {
  f.always("id", v.id), f.always("view", v.view), f.always("begin", v.begin), f.always("end", v.end);
  f.always("category", v.category), f.when_set("loinc", v.loinc), f.when_set("header", v.header);
  f.when_set("confidence", v.confidence);
  f.always("producer", v.producer), f.when_set("attributes", v.attributes);
}
template <class F, Is<Sentence> S>
void members(F& f, S& v) {
  f.always("id", v.id), f.always("view", v.view), f.always("begin", v.begin), f.always("end", v.end);
  f.when_set("section_id", v.section_id);
  f.always("producer", v.producer), f.when_set("attributes", v.attributes);
}
template <class F, Is<Concept> S>
void members(F& f, S& v) {
  f.always("system", v.system), f.always("code", v.code), f.when_set("display", v.display), f.when_set("score", v.score);
}
template <class F, Is<AssertionTrigger> S>
void members(F& f, S& v) {
  f.always("type", v.type), f.always("view", v.view), f.always("begin", v.begin), f.always("end", v.end);
  f.when_set("rule", v.rule);
}
template <class F, Is<Assertion> S>
void members(F& f, S& v) {
  f.always("status", v.status), f.always("negated", v.negated), f.always("uncertain", v.uncertain);
  f.always("hypothetical", v.hypothetical), f.always("historical", v.historical), f.always("experiencer", v.experiencer);
  f.when_set("triggers", v.triggers);
}
template <class F, Is<Mention> S>
void members(F& f, S& v) {
  f.always("id", v.id), f.always("view", v.view), f.always("begin", v.begin), f.always("end", v.end), f.always("kind", v.kind);
  f.when_set("category", v.category), f.when_set("matched_term", v.matched_term), f.when_set("concepts", v.concepts);
  f.always("assertion", v.assertion);
  f.when_set("section_id", v.section_id), f.when_set("sentence_id", v.sentence_id), f.when_set("confidence", v.confidence);
  f.always("producer", v.producer), f.when_set("attributes", v.attributes);
}
template <class F, Is<Code> S>
void members(F& f, S& v) {
  f.always("id", v.id), f.always("system", v.system), f.always("code", v.code), f.when_set("display", v.display);
  f.always("code_set_version", v.code_set_version), f.when_set("mention_ids", v.mention_ids);
  f.always("evidence", v.evidence), f.always("confidence", v.confidence), f.always("rule", v.rule);
  f.always("needs_review", v.needs_review), f.when_set("review_reasons", v.review_reasons);
  f.when_set("sequence", v.sequence), f.when_set("role", v.role), f.when_set("partial", v.partial), f.when_set("policy", v.policy);
  f.always("producer", v.producer), f.when_set("attributes", v.attributes);
}
template <class F, Is<AbstractedField> S>
void members(F& f, S& v) {
  f.when_set("value", v.value), f.when_set("display", v.display);
  f.always("evidence", v.evidence), f.always("confidence", v.confidence), f.always("needs_review", v.needs_review);
  f.when_set("reason", v.reason);
}
template <class F, Is<Tumor> S>
void members(F& f, S& v) {
  f.always("id", v.id), f.always("status", v.status), f.always("reasons", v.reasons), f.always("evidence", v.evidence);
  f.when_set("mention_ids", v.mention_ids), f.when_set("code_ids", v.code_ids);
  f.always("fields", v.fields);  // an object: field name -> abstracted field
  f.when_set("confidence", v.confidence);
  f.always("producer", v.producer), f.when_set("attributes", v.attributes);
}
template <class F, Is<Diagnostic> S>
void members(F& f, S& v) {
  f.always("severity", v.severity), f.always("code", v.code), f.always("message", v.message), f.always("producer", v.producer);
}

template <class T>
void write_members(json& j, const T& value) {
  j = json::object();  // an object even when every member is optional and unset
  MemberWriter writer{j};
  members(writer, value);
}
template <class T>
void read_members(const json& j, T& value) {
  MemberReader reader{j};
  members(reader, value);
}

}  // namespace

#define CHARTFLOW_JSON_BY_MEMBERS(Type)                                        \
  void to_json(json& j, const Type& value) { write_members(j, value); }       \
  void from_json(const json& j, Type& value) { read_members(j, value); }

CHARTFLOW_JSON_BY_MEMBERS(Span)
CHARTFLOW_JSON_BY_MEMBERS(Box)
CHARTFLOW_JSON_BY_MEMBERS(Source)
CHARTFLOW_JSON_BY_MEMBERS(Document)
CHARTFLOW_JSON_BY_MEMBERS(PipelineInfo)
CHARTFLOW_JSON_BY_MEMBERS(Producer)
CHARTFLOW_JSON_BY_MEMBERS(TextView)
CHARTFLOW_JSON_BY_MEMBERS(Page)
CHARTFLOW_JSON_BY_MEMBERS(OcrWord)
CHARTFLOW_JSON_BY_MEMBERS(Section)
CHARTFLOW_JSON_BY_MEMBERS(Sentence)
CHARTFLOW_JSON_BY_MEMBERS(Concept)
CHARTFLOW_JSON_BY_MEMBERS(AssertionTrigger)
CHARTFLOW_JSON_BY_MEMBERS(Assertion)
CHARTFLOW_JSON_BY_MEMBERS(Mention)
CHARTFLOW_JSON_BY_MEMBERS(Code)
CHARTFLOW_JSON_BY_MEMBERS(AbstractedField)
CHARTFLOW_JSON_BY_MEMBERS(Tumor)
CHARTFLOW_JSON_BY_MEMBERS(Diagnostic)

#undef CHARTFLOW_JSON_BY_MEMBERS

bool is_envelope_member(std::string_view key) {
  return key == "schema_version" || key == "document" || key == "pipeline" || key == "producers" || key == "views" ||
         key == "diagnostics";
}

json envelope_json(const Record& v, bool with_views) {
  // Member by member: a braced list of pairs copies every member's tree once more.
  json j = json::object();
  j["schema_version"] = v.schema_version;
  j["document"] = v.document;
  j["pipeline"] = v.pipeline;
  j["producers"] = v.producers;
  if (with_views) j["views"] = v.views;
  MemberWriter{j}.when_set("diagnostics", v.diagnostics);
  return j;
}

json envelope_for_check(const Record& v) {
  json j = envelope_json(v, false);
  json views = json::array();
  for (const auto& view : v.views)
    views.push_back(TextView{view.name, {}, view.origin, view.encoding, view.derived_from, view.source_map, view.producer, view.attributes});
  j["views"] = std::move(views);
  return j;
}

std::string ItemField::json_text() const { return to_json_text(items()); }

void to_json(json& j, const Record& v) {
  j = envelope_json(v);
  for (const auto& [name, field] : v.items)
    if (!field.empty()) j[name] = binary::to_json(field.items());
}

void from_json(const json& j, Record& v) {
  MemberReader envelope{j};
  envelope.always("schema_version", v.schema_version), envelope.always("document", v.document);
  envelope.always("pipeline", v.pipeline), envelope.always("producers", v.producers);
  envelope.when_set("views", v.views), envelope.when_set("diagnostics", v.diagnostics);
  v.items.clear();
  v.item_ids.clear();
  for (const auto& [key, value] : j.items()) {
    if (is_envelope_member(key) || !value.is_array()) continue;
    binary::Writer items;
    for (const auto& item : value) {
      binary::write_json(items, item);
      if (auto id = item.find("id"); id != item.end() && id->is_string()) v.item_ids.emplace(id->get<std::string>(), key);
    }
    v.items[key].append(items.bytes(), items.count());
  }
}

std::string dump_record(const Record& record, int indent) {
  if (indent >= 0) return json(record).dump(indent, ' ', false, json::error_handler_t::replace);
  // Compact records are spliced: each member is written straight into the record's text (an
  // annotation field's from its items, a view's text escaped in place, the envelope from its
  // structs), in the key order nlohmann::json would give them (sorted). No member's text exists
  // twice at once: for a record of 100 000 mentions, building each field's text apart first cost
  // another 150 MB.
  enum class Kind { envelope, views, items };
  std::vector<std::pair<std::string_view, Kind>> keys;
  std::size_t size = 1024;
  for (const auto key : envelope_members(record)) keys.emplace_back(key, Kind::envelope);
  keys.emplace_back("views", Kind::views);
  for (const auto& view : record.views) size += view.text.size() + view.text.size() / 8 + 256;
  for (const auto& [name, field] : record.items)
    if (!field.empty()) keys.emplace_back(name, Kind::items), size += field.items().bytes().size() + field.items().bytes().size() / 2;
  std::sort(keys.begin(), keys.end());  // as nlohmann::json orders them: by byte
  std::string out;
  out.reserve(size);
  out += '{';
  for (const auto& [key, kind] : keys) {
    if (out.size() > 1) out += ',';
    append_json_string(out, key);  // field names are checked identifiers, valid UTF-8
    out += ':';
    switch (kind) {
      case Kind::envelope: append_envelope_member(out, record, key); break;
      case Kind::views: append_views(out, record.views); break;
      case Kind::items: append_json(out, record.items.find(key)->second.items()); break;
    }
  }
  out += '}';
  return out;
}

template <class T>
std::vector<T> typed_items(const Record& record, std::string_view field) {
  const ItemField* items = record.field(field);
  return items ? binary::to_json(items->items()).get<std::vector<T>>() : std::vector<T>{};
}

template std::vector<Page> typed_items<Page>(const Record&, std::string_view);
template std::vector<OcrWord> typed_items<OcrWord>(const Record&, std::string_view);
template std::vector<Section> typed_items<Section>(const Record&, std::string_view);
template std::vector<Sentence> typed_items<Sentence>(const Record&, std::string_view);
template std::vector<Mention> typed_items<Mention>(const Record&, std::string_view);
template std::vector<Code> typed_items<Code>(const Record&, std::string_view);
template std::vector<Tumor> typed_items<Tumor>(const Record&, std::string_view);

}  // namespace chartflow::record
