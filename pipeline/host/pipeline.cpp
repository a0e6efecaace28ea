#include "pipeline.hpp"

#include "errors.hpp"
#include "hashing.hpp"
#include "plugin_library.hpp"

#include "../record/fields.hpp"
#include "../record/record.hpp"
#include "../record/schema_validator.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

namespace chartflow::host {
namespace {

std::string join(const std::vector<std::filesystem::path>& paths) {
  std::string out;
  for (const auto& p : paths) out += (out.empty() ? "" : ", ") + p.string();
  return out.empty() ? "(none)" : out;
}

}  // namespace

std::vector<std::filesystem::path> plugin_search_path(const PipelineConfig& config) {
  auto path = config.plugin_path;
  for (auto& p : default_plugin_path()) path.push_back(std::move(p));
  return path;
}

namespace {

const Manifest& find_plugin(const PipelineConfig& config, const PluginCatalog& catalog, const StageSpec& spec, const std::string& at) {
  const Manifest* manifest = catalog.find(spec.plugin);
  if (!manifest) {
    std::string broken;
    for (const auto& p : catalog.problems)
      if (p.file.parent_path().filename() == spec.plugin) broken = " (a manifest at " + p.file.string() + " is broken: " + p.problem + ")";
    throw FatalError(at + ".plugin: no plugin named '" + spec.plugin + "' in the plugin path [" + join(plugin_search_path(config)) +
                     "]" + broken + "; `chartflow plugins` lists the plugins found");
  }
  if (const auto errors = check_plugin_config(*manifest, spec.config); !errors.empty()) {
    std::string detail;
    for (std::size_t k = 0; k < errors.size() && k < 3; ++k)
      detail += (k ? "; " : "") + at + ".config" + (errors[k].path.empty() ? "" : "." + errors[k].path) + ": " + errors[k].message;
    throw FatalError(detail + " (plugin '" + spec.plugin + "' documents its options in " + manifest->file.string() + ")");
  }
  return *manifest;
}

// Every annotation field a manifest names must be built in or declared by a plugin of the pipeline.
void check_fields_known(const Manifest& manifest, const record::FieldRegistry& fields, const std::string& at) {
  for (const auto* list : {&manifest.reads, &manifest.writes})
    for (const auto& name : *list)
      if (record::parse_field(name)->kind == record::FieldKind::items && !fields.find(name))
        throw FatalError(at + ": plugin '" + manifest.name + "' names field '" + name +
                         "', which is no built-in field of the record and which no plugin of this pipeline declares in its manifest's \"fields\"");
}

}  // namespace

std::vector<record::SchemaError> check_plugin_config(const Manifest& manifest, const nlohmann::json& config) {
  return record::CompiledSchema::compile(manifest.config_schema)->validate(config);
}

namespace {

// Each stage's and sink's manifest, each listed where its kind belongs, and the fields they
// declare registered once per plugin.
CheckedPipeline find_plugins(const PipelineConfig& config, const PluginCatalog& catalog, const std::string& where) {
  CheckedPipeline checked;
  checked.fields = std::make_shared<record::FieldRegistry>();
  for (std::size_t i = 0; i < config.stages.size(); ++i) {
    const std::string at = where + "stages[" + std::to_string(i) + "] ('" + config.stages[i].id + "')";
    const Manifest& manifest = find_plugin(config, catalog, config.stages[i], at);
    if (manifest.is_sink()) throw FatalError(at + ": plugin '" + manifest.name + "' is a sink; list it under \"sinks\", not \"stages\"");
    checked.stages.push_back(manifest);
  }
  for (std::size_t i = 0; i < config.sinks.size(); ++i) {
    const std::string at = where + "sinks[" + std::to_string(i) + "] ('" + config.sinks[i].id + "')";
    const Manifest& manifest = find_plugin(config, catalog, config.sinks[i], at);
    if (!manifest.is_sink()) throw FatalError(at + ": plugin '" + manifest.name + "' is a stage, not a sink; list it under \"stages\"");
    checked.sinks.push_back(manifest);
  }
  std::set<std::string> declaring;
  for (const auto* list : {&checked.stages, &checked.sinks})
    for (const auto& m : *list) {
      if (!declaring.insert(m.name).second) continue;  // the same plugin used twice declares once
      try {
        checked.fields->declare(m.name, m.fields);
      } catch (const record::FieldError& e) {
        throw FatalError(where + e.what());
      }
    }
  return checked;
}

// Reads before writes: every field a stage reads is written by an earlier one (source and
// document come from the host), and no two stages write one view.
void check_reads_before_writes(const PipelineConfig& config, const CheckedPipeline& checked, const std::string& where) {
  std::map<std::string, std::string> written;  // field -> first stage id writing it
  for (std::size_t i = 0; i < config.stages.size(); ++i) {
    const auto& spec = config.stages[i];
    const Manifest& manifest = checked.stages[i];
    const std::string at = where + "stages[" + std::to_string(i) + "] ('" + spec.id + "')";
    check_fields_known(manifest, *checked.fields, at);
    for (const auto& field : manifest.reads) {
      const auto parsed = record::parse_field(field);
      if (parsed->kind == record::FieldKind::source || parsed->kind == record::FieldKind::document) continue;
      if (!written.contains(field))
        throw FatalError(at + ": plugin '" + spec.plugin + "' reads '" + field +
                         "' but no earlier stage writes it; add a stage that writes '" + field + "' before this one");
    }
    for (const auto& field : manifest.writes) {
      const auto parsed = record::parse_field(field);
      // Two stages writing the same view would collide (views are immutable), unless both are
      // readers for different media types, of which only one runs per document.
      if (parsed->kind == record::FieldKind::view && written.contains(field)) {
        const Manifest* other = nullptr;
        for (std::size_t k = 0; k < i; ++k)
          if (config.stages[k].id == written[field]) other = &checked.stages[k];
        const bool alternative_readers = manifest.is_reader() && other && other->is_reader();
        if (!alternative_readers)
          throw FatalError(at + ": writes '" + field + "', which stage '" + written[field] +
                           "' already writes; views are immutable, so only one stage may write each");
      }
      written.emplace(field, spec.id);
    }
  }
}

}  // namespace

CheckedPipeline check_pipeline(const PipelineConfig& config, const PluginCatalog& catalog) {
  const std::string where = config.file.string() + ": ";
  CheckedPipeline checked = find_plugins(config, catalog, where);
  check_reads_before_writes(config, checked, where);
  for (std::size_t i = 0; i < config.sinks.size(); ++i)
    check_fields_known(checked.sinks[i], *checked.fields, where + "sinks[" + std::to_string(i) + "] ('" + config.sinks[i].id + "')");
  if (std::none_of(checked.stages.begin(), checked.stages.end(), [](const Manifest& m) { return m.is_reader(); }))
    throw FatalError(where + "stages: no reader stage (a plugin with media_types, such as 'text-reader'); nothing would read the input files");
  return checked;
}

record::FieldRegistry catalog_fields(const PluginCatalog& catalog) {
  record::FieldRegistry fields;
  for (const auto& m : catalog.manifests) {
    try {
      fields.declare(m.name, m.fields);
    } catch (const record::FieldError&) {
      // A clash between two installed plugins: `chartflow plugins` reports it; the first wins here.
    }
  }
  return fields;
}

Pipeline::Pipeline(const PipelineConfig& config, unsigned workers)
    : name_(config.name), workers_(workers), limits_{config.max_text_bytes, config.max_items} {
  // The host runs documents in parallel itself. Libraries that parallelise with OpenMP (such as
  // Tesseract) would multiply that by the core count; they read this when first loaded, which is
  // below. A value the user set wins.
  ::setenv("OMP_THREAD_LIMIT", "1", 0);
  const PluginCatalog catalog = scan_plugins(plugin_search_path(config));
  CheckedPipeline checked = check_pipeline(config, catalog);
  fields_ = std::move(checked.fields);
  std::string fingerprint_input = std::string("record-schema ") + record::kSchemaVersion + "\n";
  for (std::size_t i = 0; i < config.stages.size(); ++i) {
    const cf_plugin_v1& api = load_plugin(checked.stages[i]);
    stages_.push_back(std::make_unique<Stage>(config.stages[i].id, checked.stages[i], api, config.stages[i].config, workers, *fields_, limits_));
    const auto& p = stages_.back()->producer();
    fingerprint_input += p.stage + " " + p.plugin + " " + p.version + " " + p.config_hash + " " + stages_.back()->data_hash() + "\n";
  }
  // Sinks deliver records; they change nothing in them, so they are not in the fingerprint.
  for (std::size_t i = 0; i < config.sinks.size(); ++i)
    if (config.sinks[i].after_review)
      after_review_.push_back(config.sinks[i]);  // its config was checked above; the workstation's approval delivers
    else
      sinks_.push_back(std::make_unique<Sink>(config.sinks[i].id, checked.sinks[i], load_plugin(checked.sinks[i]), config.sinks[i].config));
  fingerprint_ = sha256_hex(fingerprint_input);
}

bool Pipeline::reads_media_type(std::string_view media_type) const {
  return std::any_of(stages_.begin(), stages_.end(), [&](const auto& s) { return s->accepts(media_type); });
}

std::vector<std::string> Pipeline::media_types() const {
  std::set<std::string> types;
  for (const auto& s : stages_) types.insert(s->manifest().media_types.begin(), s->manifest().media_types.end());
  return {types.begin(), types.end()};
}

}  // namespace chartflow::host
