#include "batch.hpp"

#include "hashing.hpp"
#include "logging.hpp"
#include "media_type.hpp"

#include "../record/record_json.hpp"
#include "../record/schema_validator.hpp"

#include <fstream>

namespace chartflow::host {
namespace {

using Clock = std::chrono::steady_clock;

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

std::string unread_id(const std::filesystem::path& path) { return "unread-" + sha256_hex(path.string()).substr(0, 16); }

}  // namespace

bool is_worker_failure(std::string_view status) { return status == "crashed" || status == "timeout" || status == "memory"; }

Batch::Batch(const Pipeline& pipeline, const InputSet& inputs, OutputStore& store, const RunOptions& options, RunSummary& summary,
             Deliveries& deliveries)
    : pipeline_(pipeline), inputs_(inputs), store_(store), options_(options), summary_(summary), deliveries_(deliveries),
      earlier_quarantine_(store.quarantined_inputs()), started_(inputs.files.size()), record_text_(inputs.files.size()),
      sha256_(inputs.files.size()) {}

std::optional<std::string> Batch::triage(std::size_t i) {
  started_[i] = Clock::now();
  DocumentOutcome& out = summary_.documents[i];
  out.input = inputs_.files[i].display_name;
  ReadResult input = read_input(inputs_.files[i].path, options_.max_input_bytes);
  if (!input.error.empty()) {
    // Unread inputs have no content hash; their id comes from the path so a re-run finds them.
    out.id = unread_id(inputs_.files[i].path);
    const bool too_big = input.error.find("over the limit") != std::string::npos;
    quarantine(out, document_of(i), StageFailure{"chartflow", too_big ? "limit" : "unreadable", input.error});
    return std::nullopt;
  }
  sha256_[i] = sha256_hex(input.bytes);
  out.id = "doc-" + sha256_[i].substr(0, 16);
  {
    std::lock_guard lock(claims_mutex_);
    auto [owner, fresh] = claims_.emplace(out.id, i);
    if (!fresh) {
      out.outcome = Outcome::duplicate;
      out.duplicate_of = inputs_.files[owner->second].display_name;
      return std::nullopt;
    }
  }
  if (!options_.force && store_.existing_fingerprint(out.id) == pipeline_.fingerprint()) {
    out.outcome = Outcome::skipped;
    return std::nullopt;
  }
  if (!options_.force && !options_.retry_quarantined && poisoned_earlier(out)) return std::nullopt;
  return std::move(input.bytes);
}

// A document that crashed, hung or blew up a worker under this pipeline stays quarantined.
bool Batch::poisoned_earlier(DocumentOutcome& out) {
  const auto entry = store_.read_quarantine(out.id);
  if (!entry.is_object() || !is_worker_failure(entry.value("status", "")) ||
      entry["pipeline"].value("fingerprint", "") != pipeline_.fingerprint())
    return false;
  out.outcome = Outcome::quarantined;
  out.stage = entry.value("stage", "chartflow");
  out.status = entry.value("status", "");
  out.reason = entry.value("reason", "") + " (quarantined by an earlier run; --retry-quarantined tries it again)";
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
    if (const auto errors = record::builtin_schema("record.schema.json").validate(record::envelope_for_check(result.record)); !errors.empty()) {
      quarantine(out, result.record.document,
                 StageFailure{"chartflow", "internal", "record failed final schema validation: " + record::describe_errors(errors)});
      return;
    }
  }
  std::string text = record::dump_record(result.record, options_.pretty ? 2 : -1) + "\n";
  store_.write_record(out.id, text);
  out.outcome = Outcome::written;
  out.stats = collect_stats(result.record);
  out.stats.finished_seconds = std::chrono::duration<double>(Clock::now() - batch_started_).count();
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
  } catch (...) {  // the disk is full or gone: the summary still says what happened
    out.outcome = Outcome::quarantined;
    out.stage = failure.stage, out.status = failure.status, out.reason = failure.reason;
  }
}

void Batch::finish(std::size_t i) {
  DocumentOutcome& out = summary_.documents[i];
  if (!deliveries_.empty() && (out.outcome == Outcome::written || out.outcome == Outcome::skipped)) {
    std::string text = std::move(record_text_[i]);
    if (text.empty()) text = store_.read_record(out.id);
    out.deliveries = deliveries_.deliver(out.id, text, out.outcome == Outcome::written);
  }
  // An input quarantined by an earlier run under another id has changed since: its old
  // entry is stale now that the input ended somewhere under its current id.
  std::error_code ec;
  const std::string key = std::filesystem::absolute(inputs_.files[i].path, ec).lexically_normal().string();
  if (auto it = earlier_quarantine_.find(key); it != earlier_quarantine_.end())
    for (const auto& old_id : it->second)
      if (old_id != out.id) store_.remove_quarantine(old_id);
  out.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - started_[i]).count();
  log::info("document.done", {{"doc", out.id}, {"outcome", outcome_name(out.outcome)}, {"ms", out.milliseconds}});
}

void Batch::run_one(std::size_t i, unsigned worker) {
  try {
    if (auto bytes = triage(i)) process(i, *bytes, worker);
  } catch (const std::exception& e) {
    // Only the host's own failures land here (disk full, out of memory): quarantine the
    // document if we still can, and keep going.
    quarantine_failure(i, StageFailure{"chartflow", "internal", std::string("host error: ") + e.what()});
  }
  try {
    finish(i);
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
