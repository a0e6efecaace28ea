#include "record_json.hpp"

#include "binary_json.hpp"
#include "envelope_json.hpp"

#include <chartflow/utf8.hpp>

#include <algorithm>

namespace chartflow::record {
namespace {

// Optional members: written only when present, read only when present.
template <class T>
void put(json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}
template <class T>
void put(json& j, const char* key, const std::vector<T>& values) {
  if (!values.empty()) j[key] = values;
}
template <class T>
void get(const json& j, const char* key, std::optional<T>& value) {
  if (auto it = j.find(key); it != j.end()) value = it->template get<T>();
}
template <class T>
void get(const json& j, const char* key, std::vector<T>& values) {
  if (auto it = j.find(key); it != j.end()) values = it->template get<std::vector<T>>();
}
template <class T>
void get(const json& j, const char* key, T& value) {
  j.at(key).get_to(value);
}

}  // namespace

void to_json(json& j, const Span& v) { j = json{{"view", v.view}, {"begin", v.begin}, {"end", v.end}}; }
void from_json(const json& j, Span& v) {
  get(j, "view", v.view);
  get(j, "begin", v.begin);
  get(j, "end", v.end);
}

void to_json(json& j, const Box& v) { j = json{{"x", v.x}, {"y", v.y}, {"w", v.w}, {"h", v.h}}; }
void from_json(const json& j, Box& v) {
  get(j, "x", v.x);
  get(j, "y", v.y);
  get(j, "w", v.w);
  get(j, "h", v.h);
}

void to_json(json& j, const Source& v) {
  j = json{{"name", v.name}, {"sha256", v.sha256}, {"size_bytes", v.size_bytes}};
}
void from_json(const json& j, Source& v) {
  get(j, "name", v.name);
  get(j, "sha256", v.sha256);
  get(j, "size_bytes", v.size_bytes);
}

void to_json(json& j, const Document& v) {
  j = json{{"id", v.id}, {"source", v.source}, {"media_type", v.media_type}};
  put(j, "page_count", v.page_count);
}
void from_json(const json& j, Document& v) {
  get(j, "id", v.id);
  get(j, "source", v.source);
  get(j, "media_type", v.media_type);
  get(j, "page_count", v.page_count);
}

void to_json(json& j, const PipelineInfo& v) {
  j = json{{"name", v.name}, {"fingerprint", v.fingerprint}, {"host_version", v.host_version}};
}
void from_json(const json& j, PipelineInfo& v) {
  get(j, "name", v.name);
  get(j, "fingerprint", v.fingerprint);
  get(j, "host_version", v.host_version);
}

void to_json(json& j, const Producer& v) {
  j = json{{"stage", v.stage}, {"plugin", v.plugin}, {"version", v.version}, {"config_hash", v.config_hash}};
}
void from_json(const json& j, Producer& v) {
  get(j, "stage", v.stage);
  get(j, "plugin", v.plugin);
  get(j, "version", v.version);
  get(j, "config_hash", v.config_hash);
}

void to_json(json& j, const TextView& v) {
  j = json{{"name", v.name}, {"text", v.text}, {"origin", v.origin}};
  put(j, "encoding", v.encoding);
  put(j, "derived_from", v.derived_from);
  if (!v.source_map.empty()) {
    json map = json::array();
    for (const auto& [offset, source] : v.source_map) map.push_back({offset, source});
    j["source_map"] = std::move(map);
  }
  j["producer"] = v.producer;
  put(j, "attributes", v.attributes);
}
void from_json(const json& j, TextView& v) {
  get(j, "name", v.name);
  get(j, "text", v.text);
  get(j, "origin", v.origin);
  get(j, "encoding", v.encoding);
  get(j, "derived_from", v.derived_from);
  v.source_map.clear();
  if (auto it = j.find("source_map"); it != j.end())
    for (const auto& pair : *it) v.source_map.emplace_back(pair.at(0).get<std::uint64_t>(), pair.at(1).get<std::uint64_t>());
  get(j, "producer", v.producer);
  get(j, "attributes", v.attributes);
}

void to_json(json& j, const Page& v) {
  j = json{{"number", v.number}, {"origin", v.origin}};
  put(j, "width_px", v.width_px);
  put(j, "height_px", v.height_px);
  put(j, "dpi_x", v.dpi_x);
  put(j, "dpi_y", v.dpi_y);
  put(j, "rotation_deg", v.rotation_deg);
  put(j, "skew_deg", v.skew_deg);
  put(j, "mean_confidence", v.mean_confidence);
  put(j, "text_span", v.text_span);
  put(j, "needs_review", v.needs_review);
  put(j, "review_reasons", v.review_reasons);
  j["producer"] = v.producer;
  put(j, "attributes", v.attributes);
}
void from_json(const json& j, Page& v) {
  get(j, "number", v.number);
  get(j, "origin", v.origin);
  get(j, "width_px", v.width_px);
  get(j, "height_px", v.height_px);
  get(j, "dpi_x", v.dpi_x);
  get(j, "dpi_y", v.dpi_y);
  get(j, "rotation_deg", v.rotation_deg);
  get(j, "skew_deg", v.skew_deg);
  get(j, "mean_confidence", v.mean_confidence);
  get(j, "text_span", v.text_span);
  get(j, "needs_review", v.needs_review);
  get(j, "review_reasons", v.review_reasons);
  get(j, "producer", v.producer);
  get(j, "attributes", v.attributes);
}

void to_json(json& j, const OcrWord& v) {
  j = json{{"view", v.view}, {"begin", v.begin}, {"end", v.end}, {"page", v.page}, {"box", v.box},
           {"confidence", v.confidence}};
  put(j, "block", v.block);
  put(j, "line", v.line);
  j["producer"] = v.producer;
}
void from_json(const json& j, OcrWord& v) {
  get(j, "view", v.view);
  get(j, "begin", v.begin);
  get(j, "end", v.end);
  get(j, "page", v.page);
  get(j, "box", v.box);
  get(j, "confidence", v.confidence);
  get(j, "block", v.block);
  get(j, "line", v.line);
  get(j, "producer", v.producer);
}

void to_json(json& j, const Section& v) {
  j = json{{"id", v.id}, {"view", v.view}, {"begin", v.begin}, {"end", v.end}, {"category", v.category}};
  put(j, "loinc", v.loinc);
  put(j, "header", v.header);
  put(j, "confidence", v.confidence);
  j["producer"] = v.producer;
  put(j, "attributes", v.attributes);
}
void from_json(const json& j, Section& v) {
  get(j, "id", v.id);
  get(j, "view", v.view);
  get(j, "begin", v.begin);
  get(j, "end", v.end);
  get(j, "category", v.category);
  get(j, "loinc", v.loinc);
  get(j, "header", v.header);
  get(j, "confidence", v.confidence);
  get(j, "producer", v.producer);
  get(j, "attributes", v.attributes);
}

void to_json(json& j, const Sentence& v) {
  j = json{{"id", v.id}, {"view", v.view}, {"begin", v.begin}, {"end", v.end}};
  put(j, "section_id", v.section_id);
  j["producer"] = v.producer;
  put(j, "attributes", v.attributes);
}
void from_json(const json& j, Sentence& v) {
  get(j, "id", v.id);
  get(j, "view", v.view);
  get(j, "begin", v.begin);
  get(j, "end", v.end);
  get(j, "section_id", v.section_id);
  get(j, "producer", v.producer);
  get(j, "attributes", v.attributes);
}

void to_json(json& j, const Concept& v) {
  j = json{{"system", v.system}, {"code", v.code}};
  put(j, "display", v.display);
  put(j, "score", v.score);
}
void from_json(const json& j, Concept& v) {
  get(j, "system", v.system);
  get(j, "code", v.code);
  get(j, "display", v.display);
  get(j, "score", v.score);
}

void to_json(json& j, const AssertionTrigger& v) {
  j = json{{"type", v.type}, {"view", v.view}, {"begin", v.begin}, {"end", v.end}};
  put(j, "rule", v.rule);
}
void from_json(const json& j, AssertionTrigger& v) {
  get(j, "type", v.type);
  get(j, "view", v.view);
  get(j, "begin", v.begin);
  get(j, "end", v.end);
  get(j, "rule", v.rule);
}

void to_json(json& j, const Assertion& v) {
  j = json{{"status", v.status},           {"negated", v.negated},       {"uncertain", v.uncertain},
           {"hypothetical", v.hypothetical}, {"historical", v.historical}, {"experiencer", v.experiencer}};
  put(j, "triggers", v.triggers);
}
void from_json(const json& j, Assertion& v) {
  get(j, "status", v.status);
  get(j, "negated", v.negated);
  get(j, "uncertain", v.uncertain);
  get(j, "hypothetical", v.hypothetical);
  get(j, "historical", v.historical);
  get(j, "experiencer", v.experiencer);
  get(j, "triggers", v.triggers);
}

void to_json(json& j, const Mention& v) {
  j = json{{"id", v.id}, {"view", v.view}, {"begin", v.begin}, {"end", v.end}, {"kind", v.kind}};
  put(j, "category", v.category);
  put(j, "matched_term", v.matched_term);
  put(j, "concepts", v.concepts);
  j["assertion"] = v.assertion;
  put(j, "section_id", v.section_id);
  put(j, "sentence_id", v.sentence_id);
  put(j, "confidence", v.confidence);
  j["producer"] = v.producer;
  put(j, "attributes", v.attributes);
}
void from_json(const json& j, Mention& v) {
  get(j, "id", v.id);
  get(j, "view", v.view);
  get(j, "begin", v.begin);
  get(j, "end", v.end);
  get(j, "kind", v.kind);
  get(j, "category", v.category);
  get(j, "matched_term", v.matched_term);
  get(j, "concepts", v.concepts);
  get(j, "assertion", v.assertion);
  get(j, "section_id", v.section_id);
  get(j, "sentence_id", v.sentence_id);
  get(j, "confidence", v.confidence);
  get(j, "producer", v.producer);
  get(j, "attributes", v.attributes);
}

void to_json(json& j, const Code& v) {
  j = json{{"id", v.id}, {"system", v.system}, {"code", v.code}};
  put(j, "display", v.display);
  j["code_set_version"] = v.code_set_version;
  put(j, "mention_ids", v.mention_ids);
  j["evidence"] = v.evidence;
  j["confidence"] = v.confidence;
  j["rule"] = v.rule;
  j["needs_review"] = v.needs_review;
  put(j, "review_reasons", v.review_reasons);
  put(j, "sequence", v.sequence);
  put(j, "role", v.role);
  put(j, "partial", v.partial);
  put(j, "policy", v.policy);
  j["producer"] = v.producer;
  put(j, "attributes", v.attributes);
}
void from_json(const json& j, Code& v) {
  get(j, "id", v.id);
  get(j, "system", v.system);
  get(j, "code", v.code);
  get(j, "display", v.display);
  get(j, "code_set_version", v.code_set_version);
  get(j, "mention_ids", v.mention_ids);
  get(j, "evidence", v.evidence);
  get(j, "confidence", v.confidence);
  get(j, "rule", v.rule);
  get(j, "needs_review", v.needs_review);
  get(j, "review_reasons", v.review_reasons);
  get(j, "sequence", v.sequence);
  get(j, "role", v.role);
  get(j, "partial", v.partial);
  get(j, "policy", v.policy);
  get(j, "producer", v.producer);
  get(j, "attributes", v.attributes);
}

void to_json(json& j, const AbstractedField& v) {
  j = json::object();
  put(j, "value", v.value);
  put(j, "display", v.display);
  j["evidence"] = v.evidence;
  j["confidence"] = v.confidence;
  j["needs_review"] = v.needs_review;
  put(j, "reason", v.reason);
}
void from_json(const json& j, AbstractedField& v) {
  get(j, "value", v.value);
  get(j, "display", v.display);
  get(j, "evidence", v.evidence);
  get(j, "confidence", v.confidence);
  get(j, "needs_review", v.needs_review);
  get(j, "reason", v.reason);
}

void to_json(json& j, const Tumor& v) {
  j = json{{"id", v.id}, {"status", v.status}, {"reasons", v.reasons}, {"evidence", v.evidence}};
  put(j, "mention_ids", v.mention_ids);
  put(j, "code_ids", v.code_ids);
  j["fields"] = json::object();
  for (const auto& [name, field] : v.fields) j["fields"][name] = field;
  put(j, "confidence", v.confidence);
  j["producer"] = v.producer;
  put(j, "attributes", v.attributes);
}
void from_json(const json& j, Tumor& v) {
  get(j, "id", v.id);
  get(j, "status", v.status);
  get(j, "reasons", v.reasons);
  get(j, "evidence", v.evidence);
  get(j, "mention_ids", v.mention_ids);
  get(j, "code_ids", v.code_ids);
  v.fields.clear();
  for (const auto& [name, field] : j.at("fields").items()) v.fields[name] = field.get<AbstractedField>();
  get(j, "confidence", v.confidence);
  get(j, "producer", v.producer);
  get(j, "attributes", v.attributes);
}

void to_json(json& j, const Diagnostic& v) {
  j = json{{"severity", v.severity}, {"code", v.code}, {"message", v.message}, {"producer", v.producer}};
}
void from_json(const json& j, Diagnostic& v) {
  get(j, "severity", v.severity);
  get(j, "code", v.code);
  get(j, "message", v.message);
  get(j, "producer", v.producer);
}

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
  put(j, "diagnostics", v.diagnostics);
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
  get(j, "schema_version", v.schema_version);
  get(j, "document", v.document);
  get(j, "pipeline", v.pipeline);
  get(j, "producers", v.producers);
  get(j, "views", v.views);
  get(j, "diagnostics", v.diagnostics);
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
