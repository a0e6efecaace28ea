// Crash isolation (issue 11): documents run in supervised worker processes, so a plugin that
// segfaults, aborts, exits, overflows its stack, hangs or leaks costs only its own document: it is
// retried once on a fresh worker, then quarantined with the stage and the cause, and the batch
// goes on. A re-run does not retry it unless asked.
#include "host/inputs.hpp"
#include "host/output_store.hpp"
#include "host/pipeline.hpp"
#include "host/runner.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::host {
namespace {

using test::TempDir;

struct Batch {
  TempDir dir;
  PipelineConfig config;
  explicit Batch(const std::string& crasher_config) {
    config = read_pipeline_config(test::write_config(dir.path(),
        R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
            {"id": "crash", "plugin": "test-crasher", "config": )" + crasher_config + "}]"));
    for (int k = 0; k < 5; ++k) test::write_file(dir / "in" / ("note-" + std::to_string(k) + ".txt"), "Fever, note " + std::to_string(k) + ".\n");
    test::write_file(dir / "in" / "poison.txt", "This one says CRASH-ME.\n");
  }
  RunSummary run(RunOptions options = {}) {
    const Pipeline pipeline(config, 2);
    OutputStore store(dir / "out");
    options.max_input_bytes = config.max_input_bytes;
    return run_pipeline(pipeline, collect_inputs({dir / "in"}), store, options);
  }
  static const DocumentOutcome& poison(const RunSummary& s) {
    for (const auto& d : s.documents)
      if (d.input == "poison.txt") return d;
    throw std::logic_error("no poison.txt in the summary");
  }
};

void expect_one_document_lost(const RunSummary& s, const std::string& status, const std::string& cause) {
  EXPECT_EQ(s.count(Outcome::written), 5u) << s.to_json().dump(2);
  ASSERT_EQ(s.count(Outcome::quarantined), 1u) << s.to_json().dump(2);
  const auto& p = Batch::poison(s);
  EXPECT_EQ(p.status, status);
  EXPECT_EQ(p.stage, "crash") << "the stage the worker was in";
  EXPECT_NE(p.reason.find(cause), std::string::npos) << p.reason;
  EXPECT_NE(p.reason.find("tried 2 times"), std::string::npos) << p.reason;
  EXPECT_EQ(p.attempts, 2u);
  EXPECT_EQ(s.exit_code(), 3);
}

class CrashingPlugin : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

// Under AddressSanitizer a segmentation fault is caught by the sanitizer, which reports it and
// exits with status 1: still a dead worker, with another cause to report.
TEST_P(CrashingPlugin, CostsOnlyItsDocument) {
  auto [mode, cause] = GetParam();
  if (test::kSanitized && std::string_view(cause).starts_with("signal 11")) cause = "exited with status 1";
  Batch b(std::string(R"({"mode": ")") + mode + R"("})");
  const auto summary = b.run();
  expect_one_document_lost(summary, "crashed", cause);
  const auto entry = nlohmann::json::parse(test::read_file(b.dir / "out" / "quarantine" / (Batch::poison(summary).id + ".json")));
  EXPECT_EQ(entry["status"], "crashed");
}

INSTANTIATE_TEST_SUITE_P(Modes, CrashingPlugin,
                         ::testing::Values(std::pair{"segfault", "signal 11 (SIGSEGV)"}, std::pair{"abort", "signal 6 (SIGABRT)"},
                                           std::pair{"exit", "exited with status 0"}, std::pair{"stack-overflow", "signal 11 (SIGSEGV)"}),
                         [](const auto& info) {
                           std::string name = info.param.first;
                           for (auto& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

TEST(Isolation, AHangingPluginIsStoppedAtTheTimeLimit) {
  Batch b(R"({"mode": "hang"})");
  RunOptions options;
  options.limits.seconds_per_document = 1;
  expect_one_document_lost(b.run(options), "timeout", "time limit of 1 s");
}

TEST(Isolation, APluginThatEatsMemoryIsStoppedAtTheMemoryLimit) {
  Batch b(R"({"mode": "leak"})");
  RunOptions options;
  options.limits.memory_bytes = 400ull << 20;
  expect_one_document_lost(b.run(options), "memory", "over the limit of 400 MB");
}

TEST(Isolation, ADocumentThatCrashesOnceSucceedsOnItsRetry) {
  TempDir flags;
  Batch b(R"({"mode": "segfault", "once_file": ")" + (flags / "crashed").string() + R"("})");
  const auto summary = b.run();
  EXPECT_EQ(summary.count(Outcome::written), 6u) << summary.to_json().dump(2);
  EXPECT_EQ(Batch::poison(summary).attempts, 1u) << "one worker died on it";
  EXPECT_EQ(summary.exit_code(), 0);
}

TEST(Isolation, AReRunLeavesAPoisonedDocumentAloneUnlessAsked) {
  Batch b(R"({"mode": "abort"})");
  b.run();
  const auto again = b.run();
  EXPECT_EQ(again.count(Outcome::skipped), 5u);
  const auto& p = Batch::poison(again);
  EXPECT_EQ(p.outcome, Outcome::quarantined);
  EXPECT_EQ(p.attempts, 0u) << "no worker was risked on it";
  EXPECT_NE(p.reason.find("--retry-quarantined"), std::string::npos) << p.reason;
  RunOptions retry;
  retry.retry_quarantined = true;
  EXPECT_EQ(Batch::poison(b.run(retry)).attempts, 2u) << "asked to, the run tries it again";
}

TEST(Isolation, InProcessRunsGiveTheSameRecords) {
  Batch b(R"({"mode": "none"})");
  const auto supervised = b.run();
  RunOptions threads;
  threads.isolation = Isolation::none;
  threads.force = true;
  const auto in_process = b.run(threads);
  EXPECT_EQ(supervised.count(Outcome::written), 6u);
  EXPECT_EQ(in_process.count(Outcome::written), 6u);
}

}  // namespace
}  // namespace chartflow::host
