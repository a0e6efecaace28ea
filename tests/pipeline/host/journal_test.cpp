#include "host/errors.hpp"
#include "host/journal.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>

namespace chartflow::host {
namespace {

using test::TempDir;

JournalEntry entry(const std::string& path, const std::string& id, JournalState state) {
  JournalEntry e;
  e.path = path, e.sha256 = std::string(64, 'a'), e.size = 42, e.doc_id = id, e.state = state;
  e.attempts = 2, e.stage = "ocr", e.status = "crashed", e.reason = "signal 11", e.fingerprint = "fp", e.milliseconds = 12.5;
  e.stats.pages = 3, e.stats.page_confidence = {0.9, 0.5}, e.stats.codes = {"ICD-10-CM I10"};
  return e;
}

TEST(Journal, KeepsOneRowPerInputPathAcrossReopening) {
  TempDir dir;
  {
    Journal journal(dir / "journal.sqlite");
    journal.put(entry("/in/a.txt", "doc-1", JournalState::running));
    journal.put(entry("/in/a.txt", "doc-1", JournalState::quarantined));  // replaces, never adds
    journal.put(entry("/other/a.txt", "doc-2", JournalState::written));    // same name, other folder
  }
  Journal journal(dir / "journal.sqlite");
  const auto a = journal.find("/in/a.txt");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->state, JournalState::quarantined);
  EXPECT_EQ(a->doc_id, "doc-1");
  EXPECT_EQ(a->attempts, 2u);
  EXPECT_EQ(a->stage, "ocr");
  EXPECT_EQ(a->reason, "signal 11");
  EXPECT_EQ(a->stats.pages, 3u);
  EXPECT_EQ(a->stats.codes, std::vector<std::string>{"ICD-10-CM I10"});
  EXPECT_EQ(journal.find("/other/a.txt")->doc_id, "doc-2");
  EXPECT_FALSE(journal.find("/in/b.txt"));
}

TEST(Journal, SaysWhetherAnotherInputHoldsADocument) {
  TempDir dir;
  Journal journal(dir / "journal.sqlite");
  journal.put(entry("/in/a.txt", "doc-1", JournalState::written));
  journal.put(entry("/in/copy-of-a.txt", "doc-1", JournalState::duplicate));
  EXPECT_TRUE(journal.held_elsewhere("doc-1", "/in/a.txt"));
  EXPECT_FALSE(journal.held_elsewhere("doc-9", "/in/a.txt"));
  EXPECT_TRUE(journal.held_elsewhere("doc-1", ""));
}

TEST(Journal, SupersededIdsWaitUntilForgotten) {
  TempDir dir;
  {
    Journal journal(dir / "journal.sqlite");
    journal.add_superseded("doc-old");
    journal.add_superseded("doc-old");
  }
  Journal journal(dir / "journal.sqlite");
  EXPECT_EQ(journal.superseded(), std::vector<std::string>{"doc-old"});
  journal.forget_superseded("doc-old");
  EXPECT_TRUE(journal.superseded().empty());
}

TEST(Journal, ADamagedFileIsMovedAsideAndANewJournalStarted) {
  TempDir dir;
  test::write_file(dir / "journal.sqlite", std::string(8192, 'x'));
  Journal journal(dir / "journal.sqlite");
  journal.put(entry("/in/a.txt", "doc-1", JournalState::written));
  EXPECT_TRUE(journal.find("/in/a.txt"));
  bool moved_aside = false;
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    moved_aside |= e.path().filename().string().starts_with("journal.sqlite.damaged-");
  EXPECT_TRUE(moved_aside);
}

TEST(Journal, AJournalFromANewerVersionIsRefusedNotOverwritten) {
  TempDir dir;
  { Journal journal(dir / "journal.sqlite"); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "journal.sqlite").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE meta SET value='99' WHERE key='schema'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  try {
    Journal journal(dir / "journal.sqlite");
    FAIL() << "a newer journal was accepted";
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("newer chartflow"), std::string::npos) << e.what();
  }
}

TEST(Journal, RunsAreRecorded) {
  TempDir dir;
  Journal journal(dir / "journal.sqlite");
  const auto first = journal.begin_run("p", "fp", "0.1.0", 3);
  journal.end_run(first, R"({"written": 3})", 0);
  EXPECT_EQ(journal.begin_run("p", "fp", "0.1.0", 3), first + 1);
}

}  // namespace
}  // namespace chartflow::host
