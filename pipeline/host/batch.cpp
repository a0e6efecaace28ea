#include "batch.hpp"

#include "errors.hpp"
#include "hashing.hpp"
#include "logging.hpp"
#include "media_type.hpp"

#include "../record/record_json.hpp"
#include "../record/schema_validator.hpp"

#include <fstream>

namespace chartflow::host {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

nlohmann::json quarantine_entry(const record::Document& document, const std::string& input, const std::filesystem::path& path,
                                const Pipeline& pipeline, const StageFailure& failure) {
  std::error_code ec;
  return {{"schema", "chartflow-quarantine/1"},
          {"document", document},
          {"input", input},
          {"input_path", std::filesystem::absolute(path, ec).lexically_normal().string()},
          {"stage", failure.stage},
          {"status", failure.status},
          {"reason", failure.reason},
          {"pipeline", {{"name", pipeline.name()}, {"fingerprint", pipeline.fingerprint()}}},
          {"host_version", host_version()}};
}

namespace {

constexpr std::string_view kPoisonedNote = " (quarantined by an earlier run; --retry-quarantined tries it again)";

}  // namespace

std::string unread_id(const std::filesystem::path& path) { return "unread-" + sha256_hex(path.string()).substr(0, 16); }

bool is_worker_failure(std::string_view status) { return status == "crashed" || status == "timeout" || status == "memory"; }

Batch::Batch(const Pipeline& pipeline, const InputSet& inputs, OutputStore& store, Journal& journal, const RunOptions& options,
             RunSummary& summary, Deliveries& deliveries)
    : pipeline_(pipeline), inputs_(inputs), store_(store), options_(options), summary_(summary), deliveries_(deliveries),
      journal_(journal), batch_started_(Clock::now()), keys_(inputs.files.size()), earlier_(inputs.files.size()),
      started_(inputs.files.size()), record_text_(inputs.files.size()), sha256_(inputs.files.size()), sizes_(inputs.files.size()) {
  for (std::size_t i = 0; i < inputs.files.size(); ++i) {
    std::error_code ec;
    // Keyed by the full path: two input folders may hold files of the same name.
    keys_[i] = std::filesystem::absolute(inputs.files[i].path, ec).lexically_normal().string();
  }
}

std::optional<std::string> Batch::triage(std::size_t i) {
  started_[i] = Clock::now();
  DocumentOutcome& out = summary_.documents[i];
  out.input = inputs_.files[i].display_name;
  earlier_[i] = journal_.find(keys_[i]);
  ReadResult input = read_input(inputs_.files[i].path, options_.max_input_bytes);
  if (!input.error.empty()) {
    // Unread inputs have no content hash; their id comes from the path so a re-run finds them.
    out.id = unread_id(inputs_.files[i].path);
    const bool too_big = input.error.find("over the limit") != std::string::npos;
    quarantine(out, document_of(i), StageFailure{"chartflow", too_big ? "limit" : "unreadable", input.error});
    return std::nullopt;
  }
  sha256_[i] = sha256_hex(input.bytes);
  sizes_[i] = input.bytes.size();
  out.id = "doc-" + sha256_[i].substr(0, 16);
  if (const auto& expected = inputs_.files[i].expected_sha256; !expected.empty() && expected != sha256_[i]) {
    // Named by the content it was meant to have, which is no longer there to process.
    out.id = "doc-" + expected.substr(0, 16);
    quarantine(out, document_of(i), StageFailure{"chartflow", "changed",
                                                 "the file changed after it was enqueued (its content hash is no longer the message's): "
                                                 "enqueue it again to process its new content"});
    return std::nullopt;
  }
  {
    std::lock_guard lock(claims_mutex_);
    auto [owner, fresh] = claims_.emplace(out.id, i);
    if (!fresh) {
      out.outcome = Outcome::duplicate;
      out.duplicate_of = inputs_.files[owner->second].display_name;
      return std::nullopt;
    }
  }
  if (!options_.force && done_earlier(i, out.id)) {
    out.outcome = Outcome::skipped;
    return std::nullopt;
  }
  if (!options_.force && !options_.retry_quarantined && poisoned_earlier(i, out)) return std::nullopt;
  // In the journal before any stage runs: after a kill -9 it shows what was in flight.
  JournalEntry running;
  running.path = keys_[i], running.sha256 = sha256_[i], running.size = sizes_[i], running.doc_id = out.id;
  running.fingerprint = pipeline_.fingerprint();
  if (const auto& e = earlier_[i]; e && e->sha256 == sha256_[i]) running.attempts = e->attempts;
  journal_.put(running);
  return std::move(input.bytes);
}

// Already done by this pipeline: the journal says so (no need to read the record back), or the
// record on disk carries this pipeline's fingerprint (an input the journal does not know, or one
// that was a duplicate of another input that has since changed).
bool Batch::done_earlier(std::size_t i, const std::string& id) {
  if (const auto& e = earlier_[i];
      e && e->sha256 == sha256_[i] && e->state == JournalState::written && e->fingerprint == pipeline_.fingerprint()) {
    std::error_code ec;
    if (std::filesystem::exists(store_.record_path(id), ec)) return true;
  }
  return store_.existing_fingerprint(id) == pipeline_.fingerprint();
}

// A document that crashed, hung or blew up a worker under this pipeline stays quarantined.
bool Batch::poisoned_earlier(std::size_t i, DocumentOutcome& out) {
  std::string stage, status, reason, fingerprint;
  if (const auto& e = earlier_[i]; e && e->sha256 == sha256_[i] && e->state == JournalState::quarantined) {
    stage = e->stage, status = e->status, reason = e->reason, fingerprint = e->fingerprint;
  } else {
    const auto entry = store_.read_quarantine(out.id);
    if (!entry.is_object()) return false;
    stage = entry.value("stage", "chartflow"), status = entry.value("status", ""), reason = entry.value("reason", "");
    if (entry.contains("pipeline") && entry["pipeline"].is_object()) fingerprint = entry["pipeline"].value("fingerprint", "");
  }
  if (!is_worker_failure(status) || fingerprint != pipeline_.fingerprint()) return false;
  out.outcome = Outcome::quarantined;
  out.stage = stage, out.status = status;
  out.reason = reason.ends_with(kPoisonedNote) ? reason : reason + std::string(kPoisonedNote);
  return true;
}

void Batch::process(std::size_t i, std::string_view bytes, unsigned worker, const StageObserver& on_stage, bool keep_text) {
  DocumentOutcome& out = summary_.documents[i];
  ProcessResult result = process_document(pipeline_, bytes, inputs_.files[i].path.filename().string(), worker, on_stage, sha256_[i]);
  if (result.failure) {
    quarantine(out, result.record.document, *result.failure);
    return;
  }
  if (options_.final_validation) {
    // Every annotation was validated when its stage added it; this checks the envelope the
    // host built (document, pipeline, producers, views, diagnostics).
    if (const auto errors = record::envelope_errors(result.record); !errors.empty()) {
      quarantine(out, result.record.document,
                 StageFailure{"chartflow", "internal", "record failed final schema validation: " + record::describe_errors(errors)});
      return;
    }
  }
  std::string text = record::dump_record(result.record, options_.pretty ? 2 : -1) + "\n";
  store_.write_record(out.id, text);
  out.outcome = Outcome::written;
  out.stats = collect_stats(result.record);
  if (keep_text && !deliveries_.empty()) record_text_[i] = std::move(text);
}

void Batch::adopt(std::size_t i, const std::string& id, const std::string& sha256) {
  started_[i] = Clock::now();
  DocumentOutcome& out = summary_.documents[i];
  out.input = inputs_.files[i].display_name;
  out.id = id;
  sha256_[i] = sha256;
}

void Batch::quarantine_failure(std::size_t i, const StageFailure& failure) {
  DocumentOutcome& out = summary_.documents[i];
  if (out.id.empty()) out.id = unread_id(inputs_.files[i].path);
  try {
    quarantine(out, document_of(i), failure);
  } catch (const OutputFull&) {
    output_full(i);
  } catch (...) {  // the folder is gone: the summary still says what happened
    out.outcome = Outcome::quarantined;
    out.stage = failure.stage, out.status = failure.status, out.reason = failure.reason;
  }
}

void Batch::output_full(std::size_t i) {
  DocumentOutcome& out = summary_.documents[i];
  out.outcome = Outcome::pending;
  record_text_[i].clear();
  if (!output_full_.exchange(true)) log::error("run.output_full", {{"doc", out.id}});
}

void Batch::finish(std::size_t i) {
  DocumentOutcome& out = summary_.documents[i];
  if (out.outcome == Outcome::pending) return;  // stopped, or the disk is full: a re-run does it
  if (!deliveries_.empty() && (out.outcome == Outcome::written || out.outcome == Outcome::skipped)) {
    std::string text = std::move(record_text_[i]);
    if (text.empty()) text = store_.read_record(out.id);
    out.deliveries = deliveries_.deliver(out.id, text, out.outcome == Outcome::written);
  }
  out.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - started_[i]).count();
  journal_finish(i);
  log::info("document.done", {{"doc", out.id}, {"outcome", outcome_name(out.outcome)}, {"ms", out.milliseconds}});
}

