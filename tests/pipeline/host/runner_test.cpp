#include "host/inputs.hpp"
#include "host/output_store.hpp"
#include "host/pipeline.hpp"
#include "host/runner.hpp"
#include "record/record_check.hpp"
#include "runner_fixture.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

namespace chartflow::host {
namespace {

using test::TempDir;

using test::RunnerFixture;
using Fixture = RunnerFixture;

TEST(Runner, BadDocumentsAreQuarantinedAndTheBatchGoesOn) {
  Fixture f;
  f.input("good-1.txt", "Chest pain since morning.\n");
  f.input("good-2.txt", "Shortness of breath.\n");
  f.input("empty.txt", "");
  f.input("binary.txt", std::string("\x7F" "ELF\0\0\0\0garbage", 15));
  f.input("marked.txt", "QUARANTINE-ME please\n");
  f.input("whitespace.txt", "  \n\t\n");
  const RunSummary summary = f.run();
  EXPECT_EQ(summary.count(Outcome::written), 2u);
  EXPECT_EQ(summary.count(Outcome::quarantined), 4u);
  EXPECT_EQ(summary.exit_code(), 3);
  const auto reasons = summary.quarantine_reasons();
  EXPECT_EQ(reasons.at("chartflow/invalid-input"), 1u);   // empty
  EXPECT_EQ(reasons.at("chartflow/unsupported"), 1u);     // binary
  EXPECT_EQ(reasons.at("annotate/invalid-input"), 1u);    // marker
  EXPECT_EQ(reasons.at("read/invalid-input"), 1u);        // whitespace only

  for (const auto& d : summary.documents) {
    if (d.outcome == Outcome::written) {
      const auto record = nlohmann::json::parse(test::read_file(f.dir / "out/records" / (d.id + ".json")));
      EXPECT_TRUE(record::check_record(record).empty()) << d.input;
    } else {
      const auto entry = nlohmann::json::parse(test::read_file(f.dir / "out/quarantine" / (d.id + ".json")));
      EXPECT_EQ(entry["reason"], d.reason);
      EXPECT_EQ(entry["input"], d.input);
      EXPECT_FALSE(d.reason.empty());
    }
  }
  const auto summary_file = nlohmann::json::parse(test::read_file(f.dir / "out/summary.json"));
  EXPECT_EQ(summary_file["inputs"], 6);
  EXPECT_EQ(summary_file["quarantined"], 4);
}

TEST(Runner, ReRunSkipsDoneDocumentsAndRetriesTheRest) {
  Fixture f;
  f.input("a.txt", "Fever.\n");
  f.input("b.txt", "QUARANTINE-ME\n");
  EXPECT_EQ(f.run().count(Outcome::written), 1u);
  const auto again = f.run();
  EXPECT_EQ(again.count(Outcome::skipped), 1u);
  EXPECT_EQ(again.count(Outcome::quarantined), 1u) << "quarantined documents are retried";
  // The bad file is fixed: its new content gets a record, and its old quarantine entry goes.
  f.input("b.txt", "Cough.\n");
  const auto fixed = f.run();
  EXPECT_EQ(fixed.count(Outcome::written), 1u);
  EXPECT_EQ(fixed.count(Outcome::skipped), 1u);
  EXPECT_TRUE(test::fs::is_empty(f.dir / "out/quarantine"));
  EXPECT_EQ(f.run(2, true).count(Outcome::written), 2u) << "--force redoes everything";
}

TEST(Runner, AChangedPipelineRedoesDocuments) {
  Fixture f;
  f.input("a.txt", "Fever.\n");
  EXPECT_EQ(f.run().count(Outcome::written), 1u);
  f.config.stages[2].config["mode"] = "good";
  EXPECT_EQ(f.run().count(Outcome::written), 1u);
}

TEST(Runner, EditingAFileTheConfigNamesRedoesDocuments) {
  TempDir dir;
  test::write_file(dir / "terms.tsv", "zebra fever\tresearch_cohort\n");
  Fixture f(R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
      {"id": "sections", "plugin": "clinical-sections"},
      {"id": "mentions", "plugin": "clinical-mentions", "config": {"custom_terms": [{"file": ")" + (dir / "terms.tsv").string() + R"("}]}}])");
  f.input("a.txt", "History: zebra fever and okapi cough.\n");
  const std::string before = Pipeline(f.config, 1).fingerprint();
  EXPECT_EQ(f.run().count(Outcome::written), 1u);
  EXPECT_EQ(f.run().count(Outcome::skipped), 1u) << "nothing changed: done already";
  test::write_file(dir / "terms.tsv", "zebra fever\tresearch_cohort\nokapi cough\tresearch_cohort\n");
  EXPECT_NE(Pipeline(f.config, 1).fingerprint(), before) << "the term list is part of the fingerprint";
  EXPECT_EQ(f.run().count(Outcome::written), 1u) << "an edited term list re-runs the document";
  const auto record = nlohmann::json::parse(test::read_file(f.dir / "out" / "records" / (f.run().documents[0].id + ".json")));
  std::size_t custom = 0;
  for (const auto& m : record["mentions"]) custom += m.value("category", "") == "research_cohort";
  EXPECT_EQ(custom, 2u) << "and the record reflects the new list";
}

TEST(Runner, EditingAPluginDataFileRedoesDocuments) {
  TempDir plugins;
  // A copy of the test annotator with a data file beside it, on its own plugin path.
  std::filesystem::copy(test::kTestPluginDir / "test-annotator", plugins / "test-annotator", std::filesystem::copy_options::recursive);
  test::write_file(plugins / "test-annotator" / "table.tsv", "a\t1\n");
  Fixture f(R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
      {"id": "annotate", "plugin": "test-annotator"}])");
  f.config.plugin_path.insert(f.config.plugin_path.begin(), plugins.path());
  const std::string before = Pipeline(f.config, 1).fingerprint();
  EXPECT_EQ(Pipeline(f.config, 1).fingerprint(), before) << "the same data gives the same fingerprint";
  test::write_file(plugins / "test-annotator" / "table.tsv", "a\t2\n");
  EXPECT_NE(Pipeline(f.config, 1).fingerprint(), before);
}

