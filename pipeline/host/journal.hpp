// The batch journal: the output folder's durable memory of every input it has seen, in an
// embedded SQLite database (journal.sqlite). One row per input, keyed by the input's full path:
// its content hash, the document id that came from it, where it ended (record, quarantine,
// duplicate of another input, or still running when a run died), the attempts, the stage and
// reason, the timings, the pipeline fingerprint, and a few numbers for the report. Resume and
// skip come from it (an input whose path, content and pipeline are unchanged and whose record is
// there is not read twice into a stage), and so does superseding: when the file at a path changes,
// the outcome of its old content is removed once no other input holds that content.
//
// Only the supervisor (or, without isolation, the runner's threads, under the journal's lock)
// writes it. Rows are committed in groups, and commits are not fsynced one by one (WAL,
// synchronous=NORMAL), for the same reason records are not: the batch ends with one flush; after
// a kill or a power cut a lost row only means a document is redone or looked up in its record.
#pragma once

#include "document_stats.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace chartflow::host {

// Where an input ended, as the journal keeps it (a closed set; stored as its name).
enum class JournalState { running, written, quarantined, duplicate };
const char* journal_state_name(JournalState state);

struct JournalEntry {
  std::string path;    // absolute, normalised
  std::string sha256;  // empty when the input could not be read
  std::uint64_t size = 0;
  std::string doc_id;
  JournalState state = JournalState::running;
  unsigned attempts = 0;  // worker attempts spent on this content, over all runs
  std::string stage, status, reason;
  std::string fingerprint;
  double milliseconds = 0;
  DocumentStats stats;
};

class Journal {
 public:
  // Opens or creates `file`. A file that is not a readable journal is moved aside (its name gets
  // ".damaged-<time>") and a new one started: the records and quarantine entries are the truth,
  // the journal only saves work. Throws FatalError when the file cannot be created at all.
  explicit Journal(std::filesystem::path file);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  std::optional<JournalEntry> find(const std::string& path) const;
  // Whether an input other than `path` currently holds `doc_id` (so its outcome must stay).
  bool held_elsewhere(const std::string& doc_id, const std::string& path) const;
  void put(const JournalEntry& entry);
  // Commits what is pending. Rows are committed in groups (at most every quarter second) so the
  // journal costs a batch of small documents next to nothing; flush() at checkpoints and the end.
  void flush();

  // Outcomes of inputs whose content changed: removed at the end of a complete batch, once no
  // input holds them. Kept across runs, so an interrupted batch tidies up next time.
  void add_superseded(const std::string& doc_id);
  std::vector<std::string> superseded() const;
  void forget_superseded(const std::string& doc_id);

  std::int64_t begin_run(const std::string& pipeline, const std::string& fingerprint, const std::string& host_version, std::size_t inputs);
  void end_run(std::int64_t run, const std::string& summary_counts_json, int exit_code);

  const std::filesystem::path& file() const noexcept { return file_; }

 private:
  void open();
  void create_tables();
  void exec(const char* sql) const;
  void begin_group();   // under mutex_
  void commit_group();  // under mutex_
  [[noreturn]] void fail(const std::string& what) const;

  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
  mutable sqlite3_stmt* find_stmt_ = nullptr;  // prepared once: run for every input
  sqlite3_stmt* put_stmt_ = nullptr;
  mutable std::mutex mutex_;
  bool in_group_ = false;
  std::chrono::steady_clock::time_point group_started_;
};

}  // namespace chartflow::host
