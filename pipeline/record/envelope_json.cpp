#include "envelope_json.hpp"

#include "binary_json.hpp"

#include <chartflow/utf8.hpp>

#include <charconv>
#include <nlohmann/json.hpp>

namespace chartflow::record {
namespace {

void append_text(std::string& out, std::string_view text) {
  if (utf8::is_valid(text)) return append_json_string(out, text);
  // A file name from another encoding: replaced as nlohmann::json's dump does.
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// One compact object, written member by member; the caller names the members in sorted key order.
class CompactObject {
 public:
  explicit CompactObject(std::string& out) : out_(out) { out_ += '{'; }
  CompactObject& text(std::string_view key, std::string_view value) {
    append_text(start(key), value);
    return *this;
  }
  CompactObject& number(std::string_view key, std::uint64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    start(key).append(digits, end);
    return *this;
  }
  std::string& raw(std::string_view key) { return start(key); }
  void close() { out_ += '}'; }

 private:
  std::string& start(std::string_view key) {
    if (!first_) out_ += ',';
    first_ = false;
    append_json_string(out_, key);
    out_ += ':';
    return out_;
  }
  std::string& out_;
  bool first_ = true;
};

void append_source(std::string& out, const Source& s) {
  CompactObject o(out);
  o.text("name", s.name).text("sha256", s.sha256).number("size_bytes", s.size_bytes);
  o.close();
}

void append_document(std::string& out, const Document& d) {
  CompactObject o(out);
  o.text("id", d.id).text("media_type", d.media_type);
  if (d.page_count) o.number("page_count", *d.page_count);
  append_source(o.raw("source"), d.source);
  o.close();
}

void append_pipeline(std::string& out, const PipelineInfo& p) {
  CompactObject o(out);
  o.text("fingerprint", p.fingerprint).text("host_version", p.host_version).text("name", p.name);
  o.close();
}

template <class T, class F>
void append_array(std::string& out, const std::vector<T>& values, F&& append_one) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    append_one(out, values[i]);
  }
  out += ']';
}

void append_producer(std::string& out, const Producer& p) {
  CompactObject o(out);
  o.text("config_hash", p.config_hash).text("plugin", p.plugin).text("stage", p.stage).text("version", p.version);
  o.close();
}

void append_diagnostic(std::string& out, const Diagnostic& d) {
  CompactObject o(out);
  o.text("code", d.code).text("message", d.message).text("producer", d.producer).text("severity", d.severity);
  o.close();
}

void append_view(std::string& out, const TextView& v) {
  CompactObject o(out);
  if (v.attributes) o.raw("attributes") += v.attributes->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (v.derived_from) o.text("derived_from", *v.derived_from);
  if (v.encoding) o.text("encoding", *v.encoding);
  o.text("name", v.name).text("origin", v.origin).text("producer", v.producer);
  if (!v.source_map.empty())
    append_array(o.raw("source_map"), v.source_map, [](std::string& s, const std::pair<std::uint64_t, std::uint64_t>& pair) {
      char digits[48];
      char* end = std::to_chars(digits, digits + 24, pair.first).ptr;
      *end++ = ',';
      end = std::to_chars(end, digits + sizeof digits, pair.second).ptr;
      s += '[';
      s.append(digits, end);
      s += ']';
    });
  // The texts are most of a record's bytes: escaped straight from the view, never copied.
  o.text("text", v.text);
  o.close();
}

}  // namespace

void append_views(std::string& out, const std::vector<TextView>& views) { append_array(out, views, append_view); }

std::vector<std::string_view> envelope_members(const Record& record) {
  std::vector<std::string_view> keys = {"document", "pipeline", "producers", "schema_version"};
  if (!record.diagnostics.empty()) keys.emplace_back("diagnostics");
  return keys;
}

void append_envelope_member(std::string& out, const Record& record, std::string_view key) {
  if (key == "document") append_document(out, record.document);
  else if (key == "pipeline") append_pipeline(out, record.pipeline);
  else if (key == "producers") append_array(out, record.producers, append_producer);
  else if (key == "diagnostics") append_array(out, record.diagnostics, append_diagnostic);
  else if (key == "schema_version") append_text(out, record.schema_version);
}

}  // namespace chartflow::record
