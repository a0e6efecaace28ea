#include "runner.hpp"

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

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::written: return "written";
    case Outcome::skipped: return "skipped";
    case Outcome::quarantined: return "quarantined";
    case Outcome::duplicate: return "duplicate";
  }
  return "?";
}

struct ReadResult {
  std::string bytes;
  std::string error;  // empty when read
};

ReadResult read_input(const std::filesystem::path& path, std::uint64_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return {{}, "cannot read input (" + ec.message() + ")"};
  if (size > max_bytes)
    return {{}, "input is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(max_bytes) +
                    " (limits.max_input_bytes)"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {{}, "cannot open input for reading"};
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) return {{}, "input changed or could not be read completely"};
  return {std::move(bytes), {}};
}

nlohmann::json quarantine_entry(const record::Document& document, const std::string& input, const Pipeline& pipeline,
                                const StageFailure& failure) {
  return {{"schema", "chartflow-quarantine/1"},
          {"document", document},
          {"input", input},
          {"stage", failure.stage},
          {"status", failure.status},
          {"reason", failure.reason},
          {"pipeline", {{"name", pipeline.name()}, {"fingerprint", pipeline.fingerprint()}}},
          {"host_version", host_version()}};
}

}  // namespace

std::string host_version() { return CHARTFLOW_VERSION; }

