// The output folder: records/<id>.json for documents that went through, quarantine/<id>.json
// for those that did not (with the stage and reason), and summary.json for the last run.
// Every file is written atomically (temporary file, rename), so a crash or a kill never leaves a
// half-written record, and a re-run can trust whatever it finds. Records are not fsynced one by
// one (that cost more than the text stages themselves): sync() flushes the whole folder once at
// the end of a batch, before the summary says the batch is done. After a power cut a record that
// was not yet flushed may be empty or missing; a re-run sees that (it cannot read it) and redoes it.
//
// Several processes may share one output folder as its *parts* (the shards of a batch, queue
// workers): they share records/ and quarantine/ (their documents never overlap) and each keeps its
// own state (lock, journal, summary, report, deliveries) in parts/<part>/. A part holds the
// folder's lock shared and its own part lock exclusively; a whole-folder run (or `chartflow
// merge`) holds the folder's lock exclusively, so it never runs beside a part.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::host {

// `durable`: fsync the file before it replaces `path`.
void write_file_atomically(const std::filesystem::path& path, std::string_view content, bool durable = true);

class OutputStore {
 public:
  // Creates the folders, takes the folder's lock and removes temporary files a killed run left.
  // Throws FatalError when the folder cannot be written or another run holds it.
  // `part`: this process's part name (empty: the whole folder).
  explicit OutputStore(std::filesystem::path root, std::string part = {});
  ~OutputStore();
  OutputStore(const OutputStore&) = delete;
  OutputStore& operator=(const OutputStore&) = delete;

  const std::filesystem::path& root() const noexcept { return root_; }
  // Where this process's own state goes: the root, or parts/<part>/ for a part.
  const std::filesystem::path& state_root() const noexcept { return state_root_; }
  const std::string& part() const noexcept { return part_; }
  std::filesystem::path record_path(const std::string& id) const { return root_ / "records" / (id + ".json"); }
  std::filesystem::path quarantine_path(const std::string& id) const { return root_ / "quarantine" / (id + ".json"); }

  // The text of an existing record ("" when there is none or it cannot be read).
  std::string read_record(const std::string& id) const;
  // The pipeline fingerprint of an existing, readable record for `id`, if there is one.
  std::optional<std::string> existing_fingerprint(const std::string& id) const;

  // A document ends in exactly one place: writing its record clears any old quarantine entry
  // and quarantining it removes any older record.
  void write_record(const std::string& id, std::string_view json);
  void write_quarantine(const std::string& id, const nlohmann::json& entry);
  void write_summary(const nlohmann::json& summary);
  // Flushes every file written so far to disk (syncfs on the output folder's file system).
  void sync() const;

  void remove_quarantine(const std::string& id);
  // An existing quarantine entry (null when there is none or it cannot be read).
  nlohmann::json read_quarantine(const std::string& id) const;

 private:
  void lock();
  void remove_temporaries();

  std::filesystem::path root_;
  std::string part_;
  std::filesystem::path state_root_;
  int lock_fd_ = -1;
  int part_lock_fd_ = -1;
};

}  // namespace chartflow::host
