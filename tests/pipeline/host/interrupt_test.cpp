// SIGTERM in the middle of a batch (issue 11): the run stops taking inputs, gives running
// documents a few seconds, writes the summary (not complete, interrupted) and exits 4; the next
// run finishes what is missing, and every input ends in exactly one place.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

std::string config(const fs::path& dir, const std::string& mode) {
  return write_config(dir, R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
      {"id": "crash", "plugin": "test-crasher", "config": {"mode": ")" + mode + R"("}}])", R"("jobs": 2)").string();
}

TEST(Interrupt, SigtermStopsIntakeWritesTheSummaryAndAReRunFinishes) {
  TempDir dir;
  for (int k = 0; k < 40; ++k) write_file(dir / "in" / ("note-" + std::to_string(100 + k) + ".txt"), "Fever " + std::to_string(k) + ".\n");
  write_file(dir / "in" / "note-000.txt", "This one hangs: CRASH-ME\n");  // first in name order: a worker is stuck on it
  const fs::path hang_config = config(dir / "hang", "hang");
  const auto stopped = run_command("timeout --preserve-status -s TERM 3 " + quote(kBinary) + " run --config " + quote(hang_config) +
                                   " --input " + quote(dir / "in") + " --output " + quote(dir / "out") + " --progress json");
  EXPECT_EQ(stopped.exit_code, 4) << stopped.out << stopped.err;
  const auto summary = nlohmann::json::parse(read_file(dir / "out" / "summary.json"));
  EXPECT_FALSE(summary["complete"].get<bool>());
  EXPECT_TRUE(summary["interrupted"].get<bool>());
  EXPECT_GE(summary["not_processed"].get<int>(), 1) << "the hanging document, at least";
  EXPECT_EQ(summary["documents"].size(), 41u) << "every input is accounted for";
  EXPECT_NE(stopped.err.find("\"event\":\"progress"), std::string::npos) << "progress events on stderr";

  const fs::path good_config = config(dir / "good", "none");
  const auto resumed = run_chartflow("run --config " + quote(good_config) + " --input " + quote(dir / "in") + " --output " + quote(dir / "out"));
  EXPECT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  const auto done = nlohmann::json::parse(read_file(dir / "out" / "summary.json"));
  EXPECT_TRUE(done["complete"].get<bool>());
  std::size_t records = 0, quarantined = 0, temporaries = 0;
  for (const auto& e : fs::directory_iterator(dir / "out" / "records")) (e.path().filename().string().starts_with(".") ? temporaries : records)++;
  for (const auto& e : fs::directory_iterator(dir / "out" / "quarantine")) (e.path().filename().string().starts_with(".") ? temporaries : quarantined)++;
  EXPECT_EQ(records + quarantined, 41u);
  EXPECT_EQ(temporaries, 0u);
}

// Runs the hanging batch in a process group of its own, started by a shell that ignores TERM,
// and sends TERM as `signals` says: the shell's exit status is chartflow's.
CommandResult run_and_signal(const TempDir& dir, const std::string& signals) {
  for (int k = 0; k < 4; ++k) write_file(dir / "in" / ("note-" + std::to_string(100 + k) + ".txt"), "Fever " + std::to_string(k) + ".\n");
  write_file(dir / "in" / "note-000.txt", "This one hangs: CRASH-ME\n");
  const std::string run = quote(kBinary) + " run --config " + quote(config(dir / "hang", "hang")) + " --input " + quote(dir / "in") +
                          " --output " + quote(dir / "out") + " --progress json";
  return run_command("setsid sh -c " + quote("trap '' TERM; " + run + " & p=$!; sleep 2; " + signals + "; wait $p"));
}

TEST(Interrupt, OneTermSentToTheProcessAndThenItsGroupIsOneRequest) {
  TempDir dir;
  const auto stopped = run_and_signal(dir, "kill -TERM $p; sleep 0.2; kill -TERM 0");
  EXPECT_EQ(stopped.exit_code, 4) << "the second delivery is not the user insisting\n" << stopped.err;
  EXPECT_TRUE(nlohmann::json::parse(read_file(dir / "out" / "summary.json"))["interrupted"].get<bool>());
}

TEST(Interrupt, ASecondTermLaterEndsTheRunAtOnce) {
  TempDir dir;
  const auto killed = run_and_signal(dir, "kill -TERM $p; sleep 1.5; kill -TERM $p");
  EXPECT_EQ(killed.exit_code, 128 + 15) << "the hanging document would hold the run 5 s more\n" << killed.err;
}

}  // namespace
}  // namespace chartflow::test
