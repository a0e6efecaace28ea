#include "runner.hpp"

#include "batch.hpp"
#include "errors.hpp"
#include "journal.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "stop_signals.hpp"
#include "supervisor.hpp"

#include "hashing.hpp"
#include "logging.hpp"
#include "media_type.hpp"

#include "../record/record_json.hpp"
#include "../record/schema_validator.hpp"

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>

#ifndef CHARTFLOW_VERSION
#define CHARTFLOW_VERSION "0.0.0"
#endif

namespace chartflow::host {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::written: return "written";
    case Outcome::skipped: return "skipped";
    case Outcome::quarantined: return "quarantined";
    case Outcome::duplicate: return "duplicate";
    case Outcome::pending: return "not_processed";
  }
  return "?";
}

std::string host_version() { return CHARTFLOW_VERSION; }

ProcessResult process_document(const Pipeline& pipeline, std::string_view bytes, const std::string& source_name,
                               unsigned worker, const StageObserver& on_stage, const std::string& known_sha256) {
  ProcessResult result;
  record::Record& r = result.record;
  const std::string sha = known_sha256.empty() ? sha256_hex(bytes) : known_sha256;
  r.document.id = "doc-" + sha.substr(0, 16);
  r.document.source = {source_name, sha, bytes.size()};
  r.document.media_type = sniff_media_type(bytes);
  r.pipeline = {pipeline.name(), pipeline.fingerprint(), host_version()};

  if (bytes.empty()) {
    result.failure = StageFailure{"chartflow", "invalid-input", "input file is empty (0 bytes)"};
    return result;
  }
  if (!pipeline.reads_media_type(r.document.media_type)) {
    std::string accepted;
    for (const auto& t : pipeline.media_types()) accepted += (accepted.empty() ? "" : ", ") + t;
    result.failure = StageFailure{"chartflow", "unsupported",
                                  "media type '" + r.document.media_type + "' is not read by any stage of this pipeline (it reads: " +
                                      accepted + ")"};
    return result;
  }
  if (r.document.media_type == "text/plain" && bytes.size() > pipeline.limits().max_view_bytes) {
    result.failure = StageFailure{"chartflow", "limit",
                                  "text input is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                                      std::to_string(pipeline.limits().max_view_bytes) + " (limits.max_text_bytes; about 10,000 pages per 32 MiB)"};
    return result;
  }
  for (const auto& stage : pipeline.stages()) {
    if (stage->manifest().is_reader() && !stage->accepts(r.document.media_type)) continue;
    const auto started = Clock::now();
    if (on_stage) on_stage(*stage);
    if (auto failure = stage->run(r, bytes, worker)) {
      result.failure = std::move(failure);
      return result;
    }
    r.producers.push_back(stage->producer());
    if (log::enabled(log::Level::debug))
      log::debug("stage.done", {{"doc", r.document.id}, {"stage", stage->id()},
                                {"us", std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count()}});
  }
  if (const auto pages = r.count("pages")) r.document.page_count = pages;  // the envelope says how many pages the reader found
  return result;
}

std::size_t RunSummary::count(Outcome outcome) const {
  std::size_t n = 0;
  for (const auto& d : documents) n += d.outcome == outcome;
  return n;
}

std::map<std::string, std::size_t> RunSummary::quarantine_reasons() const {
  std::map<std::string, std::size_t> reasons;
  for (const auto& d : documents)
    if (d.outcome == Outcome::quarantined) ++reasons[d.stage + "/" + d.status];
  return reasons;
}

int RunSummary::exit_code() const {
  if (output_full) return 3;
  if (count(Outcome::pending)) return 4;
  return count(Outcome::quarantined) || !all_delivered ? 3 : 0;
}

namespace {

nlohmann::json not_read_json(const std::vector<NotRead>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries) out.push_back({{"input", e.display_name}, {"reason", e.reason}});
  return out;
}

}  // namespace

nlohmann::json document_json(const DocumentOutcome& d, bool with_stats) {
  nlohmann::json j = {{"input", d.input}, {"id", d.id}, {"outcome", outcome_name(d.outcome)}, {"ms", d.milliseconds}};
  if (d.outcome == Outcome::quarantined) j.update({{"stage", d.stage}, {"status", d.status}, {"reason", d.reason}});
  if (d.outcome == Outcome::duplicate) j["duplicate_of"] = d.duplicate_of;
  if (!d.superseded.empty()) j["superseded"] = d.superseded;
  for (const auto& [sink, result] : d.deliveries) {
    nlohmann::json delivery = {{"status", delivery_status_name(result.status)}};
    if (!result.message.empty()) delivery["message"] = result.message;
    j["deliveries"][sink] = std::move(delivery);
  }
  if (with_stats) {
    j["stats"] = d.stats.to_json();
    if (d.attempts) j["attempts"] = d.attempts;
  }
  return j;
}

