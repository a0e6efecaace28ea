#include "pipeline_config.hpp"

#include "errors.hpp"
#include "json_file.hpp"

#include "../record/schema_validator.hpp"

#include <set>

namespace chartflow::host {

PipelineConfig read_pipeline_config(const std::filesystem::path& file) {
  const nlohmann::json raw = read_json_file(file, "pipeline config");
  const std::string where = file.string() + ": ";
  if (const auto errors = record::builtin_schema("pipeline-config.schema.json").validate(raw); !errors.empty())
    throw FatalError(where + record::describe_errors(errors));

  PipelineConfig config;
  config.file = file;
  config.name = raw.at("name");
  for (const auto& folder : raw.value("plugin_path", std::vector<std::string>{})) {
    std::filesystem::path p(folder);
    config.plugin_path.push_back(p.is_absolute() ? p : file.parent_path() / p);
  }
  config.jobs = raw.value("jobs", 0u);
  if (raw.contains("limits")) {
    config.max_input_bytes = raw["limits"].value("max_input_bytes", config.max_input_bytes);
    config.seconds_per_document = raw["limits"].value("seconds_per_document", config.seconds_per_document);
    config.max_text_bytes = raw["limits"].value("max_text_bytes", config.max_text_bytes);
    config.max_items = raw["limits"].value("max_items", config.max_items);
    config.worker_memory_mb = raw["limits"].value("worker_memory_mb", config.worker_memory_mb);
  }
  if (raw.contains("output")) config.pretty = raw["output"].value("pretty", false);
  std::set<std::string> ids;
  const auto& stages = raw.at("stages");
  for (std::size_t i = 0; i < stages.size(); ++i) {
    StageSpec spec{stages[i].at("id"), stages[i].at("plugin"), stages[i].value("config", nlohmann::json::object())};
    if (!ids.insert(spec.id).second)
      throw FatalError(where + "stages[" + std::to_string(i) + "].id: '" + spec.id + "' is already used by an earlier stage; stage ids must be unique");
    config.stages.push_back(std::move(spec));
  }
  const auto sinks = raw.value("sinks", nlohmann::json::array());
  for (std::size_t i = 0; i < sinks.size(); ++i) {
    StageSpec spec{sinks[i].at("id"), sinks[i].at("plugin"), sinks[i].value("config", nlohmann::json::object()),
                   sinks[i].value("deliver", "on_run") == "after_review"};
    if (!ids.insert(spec.id).second)
      throw FatalError(where + "sinks[" + std::to_string(i) + "].id: '" + spec.id + "' is already used by a stage or an earlier sink; ids must be unique");
    config.sinks.push_back(std::move(spec));
  }
  return config;
}

}  // namespace chartflow::host
