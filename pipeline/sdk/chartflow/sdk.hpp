// chartflow C++ SDK: write one class, get a plugin.
//
//   class MyStage {
//    public:
//     explicit MyStage(const chartflow::sdk::Context& context);   // read context.config()
//     void process(const chartflow::sdk::Document& document, chartflow::sdk::Output& output);
//   };
//   CHARTFLOW_PLUGIN(MyStage)
//
// A sink (manifest "kind": "sink") delivers finished records somewhere:
//
//   class MySink {
//    public:
//     explicit MySink(const chartflow::sdk::Context& context);
//     void begin_batch(const chartflow::sdk::json& batch);            // optional
//     chartflow::sdk::Delivery deliver(const chartflow::sdk::json& record);
//     std::string end_batch(const chartflow::sdk::json& summary);     // optional; a one-line report
//   };
//   CHARTFLOW_SINK(MySink)
//
// The SDK is header-only and sits entirely on the plugin's side of the C ABI in
// chartflow_plugin.h: it turns the C structs into friendly C++ types and turns every exception
// into a status code plus message, so nothing C++ ever crosses the boundary.
// Build the plugin with chartflow_add_plugin() (CMake), which embeds the plugin's manifest.
#pragma once

#include <chartflow_plugin.h>
#include <chartflow/binary.hpp>

#include <nlohmann/json.hpp>

#include <concepts>
#include <cstddef>
#include <cstring>
#include <map>
#include <exception>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace chartflow::sdk {

using json = nlohmann::json;

// Throw one of these from a stage to fail the current document (or, from the constructor, the
// start-up) with a precise reason. Messages must not contain document text or identifiers.
class StageError : public std::runtime_error {
 public:
  StageError(cf_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  cf_status status() const noexcept { return status_; }

 private:
  cf_status status_;
};

struct InvalidInput : StageError {
  explicit InvalidInput(const std::string& message) : StageError(CF_ERR_INVALID_INPUT, message) {}
};
struct Unsupported : StageError {
  explicit Unsupported(const std::string& message) : StageError(CF_ERR_UNSUPPORTED, message) {}
};
struct LimitExceeded : StageError {
  explicit LimitExceeded(const std::string& message) : StageError(CF_ERR_LIMIT, message) {}
};
struct ConfigError : StageError {
  explicit ConfigError(const std::string& message) : StageError(CF_ERR_CONFIG, message) {}
};

inline std::string_view to_view(cf_str s) noexcept { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }
inline cf_str to_cf(std::string_view s) noexcept { return cf_str{s.data(), s.size()}; }

// Copies `message` into a host-owned error buffer, truncating to fit.
inline void write_error(cf_error_v1* error, std::string_view message) noexcept {
  if (!error || !error->message || error->capacity == 0) return;
  const size_t n = message.size() < error->capacity - 1 ? message.size() : error->capacity - 1;
  std::memcpy(error->message, message.data(), n);
  error->message[n] = '\0';
}

enum class LogLevel { trace = CF_LOG_TRACE, debug = CF_LOG_DEBUG, info = CF_LOG_INFO, warn = CF_LOG_WARN, error = CF_LOG_ERROR };

// What a stage is created with: its validated config and the host's services.
class Context {
 public:
  Context(json config, const cf_host_v1& host) : config_(std::move(config)), host_(host) {}
  const json& config() const noexcept { return config_; }
  std::string plugin_dir() const { return std::string(to_view(host_.plugin_dir)); }
  std::string stage_id() const { return std::string(to_view(host_.stage_id)); }
  unsigned worker_count() const noexcept { return host_.worker_count; }
  // Never log document text or patient identifiers: ids, counts and timings only.
  void log(LogLevel level, std::string_view message) const noexcept {
    if (host_.log) host_.log(host_.context, static_cast<int32_t>(level), to_cf(message));
  }

 private:
  json config_;
  cf_host_v1 host_;
};

// The fields of the record this stage declared it reads.
class Document {
 public:
  explicit Document(const cf_document_v1& document) : doc_(document) {}
  std::string_view id() const noexcept { return to_view(doc_.id); }
  std::string_view media_type() const noexcept { return to_view(doc_.media_type); }
  // The input file's bytes (empty unless the stage reads "source").
  std::string_view source_bytes() const noexcept { return to_view(doc_.source_bytes); }
  // A text view by name, if the document has it and the stage reads it.
  std::optional<std::string_view> view(std::string_view name) const noexcept {
    for (size_t i = 0; i < doc_.view_count; ++i)
      if (to_view(doc_.views[i].name) == name) return to_view(doc_.views[i].text);
    return std::nullopt;
  }
  // The envelope ("document") and, from a 1.0 host, the annotation fields, parsed on first use.
  const json& record() const {
    if (!record_) record_ = doc_.record_json.size ? json::parse(to_view(doc_.record_json)) : json::object();
    return *record_;
  }
  // One annotation field's items in their binary form (binary.hpp): read in place, no parsing,
  // no allocation. The fast way for stages on the hot path. Empty when the record has none.
  binary::Items field(std::string_view name) const {
    if (has_fields())
      for (size_t i = 0; i < doc_.field_count; ++i)
        if (to_view(doc_.fields[i].name) == name) return binary::Items(to_view(doc_.fields[i].items), doc_.fields[i].count);
    return {};
  }
  // One annotation field's items as JSON (an empty array when the record has none), converted
  // on first use: convenient, and slower than field().
  const json& items(const std::string& name) const {
    static const json empty = json::array();
    if (!has_fields()) {
      const json& r = record();
      auto it = r.find(name);
      return it == r.end() ? empty : *it;
    }
    if (auto cached = items_.find(name); cached != items_.end()) return cached->second;
    const binary::Items found = field(name);
    if (found.empty()) return empty;
    return items_.emplace(name, binary::to_json(found)).first->second;
  }

