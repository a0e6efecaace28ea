// What `chartflow run` and `chartflow worker` share: the worker count, the run options taken
// from the command line and the pipeline config, and refusing sinks that cannot be split.
#pragma once

#include "args.hpp"

#include "../host/pipeline.hpp"
#include "../host/pipeline_config.hpp"
#include "../host/runner.hpp"

#include <string>

namespace chartflow::cli {

// --jobs as given (0: not given); checked before any file is read.
unsigned jobs_option(const Args& args);
// --jobs, else the config's "jobs", else one per core.
unsigned worker_count(unsigned jobs_option, const host::PipelineConfig& config);

// --isolation and --pretty, with the config's limits (input size, time and memory per document).
host::RunOptions run_options(const Args& args, const host::PipelineConfig& config);

// A batch sink (one file for the whole batch, like NAACCR XML) cannot run in many places at
// once: refused with what to do instead. `parts`: "shards" or "queue workers".
void refuse_batch_sinks(const host::Pipeline& pipeline, const std::string& parts, const std::string& output);

}  // namespace chartflow::cli