// One outcome per input path: the journal's row for it now says where it ended. When the file's
// content changed since an earlier run, the old content's outcome is superseded (removed at the
// end of the batch, unless some other input still holds it).
void Batch::journal_finish(std::size_t i) {
  DocumentOutcome& out = summary_.documents[i];
  const auto& before = earlier_[i];
  JournalEntry e;
  e.path = keys_[i], e.sha256 = sha256_[i], e.doc_id = out.id;
  e.fingerprint = pipeline_.fingerprint();
  e.stage = out.stage, e.status = out.status, e.reason = out.reason;
  e.attempts = (before && before->sha256 == e.sha256 ? before->attempts : 0) + out.attempts;
  switch (out.outcome) {
    case Outcome::skipped:  // done earlier: keep what the journal knew of that run
      if (before && before->sha256 == e.sha256) e = *before, e.fingerprint = pipeline_.fingerprint();
      e.state = JournalState::written;
      out.stats = e.stats;
      out.stats.finished_seconds = -1;
      break;
    case Outcome::written: e.state = JournalState::written; break;
    case Outcome::quarantined: e.state = JournalState::quarantined; break;
    case Outcome::duplicate: e.state = JournalState::duplicate; break;
    case Outcome::pending: return;
  }
  if (out.outcome == Outcome::written || out.outcome == Outcome::quarantined) {
    e.milliseconds = out.milliseconds;
    out.stats.finished_seconds = std::chrono::duration<double>(Clock::now() - batch_started_).count();
    e.stats = out.stats;
  }
  e.size = sizes_[i];  // as triage read it: no second stat per document
  if (before && !before->doc_id.empty() && before->doc_id != out.id) {
    out.superseded = before->doc_id;
    journal_.add_superseded(before->doc_id);
  }
  journal_.put(e);
}

