// Runs a pipeline over a set of inputs on a pool of worker threads. A bad document is
// quarantined with its stage and reason and the batch goes on; every input ends as a record,
// a quarantine entry, a skip (already done by the same pipeline) or a duplicate of another input.
#pragma once

#include "delivery.hpp"
#include "document_stats.hpp"
#include "inputs.hpp"
#include "output_store.hpp"
#include "pipeline.hpp"
#include "shard.hpp"

#include "../record/record.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::host {

// How a running batch shows its progress: not at all, a live line on a terminal, JSON events.
enum class ProgressMode { none, line, json };

enum class Isolation {
  none,     // documents run on threads of this process: fastest, but a crashing plugin ends the batch
  process   // documents run in supervised worker processes: a crash, hang or blow-up costs one document
};

// What a supervised worker may spend on one document before it is stopped.
struct WorkerLimits {
  double seconds_per_document = 600;          // wall-clock time for one document (all its stages)
  std::uint64_t memory_bytes = 2ull << 30;    // resident memory of the worker process
  double stop_grace_seconds = 5;              // after SIGINT/SIGTERM, how long running documents may go on
};

struct RunOptions {
  ProgressMode progress = ProgressMode::none;
  bool force = false;            // redo documents that already have a record from this pipeline
  bool retry_quarantined = false;  // retry documents an earlier run quarantined for a crash, timeout or memory
  Isolation isolation = Isolation::process;
  WorkerLimits limits;
  bool pretty = false;           // indented record JSON
  bool final_validation = true;  // validate each whole record against the schema before writing
  std::uint64_t max_input_bytes = 256ull << 20;
  std::optional<Shard> shard;        // this run is one shard of a batch (its summary says which)
  std::size_t inputs_elsewhere = 0;  // inputs of the batch left to the other shards
  std::function<void()> on_tick;     // called about every 100 ms while the batch runs (a queue worker's heartbeat)
  bool batch_files = true;           // summary.json and report.html at the end (a queue worker writes its own)
};

enum class Outcome {
  written, skipped, quarantined, duplicate,
  pending  // not processed: the run was stopped (SIGINT, SIGTERM) first, or it is still running
};
const char* outcome_name(Outcome outcome);

struct DocumentOutcome {
  std::string input;  // display name (may be PHI: goes to summary.json, never to logs)
  std::string id;
  Outcome outcome = Outcome::pending;
  std::string stage, status, reason;  // for quarantined documents
  std::string duplicate_of;           // for duplicates: the input whose id it shares
  std::string superseded;             // the id of this input's earlier content, when the file changed since
  SinkResults deliveries;             // what each sink said about the record
  unsigned attempts = 0;              // worker processes it ended (a crash, hang or blow-up is retried once)
  double milliseconds = 0;
  DocumentStats stats;                // pages, confidence, review flags, codes (for the report and the journal)
};

// One document's entry in a summary (with its stats: for a part, which `chartflow merge` reads).
nlohmann::json document_json(const DocumentOutcome& document, bool with_stats);

struct RunSummary {
  std::string pipeline_name, fingerprint;
  std::string part;                  // the output folder's part this run wrote (empty: the whole folder)
  std::optional<Shard> shard;
  std::size_t inputs_elsewhere = 0;  // shard mode: inputs of the batch the other shards take
  bool complete = false;     // false while the batch runs (checkpoints) and when it was stopped
  bool interrupted = false;  // stopped by SIGINT or SIGTERM
  bool output_full = false;  // stopped because the output folder's disk filled up
  std::size_t superseded_removed = 0;  // outcomes of old contents of changed inputs, removed at the end
  std::vector<DocumentOutcome> documents;
  std::size_t hidden_skipped = 0;
  std::vector<NotRead> not_read;  // entries of input folders that are no inputs, with why
  double seconds = 0;
  nlohmann::json sinks = nlohmann::json::object();  // per sink: delivered, retry, failed, errors
  bool all_delivered = true;
  std::size_t count(Outcome outcome) const;
  std::map<std::string, std::size_t> quarantine_reasons() const;  // "stage/status" -> count
  // A part's summary also carries each document's stats, so `chartflow merge` can draw the
  // whole batch's report from the parts' summaries alone.
  nlohmann::json to_json() const;
  int exit_code() const;  // 0 all fine, 3 some documents quarantined or not delivered or the disk filled up, 4 stopped before the end
};

struct ProcessResult {
  record::Record record;
  std::optional<StageFailure> failure;
};

// Called before each stage runs on a document (a supervised worker reports it to its supervisor).
using StageObserver = std::function<void(const Stage& stage)>;

// Builds the envelope and runs every stage on one document, in memory. `known_sha256`: the
// bytes' hash when the caller has it already.
ProcessResult process_document(const Pipeline& pipeline, std::string_view bytes, const std::string& source_name,
                               unsigned worker, const StageObserver& on_stage = {}, const std::string& known_sha256 = {});

RunSummary run_pipeline(const Pipeline& pipeline, const InputSet& inputs, OutputStore& store, const RunOptions& options);

std::string host_version();

}  // namespace chartflow::host
