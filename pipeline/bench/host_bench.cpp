// Host overhead benchmarks. The goal (issue 2): under 50 microseconds per document per stage
// for a 10 KB note, so the host never matters next to NLP or OCR. Measured side by side in one
// run: the same document through the reader and normalizer with 0 and with 16 no-op stages;
// the difference divided by 16 is the host's cost per stage. Also record (de)serialisation
// and validation throughput.
#include "host/logging.hpp"
#include "host/pipeline.hpp"
#include "host/pipeline_config.hpp"
#include "host/runner.hpp"
#include "record/record_json.hpp"
#include "record/schema_validator.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace chartflow;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A 10 KB note made of the synthetic sample charts.
const std::string& note_10k() {
  static const std::string note = [] {
    std::string text;
    const fs::path dir = fs::path(CHARTFLOW_SOURCE_DIR) / "tests/fixtures/charts";
    while (text.size() < 10 * 1024)
      for (const char* name : {"discharge-summary-chf.txt", "history-and-physical-pneumonia.txt", "pathology-report-breast.txt"})
        text += read_file(dir / name);
    text.resize(10 * 1024);
    return text;
  }();
  return note;
}

fs::path config_with(const std::string& extra_stages) {
  static int counter = 0;
  const fs::path file = fs::temp_directory_path() / ("chartflow-bench-" + std::to_string(counter++) + ".json");
  std::ofstream(file) << R"({"name": "bench", "plugin_path": [")" << CHARTFLOW_TEST_PLUGIN_DIR << R"(", ")" << CHARTFLOW_PLUGIN_DIR << R"("], "stages": [
      {"id": "read", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"})" << extra_stages << "]}";
  return file;
}

std::unique_ptr<host::Pipeline> pipeline_with(int noop_stages, bool annotator = false) {
  std::string stages;
  for (int i = 0; i < noop_stages; ++i) stages += R"(, {"id": "noop-)" + std::to_string(i) + R"(", "plugin": "test-noop"})";
  if (annotator) stages += R"(, {"id": "annotate", "plugin": "test-annotator"})";
  const fs::path file = config_with(stages);
  auto pipeline = std::make_unique<host::Pipeline>(host::read_pipeline_config(file), 1);
  fs::remove(file);
  return pipeline;
}

void BM_Document10KB(benchmark::State& state) {
  // Built once per argument (the library holds plugins for the life of the process anyway).
  static std::map<std::int64_t, std::unique_ptr<host::Pipeline>> pipelines;
  auto& pipeline = pipelines[state.range(0)];
  if (!pipeline) pipeline = pipeline_with(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto result = host::process_document(*pipeline, note_10k(), "note.txt", 0);
    if (result.failure) state.SkipWithError(result.failure->reason.c_str());
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * note_10k().size()));
}
BENCHMARK(BM_Document10KB)->Arg(0)->Arg(16)->Unit(benchmark::kMicrosecond);

void BM_Document10KBWithAnnotatingStage(benchmark::State& state) {
  static auto pipeline = pipeline_with(0, true);
  for (auto _ : state) {
    auto result = host::process_document(*pipeline, note_10k(), "note.txt", 0);
    if (result.failure) state.SkipWithError(result.failure->reason.c_str());
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_Document10KBWithAnnotatingStage)->Unit(benchmark::kMicrosecond);

// The clinical NLP stages on the 10 KB note (issue 4 goal: 5 MB/s per core for sections,
// sentences, mentions and assertion together). Arg 0 runs only reader + normaliser, arg 1 adds
// sections, arg 2 adds mentions, arg 3 adds coding (issue 5 goal: coding adds < 10% to the NLP
// stages): each stage's cost is the difference, measured in the same run.
void BM_ClinicalNlp10KB(benchmark::State& state) {
  static std::map<std::int64_t, std::unique_ptr<host::Pipeline>> pipelines;
  auto& pipeline = pipelines[state.range(0)];
  if (!pipeline) {
    std::string stages;
    if (state.range(0) >= 1) stages += R"(, {"id": "sections", "plugin": "clinical-sections"})";
    if (state.range(0) >= 2) stages += R"(, {"id": "mentions", "plugin": "clinical-mentions"})";
    if (state.range(0) >= 3) stages += R"(, {"id": "coding", "plugin": "clinical-coding", "config": {"policy": "inpatient"}})";
    const fs::path file = config_with(stages);
    pipeline = std::make_unique<host::Pipeline>(host::read_pipeline_config(file), 1);
    fs::remove(file);
  }
  for (auto _ : state) {
    auto result = host::process_document(*pipeline, note_10k(), "note.txt", 0);
    if (result.failure) state.SkipWithError(result.failure->reason.c_str());
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * note_10k().size()));
}
BENCHMARK(BM_ClinicalNlp10KB)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMicrosecond);

const std::string& example_record_json() {
  static const std::string text = [] {
    // The full example record, its text grown to 10 KB and its annotations repeated 50 times.
    auto r = nlohmann::json::parse(read_file(fs::path(CHARTFLOW_SOURCE_DIR) / "schemas/examples/valid/record/full-record.json"));
    auto record = r.get<record::Record>();
    const auto mentions = record::typed_items<record::Mention>(record, "mentions");
    for (int i = 0; i < 50; ++i) {
      auto copies = mentions;
      for (auto& m : copies) m.id += "-" + std::to_string(i);
      record::add_items(record, "mentions", copies);
    }
    record.views[0].text += std::string(10 * 1024, 'x');
    return record::dump_record(record);
  }();
  return text;
}

void BM_RecordSerialize(benchmark::State& state) {
  const auto record = nlohmann::json::parse(example_record_json()).get<record::Record>();
  for (auto _ : state) benchmark::DoNotOptimize(record::dump_record(record));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * example_record_json().size()));
}
BENCHMARK(BM_RecordSerialize)->Unit(benchmark::kMicrosecond);

void BM_RecordDeserialize(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(example_record_json()).get<record::Record>());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * example_record_json().size()));
}
BENCHMARK(BM_RecordDeserialize)->Unit(benchmark::kMicrosecond);

void BM_RecordSchemaValidation(benchmark::State& state) {
  const auto json = nlohmann::json::parse(example_record_json());
  const auto& schema = record::builtin_schema("record.schema.json");
  for (auto _ : state) benchmark::DoNotOptimize(schema.validate(json));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * example_record_json().size()));
}
BENCHMARK(BM_RecordSchemaValidation)->Unit(benchmark::kMicrosecond);

// Keeps each run's time so main() can print the derived per-stage figure.
class CapturingReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& run : runs)
      if (run.run_type == Run::RT_Iteration) seconds[run.benchmark_name()] = run.GetAdjustedRealTime() / 1e6;  // us -> s
    ConsoleReporter::ReportRuns(runs);
  }
  std::map<std::string, double> seconds;
};

}  // namespace

int main(int argc, char** argv) {
  host::log::configure(host::log::Level::warn, host::log::Format::text);
  benchmark::Initialize(&argc, argv);
  CapturingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const auto& s = reporter.seconds;
  if (s.contains("BM_Document10KB/0") && s.contains("BM_Document10KB/16")) {
    const double per_stage_us = (s.at("BM_Document10KB/16") - s.at("BM_Document10KB/0")) / 16 * 1e6;
    std::cout << "\nhost overhead per stage, 10 KB document: " << per_stage_us << " us (goal: < 50 us)\n";
    std::cout << "reader + normalizer on a 10 KB document: " << s.at("BM_Document10KB/0") * 1e6 << " us\n";
  }
  benchmark::Shutdown();
  return 0;
}