std::size_t Batch::remove_superseded() {
  std::size_t removed = 0;
  for (const auto& id : journal_.superseded()) {
    bool held;
    {
      std::lock_guard lock(claims_mutex_);
      held = claims_.contains(id);
    }
    if (!held && !journal_.held_elsewhere(id, {})) {
      std::error_code ec;
      removed += std::filesystem::remove(store_.record_path(id), ec);
      removed += std::filesystem::remove(store_.quarantine_path(id), ec);
      log::info("document.superseded_removed", {{"doc", id}});
    }
    journal_.forget_superseded(id);
  }
  return removed;
}

void Batch::run_one(std::size_t i, unsigned worker) {
  try {
    if (auto bytes = triage(i)) process(i, *bytes, worker);
  } catch (const OutputFull&) {
    output_full(i);
  } catch (const std::exception& e) {
    // Only the host's own failures land here (disk full, out of memory): quarantine the
    // document if we still can, and keep going.
    quarantine_failure(i, StageFailure{"chartflow", "internal", std::string("host error: ") + e.what()});
  }
  try {
    finish(i);
  } catch (const OutputFull&) {
    output_full(i);
  } catch (const std::exception& e) {
    log::error("document.finish_failed", {{"doc", summary_.documents[i].id}});
  }
}

record::Document Batch::document_of(std::size_t i) const {
  return {summary_.documents[i].id, {inputs_.files[i].path.filename().string(), std::string(64, '0'), 0}, "application/octet-stream", std::nullopt};
}

void Batch::quarantine(DocumentOutcome& out, const record::Document& document, const StageFailure& failure) {
  out.outcome = Outcome::quarantined;
  out.stage = failure.stage, out.status = failure.status, out.reason = failure.reason;
  const std::size_t i = static_cast<std::size_t>(&out - summary_.documents.data());
  store_.write_quarantine(out.id, quarantine_entry(document, out.input, inputs_.files[i].path, pipeline_, failure));
  log::warn("document.quarantined", {{"doc", out.id}, {"stage", failure.stage}, {"status", failure.status}});
}

}  // namespace chartflow::host
