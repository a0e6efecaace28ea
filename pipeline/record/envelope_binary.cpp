// The envelope the final record check reads (document, pipeline, producers, views without their
// texts, diagnostics), written as a binary value straight from the record's structs. The check
// built it as nlohmann::json for every document: a tree of heap nodes per member, more than a
// twentieth of the host's time per note, to be validated and thrown away.
#include "record_json.hpp"

#include <chartflow/binary.hpp>

namespace chartflow::record {
namespace {

// Every object's members in the order nlohmann::json keeps them (sorted by key), so a broken
// envelope's errors come in the order they always did.

void write_document(binary::Writer& w, const Document& d) {
  w.begin_object().member("id", d.id).member("media_type", d.media_type);
  if (d.page_count) w.member("page_count", *d.page_count);
  w.key("source").begin_object();
  w.member("name", d.source.name).member("sha256", d.source.sha256).member("size_bytes", d.source.size_bytes);
  w.end_object().end_object();
}

void write_view_without_text(binary::Writer& w, const TextView& v) {
  w.begin_object();
  if (v.attributes) {
    w.key("attributes");
    binary::write_json(w, *v.attributes);
  }
  if (v.derived_from) w.member("derived_from", *v.derived_from);
  if (v.encoding) w.member("encoding", *v.encoding);
  w.member("name", v.name).member("origin", v.origin).member("producer", v.producer);
  if (!v.source_map.empty()) {
    w.key("source_map").begin_array();
    for (const auto& [offset, source] : v.source_map) w.begin_array().value(offset).value(source).end_array();
    w.end_array();
  }
  w.member("text", std::string_view()).end_object();
}

}  // namespace

binary::Writer envelope_for_check_binary(const Record& v) {
  binary::Writer w;
  w.begin_object();
  if (!v.diagnostics.empty()) {
    w.key("diagnostics").begin_array();
    for (const Diagnostic& d : v.diagnostics)
      w.begin_object().member("code", d.code).member("message", d.message).member("producer", d.producer).member("severity", d.severity).end_object();
    w.end_array();
  }
  w.key("document");
  write_document(w, v.document);
  w.key("pipeline").begin_object();
  w.member("fingerprint", v.pipeline.fingerprint).member("host_version", v.pipeline.host_version).member("name", v.pipeline.name);
  w.end_object();
  w.key("producers").begin_array();
  for (const Producer& p : v.producers)
    w.begin_object().member("config_hash", p.config_hash).member("plugin", p.plugin).member("stage", p.stage).member("version", p.version).end_object();
  w.end_array();
  w.member("schema_version", v.schema_version);
  w.key("views").begin_array();
  for (const TextView& view : v.views) write_view_without_text(w, view);
  w.end_array();
  w.end_object();
  return w;
}

std::vector<SchemaError> envelope_errors(const Record& record) {
  static const CompiledSchema& schema = builtin_schema("record.schema.json");
  const binary::Writer envelope = envelope_for_check_binary(record);
  const std::string_view bytes = envelope.bytes();
  return schema.validate(binary::Value(bytes.data(), bytes.data() + bytes.size()));
}

}  // namespace chartflow::record
