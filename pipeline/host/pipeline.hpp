// A ready-to-run pipeline: every stage's plugin found, checked, loaded and instantiated.
#pragma once

#include "manifest.hpp"
#include "pipeline_config.hpp"
#include "stage.hpp"

#include <memory>
#include <string>
#include <vector>

namespace chartflow::host {

class Pipeline {
 public:
  // Fails fast (FatalError) on anything wrong with the configuration: unknown plugin, a stage
  // config that does not match the plugin's config schema, a field read that no earlier stage
  // writes, a library that fails the ABI handshake.
  Pipeline(const PipelineConfig& config, unsigned workers);

  const std::string& name() const noexcept { return name_; }
  const std::string& fingerprint() const noexcept { return fingerprint_; }
  const std::vector<std::unique_ptr<Stage>>& stages() const noexcept { return stages_; }
  unsigned workers() const noexcept { return workers_; }
  // True when some reader stage accepts this media type (or the pipeline has no readers).
  bool reads_media_type(std::string_view media_type) const;
  std::vector<std::string> media_types() const;

 private:
  std::string name_;
  std::string fingerprint_;
  unsigned workers_;
  std::vector<std::unique_ptr<Stage>> stages_;
};

// Checks the manifests of `config`'s stages without loading any library: plugins exist,
// configs match their schemas, reads are written upstream. Returns the manifests in stage order.
std::vector<Manifest> check_pipeline(const PipelineConfig& config, const PluginCatalog& catalog);

std::vector<std::filesystem::path> plugin_search_path(const PipelineConfig& config);

}  // namespace chartflow::host
