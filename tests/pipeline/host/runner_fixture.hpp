// A pipeline over a folder of inputs, run as `chartflow run` would: for host tests of whole batches.
#pragma once

#include "host/inputs.hpp"
#include "host/output_store.hpp"
#include "host/pipeline.hpp"
#include "host/runner.hpp"
#include "test_support.hpp"

namespace chartflow::test {

constexpr const char* kStages = R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
    {"id": "annotate", "plugin": "test-annotator", "config": {"mode": "fail-on-marker"}}])";

struct RunnerFixture {
  TempDir dir;
  host::PipelineConfig config;
  explicit RunnerFixture(const std::string& stages = kStages) { config = host::read_pipeline_config(test::write_config(dir.path(), stages)); }
  host::RunSummary run(unsigned workers = 2, bool force = false) {
    const host::Pipeline pipeline(config, workers);
    host::OutputStore store(dir / "out");
    host::RunOptions options;
    options.force = force;
    options.max_input_bytes = config.max_input_bytes;
    return host::run_pipeline(pipeline, host::collect_inputs({dir / "in"}), store, options);
  }
  void input(const std::string& name, const std::string& content) { test::write_file(dir / "in" / name, content); }
};

}  // namespace chartflow::test
