#include "commands.hpp"

#include "../host/errors.hpp"
#include "../host/json_file.hpp"
#include "../host/pipeline.hpp"
#include "../host/pipeline_config.hpp"
#include "../record/record_check.hpp"

#include <algorithm>
#include <iostream>

namespace chartflow::cli {
namespace {

int validate_config(const std::string& file) {
  const host::PipelineConfig config = host::read_pipeline_config(file);
  // Loading and instantiating every stage is the only complete check: it runs the ABI
  // handshake and lets each plugin refuse its config, exactly as `run` would.
  const host::Pipeline pipeline(config, 1);
  std::cout << file << ": OK, pipeline '" << pipeline.name() << "' with " << pipeline.stages().size() << " stages:";
  for (const auto& stage : pipeline.stages()) std::cout << " " << stage->id();
  std::cout << "\n";
  return 0;
}

int validate_records(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(p, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    } else if (std::filesystem::exists(p, ec)) {
      files.emplace_back(p);
    } else {
      throw host::FatalError(p + ": record file or folder not found");
    }
  }
  std::sort(files.begin(), files.end());
  // Fields that plugins declare are checked against the installed plugins' schemas.
  const record::FieldRegistry fields = host::catalog_fields(host::scan_plugins(host::default_plugin_path()));
  std::size_t bad = 0;
  for (const auto& file : files) {
    std::vector<std::string> problems;
    try {
      problems = record::check_record(host::read_json_file(file, "record"), fields);
    } catch (const host::FatalError& e) {
      problems = {e.what()};
    }
    if (problems.empty()) continue;
    ++bad;
    for (const auto& p : problems) std::cout << file.string() << ": " << p << "\n";
  }
  std::cout << files.size() - bad << " valid, " << bad << " invalid record(s)\n";
  return bad ? 1 : 0;
}

}  // namespace

int validate_command(const Args& args) {
  if (args.has("config") == args.has("record")) throw UsageError("validate needs either --config FILE or --record PATH...");
  if (args.has("config")) return validate_config(args.value("config"));
  return validate_records(args.values("record"));
}

}  // namespace chartflow::cli