 private:
  // Hosts speaking ABI 1.1 or later pass each annotation field on its own.
  bool has_fields() const noexcept { return doc_.struct_size >= offsetof(cf_document_v1, field_count) + sizeof(size_t); }

  const cf_document_v1& doc_;
  mutable std::optional<json> record_;
  mutable std::map<std::string, json, std::less<>> items_;
};

// What a sink's deliver() reports for one record.
struct Delivery {
  cf_delivery status = CF_DELIVERED;
  std::string message;  // a receipt when delivered, the reason otherwise; never document text
  static Delivery delivered(std::string receipt = {}) { return {CF_DELIVERED, std::move(receipt)}; }
  static Delivery retry(std::string reason) { return {CF_DELIVERY_RETRY, std::move(reason)}; }
  static Delivery failed(std::string reason) { return {CF_DELIVERY_FAILED, std::move(reason)}; }
};

// Where a stage puts what it adds. The host validates each addition against the record schema
// and the plugin's manifest; a rejected addition fails the document with the host's reason.
class Output {
 public:
  explicit Output(const cf_emitter_v1& emitter) : emitter_(emitter) {}

  void add_view(std::string_view name, std::string_view text, const json& meta = json::object()) {
    const std::string meta_text = meta.dump();
    check(emitter_.add_view(emitter_.context, to_cf(name), to_cf(text), to_cf(meta_text), error_buffer()));
  }
  // Appends items (a JSON array of objects, or one object) to a declared field.
  void add(std::string_view field, const json& items) {
    if (!has_binary()) {
      add_serialized(field, items.is_array() ? items.dump() : json::array({items}).dump());
      return;
    }
    binary::Writer writer;
    if (items.is_array())
      for (const auto& item : items) binary::write_json(writer, item);
    else
      binary::write_json(writer, items);
    add(field, writer);
  }
  // Appends the items a binary::Writer holds (each top-level value is one item): the fast way.
  void add(std::string_view field, const binary::Writer& items) {
    if (!items.complete()) throw std::logic_error("binary items for '" + std::string(field) + "' have an unclosed object or array");
    if (!has_binary()) {  // a 1.0 host: send JSON text
      add_serialized(field, binary::to_json(binary::Items(items.bytes(), items.count())).dump());
      return;
    }
    check(emitter_.add_items_binary(emitter_.context, to_cf(field), to_cf(items.bytes()), items.count(), error_buffer()));
  }
  // Appends items already serialised as a JSON array (for stages that build JSON text themselves).
  void add_serialized(std::string_view field, std::string_view items_json) {
    check(emitter_.add_items(emitter_.context, to_cf(field), to_cf(items_json), error_buffer()));
  }
  void warn(std::string_view code, std::string_view message) { diagnostic(CF_SEVERITY_WARNING, code, message); }
  void note(std::string_view code, std::string_view message) { diagnostic(CF_SEVERITY_INFO, code, message); }

 private:
  void diagnostic(cf_severity severity, std::string_view code, std::string_view message) {
    check(emitter_.add_diagnostic(emitter_.context, severity, to_cf(code), to_cf(message), error_buffer()));
  }
  bool has_binary() const noexcept {
    return emitter_.struct_size >= offsetof(cf_emitter_v1, add_items_binary) + sizeof(emitter_.add_items_binary) && emitter_.add_items_binary;
  }
  cf_error_v1* error_buffer() {
    error_.struct_size = sizeof(cf_error_v1);
    error_.message = message_;
    error_.capacity = sizeof(message_);
    message_[0] = '\0';
    return &error_;
  }
  void check(int32_t status) {
    if (status != CF_OK) throw StageError(CF_ERR_REJECTED, message_);
  }

