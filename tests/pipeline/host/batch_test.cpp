// What the batch does with inputs across runs, through the journal: one outcome per input path,
// edited inputs supersede their old outcome, resume skips what is done.
#include "host/journal.hpp"
#include "runner_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::host {
namespace {

using test::RunnerFixture;

std::size_t files_in(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) n += !e.path().filename().string().starts_with(".");
  return n;
}

TEST(Batch, AnEditedInputSupersedesItsOldRecord) {
  RunnerFixture f;
  f.input("a.txt", "Fever since Monday.\n");
  f.input("b.txt", "Cough.\n");
  const auto first = f.run();
  ASSERT_EQ(first.count(Outcome::written), 2u);
  const std::string old_id = first.documents[0].id;

  f.input("a.txt", "Fever since Monday, now resolved.\n");
  const auto second = f.run();
  EXPECT_EQ(second.count(Outcome::written), 1u);
  EXPECT_EQ(second.count(Outcome::skipped), 1u);
  EXPECT_EQ(second.documents[0].superseded, old_id);
  EXPECT_EQ(second.superseded_removed, 1u);
  EXPECT_FALSE(std::filesystem::exists(f.dir / "out/records" / (old_id + ".json"))) << "one outcome per input path";
  EXPECT_EQ(files_in(f.dir / "out/records"), 2u);
  const auto summary = nlohmann::json::parse(test::read_file(f.dir / "out/summary.json"));
  EXPECT_EQ(summary["superseded"], 1);
  EXPECT_EQ(summary["documents"][0]["superseded"], old_id);
}

TEST(Batch, AnEditedInputKeepsTheOldRecordWhileAnotherInputHoldsIt) {
  RunnerFixture f;
  f.input("a.txt", "Same text.\n");
  f.input("copy-of-a.txt", "Same text.\n");
  const auto first = f.run();
  const std::string shared_id = first.documents[0].id;
  f.input("a.txt", "Now different.\n");
  const auto second = f.run();
  EXPECT_EQ(second.superseded_removed, 0u);
  EXPECT_TRUE(std::filesystem::exists(f.dir / "out/records" / (shared_id + ".json"))) << "copy-of-a.txt still holds it";
  EXPECT_EQ(second.documents[1].outcome, Outcome::skipped) << "the copy now owns the record";
}

TEST(Batch, AFixedInputDropsItsQuarantineEntryEvenWithSameNamedFilesElsewhere) {
  RunnerFixture f;
  f.input("x/report.txt", "QUARANTINE-ME\n");
  f.input("y/report.txt", "QUARANTINE-ME too\n");
  EXPECT_EQ(f.run().count(Outcome::quarantined), 2u);
  f.input("x/report.txt", "Fixed now.\n");
  for (int round = 0; round < 3; ++round) {  // the same on every run, not every other one
    const auto again = f.run();
    EXPECT_EQ(again.count(Outcome::quarantined), 1u) << round;
    EXPECT_EQ(files_in(f.dir / "out/quarantine"), 1u) << round;
    EXPECT_EQ(files_in(f.dir / "out/records"), 1u) << round;
  }
}

TEST(Batch, TheJournalSaysWhereEveryInputEnded) {
  RunnerFixture f;
  f.input("a-good.txt", "Chest pain.\n");
  f.input("b-bad.txt", "QUARANTINE-ME\n");
  f.input("c-copy.txt", "Chest pain.\n");
  const auto summary = f.run();
  Journal journal(f.dir / "out/journal.sqlite");
  const auto key = [&](const char* name) { return std::filesystem::absolute(f.dir / "in" / name).lexically_normal().string(); };
  const auto good = journal.find(key("a-good.txt")), bad = journal.find(key("b-bad.txt")), copy = journal.find(key("c-copy.txt"));
  ASSERT_TRUE(good && bad && copy);
  EXPECT_EQ(good->state, JournalState::written);
  EXPECT_EQ(good->doc_id, summary.documents[0].id);
  EXPECT_EQ(good->fingerprint, summary.fingerprint);
  EXPECT_EQ(good->sha256.size(), 64u);
  EXPECT_EQ(bad->state, JournalState::quarantined);
  EXPECT_EQ(bad->stage, "annotate");
  EXPECT_FALSE(bad->reason.empty());
  EXPECT_EQ(copy->state, JournalState::duplicate);
}

TEST(Batch, ResumeSkipsFromTheJournalAndFallsBackToTheRecordsWithoutIt) {
  RunnerFixture f;
  f.input("a.txt", "Fever.\n");
  f.input("b.txt", "Cough.\n");
  ASSERT_EQ(f.run().count(Outcome::written), 2u);
  EXPECT_EQ(f.run().count(Outcome::skipped), 2u);
  std::filesystem::remove(f.dir / "out/journal.sqlite");  // an output folder from before the journal
  EXPECT_EQ(f.run().count(Outcome::skipped), 2u);
  // A record removed by hand is redone even though the journal says written.
  std::filesystem::remove_all(f.dir / "out/records");
  std::filesystem::create_directories(f.dir / "out/records");
  EXPECT_EQ(f.run().count(Outcome::written), 2u);
}

}  // namespace
}  // namespace chartflow::host