nlohmann::json RunSummary::to_json() const {
  nlohmann::json docs = nlohmann::json::array();
  for (const auto& d : documents) docs.push_back(document_json(d, !part.empty()));
  nlohmann::json summary = {{"schema", "chartflow-run-summary/1"},
          {"pipeline", {{"name", pipeline_name}, {"fingerprint", fingerprint}}},
          {"host_version", host_version()},
          {"inputs", documents.size()},
          {"written", count(Outcome::written)},
          {"skipped_already_done", count(Outcome::skipped)},
          {"quarantined", count(Outcome::quarantined)},
          {"duplicates", count(Outcome::duplicate)},
          {"not_processed", count(Outcome::pending)},
          {"complete", complete},
          {"interrupted", interrupted},
          {"output_full", output_full},
          {"superseded", std::count_if(documents.begin(), documents.end(), [](const DocumentOutcome& d) { return !d.superseded.empty(); })},
          {"superseded_removed", superseded_removed},
          {"hidden_files_ignored", hidden_skipped},
          {"not_read", not_read_json(not_read)},
          {"quarantine_reasons", quarantine_reasons()},
          {"sinks", sinks},
          {"seconds", seconds},
          {"documents", std::move(docs)}};
  if (!part.empty()) summary["part"] = part;
  if (shard) summary["shard"] = {{"index", shard->index}, {"count", shard->count}, {"inputs_elsewhere", inputs_elsewhere}};
  return summary;
}

namespace {

// Everything after the last document: sinks' batch end, tidying superseded outcomes, the flush,
// the summary and the journal's run row. A full disk here loses none of the documents already
// written; it is reported in the summary (when that can still be written) and the exit status.
void finish_run(OutputStore& store, Journal& journal, std::int64_t run_id, Batch& batch, Deliveries& deliveries, RunSummary& summary,
                Clock::time_point run_started, bool batch_files) {
  summary.seconds = std::chrono::duration<double>(Clock::now() - run_started).count();
  summary.sinks = deliveries.end(summary.to_json());
  summary.all_delivered = deliveries.all_delivered();
  try {
    // A part's journal knows only its own inputs: another part may hold an old content, so
    // superseded outcomes are tidied by whole-folder runs only.
    if (summary.complete && store.part().empty()) summary.superseded_removed = batch.remove_superseded();
    store.sync();  // every record on disk before the summary says so
    const auto totals = summary.to_json();  // built once: the summary, and the journal's counts
    if (batch_files) {
      store.write_summary(totals);
      try {
        write_report(store.state_root(), summary);  // for people; the summary is the record of the run, so this never fails it
      } catch (const std::exception&) {
        log::warn("report.write_failed", {});
      }
    }
    nlohmann::json counts = nlohmann::json::object();
    for (const char* key : {"inputs", "written", "skipped_already_done", "quarantined", "duplicates", "not_processed", "superseded"})
      counts[key] = totals[key];
    journal.end_run(run_id, counts.dump(), summary.exit_code());
  } catch (const OutputFull&) {
    summary.output_full = true;
    log::error("run.output_full", {{"step", "summary"}});
  }
}

std::vector<std::string> folder_names(const std::vector<std::filesystem::path>& folders) {
  std::vector<std::string> names;
  for (const auto& f : folders) names.push_back(f.string());
  return names;
}

}  // namespace

RunSummary run_pipeline(const Pipeline& pipeline, const InputSet& inputs, OutputStore& store, const RunOptions& options) {
  RunSummary summary;
  summary.pipeline_name = pipeline.name();
  summary.fingerprint = pipeline.fingerprint();
  summary.hidden_skipped = inputs.hidden.size();
  summary.not_read = inputs.not_read;
  summary.documents.resize(inputs.files.size());
  const auto run_started = Clock::now();
  summary.part = store.part();
  summary.shard = options.shard;
  summary.inputs_elsewhere = options.inputs_elsewhere;
  Deliveries deliveries(pipeline.sinks(), store.state_root() / "deliveries", pipeline.fingerprint());
  deliveries.begin({{"pipeline", pipeline.name()}, {"fingerprint", pipeline.fingerprint()}, {"inputs", inputs.files.size()},
                    {"input_folders", folder_names(input_folders(inputs))}, {"output", store.root().string()}});
  Journal journal(store.state_root() / "journal.sqlite");
  const auto run_id = journal.begin_run(pipeline.name(), pipeline.fingerprint(), host_version(), inputs.files.size());
  Batch batch(pipeline, inputs, store, journal, options, summary, deliveries);
  for (std::size_t i = 0; i < inputs.files.size(); ++i) summary.documents[i].input = inputs.files[i].display_name;
  Progress progress(options.progress, inputs.files.size());
  StopSignals signals;
  auto last_checkpoint = Clock::now();
  RunHooks hooks;
  hooks.settled = [&](Outcome outcome) { progress.settled(outcome); };
  hooks.stop = [&] { return signals.requested() || batch.output_full(); };
  hooks.tick = [&] {
    progress.tick();
    if (options.on_tick) options.on_tick();
    // summary.json as the batch goes, so a watcher (or a killed run) has the counts so far.
    if (Clock::now() - last_checkpoint < std::chrono::seconds(10)) return;
    last_checkpoint = Clock::now();
    summary.seconds = std::chrono::duration<double>(last_checkpoint - run_started).count();
    try {
      journal.flush();
      if (options.batch_files) store.write_summary(summary.to_json());
    } catch (const std::exception&) {
      log::warn("summary.checkpoint_failed", {});
    }
  };
  if (options.isolation == Isolation::process) run_supervised(batch, std::max(1u, pipeline.workers()), options.limits, hooks);
  else run_in_process(batch, std::max(1u, pipeline.workers()), hooks);
  progress.finish();
  summary.interrupted = signals.requested();
  summary.output_full = batch.output_full();
  summary.complete = summary.count(Outcome::pending) == 0;
  finish_run(store, journal, run_id, batch, deliveries, summary, run_started, options.batch_files);
  return summary;
}

}  // namespace chartflow::host
