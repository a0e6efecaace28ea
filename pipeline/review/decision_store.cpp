#include "decision_store.hpp"

#include "host/sqlite_statement.hpp"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <stdexcept>

namespace chartflow::review {
namespace {

using host::SqliteStatement;

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS decisions(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, record_sha256 TEXT NOT NULL,
  user TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL, key TEXT NOT NULL,
  before TEXT NOT NULL, after TEXT NOT NULL, reason TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decisions_by_doc ON decisions(doc_id, seq);
CREATE TABLE IF NOT EXISTS audit(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL, event TEXT NOT NULL,
  doc_id TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS decisions_append_only_u BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS decisions_append_only_d BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_append_only_u BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_append_only_d BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

Decision read_row(const SqliteStatement& s) {
  Decision d;
  d.seq = s.integer(0);
  d.doc_id = s.text(1);
  d.record_sha256 = s.text(2);
  d.user = s.text(3);
  d.at = s.text(4);
  d.action = parse_action(s.text(5)).value_or(Action::accept);
  d.key = s.text(6);
  d.before = nlohmann::json::parse(s.text(7), nullptr, false);
  d.after = nlohmann::json::parse(s.text(8), nullptr, false);
  if (d.before.is_discarded()) d.before = nlohmann::json::object();
  if (d.after.is_discarded()) d.after = nlohmann::json::object();
  d.reason = s.text(9);
  return d;
}

constexpr const char* kColumns = "SELECT seq, doc_id, record_sha256, user, at, action, key, before, after, reason FROM decisions ";

}  // namespace

const char* audit_event_name(AuditEvent event) {
  switch (event) {
    case AuditEvent::login: return "login";
    case AuditEvent::login_failed: return "login_failed";
    case AuditEvent::logout: return "logout";
    case AuditEvent::view_chart: return "view_chart";
    case AuditEvent::view_page: return "view_page";
    case AuditEvent::export_decisions: return "export_decisions";
    case AuditEvent::server_start: return "server_start";
  }
  return "?";
}

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

DecisionStore::DecisionStore(std::filesystem::path file) : file_(std::move(file)) {
  if (sqlite3_open_v2(file_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error(file_.string() + ": cannot open the review database (" + why + "); check the folder is writable");
  }
  sqlite3_busy_timeout(db_, 5000);
  char* error = nullptr;
  if (sqlite3_exec(db_, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_close(db_);
    throw std::runtime_error(file_.string() + ": not a usable review database (" + why + ")");
  }
}

DecisionStore::~DecisionStore() { sqlite3_close(db_); }

Decision DecisionStore::append(Decision d) {
  if (d.at.empty()) d.at = utc_now();
  std::lock_guard lock(mutex_);
  SqliteStatement s(db_,
                    "INSERT INTO decisions(doc_id, record_sha256, user, at, action, key, before, after, reason) "
                    "VALUES(?,?,?,?,?,?,?,?,?)");
  s.bind(1, d.doc_id).bind(2, d.record_sha256).bind(3, d.user).bind(4, d.at).bind(5, std::string(action_name(d.action)));
  s.bind(6, d.key).bind(7, d.before.dump()).bind(8, d.after.dump()).bind(9, d.reason);
  s.step();
  d.seq = sqlite3_last_insert_rowid(db_);
  return d;
}

std::vector<Decision> DecisionStore::query(const char* sql, const std::string* doc_id) const {
  std::lock_guard lock(mutex_);
  SqliteStatement s(db_, sql);
  if (doc_id) s.bind(1, *doc_id);
  std::vector<Decision> out;
  while (s.step()) out.push_back(read_row(s));
  return out;
}

std::vector<Decision> DecisionStore::for_document(const std::string& doc_id) const {
  static const std::string sql = std::string(kColumns) + "WHERE doc_id = ? ORDER BY seq";
  return query(sql.c_str(), &doc_id);
}

std::vector<Decision> DecisionStore::all() const {
  static const std::string sql = std::string(kColumns) + "ORDER BY seq";
  return query(sql.c_str(), nullptr);
}

std::map<std::string, std::pair<std::int64_t, std::string>> DecisionStore::latest_decisions() const {
  std::lock_guard lock(mutex_);
  SqliteStatement s(db_, "SELECT doc_id, MAX(seq), at FROM decisions GROUP BY doc_id");
  std::map<std::string, std::pair<std::int64_t, std::string>> out;
  while (s.step()) out[s.text(0)] = {s.integer(1), s.text(2)};
  return out;
}

void DecisionStore::audit(AuditEvent event, const std::string& user, const std::string& doc_id, const std::string& detail) {
  std::lock_guard lock(mutex_);
  SqliteStatement s(db_, "INSERT INTO audit(at, user, event, doc_id, detail) VALUES(?,?,?,?,?)");
  s.bind(1, utc_now()).bind(2, user).bind(3, std::string(audit_event_name(event))).bind(4, doc_id).bind(5, detail);
  s.step();
}

std::vector<AuditEntry> DecisionStore::audit_log() const {
  std::lock_guard lock(mutex_);
  SqliteStatement s(db_, "SELECT seq, at, user, event, doc_id, detail FROM audit ORDER BY seq");
  std::vector<AuditEntry> out;
  while (s.step()) out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
  return out;
}

}  // namespace chartflow::review
