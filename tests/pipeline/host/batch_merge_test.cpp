#include "host/batch_merge.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::host {
namespace {

DocumentOutcome document(const std::string& input, const std::string& id, Outcome outcome) {
  DocumentOutcome d;
  d.input = input, d.id = id, d.outcome = outcome, d.milliseconds = 12.5;
  if (outcome == Outcome::quarantined) d.stage = "ocr", d.status = "crashed", d.reason = "worker ended by signal 11";
  d.stats.pages = 2;
  d.stats.codes = {"ICD-10-CM I10"};
  return d;
}

RunSummary shard_summary(unsigned index, unsigned count, std::vector<DocumentOutcome> documents, bool complete = true,
                         const std::string& fingerprint = "f00d") {
  RunSummary s;
  s.pipeline_name = "default", s.fingerprint = fingerprint;
  s.shard = Shard{index, count};
  s.part = s.shard->part_name();
  s.documents = std::move(documents);
  s.complete = complete;
  s.seconds = 10 + index;
  s.sinks = {{"fhir", {{"delivered", 2}, {"retry", 0}, {"failed", 0}}}};
  return s;
}

void write_part(const test::TempDir& dir, const RunSummary& s) {
  test::write_file(dir / "out" / "parts" / s.part / "summary.json", s.to_json().dump());
}

TEST(BatchMerge, APartSummaryReadsBackWithItsDocumentsAndStats) {
  const auto original = shard_summary(1, 3, {document("a.txt", "doc-1", Outcome::written), document("b.txt", "doc-2", Outcome::quarantined)});
  const RunSummary back = read_run_summary(original.to_json());
  ASSERT_EQ(back.documents.size(), 2u);
  EXPECT_EQ(back.documents[1].outcome, Outcome::quarantined);
  EXPECT_EQ(back.documents[1].reason, "worker ended by signal 11");
  EXPECT_EQ(back.documents[0].stats.pages, 2u);
  EXPECT_EQ(back.documents[0].stats.codes, std::vector<std::string>{"ICD-10-CM I10"});
  ASSERT_TRUE(back.shard);
  EXPECT_EQ(back.shard->index, 1u);
  EXPECT_THROW(read_run_summary({{"schema", "something-else"}}), std::runtime_error);
}

TEST(BatchMerge, AllShardsMakeOneBatch) {
  test::TempDir dir;
  write_part(dir, shard_summary(0, 2, {document("a.txt", "doc-1", Outcome::written)}));
  write_part(dir, shard_summary(1, 2, {document("b.txt", "doc-2", Outcome::written), document("c.txt", "doc-2", Outcome::duplicate)}));
  OutputStore store(dir / "out");
  const MergedBatch merged = merge_parts(store);
  EXPECT_TRUE(merged.problems.empty());
  EXPECT_EQ(merged.summary.documents.size(), 3u);
  EXPECT_TRUE(merged.summary.complete);
  EXPECT_EQ(merged.summary.seconds, 11) << "shards run side by side";
  EXPECT_EQ(merged.summary.sinks["fhir"]["delivered"], 4);
  EXPECT_EQ(merged.exit_code(), 0);
  EXPECT_EQ(merged.to_json()["merged_from"].size(), 2u);
}

TEST(BatchMerge, AMissingOrUnfinishedShardIsNamedWithTheCommandThatFinishesIt) {
  test::TempDir dir;
  write_part(dir, shard_summary(0, 3, {document("a.txt", "doc-1", Outcome::written)}));
  write_part(dir, shard_summary(1, 3, {document("b.txt", "doc-2", Outcome::pending)}, false));
  OutputStore store(dir / "out");
  const MergedBatch merged = merge_parts(store);
  ASSERT_EQ(merged.problems.size(), 2u);
  EXPECT_NE(merged.problems[0].find("shard 1 of 3 did not finish: run it again with --shard-index 1 --shard-count 3"), std::string::npos)
      << merged.problems[0];
  EXPECT_NE(merged.problems[1].find("shard 2 of 3 never ran"), std::string::npos) << merged.problems[1];
  EXPECT_FALSE(merged.summary.complete);
  EXPECT_EQ(merged.exit_code(), 1);
}

TEST(BatchMerge, ShardsOfAnotherPipelineOrAnotherSplitAreNotMixedIn) {
  test::TempDir dir;
  write_part(dir, shard_summary(0, 2, {document("a.txt", "doc-1", Outcome::written)}));
  write_part(dir, shard_summary(1, 2, {document("b.txt", "doc-2", Outcome::written)}, true, "beef"));
  write_part(dir, shard_summary(0, 5, {document("old.txt", "doc-9", Outcome::written)}));
  OutputStore store(dir / "out");
  const MergedBatch merged = merge_parts(store, 2);
  EXPECT_EQ(merged.ignored, std::vector<std::string>{"shard-0-of-5"});
  ASSERT_EQ(merged.problems.size(), 1u);
  EXPECT_NE(merged.problems[0].find("ran another pipeline"), std::string::npos);
}

TEST(BatchMerge, ADocumentRedeliveredToTwoWorkersCountsOnce) {
  test::TempDir dir;
  RunSummary a = shard_summary(0, 1, {document("/in/a.txt", "doc-1", Outcome::written)});
  a.shard.reset(), a.part = "worker-a";
  RunSummary b = a;
  b.part = "worker-b";
  b.documents.push_back(document("/in/b.txt", "doc-2", Outcome::written));
  write_part(dir, a);
  write_part(dir, b);
  OutputStore store(dir / "out");
  const MergedBatch merged = merge_parts(store);
  EXPECT_TRUE(merged.problems.empty());
  EXPECT_EQ(merged.summary.documents.size(), 2u);
}

TEST(BatchMerge, AFolderWithoutPartsSaysWhatToDo) {
  test::TempDir dir;
  OutputStore store(dir / "out");
  const MergedBatch merged = merge_parts(store);
  ASSERT_EQ(merged.problems.size(), 1u);
  EXPECT_NE(merged.problems[0].find("has no parts"), std::string::npos);
}

TEST(BatchMerge, ADamagedPartSummaryIsAProblemNotACrash) {
  test::TempDir dir;
  test::write_file(dir / "out" / "parts" / "shard-0-of-1" / "summary.json", "{\"schema\": \"chartflow-run-summary/1\", \"documents\": [");
  OutputStore store(dir / "out");
  const MergedBatch merged = merge_parts(store);
  ASSERT_EQ(merged.problems.size(), 1u);
  EXPECT_NE(merged.problems[0].find("unreadable summary.json"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::host
