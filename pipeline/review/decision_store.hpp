// The workstation's durable memory: review.sqlite in the output folder. Decisions and the audit
// log are append-only: the tables refuse UPDATE and DELETE (triggers), so history cannot be
// rewritten through the store, and each row says who, when, before and after. Thread-safe.
#pragma once

#include "decision.hpp"

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

struct sqlite3;

namespace chartflow::review {

// What the audit log records (a closed set; stored by name).
enum class AuditEvent { login, login_failed, logout, view_chart, view_page, export_decisions, server_start };
const char* audit_event_name(AuditEvent event);

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at, user, event, doc_id, detail;
};

class DecisionStore {
 public:
  // Opens or creates `file`. Throws std::runtime_error naming the file when it cannot.
  explicit DecisionStore(std::filesystem::path file);
  ~DecisionStore();
  DecisionStore(const DecisionStore&) = delete;
  DecisionStore& operator=(const DecisionStore&) = delete;

  // Stores `d` (its seq and, when empty, its time are set here) and returns it as stored.
  Decision append(Decision d);
  std::vector<Decision> for_document(const std::string& doc_id) const;
  std::vector<Decision> all() const;
  // Per document, its newest decision's seq and time: the worklist rebuilds only rows that moved.
  std::map<std::string, std::pair<std::int64_t, std::string>> latest_decisions() const;

  void audit(AuditEvent event, const std::string& user, const std::string& doc_id = "", const std::string& detail = "");
  std::vector<AuditEntry> audit_log() const;

  const std::filesystem::path& file() const { return file_; }

 private:
  std::vector<Decision> query(const char* sql, const std::string* doc_id) const;

  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
  mutable std::mutex mutex_;
};

// Now as ISO 8601 UTC with seconds ("2026-12-01T13:02:11Z").
std::string utc_now();

}  // namespace chartflow::review
