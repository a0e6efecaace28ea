#include "message_settler.hpp"

#include "../host/batch.hpp"
#include "../host/batch_merge.hpp"
#include "../host/hashing.hpp"
#include "../host/inputs.hpp"
#include "../host/logging.hpp"

#include <fstream>
#include <map>

namespace chartflow::queue {
namespace {

bool is_quarantine_queue(const std::string& queue) { return queue.ends_with(".quarantine"); }

std::string content_id(const std::string& sha256) { return "doc-" + sha256.substr(0, 16); }

}  // namespace

MessageSettler::MessageSettler(const host::Pipeline& pipeline, host::OutputStore& store, const host::RunOptions& options, std::string worker_name)
    : pipeline_(pipeline), store_(store), options_(options), worker_name_(std::move(worker_name)) {
  summary_.pipeline_name = pipeline.name();
  summary_.fingerprint = pipeline.fingerprint();
  summary_.part = store.part();
  lines_ = store.state_root() / "documents.jsonl";
  load_earlier_documents();
}

// A restarted worker part goes on with its documents; those of another pipeline are set aside.
void MessageSettler::load_earlier_documents() {
  std::error_code ec;
  if (!std::filesystem::exists(lines_, ec)) return;
  const auto summary_file = store_.state_root() / "summary.json";
  if (std::filesystem::exists(summary_file, ec)) {
    std::ifstream in(summary_file);
    const auto earlier = nlohmann::json::parse(in, nullptr, false);
    const bool same_pipeline = !earlier.is_discarded() && earlier.is_object() &&
                               earlier.value("pipeline", nlohmann::json::object()).value("fingerprint", "") == pipeline_.fingerprint();
    if (!same_pipeline) {
      std::filesystem::rename(lines_, lines_.string() + ".earlier-pipeline", ec);
      return;
    }
  }
  summary_.documents = host::read_document_lines(lines_);
}

void MessageSettler::remember(const host::DocumentOutcome& outcome) {
  summary_.documents.push_back(outcome);
  std::ofstream(lines_, std::ios::app) << host::document_json(outcome, true).dump() << "\n";
}

ResultMessage MessageSettler::result_of(const host::DocumentOutcome& d, const std::string& path, const std::string& sha256) const {
  const bool in_quarantine = d.outcome == host::Outcome::quarantined;
  return {d.id, sha256, path, host::outcome_name(d.outcome),
          std::string(in_quarantine ? "quarantine/" : "records/") + d.id + ".json", pipeline_.fingerprint(), worker_name_};
}

Settled MessageSettler::quarantine(Delivery delivery, const std::string& id, const std::string& path, const std::string& sha256,
                                   const host::StageFailure& failure) {
  const std::filesystem::path file(path);
  const record::Document document{id, {file.filename().string(), sha256.empty() ? std::string(64, '0') : sha256, 0}, "application/octet-stream",
                                  std::nullopt};
  store_.write_quarantine(id, host::quarantine_entry(document, path, file, pipeline_, failure));
  host::DocumentOutcome out;
  out.input = path, out.id = id, out.outcome = host::Outcome::quarantined;
  out.stage = failure.stage, out.status = failure.status, out.reason = failure.reason;
  remember(out);
  host::log::warn("message.quarantined", {{"doc", id}, {"status", failure.status}});
  return {std::move(delivery), true, result_of(out, path, sha256)};
}

// A message the broker dead-lettered: the queue's delivery limit was reached, so every worker
// that took it ended before acking (killed, out of memory, a crash outside the isolation).
Settled MessageSettler::dead_letter(Delivery delivery) {
  const auto parsed = parse_work_message(delivery.body);
  if (!parsed.message) {
    const std::string id = "message-" + host::sha256_hex(delivery.body).substr(0, 16);
    return quarantine(std::move(delivery), id, "", "", {"chartflow", "bad-message", "dead-lettered, and " + parsed.error});
  }
  const WorkMessage& m = *parsed.message;
  const std::string id = content_id(m.sha256);
  if (store_.existing_fingerprint(id) == pipeline_.fingerprint()) {
    // Its record was written, but the worker died before the ack: it is done, not poisoned.
    host::DocumentOutcome out;
    out.input = m.path, out.id = id, out.outcome = host::Outcome::skipped;
    remember(out);
    return {std::move(delivery), true, result_of(out, m.path, m.sha256)};
  }
  return quarantine(std::move(delivery), id, m.path, m.sha256,
                    {"chartflow", "dead-lettered",
                     "the queue's delivery limit was reached: each worker that took this document ended before finishing it (killed, out of "
                     "memory, or a crash outside the worker processes); enqueue it again once the cause is fixed"});
}

std::vector<Settled> MessageSettler::settle(std::vector<Delivery> deliveries) {
  std::vector<Settled> settled;
  // One input per file and content, however often it was enqueued.
  std::map<std::pair<std::string, std::string>, std::vector<Delivery>> by_input;
  for (auto& d : deliveries) {
    if (is_quarantine_queue(d.queue)) {
      settled.push_back(dead_letter(std::move(d)));
      continue;
    }
    const auto parsed = parse_work_message(d.body);
    if (!parsed.message) {
      const std::string id = "message-" + host::sha256_hex(d.body).substr(0, 16);
      settled.push_back(quarantine(std::move(d), id, "", "", {"chartflow", "bad-message", parsed.error}));
      continue;
    }
    // Reading the file, a missing or changed file and its quarantine are the batch's triage:
    // each document is read once, there.
    const WorkMessage& m = *parsed.message;
    by_input[{m.path, m.sha256}].push_back(std::move(d));
  }
  if (by_input.empty()) return settled;

  host::InputSet inputs;
  for (const auto& [key, _] : by_input) inputs.files.push_back({key.first, key.first, key.second});
  const host::RunSummary run = host::run_pipeline(pipeline_, inputs, store_, options_);
  auto deliveries_of = by_input.begin();
  for (std::size_t i = 0; i < inputs.files.size(); ++i, ++deliveries_of) {
    const auto& outcome = run.documents[i];
    const auto& [path, sha256] = deliveries_of->first;
    const bool done = outcome.outcome != host::Outcome::pending;
    if (done) remember(outcome);
    for (auto& d : deliveries_of->second)
      settled.push_back({std::move(d), done, done ? std::optional(result_of(outcome, path, sha256)) : std::nullopt});
  }
  summary_.output_full = summary_.output_full || run.output_full;
  return settled;
}

}  // namespace chartflow::queue
