#include "pipeline_options.hpp"

#include "../host/errors.hpp"
#include "../host/sink.hpp"

#include <algorithm>
#include <thread>

namespace chartflow::cli {

unsigned jobs_option(const Args& args) { return args.has("jobs") ? parse_count("jobs", args.value("jobs"), 1, 1024) : 0; }

unsigned worker_count(unsigned jobs_option, const host::PipelineConfig& config) {
  return jobs_option ? jobs_option : config.jobs ? config.jobs : std::max(1u, std::thread::hardware_concurrency());
}

host::RunOptions run_options(const Args& args, const host::PipelineConfig& config) {
  host::RunOptions options;
  options.pretty = args.has("pretty") || config.pretty;
  options.max_input_bytes = config.max_input_bytes;
  options.limits.seconds_per_document = config.seconds_per_document;
  options.limits.memory_bytes = config.worker_memory_mb << 20;
  if (args.has("isolation")) {
    const std::string mode = args.value("isolation");
    if (mode != "process" && mode != "none") throw UsageError("--isolation must be 'process' (the default) or 'none', not '" + mode + "'");
    options.isolation = mode == "none" ? host::Isolation::none : host::Isolation::process;
  }
  return options;
}

void refuse_batch_sinks(const host::Pipeline& pipeline, const std::string& parts, const std::string& output) {
  for (const auto& sink : pipeline.sinks())
    if (sink->mode() == host::DeliveryMode::batch)
      throw host::FatalError("sink '" + sink->id() + "' writes one file for the whole batch, which " + parts + " cannot share: remove it from " +
                             "their config, and after `chartflow merge --output " + output + "` run it once with `chartflow export " +
                             sink->manifest().name + " --records " + output + " --config <its config>`");
}

}  // namespace chartflow::cli