  const cf_emitter_v1& emitter_;
  cf_error_v1 error_{};
  char message_[1024] = {};
};

namespace detail {

// Runs `body`, turning any exception into a status and message: the ABI must never see one.
template <class Body>
int32_t guarded(cf_error_v1* error, Body&& body) noexcept {
  try {
    body();
    return CF_OK;
  } catch (const StageError& e) {
    write_error(error, e.what());
    return e.status();
  } catch (const json::exception& e) {
    write_error(error, std::string("malformed JSON: ") + e.what());
    return CF_ERR_INVALID_INPUT;
  } catch (const std::bad_alloc&) {
    write_error(error, "out of memory");
    return CF_ERR_LIMIT;
  } catch (const std::exception& e) {
    write_error(error, e.what());
    return CF_ERR_INTERNAL;
  } catch (...) {
    write_error(error, "unknown exception");
    return CF_ERR_INTERNAL;
  }
}

template <class Stage>
struct Adapter {
  static int32_t create(cf_str config_json, const cf_host_v1* host, void** instance, cf_error_v1* error) noexcept {
    return guarded(error, [&] {
      json config = config_json.size ? json::parse(to_view(config_json)) : json::object();
      Context context(std::move(config), *host);
      *instance = new Stage(context);
    });
  }
  static int32_t process(void* instance, const cf_document_v1* document, const cf_emitter_v1* emitter,
                         cf_error_v1* error) noexcept {
    return guarded(error, [&] {
      Document doc(*document);
      Output out(*emitter);
      static_cast<Stage*>(instance)->process(doc, out);
    });
  }
  static void destroy(void* instance) noexcept { delete static_cast<Stage*>(instance); }
};

template <class Sink>
struct SinkAdapter {
  static int32_t begin_batch(void* instance, cf_str batch_json, cf_error_v1* error) noexcept {
    return guarded(error, [&] {
      if constexpr (requires(Sink& s, const json& j) { s.begin_batch(j); })
        static_cast<Sink*>(instance)->begin_batch(batch_json.size ? json::parse(to_view(batch_json)) : json::object());
    });
  }
  static int32_t deliver(void* instance, cf_str record_json, cf_error_v1* message) noexcept {
    Delivery delivery;
    const int32_t status = guarded(message, [&] { delivery = static_cast<Sink*>(instance)->deliver(json::parse(to_view(record_json))); });
    if (status != CF_OK) return status == CF_ERR_LIMIT ? CF_DELIVERY_RETRY : CF_DELIVERY_FAILED;  // message already written
    write_error(message, delivery.message);
    return delivery.status;
  }
  static int32_t end_batch(void* instance, cf_str summary_json, cf_error_v1* error) noexcept {
    std::string report;
    const int32_t status = guarded(error, [&] {
      const json summary = summary_json.size ? json::parse(to_view(summary_json)) : json::object();
      auto& sink = *static_cast<Sink*>(instance);
      if constexpr (requires { { sink.end_batch(summary) } -> std::convertible_to<std::string>; })
        report = sink.end_batch(summary);
      else if constexpr (requires { sink.end_batch(summary); })
        sink.end_batch(summary);
    });
    if (status == CF_OK) write_error(error, report);  // the optional one-line report
    return status;
  }
};

template <class Stage>
const cf_plugin_v1* describe(const char* manifest_json, uint32_t host_major, uint32_t host_minor) noexcept {
  (void)host_minor;  // appended members are detected by struct_size, not by the minor
  if (host_major != CHARTFLOW_ABI_VERSION_MAJOR) return nullptr;
  static const cf_plugin_v1 plugin = {sizeof(cf_plugin_v1), CHARTFLOW_ABI_VERSION_MAJOR, CHARTFLOW_ABI_VERSION_MINOR,
                                      manifest_json, &Adapter<Stage>::create, &Adapter<Stage>::process,
                                      &Adapter<Stage>::destroy, nullptr, nullptr, nullptr};
  return &plugin;
}

template <class Sink>
const cf_plugin_v1* describe_sink(const char* manifest_json, uint32_t host_major, uint32_t host_minor) noexcept {
  if (host_major != CHARTFLOW_ABI_VERSION_MAJOR || host_minor < 1) return nullptr;  // sinks need a 1.1 host
  static const cf_plugin_v1 plugin = {sizeof(cf_plugin_v1), CHARTFLOW_ABI_VERSION_MAJOR, CHARTFLOW_ABI_VERSION_MINOR,
                                      manifest_json, &Adapter<Sink>::create, nullptr, &Adapter<Sink>::destroy,
                                      &SinkAdapter<Sink>::begin_batch, &SinkAdapter<Sink>::deliver, &SinkAdapter<Sink>::end_batch};
  return &plugin;
}

}  // namespace detail
}  // namespace chartflow::sdk

// chartflow_add_plugin() generates the definition of this array from the plugin's manifest file.
extern "C" const char chartflow_embedded_manifest[];

#define CHARTFLOW_PLUGIN(StageClass)                                                                            \
  extern "C" CHARTFLOW_PLUGIN_EXPORT const cf_plugin_v1* chartflow_plugin_entry_v1(uint32_t host_major,        \
                                                                                   uint32_t host_minor) {      \
    return ::chartflow::sdk::detail::describe<StageClass>(chartflow_embedded_manifest, host_major, host_minor); \
  }

#define CHARTFLOW_SINK(SinkClass)                                                                                 \
  extern "C" CHARTFLOW_PLUGIN_EXPORT const cf_plugin_v1* chartflow_plugin_entry_v1(uint32_t host_major,         \
                                                                                   uint32_t host_minor) {       \
    return ::chartflow::sdk::detail::describe_sink<SinkClass>(chartflow_embedded_manifest, host_major, host_minor); \
  }