ProcessResult process_document(const Pipeline& pipeline, std::string_view bytes, const std::string& source_name,
                               unsigned worker) {
  ProcessResult result;
  record::Record& r = result.record;
  const std::string sha = sha256_hex(bytes);
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
  for (const auto& stage : pipeline.stages()) {
    if (stage->manifest().is_reader() && !stage->accepts(r.document.media_type)) continue;
    const auto started = Clock::now();
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

int RunSummary::exit_code() const { return count(Outcome::quarantined) || !all_delivered ? 3 : 0; }

nlohmann::json RunSummary::to_json() const {
  nlohmann::json docs = nlohmann::json::array();
  for (const auto& d : documents) {
    nlohmann::json j = {{"input", d.input}, {"id", d.id}, {"outcome", outcome_name(d.outcome)}, {"ms", d.milliseconds}};
    if (d.outcome == Outcome::quarantined) j.update({{"stage", d.stage}, {"status", d.status}, {"reason", d.reason}});
    if (d.outcome == Outcome::duplicate) j["duplicate_of"] = d.duplicate_of;
    for (const auto& [sink, result] : d.deliveries) {
      nlohmann::json delivery = {{"status", delivery_status_name(result.status)}};
      if (!result.message.empty()) delivery["message"] = result.message;
      j["deliveries"][sink] = std::move(delivery);
    }
    docs.push_back(std::move(j));
  }
  return {{"schema", "chartflow-run-summary/1"},
          {"pipeline", {{"name", pipeline_name}, {"fingerprint", fingerprint}}},
          {"host_version", host_version()},
          {"inputs", documents.size()},
          {"written", count(Outcome::written)},
          {"skipped_already_done", count(Outcome::skipped)},
          {"quarantined", count(Outcome::quarantined)},
          {"duplicates", count(Outcome::duplicate)},
          {"hidden_files_ignored", hidden_skipped},
          {"quarantine_reasons", quarantine_reasons()},
          {"sinks", sinks},
          {"seconds", seconds},
          {"documents", std::move(docs)}};
}

namespace {

// One batch: the shared state of the workers and what each does with one input.
class Batch {
 public:
  Batch(const Pipeline& pipeline, const InputSet& inputs, OutputStore& store, const RunOptions& options, RunSummary& summary,
        Deliveries& deliveries)
      : pipeline_(pipeline), inputs_(inputs), store_(store), options_(options), summary_(summary), deliveries_(deliveries),
        earlier_quarantine_(store.quarantined_inputs()) {}

  void work(unsigned worker) {
    for (std::size_t i = next_++; i < inputs_.files.size(); i = next_++) {
      const auto started = Clock::now();
      DocumentOutcome& out = summary_.documents[i];
      out.input = inputs_.files[i].display_name;
      try {
        handle(i, worker, out);
      } catch (const std::exception& e) {
        // Only the host's own failures land here (disk full, out of memory): quarantine the
        // document if we still can, and keep going.
        if (out.id.empty()) out.id = "unread-" + sha256_hex(inputs_.files[i].path.string()).substr(0, 16);
        const StageFailure failure{"chartflow", "internal", std::string("host error: ") + e.what()};
        try {
          quarantine(out, placeholder_document(out.id, i), failure);
        } catch (...) {
          out.outcome = Outcome::quarantined;
          out.stage = failure.stage, out.status = failure.status, out.reason = failure.reason;
        }
      }
      // An input quarantined by an earlier run under another id has changed since: its old
      // entry is stale now that the input ended somewhere under its current id.
      if (auto it = earlier_quarantine_.find(out.input); it != earlier_quarantine_.end())
        for (const auto& old_id : it->second)
          if (old_id != out.id) store_.remove_quarantine(old_id);
      out.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
      log::info("document.done", {{"doc", out.id}, {"outcome", outcome_name(out.outcome)}, {"ms", out.milliseconds}});
    }
  }

 private:
  void handle(std::size_t i, unsigned worker, DocumentOutcome& out) {
    ReadResult input = read_input(inputs_.files[i].path, options_.max_input_bytes);
    if (!input.error.empty()) {
      // Unread inputs have no content hash; their id comes from the path so a re-run finds them.
      out.id = "unread-" + sha256_hex(inputs_.files[i].path.string()).substr(0, 16);
      const bool too_big = input.error.find("over the limit") != std::string::npos;
      quarantine(out, placeholder_document(out.id, i), StageFailure{"chartflow", too_big ? "limit" : "unreadable", input.error});
      return;
    }
    out.id = "doc-" + sha256_hex(input.bytes).substr(0, 16);
    {
      std::lock_guard lock(claims_mutex_);
      auto [owner, fresh] = claims_.emplace(out.id, i);
      if (!fresh) {
        out.outcome = Outcome::duplicate;
        out.duplicate_of = inputs_.files[owner->second].display_name;
        return;
      }
    }
    if (!options_.force && store_.existing_fingerprint(out.id) == pipeline_.fingerprint()) {
      out.outcome = Outcome::skipped;
      if (!deliveries_.empty()) out.deliveries = deliveries_.deliver(out.id, store_.read_record(out.id), false);
      return;
    }
    ProcessResult result = process_document(pipeline_, input.bytes, inputs_.files[i].path.filename().string(), worker);
    if (result.failure) {
      quarantine(out, result.record.document, *result.failure);
      return;
    }
    if (options_.final_validation) {
      // Every annotation was validated when its stage added it; this checks the envelope the
      // host built (document, pipeline, producers, views, diagnostics).
      if (const auto errors = record::builtin_schema("record.schema.json").validate(record::envelope_json(result.record)); !errors.empty()) {
        quarantine(out, result.record.document,
                   StageFailure{"chartflow", "internal", "record failed final schema validation: " + record::describe_errors(errors)});
        return;
      }
    }
    const std::string text = record::dump_record(result.record, options_.pretty ? 2 : -1) + "\n";
    store_.write_record(out.id, text);
    out.outcome = Outcome::written;
    if (!deliveries_.empty()) out.deliveries = deliveries_.deliver(out.id, text, true);
  }

  record::Document placeholder_document(const std::string& id, std::size_t i) const {
    return {id, {inputs_.files[i].path.filename().string(), std::string(64, '0'), 0}, "application/octet-stream", std::nullopt};
  }

  void quarantine(DocumentOutcome& out, const record::Document& document, const StageFailure& failure) {
    out.outcome = Outcome::quarantined;
    out.stage = failure.stage, out.status = failure.status, out.reason = failure.reason;
    store_.write_quarantine(out.id, quarantine_entry(document, out.input, pipeline_, failure));
    log::warn("document.quarantined", {{"doc", out.id}, {"stage", failure.stage}, {"status", failure.status}});
  }

  const Pipeline& pipeline_;
  const InputSet& inputs_;
  OutputStore& store_;
  const RunOptions& options_;
  RunSummary& summary_;
  Deliveries& deliveries_;
  const std::map<std::string, std::vector<std::string>> earlier_quarantine_;
  std::mutex claims_mutex_;
  std::map<std::string, std::size_t> claims_;  // document id -> index of the input that owns it
  std::atomic<std::size_t> next_{0};
};

}  // namespace

RunSummary run_pipeline(const Pipeline& pipeline, const InputSet& inputs, OutputStore& store, const RunOptions& options) {
  RunSummary summary;
  summary.pipeline_name = pipeline.name();
  summary.fingerprint = pipeline.fingerprint();
  summary.hidden_skipped = inputs.hidden.size();
  summary.documents.resize(inputs.files.size());
  const auto run_started = Clock::now();
  Deliveries deliveries(pipeline.sinks(), store.root() / "deliveries", pipeline.fingerprint());
  deliveries.begin({{"pipeline", pipeline.name()}, {"fingerprint", pipeline.fingerprint()}, {"inputs", inputs.files.size()},
                    {"output", store.root().string()}});
  Batch batch(pipeline, inputs, store, options, summary, deliveries);
  std::vector<std::thread> threads;
  const unsigned workers = std::max(1u, pipeline.workers());
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back([&batch, w] { batch.work(w); });
  batch.work(0);
  for (auto& t : threads) t.join();
  summary.seconds = std::chrono::duration<double>(Clock::now() - run_started).count();
  summary.sinks = deliveries.end(summary.to_json());
  summary.all_delivered = deliveries.all_delivered();
  store.sync();  // every record on disk before the summary says so
  store.write_summary(summary.to_json());
  return summary;
}

}  // namespace chartflow::host
