#include "journal.hpp"

#include "errors.hpp"
#include "logging.hpp"
#include "sqlite_statement.hpp"

#include <sqlite3.h>

#include <chrono>

namespace chartflow::host {
namespace fs = std::filesystem;
namespace {

constexpr int kSchemaVersion = 1;

using Statement = SqliteStatement;

std::int64_t now_unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::optional<JournalState> parse_state(const std::string& name) {
  for (const auto s : {JournalState::running, JournalState::written, JournalState::quarantined, JournalState::duplicate})
    if (name == journal_state_name(s)) return s;
  return std::nullopt;
}

}  // namespace

const char* journal_state_name(JournalState state) {
  switch (state) {
    case JournalState::running: return "running";
    case JournalState::written: return "written";
    case JournalState::quarantined: return "quarantined";
    case JournalState::duplicate: return "duplicate";
  }
  return "?";
}

Journal::Journal(fs::path file) : file_(std::move(file)) {
  try {
    open();
    create_tables();
  } catch (const OutputFull&) {
    throw;
  } catch (const FatalError&) {
    throw;
  } catch (const std::exception& e) {
    // Damaged (a disk error, a stray file of that name): keep it for a look, start afresh.
    if (db_) sqlite3_close(db_), db_ = nullptr;
    const fs::path aside = file_.string() + ".damaged-" + std::to_string(now_unix_ms());
    std::error_code ec;
    fs::rename(file_, aside, ec);
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(file_.string() + suffix, ec);
    log::warn("journal.damaged", {{"error_kind", "unreadable journal moved aside"}});
    open();
    create_tables();
  }
}

Journal::~Journal() {
  if (!db_) return;
  try {
    flush();
  } catch (const std::exception&) {
    log::warn("journal.flush_failed", {});  // a lost row only means a document is redone
  }
  sqlite3_finalize(find_stmt_);
  sqlite3_finalize(put_stmt_);
  sqlite3_close(db_);
}

void Journal::begin_group() {
  if (in_group_) return;
  exec("BEGIN");
  in_group_ = true;
  group_started_ = std::chrono::steady_clock::now();
}

void Journal::commit_group() {
  if (!in_group_) return;
  in_group_ = false;
  try {
    exec("COMMIT");
  } catch (...) {
    // SQLite may leave the transaction open after a failed COMMIT (a full disk): end it, so the
    // next group starts afresh; its rows are lost, which only means their documents are redone.
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void Journal::flush() {
  std::lock_guard lock(mutex_);
  commit_group();
}

void Journal::open() {
  if (sqlite3_open_v2(file_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    if (db_) sqlite3_close(db_), db_ = nullptr;
    throw FatalError(file_.string() + ": cannot open the batch journal (" + message + ")");
  }
  sqlite3_busy_timeout(db_, 5000);
  sqlite3_extended_result_codes(db_, 0);
}

void Journal::create_tables() {
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  exec("CREATE TABLE IF NOT EXISTS inputs("
       " path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, doc_id TEXT NOT NULL, state TEXT NOT NULL,"
       " attempts INTEGER NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, fingerprint TEXT NOT NULL,"
       " ms REAL NOT NULL, run INTEGER, updated_at INTEGER NOT NULL, stats TEXT NOT NULL)");
  exec("CREATE INDEX IF NOT EXISTS inputs_by_doc ON inputs(doc_id)");
  exec("CREATE TABLE IF NOT EXISTS superseded(doc_id TEXT PRIMARY KEY)");
  exec("CREATE TABLE IF NOT EXISTS runs(id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, finished_at INTEGER,"
       " pipeline TEXT NOT NULL, fingerprint TEXT NOT NULL, host_version TEXT NOT NULL, inputs INTEGER NOT NULL,"
       " counts TEXT, exit_code INTEGER)");
  Statement version(db_, "SELECT value FROM meta WHERE key='schema'");
  if (version.step()) {
    if (std::stoi(version.text(0)) > kSchemaVersion)
      throw FatalError(file_.string() + ": the batch journal was written by a newer chartflow (schema " + version.text(0) +
                       "); use that version or another --output");
  } else {
    Statement(db_, "INSERT INTO meta(key, value) VALUES('schema', ?)").bind(1, std::to_string(kSchemaVersion)).step();
  }
}

void Journal::exec(const char* sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    fail(message);
  }
}

void Journal::fail(const std::string& what) const {
  const int code = sqlite3_errcode(db_);
  if (code == SQLITE_FULL) throw OutputFull("journal: " + what);
  throw std::runtime_error("journal: " + what);
}

std::optional<JournalEntry> Journal::find(const std::string& path) const {
  std::lock_guard lock(mutex_);
  Statement q(db_, find_stmt_, "SELECT sha256, size, doc_id, state, attempts, stage, status, reason, fingerprint, ms, stats FROM inputs WHERE path=?");
  q.bind(1, path);
  if (!q.step()) return std::nullopt;
  const auto state = parse_state(q.text(3));
  if (!state) return std::nullopt;  // written by something else: as if unknown
  JournalEntry e;
  e.path = path;
  e.sha256 = q.text(0);
  e.size = static_cast<std::uint64_t>(q.integer(1));
  e.doc_id = q.text(2);
  e.state = *state;
  e.attempts = static_cast<unsigned>(q.integer(4));
  e.stage = q.text(5), e.status = q.text(6), e.reason = q.text(7);
  e.fingerprint = q.text(8);
  e.milliseconds = q.real(9);
  e.stats = DocumentStats::from_json(nlohmann::json::parse(q.text(10), nullptr, false));
  return e;
}

bool Journal::held_elsewhere(const std::string& doc_id, const std::string& path) const {
  std::lock_guard lock(mutex_);
  Statement q(db_, "SELECT 1 FROM inputs WHERE doc_id=? AND path<>? LIMIT 1");
  q.bind(1, doc_id).bind(2, path);
  return q.step();
}

void Journal::put(const JournalEntry& e) {
  std::lock_guard lock(mutex_);
  begin_group();
  Statement q(db_, put_stmt_,
              "INSERT OR REPLACE INTO inputs(path, sha256, size, doc_id, state, attempts, stage, status, reason, fingerprint, ms, run,"
              " updated_at, stats) VALUES(?,?,?,?,?,?,?,?,?,?,?,(SELECT MAX(id) FROM runs),?,?)");
  q.bind(1, e.path).bind(2, e.sha256).bind(3, static_cast<std::int64_t>(e.size)).bind(4, e.doc_id);
  q.bind(5, std::string(journal_state_name(e.state))).bind(6, static_cast<std::int64_t>(e.attempts));
  q.bind(7, e.stage).bind(8, e.status).bind(9, e.reason).bind(10, e.fingerprint).bind(11, e.milliseconds);
  q.bind(12, now_unix_ms()).bind(13, e.stats.to_json().dump());
  q.step();
  if (std::chrono::steady_clock::now() - group_started_ > std::chrono::milliseconds(250)) commit_group();
}

void Journal::add_superseded(const std::string& doc_id) {
  std::lock_guard lock(mutex_);
  begin_group();
  Statement(db_, "INSERT OR IGNORE INTO superseded(doc_id) VALUES(?)").bind(1, doc_id).step();
}

std::vector<std::string> Journal::superseded() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> ids;
  Statement q(db_, "SELECT doc_id FROM superseded ORDER BY doc_id");
  while (q.step()) ids.push_back(q.text(0));
  return ids;
}

void Journal::forget_superseded(const std::string& doc_id) {
  std::lock_guard lock(mutex_);
  begin_group();
  Statement(db_, "DELETE FROM superseded WHERE doc_id=?").bind(1, doc_id).step();
}

std::int64_t Journal::begin_run(const std::string& pipeline, const std::string& fingerprint, const std::string& host_version,
                                std::size_t inputs) {
  std::lock_guard lock(mutex_);
  commit_group();
  Statement q(db_, "INSERT INTO runs(started_at, pipeline, fingerprint, host_version, inputs) VALUES(?,?,?,?,?)");
  q.bind(1, now_unix_ms()).bind(2, pipeline).bind(3, fingerprint).bind(4, host_version).bind(5, static_cast<std::int64_t>(inputs));
  q.step();
  return sqlite3_last_insert_rowid(db_);
}

void Journal::end_run(std::int64_t run, const std::string& summary_counts_json, int exit_code) {
  std::lock_guard lock(mutex_);
  commit_group();
  Statement q(db_, "UPDATE runs SET finished_at=?, counts=?, exit_code=? WHERE id=?");
  q.bind(1, now_unix_ms()).bind(2, summary_counts_json).bind(3, static_cast<std::int64_t>(exit_code)).bind(4, run);
  q.step();
  exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace chartflow::host
