// The pipeline configuration file (configs/*.json): parsed, validated against
// schemas/pipeline-config.schema.json, and turned into plain settings.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace chartflow::host {

struct StageSpec {
  std::string id;
  std::string plugin;
  nlohmann::json config = nlohmann::json::object();
  bool after_review = false;  // a sink with "deliver": "after_review": not offered records by the run
};

struct PipelineConfig {
  std::filesystem::path file;
  std::string name;
  std::vector<std::filesystem::path> plugin_path;  // resolved against the config file's folder
  unsigned jobs = 0;                               // 0: one per core
  std::uint64_t max_input_bytes = 256ull << 20;
  std::uint64_t max_text_bytes = 32ull << 20;  // a text input, and the text of any one view
  std::uint64_t max_items = 250000;            // annotation items in one record
  double seconds_per_document = 600;         // supervised workers: time for one document
  std::uint64_t worker_memory_mb = 2048;     // supervised workers: resident memory
  bool pretty = false;
  std::vector<StageSpec> stages;
  std::vector<StageSpec> sinks;  // run after the last stage on every finished record
};

// Throws FatalError: "<file>: stages[1].plugin: <what was wrong>".
PipelineConfig read_pipeline_config(const std::filesystem::path& file);

}  // namespace chartflow::host
