// A ready-to-run pipeline: every stage's and sink's plugin found, checked, loaded and
// instantiated, and the record's field registry (built-in fields plus those the pipeline's
// plugins declare).
#pragma once

#include "manifest.hpp"
#include "pipeline_config.hpp"
#include "sink.hpp"
#include "stage.hpp"

#include "../record/fields.hpp"
#include "../record/schema_validator.hpp"

#include <memory>
#include <string>
#include <vector>

namespace chartflow::host {

class Pipeline {
 public:
  // Fails fast (FatalError) on anything wrong with the configuration: unknown plugin, a stage
  // config that does not match the plugin's config schema, a field read that no earlier stage
  // writes, a field no plugin declares, a library that fails the ABI handshake.
  Pipeline(const PipelineConfig& config, unsigned workers);

  const std::string& name() const noexcept { return name_; }
  const std::string& fingerprint() const noexcept { return fingerprint_; }
  const std::vector<std::unique_ptr<Stage>>& stages() const noexcept { return stages_; }
  const std::vector<std::unique_ptr<Sink>>& sinks() const noexcept { return sinks_; }
  // Sinks configured to deliver after review ("deliver": "after_review"): checked, not run.
  const std::vector<StageSpec>& sinks_after_review() const noexcept { return after_review_; }
  const record::FieldRegistry& fields() const noexcept { return *fields_; }
  unsigned workers() const noexcept { return workers_; }
  const record::OutputLimits& limits() const noexcept { return limits_; }
  // True when some reader stage accepts this media type (or the pipeline has no readers).
  bool reads_media_type(std::string_view media_type) const;
  std::vector<std::string> media_types() const;

 private:
  std::string name_;
  std::string fingerprint_;
  unsigned workers_;
  record::OutputLimits limits_;
  std::shared_ptr<record::FieldRegistry> fields_;
  std::vector<std::unique_ptr<Stage>> stages_;
  std::vector<std::unique_ptr<Sink>> sinks_;
  std::vector<StageSpec> after_review_;
};

struct CheckedPipeline {
  std::vector<Manifest> stages;  // in stage order
  std::vector<Manifest> sinks;
  std::shared_ptr<record::FieldRegistry> fields;
};

// Checks the manifests of `config`'s stages and sinks without loading any library: plugins exist
// and are of the right kind, configs match their schemas, declared fields do not clash, every
// field read is written upstream and every annotation field is built in or declared.
CheckedPipeline check_pipeline(const PipelineConfig& config, const PluginCatalog& catalog);

// Every way `config` breaks the plugin's config_schema (empty: valid). Paths are relative to the
// config object ("record_type", "" for the object itself).
std::vector<record::SchemaError> check_plugin_config(const Manifest& manifest, const nlohmann::json& config);

// The field registry of every plugin in `catalog` (clashing declarations: the first wins), for
// checking records outside a pipeline (`chartflow validate --record`).
record::FieldRegistry catalog_fields(const PluginCatalog& catalog);

std::vector<std::filesystem::path> plugin_search_path(const PipelineConfig& config);

}  // namespace chartflow::host
