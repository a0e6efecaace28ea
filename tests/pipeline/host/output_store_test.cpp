#include "host/errors.hpp"
#include "host/output_store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace chartflow::host {
namespace {

TEST(OutputStore, WritesAtomicallyAndLeavesNoTemporaryFiles) {
  test::TempDir dir;
  OutputStore store(dir / "out");
  store.write_record("doc-1", "{\"a\":1}\n");
  EXPECT_EQ(test::read_file(store.record_path("doc-1")), "{\"a\":1}\n");
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) store.write_record("doc-1", std::string(1000 + t, 'x'));
    });
  for (auto& w : writers) w.join();
  EXPECT_GE(test::read_file(store.record_path("doc-1")).size(), 1000u);
  for (const auto& entry : test::fs::recursive_directory_iterator(dir / "out"))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
}

TEST(OutputStore, ADocumentEndsInExactlyOnePlace) {
  test::TempDir dir;
  OutputStore store(dir / "out");
  store.write_quarantine("doc-1", {{"reason", "x"}});
  EXPECT_TRUE(test::fs::exists(store.quarantine_path("doc-1")));
  store.write_record("doc-1", "{}");
  EXPECT_FALSE(test::fs::exists(store.quarantine_path("doc-1")));
  store.write_quarantine("doc-1", {{"reason", "y"}});
  EXPECT_FALSE(test::fs::exists(store.record_path("doc-1")));
}

TEST(OutputStore, ReadsTheFingerprintOfExistingRecords) {
  test::TempDir dir;
  OutputStore store(dir / "out");
  EXPECT_FALSE(store.existing_fingerprint("doc-1").has_value());
  store.write_record("doc-1", R"({"pipeline": {"fingerprint": "abc"}})");
  EXPECT_EQ(store.existing_fingerprint("doc-1"), "abc");
  test::write_file(store.record_path("doc-2"), "{\"pipeline\": {\"finger");  // a half-written file from elsewhere
  EXPECT_FALSE(store.existing_fingerprint("doc-2").has_value());
}

TEST(OutputStore, UnwritableOutputFailsBeforeAnyWork) {
  // /proc refuses new folders even to root, so this holds whoever runs the tests.
  try {
    OutputStore store("/proc/chartflow-test-output");
    FAIL();
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("/proc/chartflow-test-output: cannot create output folder"), std::string::npos) << e.what();
  }
}

TEST(OutputStore, AFileWhereTheFolderShouldBeIsAClearError) {
  test::TempDir dir;
  test::write_file(dir / "out", "I am a file");
  try {
    OutputStore store(dir / "out");
    FAIL();
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot create output folder"), std::string::npos) << e.what();
  }
}

TEST(OutputStore, OneRunAtATimePerOutputFolder) {
  test::TempDir dir;
  {
    OutputStore first(dir / "out");
    try {
      OutputStore second(dir / "out");
      FAIL() << "a second run on the same output folder must be refused";
    } catch (const FatalError& e) {
      EXPECT_NE(std::string(e.what()).find("another chartflow run is using this output folder"), std::string::npos) << e.what();
    }
  }
  EXPECT_NO_THROW(OutputStore again(dir / "out")) << "the lock goes with the run";
}

TEST(OutputStore, TemporaryFilesOfAKilledRunAreRemovedAtStart) {
  test::TempDir dir;
  test::write_file(dir / "out" / "records" / ".doc-0123456789abcdef.json.tmp-4242-7", "{\"half\": ");
  test::write_file(dir / "out" / "quarantine" / ".doc-0123456789abcdef.json.tmp-4242-8", "{");
  test::write_file(dir / "out" / "records" / "doc-0123456789abcdef.json", "{}");
  OutputStore store(dir / "out");
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "records" / ".doc-0123456789abcdef.json.tmp-4242-7"));
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "quarantine" / ".doc-0123456789abcdef.json.tmp-4242-8"));
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "records" / "doc-0123456789abcdef.json")) << "records stay";
}

TEST(OutputStore, PartsShareTheFolderButNotTheirState) {
  test::TempDir dir;
  OutputStore shard0(dir / "out", "shard-0-of-2");
  OutputStore shard1(dir / "out", "shard-1-of-2");
  EXPECT_EQ(shard0.state_root(), dir / "out" / "parts" / "shard-0-of-2");
  EXPECT_EQ(shard0.record_path("doc-1"), shard1.record_path("doc-1")) << "records go to the one shared folder";
  shard0.write_summary({{"part", 0}});
  EXPECT_TRUE(test::fs::exists(dir / "out" / "parts" / "shard-0-of-2" / "summary.json"));
  EXPECT_FALSE(test::fs::exists(dir / "out" / "summary.json")) << "a part never writes the whole folder's summary";
  try {
    OutputStore again(dir / "out", "shard-1-of-2");
    FAIL() << "two processes may not run as the same part";
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("already running as part 'shard-1-of-2'"), std::string::npos) << e.what();
  }
  try {
    OutputStore whole(dir / "out");
    FAIL() << "a whole-folder run (or merge) must wait for the parts";
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("another chartflow run"), std::string::npos) << e.what();
  }
}

TEST(OutputStore, APartNeverRunsBesideAWholeFolderRun) {
  test::TempDir dir;
  OutputStore whole(dir / "out");
  EXPECT_THROW(OutputStore part(dir / "out", "worker-a"), FatalError);
}

TEST(OutputStore, APartRemovesOnlyItsOwnTemporaries) {
  test::TempDir dir;
  const auto other_writer = dir / "out" / "records" / ".doc-0123456789abcdef.json.tmp-4242-7";
  const auto own_leftover = dir / "out" / "parts" / "worker-a" / ".summary.json.tmp-4242-1";
  test::write_file(other_writer, "{\"half\": ");
  test::write_file(own_leftover, "{");
  {
    OutputStore part(dir / "out", "worker-a");
    EXPECT_TRUE(test::fs::exists(other_writer)) << "another part may be writing it right now";
    EXPECT_FALSE(test::fs::exists(own_leftover));
  }
  test::write_file(dir / "out" / "parts" / "worker-b" / ".journal.tmp-1-1", "x");
  OutputStore whole(dir / "out");
  EXPECT_FALSE(test::fs::exists(other_writer)) << "with the whole folder held, every temporary is garbage";
  EXPECT_FALSE(test::fs::exists(dir / "out" / "parts" / "worker-b" / ".journal.tmp-1-1"));
}

}  // namespace
}  // namespace chartflow::host
