// Runs a pipeline over a set of inputs on a pool of worker threads. A bad document is
// quarantined with its stage and reason and the batch goes on; every input ends as a record,
// a quarantine entry, a skip (already done by the same pipeline) or a duplicate of another input.
#pragma once

#include "delivery.hpp"
#include "inputs.hpp"
#include "output_store.hpp"
#include "pipeline.hpp"

#include "../record/record.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::host {

struct RunOptions {
  bool force = false;            // redo documents that already have a record from this pipeline
  bool pretty = false;           // indented record JSON
  bool final_validation = true;  // validate each whole record against the schema before writing
  std::uint64_t max_input_bytes = 256ull << 20;
};

enum class Outcome { written, skipped, quarantined, duplicate };

struct DocumentOutcome {
  std::string input;  // display name (may be PHI: goes to summary.json, never to logs)
  std::string id;
  Outcome outcome = Outcome::written;
  std::string stage, status, reason;  // for quarantined documents
  std::string duplicate_of;           // for duplicates: the input whose id it shares
  SinkResults deliveries;             // what each sink said about the record
  double milliseconds = 0;
};

struct RunSummary {
  std::string pipeline_name, fingerprint;
  std::vector<DocumentOutcome> documents;
  std::size_t hidden_skipped = 0;
  double seconds = 0;
  nlohmann::json sinks = nlohmann::json::object();  // per sink: delivered, retry, failed, errors
  bool all_delivered = true;
  std::size_t count(Outcome outcome) const;
  std::map<std::string, std::size_t> quarantine_reasons() const;  // "stage/status" -> count
  nlohmann::json to_json() const;
  int exit_code() const;  // 0 all fine, 3 some documents quarantined or not delivered
};

struct ProcessResult {
  record::Record record;
  std::optional<StageFailure> failure;
};

// Builds the envelope and runs every stage on one document, in memory.
ProcessResult process_document(const Pipeline& pipeline, std::string_view bytes, const std::string& source_name,
                               unsigned worker);

RunSummary run_pipeline(const Pipeline& pipeline, const InputSet& inputs, OutputStore& store, const RunOptions& options);

std::string host_version();

}  // namespace chartflow::host
