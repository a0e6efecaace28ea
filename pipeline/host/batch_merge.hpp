// `chartflow merge`: one summary and one report for a batch that ran as parts of one output
// folder (the shards of a Slurm array or Kubernetes Indexed Job, queue workers). Each part left
// its summary in parts/<part>/summary.json; the merge checks the shards are all there, finished
// and of one pipeline, and writes summary.json and report.html of the whole folder.
#pragma once

#include "output_store.hpp"
#include "runner.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace chartflow::host {

// One document's entry of a summary read back (document_json's inverse). Throws
// std::runtime_error or nlohmann::json::exception on a malformed entry.
DocumentOutcome read_document(const nlohmann::json& entry);

// A part's documents.jsonl (a queue worker's settled documents, one JSON line each, appended
// before each ack, so it survives a killed worker): every readable line; a torn last line is
// left out.
std::vector<DocumentOutcome> read_document_lines(const std::filesystem::path& file);

// One part's summary.json read back (documents with their stats; what the report needs).
// Throws std::runtime_error naming what is wrong with it.
RunSummary read_run_summary(const nlohmann::json& summary);

struct MergedBatch {
  RunSummary summary;                  // every document of every part
  std::vector<nlohmann::json> parts;   // per part: name, complete, counts
  std::vector<std::string> problems;   // shards missing, unfinished, of another pipeline, unreadable
  std::vector<std::string> ignored;    // parts of another split of the batch (another --shard-count)
  int exit_code() const { return problems.empty() ? summary.exit_code() : 1; }
  nlohmann::json to_json() const;
};

// Reads every part's summary in `store` (which holds the whole folder, so no part is running).
// `shard_count`: the split to merge; by default the one of the newest shard summary.
MergedBatch merge_parts(const OutputStore& store, std::optional<unsigned> shard_count = std::nullopt);

}  // namespace chartflow::host
