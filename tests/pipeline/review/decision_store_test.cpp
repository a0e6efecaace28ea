// The decision store keeps history: rows come back as written, and the tables refuse to be
// rewritten (UPDATE and DELETE abort), even through SQLite itself.
#include "test_support.hpp"

#include "review/decision_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace chartflow::test {
namespace {

review::Decision decision(const std::string& doc, review::Action action) {
  review::Decision d;
  d.doc_id = doc;
  d.record_sha256 = std::string(64, 'a');
  d.user = "coder1";
  d.action = action;
  d.key = "ICD-10-CM|I50.9";
  d.before = {{"code", "I50.9"}};
  d.after = {{"code", "I50.23"}};
  d.reason = "acute on chronic per cardiology note";
  return d;
}

int exec(const fs::path& file, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

TEST(DecisionStore, KeepsDecisionsInOrderWithWhoWhenBeforeAndAfter) {
  TempDir dir;
  {
    review::DecisionStore store(dir / "review.sqlite");
    EXPECT_EQ(store.append(decision("doc-1", review::Action::edit)).seq, 1);
    store.append(decision("doc-2", review::Action::accept));
    store.append(decision("doc-1", review::Action::reject));
  }
  review::DecisionStore reopened(dir / "review.sqlite");
  const auto doc1 = reopened.for_document("doc-1");
  ASSERT_EQ(doc1.size(), 2u);
  EXPECT_EQ(doc1[0].action, review::Action::edit);
  EXPECT_EQ(doc1[1].action, review::Action::reject);
  EXPECT_EQ(doc1[0].user, "coder1");
  EXPECT_EQ(doc1[0].after["code"], "I50.23");
  EXPECT_EQ(doc1[0].reason, "acute on chronic per cardiology note");
  EXPECT_EQ(doc1[0].at.size(), 20u);  // 2026-12-01T13:02:11Z
  EXPECT_EQ(reopened.all().size(), 3u);
  const auto latest = reopened.latest_decisions();
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest.at("doc-1").first, 3);  // the newest decision of doc-1 is the third stored
}

TEST(DecisionStore, HistoryCannotBeRewritten) {
  TempDir dir;
  {
    review::DecisionStore store(dir / "review.sqlite");
    store.append(decision("doc-1", review::Action::accept));
    store.audit(review::AuditEvent::view_chart, "coder1", "doc-1");
  }
  EXPECT_NE(exec(dir / "review.sqlite", "UPDATE decisions SET user = 'someone else'"), SQLITE_OK);
  EXPECT_NE(exec(dir / "review.sqlite", "DELETE FROM decisions"), SQLITE_OK);
  EXPECT_NE(exec(dir / "review.sqlite", "UPDATE audit SET user = 'x'"), SQLITE_OK);
  EXPECT_NE(exec(dir / "review.sqlite", "DELETE FROM audit"), SQLITE_OK);
  review::DecisionStore store(dir / "review.sqlite");
  EXPECT_EQ(store.all().at(0).user, "coder1");
  EXPECT_EQ(store.audit_log().at(0).event, "view_chart");
}

TEST(DecisionStore, AFileThatIsNoDatabaseIsAClearError) {
  TempDir dir;
  write_file(dir / "review.sqlite", "this is not a database, it is a note someone saved here\n");
  try {
    review::DecisionStore store(dir / "review.sqlite");
    FAIL() << "opened a text file as the review database";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("review.sqlite"), std::string::npos);
  }
}

}  // namespace
}  // namespace chartflow::test
