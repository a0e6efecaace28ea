#include "stage.hpp"

#include "abi_strings.hpp"
#include "errors.hpp"
#include "data_hash.hpp"
#include "hashing.hpp"
#include "logging.hpp"

#include "../record/record_json.hpp"
#include "../record/stage_output.hpp"

#include <algorithm>

namespace chartflow::host {
namespace {

constexpr std::size_t kErrorCapacity = 1024;

// What the emitter callbacks work on. The first refused addition is remembered: a plugin that
// ignores CF_ERR_REJECTED and returns CF_OK must not get a half-applied result through.
struct EmitContext {
  record::StageOutput* output;
  std::string first_rejection;
};

// Emitter callbacks: bridge the C ABI to StageOutput, never letting an exception escape.
template <class Body>
int32_t emit(void* context, cf_error_v1* error, Body&& body) noexcept {
  std::string problem;
  try {
    problem = body();
  } catch (const std::exception& e) {
    problem = std::string("host could not take the addition: ") + e.what();
  } catch (...) {
    problem = "host could not take the addition";
  }
  if (problem.empty()) return CF_OK;
  auto* ctx = static_cast<EmitContext*>(context);
  if (ctx->first_rejection.empty()) ctx->first_rejection = problem;
  if (error && error->message && error->capacity) {
    const std::size_t n = std::min(problem.size(), error->capacity - 1);
    std::copy_n(problem.data(), n, error->message);
    error->message[n] = '\0';
  }
  return CF_ERR_REJECTED;
}

int32_t emit_view(void* context, cf_str name, cf_str text, cf_str meta, cf_error_v1* error) {
  auto* out = static_cast<EmitContext*>(context)->output;
  return emit(context, error, [&] { return out->add_view(to_view(name), to_view(text), to_view(meta)); });
}
int32_t emit_items(void* context, cf_str field, cf_str items, cf_error_v1* error) {
  auto* out = static_cast<EmitContext*>(context)->output;
  return emit(context, error, [&] { return out->add_items(to_view(field), to_view(items)); });
}
int32_t emit_binary_items(void* context, cf_str field, cf_str items, size_t count, cf_error_v1* error) {
  auto* out = static_cast<EmitContext*>(context)->output;
  return emit(context, error, [&] { return out->add_binary_items(to_view(field), to_view(items), count); });
}
int32_t emit_diagnostic(void* context, int32_t severity, cf_str code, cf_str message, cf_error_v1* error) {
  auto* out = static_cast<EmitContext*>(context)->output;
  return emit(context, error, [&] { return out->add_diagnostic(severity, to_view(code), to_view(message)); });
}

}  // namespace

// Plugin log messages pass through with the stage id; the plugin is responsible for keeping
// document text out of them (docs/plugin-authoring.md).
void plugin_log(void* context, int32_t level, cf_str message) {
  const auto* stage_id = static_cast<const std::string*>(context);
  const auto lvl = level <= CF_LOG_TRACE ? log::Level::trace
                 : level == CF_LOG_DEBUG ? log::Level::debug
                 : level == CF_LOG_INFO  ? log::Level::info
                 : level == CF_LOG_WARN  ? log::Level::warn
                                         : log::Level::error;
  log::event(lvl, "plugin.log", {{"stage", *stage_id}, {"message", std::string(to_view(message)).substr(0, 500)}});
}

cf_host_v1 host_services(const std::string& stage_id, const std::string& plugin_dir, unsigned workers) {
  cf_host_v1 host{};
  host.struct_size = sizeof(cf_host_v1);
  host.abi_major = CHARTFLOW_ABI_VERSION_MAJOR;
  host.abi_minor = CHARTFLOW_ABI_VERSION_MINOR;
  host.context = const_cast<std::string*>(&stage_id);  // plugin_log only reads it
  host.log = &plugin_log;
  host.plugin_dir = to_cf(plugin_dir);
  host.stage_id = to_cf(stage_id);
  host.worker_count = workers;
  return host;
}

std::string one_line(const char* message) {
  std::string text(message);
  if (auto nl = text.find_first_of("\r\n"); nl != std::string::npos) text.resize(nl);
  if (text.size() > 500) text.resize(500);
  return text.empty() ? "(no message)" : text;
}

std::string status_name(int32_t status) {
  switch (status) {
    case CF_ERR_INVALID_INPUT: return "invalid-input";
    case CF_ERR_UNSUPPORTED: return "unsupported";
    case CF_ERR_LIMIT: return "limit";
    case CF_ERR_CONFIG: return "config";
    case CF_ERR_INTERNAL: return "internal";
    case CF_ERR_REJECTED: return "rejected";
    default: return "status-" + std::to_string(status);
  }
}

Stage::Stage(std::string id, const Manifest& manifest, const cf_plugin_v1& api, const nlohmann::json& config, unsigned workers,
             const record::FieldRegistry& fields, record::OutputLimits limits)
    : id_(std::move(id)), manifest_(manifest), api_(api), fields_(fields), limits_(limits), host_context_stage_(id_), plugin_dir_(manifest.dir.string()) {
  const std::string config_text = config.dump();
  producer_ = {id_, manifest.name, manifest.version, sha256_hex(config_text)};
  takes_fields_ = api.abi_minor >= 1;
  data_hash_ = folder_content_hash(manifest.dir, manifest.library_path()) + config_files_hash(config);
  for (const auto& name : manifest.reads) reads_.push_back(*record::parse_field(name));
  writes_.insert(manifest.writes.begin(), manifest.writes.end());

  host_ = host_services(host_context_stage_, plugin_dir_, workers);

  const unsigned count = manifest.per_thread ? std::max(1u, workers) : 1u;
  for (unsigned i = 0; i < count; ++i) {
    char message[kErrorCapacity] = {};
    cf_error_v1 error{sizeof(cf_error_v1), message, sizeof(message)};
    void* instance = nullptr;
    const int32_t status = api_.create(to_cf(config_text), &host_, &instance, &error);
    if (status != CF_OK) {
      for (void* created : instances_) api_.destroy(created);
      instances_.clear();
      throw FatalError("stage '" + id_ + "' (plugin '" + manifest.name + "') refused its config: " + one_line(message));
    }
    instances_.push_back(instance);
  }
}

Stage::~Stage() {
  for (void* instance : instances_) api_.destroy(instance);
}

bool Stage::accepts(std::string_view media_type) const {
  return std::find(manifest_.media_types.begin(), manifest_.media_types.end(), media_type) != manifest_.media_types.end();
}

std::optional<StageFailure> Stage::run(record::Record& record, std::string_view source_bytes, unsigned worker) const {
  // Build the stage's view of the record: only what its manifest says it reads. Annotation
  // fields go as the text the record holds them in, never re-serialised.
  std::vector<cf_view_v1> views;
  std::vector<cf_field_v1> fields;
  bool wants_source = false, wants_document = false;
  for (const auto& field : reads_) {
    switch (field.kind) {
      case record::FieldKind::source: wants_source = true; break;
      case record::FieldKind::document: wants_document = true; break;
      case record::FieldKind::view: {
        const auto* view = record.find_view(field.view_name);
        if (!view)
          return StageFailure{id_, "missing-input",
                              "needs view '" + field.view_name + "', which no earlier stage produced for this document"};
        views.push_back({to_cf(view->name), to_cf(view->text)});
        break;
      }
      case record::FieldKind::items:
        if (const auto* items = record.field(field.name); items && !items->empty())
          fields.push_back({to_cf(field.name), to_cf(items->items().bytes()), items->size()});
        break;
    }
  }
  std::string record_json;
  if (wants_document) record_json = "{\"document\":" + nlohmann::json(record.document).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (!takes_fields_) {  // ABI 1.0 plugins get every field as JSON in one object
    for (const auto& f : fields) {
      record_json += record_json.empty() ? "{" : ",";
      record_json += "\"" + std::string(to_view(f.name)) + "\":" + record.field(to_view(f.name))->json_text();
    }
  }
  if (!record_json.empty()) record_json += "}";
  cf_document_v1 document{};
  document.struct_size = sizeof(cf_document_v1);
  document.id = to_cf(record.document.id);
  document.media_type = to_cf(record.document.media_type);
  document.source_bytes = wants_source ? to_cf(source_bytes) : cf_str{nullptr, 0};
  document.views = views.data();
  document.view_count = views.size();
  document.record_json = to_cf(record_json);
  document.fields = fields.data();
  document.field_count = fields.size();

  record::StageOutput output(record, fields_, id_, writes_, limits_);
  EmitContext context{&output, {}};
  cf_emitter_v1 emitter{sizeof(cf_emitter_v1), &context, &emit_view, &emit_items, &emit_diagnostic, &emit_binary_items};
  char message[kErrorCapacity] = {};
  cf_error_v1 error{sizeof(cf_error_v1), message, sizeof(message)};
  void* instance = instances_[manifest_.per_thread ? worker % instances_.size() : 0];
  const int32_t status = api_.process(instance, &document, &emitter, &error);
  // Over a limit: the document is too big, whatever the plugin made of the refusal.
  if (output.over_limit()) return StageFailure{id_, "limit", context.first_rejection};
  if (status != CF_OK) return StageFailure{id_, status_name(status), one_line(message)};
  if (!context.first_rejection.empty()) return StageFailure{id_, "rejected", context.first_rejection};
  if (auto problem = output.commit(record); !problem.empty()) return StageFailure{id_, "rejected", problem};
  return std::nullopt;
}

}  // namespace chartflow::host