// Regression (issue 11): ConText was about cubic in the length of an unpunctuated sentence, and
// coding copied the whole sentence for every mention. 1 MB of repeated negations and list text
// must go through like any chart (the suite's timeout is the guard; no timing is asserted).
TEST(Runner, AMegabyteOfRunOnNegationsAndListsGoesThrough) {
  Fixture f(R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
      {"id": "sections", "plugin": "clinical-sections"}, {"id": "mentions", "plugin": "clinical-mentions"},
      {"id": "coding", "plugin": "clinical-coding"}])");
  std::string negations, list = "Review of systems: negative for ";
  while (negations.size() < test::sanitizer_scaled(500'000)) negations += "no fever ";
  while (list.size() < test::sanitizer_scaled(500'000)) list += "chills, cough, nausea, headache, ";
  f.input("negations.txt", negations);
  f.input("list.txt", list + "and dizziness.\n");
  const auto summary = f.run(2);
  ASSERT_EQ(summary.count(Outcome::written), 2u) << summary.to_json().dump();
  for (const auto& d : summary.documents) {
    const auto record = nlohmann::json::parse(test::read_file(f.dir / "out" / "records" / (d.id + ".json")));
    ASSERT_GT(record["mentions"].size(), 1000u);
    std::size_t negated = 0;
    for (const auto& m : record["mentions"]) negated += m["assertion"]["negated"].get<bool>();
    EXPECT_GT(negated, record["mentions"].size() * 9 / 10) << d.input << ": nearly every finding is negated";
  }
}

TEST(Runner, DuplicateInputsAreReportedNotLost) {
  Fixture f;
  f.input("a.txt", "Same text.\n");
  f.input("copy-of-a.txt", "Same text.\n");
  const auto summary = f.run();
  EXPECT_EQ(summary.count(Outcome::written), 1u);
  ASSERT_EQ(summary.count(Outcome::duplicate), 1u);
  EXPECT_EQ(summary.documents[1].duplicate_of, "a.txt");
  EXPECT_EQ(summary.exit_code(), 0);
}

TEST(Runner, ManyDocumentsOnManyWorkersWithPerThreadInstances) {
  // The annotator is per_thread and fails if an instance is ever called concurrently.
  Fixture f;
  for (int i = 0; i < 60; ++i) f.input("doc-" + std::to_string(i) + ".txt", "Note number " + std::to_string(i) + " fever\n");
  const auto summary = f.run(4);
  EXPECT_EQ(summary.count(Outcome::written), 60u);
  EXPECT_EQ(std::distance(test::fs::directory_iterator(f.dir / "out/records"), test::fs::directory_iterator()), 60);
}

TEST(Runner, InputsOverTheSizeLimitAreQuarantinedUnread) {
  Fixture f;
  f.config.max_input_bytes = 10;
  f.input("big.txt", std::string(100, 'a'));
  const auto summary = f.run();
  ASSERT_EQ(summary.count(Outcome::quarantined), 1u);
  EXPECT_EQ(summary.documents[0].status, "limit");
  EXPECT_NE(summary.documents[0].reason.find("over the limit of 10"), std::string::npos);
}

TEST(Runner, UnreadableInputIsQuarantined) {
  if (::geteuid() == 0) {
    // Root reads anything; a FIFO without writer is unreadable in another way: it is not a
    // regular file, so collect_inputs refuses it up front. Check that path instead.
    Fixture f;
    f.input("a.txt", "x\n");
    test::fs::create_directories(f.dir / "in");
    ASSERT_EQ(::mkfifo((f.dir / "in/pipe").c_str(), 0600), 0);
    const auto summary = f.run();
    EXPECT_EQ(summary.count(Outcome::written), 1u);
    return;
  }
  Fixture f;
  f.input("secret.txt", "x\n");
  test::fs::permissions(f.dir / "in/secret.txt", test::fs::perms::none);
  const auto summary = f.run();
  ASSERT_EQ(summary.count(Outcome::quarantined), 1u);
  EXPECT_EQ(summary.documents[0].status, "unreadable");
}

TEST(Runner, ProcessDocumentBuildsTheEnvelope) {
  Fixture f;
  const Pipeline pipeline(f.config, 1);
  const auto result = process_document(pipeline, "Fever.\n", "n.txt", 0);
  ASSERT_FALSE(result.failure);
  EXPECT_EQ(result.record.document.id.size(), 20u);
  EXPECT_EQ(result.record.document.media_type, "text/plain");
  EXPECT_EQ(result.record.document.source.size_bytes, 7u);
  EXPECT_EQ(result.record.pipeline.fingerprint, pipeline.fingerprint());
  ASSERT_NE(result.record.find_view("normalized"), nullptr);
}

}  // namespace
}  // namespace chartflow::host

namespace chartflow::host {
namespace {

TEST(Runner, TextOverTheTextLimitIsQuarantinedBeforeAnyStage) {
  test::RunnerFixture f;
  f.config.max_text_bytes = 1000;
  f.input("long.txt", std::string(2000, 'a') + "\n");
  f.input("short.txt", "Fever.\n");
  const auto summary = f.run();
  ASSERT_EQ(summary.count(Outcome::quarantined), 1u);
  EXPECT_EQ(summary.documents[0].stage, "chartflow");
  EXPECT_EQ(summary.documents[0].status, "limit");
  EXPECT_NE(summary.documents[0].reason.find("limits.max_text_bytes"), std::string::npos) << summary.documents[0].reason;
}

TEST(Runner, ARecordOverTheItemLimitIsQuarantinedAsLimitNotBlamedOnThePlugin) {
  test::RunnerFixture f(R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
      {"id": "sections", "plugin": "clinical-sections"}, {"id": "mentions", "plugin": "clinical-mentions"}])");
  f.config.max_items = 6;
  f.input("busy.txt", "ASSESSMENT:\nHypertension. Diabetes. Pneumonia. Asthma. Anemia. Obesity. Gout. Migraine.\n");
  f.input("quiet.txt", "ASSESSMENT:\nHypertension.\n");
  const auto summary = f.run();
  ASSERT_EQ(summary.count(Outcome::quarantined), 1u) << summary.to_json().dump(2);
  EXPECT_EQ(summary.documents[0].status, "limit");
  EXPECT_NE(summary.documents[0].reason.find("limits.max_items"), std::string::npos) << summary.documents[0].reason;
  EXPECT_EQ(summary.documents[1].outcome, Outcome::written);
}

}  // namespace
}  // namespace chartflow::host
