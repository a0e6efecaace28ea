// One batch: what happens to each input, whichever way documents are run (threads of this
// process, or supervised worker processes). Each input goes through:
//   triage   - read it, name it by its content, and settle it without running any stage when it
//              is unreadable, a duplicate of another input, already done, or poisoned earlier;
//   process  - run the stages and write its record or quarantine entry;
//   finish   - deliver it to the sinks, drop stale quarantine entries, log it.
// Triage and finish run in the supervisor (one thread); process runs wherever documents run.
#pragma once

#include "delivery.hpp"
#include "inputs.hpp"
#include "journal.hpp"
#include "output_store.hpp"
#include "pipeline.hpp"
#include "runner.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::host {

class Batch {
 public:
  Batch(const Pipeline& pipeline, const InputSet& inputs, OutputStore& store, Journal& journal, const RunOptions& options,
        RunSummary& summary, Deliveries& deliveries);

  std::size_t size() const noexcept { return inputs_.files.size(); }

  // Reads input `i`. Returns its bytes when its stages must run; nullopt when triage settled it.
  // Thread-safe.
  std::optional<std::string> triage(std::size_t i);
  // Runs the stages on input `i` (bytes from triage, or read again by a worker process) and
  // writes its record or quarantine entry into summary().documents[i].
  // `keep_text`: hold the record's text for finish() (the sinks); a worker process does not.
  void process(std::size_t i, std::string_view bytes, unsigned worker, const StageObserver& on_stage = {}, bool keep_text = true);
  // In a worker process: takes over input `i` as triage read it in the supervisor.
  void adopt(std::size_t i, const std::string& id, const std::string& sha256);
  // The SHA-256 triage computed for input `i`.
  const std::string& sha256(std::size_t i) const { return sha256_[i]; }
  // Quarantines input `i` for a failure outside the stages (a crashed worker, a host error).
  void quarantine_failure(std::size_t i, const StageFailure& failure);
  // Delivers, tidies and logs input `i` once its outcome is known. Thread-safe.
  void finish(std::size_t i);

  // triage + process + finish, never throwing: what a thread does with one input.
  void run_one(std::size_t i, unsigned worker);

  // The output disk filled up while input `i` was in hand: it stays not processed (a re-run does
  // it) and the batch takes no more inputs.
  void output_full(std::size_t i);
  bool output_full() const noexcept { return output_full_; }
  // After a batch that saw every input: removes the records and quarantine entries of old
  // contents of changed inputs that no input holds any more. Returns how many went.
  std::size_t remove_superseded();

  RunSummary& summary() noexcept { return summary_; }
  const Pipeline& pipeline() const noexcept { return pipeline_; }
  // Where an input's document came from before stages ran (for quarantines outside them).
  record::Document document_of(std::size_t i) const;

 private:
  void quarantine(DocumentOutcome& out, const record::Document& document, const StageFailure& failure);
  bool poisoned_earlier(std::size_t i, DocumentOutcome& out);
  bool done_earlier(std::size_t i, const std::string& id);
  void journal_finish(std::size_t i);

  const Pipeline& pipeline_;
  const InputSet& inputs_;
  OutputStore& store_;
  const RunOptions& options_;
  RunSummary& summary_;
  Deliveries& deliveries_;
  Journal& journal_;
  const std::chrono::steady_clock::time_point batch_started_;
  std::atomic<bool> output_full_{false};
  std::vector<std::string> keys_;                   // each input's full path: its key in the journal
  std::vector<std::optional<JournalEntry>> earlier_;  // what the journal knew of each input before this run
  std::mutex claims_mutex_;
  std::map<std::string, std::size_t> claims_;  // document id -> index of the input that owns it
  std::vector<std::chrono::steady_clock::time_point> started_;
  std::vector<std::string> record_text_;  // in-process runs: the record just written, for the sinks
  std::vector<std::string> sha256_;       // of each input read, so no stage run hashes it twice
  std::vector<std::uint64_t> sizes_;      // bytes of each input read (0 when unread)
};

// The quarantine entry of a document (quarantine/<id>.json): where it came from, the stage,
// status and reason, the pipeline.
nlohmann::json quarantine_entry(const record::Document& document, const std::string& input, const std::filesystem::path& path,
                                const Pipeline& pipeline, const StageFailure& failure);

// The id of an input that could not be read (it has no content hash): from its path, so a
// re-run finds its quarantine entry again.
std::string unread_id(const std::filesystem::path& path);

// Statuses of quarantines for failures of a whole worker; a re-run does not retry them unless
// asked (--retry-quarantined), so one poisoned document cannot crash every night's run.
bool is_worker_failure(std::string_view status);

}  // namespace chartflow::host
