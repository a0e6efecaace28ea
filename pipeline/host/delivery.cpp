#include "delivery.hpp"

#include "errors.hpp"
#include "hashing.hpp"
#include "logging.hpp"

#include <tuple>

namespace chartflow::host {
namespace fs = std::filesystem;
namespace {

// Ids whose latest entry in a sink's log says delivered under this pipeline fingerprint.
std::set<std::string> read_delivered(const fs::path& log, const std::string& fingerprint) {
  std::set<std::string> ids;
  for (const auto& [id, entry] : read_delivery_log(log))
    if (entry.delivered && entry.fingerprint == fingerprint) ids.insert(id);
  return ids;
}

}  // namespace

std::map<std::string, LoggedDelivery> read_delivery_log(const fs::path& log) {
  std::map<std::string, LoggedDelivery> latest;
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) {
    const auto entry = nlohmann::json::parse(line, nullptr, false);  // a torn last line is ignored
    if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string()) continue;
    latest[entry["id"].get<std::string>()] = {entry.value("status", "") == "delivered", entry.value("fingerprint", ""),
                                              entry.value("record_sha256", "")};
  }
  return latest;
}

std::string delivery_log_line(const std::string& doc_id, const DeliveryResult& result, const std::string& fingerprint,
                              const std::string& record_sha256) {
  return nlohmann::json{{"id", doc_id}, {"status", delivery_status_name(result.status)}, {"fingerprint", fingerprint},
                        {"record_sha256", record_sha256}, {"message", result.message}}
             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

Deliveries::Deliveries(const std::vector<std::unique_ptr<Sink>>& sinks, fs::path log_folder, std::string fingerprint)
    : fingerprint_(std::move(fingerprint)) {
  std::error_code ec;
  if (!sinks.empty() && !log_folder.empty()) {
    fs::create_directories(log_folder, ec);
    if (ec) throw FatalError(log_folder.string() + ": cannot create the deliveries folder (" + ec.message() + ")");
  }
  for (const auto& sink : sinks) {
    auto state = std::make_unique<State>();
    state->sink = sink.get();
    if (!log_folder.empty()) {
      const fs::path log = log_folder / (sink->id() + ".jsonl");
      if (sink->mode() == DeliveryMode::incremental) state->delivered_before = read_delivered(log, fingerprint_);
      state->log.open(log, std::ios::app);
      if (!state->log) throw FatalError(log.string() + ": cannot open the sink's delivery log for writing");
    }
    sinks_.push_back(std::move(state));
  }
}

void Deliveries::begin(const nlohmann::json& batch) {
  for (auto& s : sinks_) {
    s->begin_error = s->sink->begin_batch(batch);
    if (!s->begin_error.empty()) log::error("sink.begin_failed", {{"sink", s->sink->id()}});
  }
}

SinkResults Deliveries::deliver(const std::string& doc_id, std::string_view record_json, bool fresh) {
  SinkResults results;
  const std::string record_hash = sha256_hex(record_json);  // the log says which version was offered
  for (auto& s : sinks_) {
    if (s->sink->mode() == DeliveryMode::incremental && !fresh && s->delivered_before.contains(doc_id)) {
      std::lock_guard lock(mutex_);
      ++s->already;
      continue;
    }
    DeliveryResult result = s->begin_error.empty() ? s->sink->deliver(record_json)
                                                   : DeliveryResult{DeliveryStatus::failed, "the sink could not start the batch: " + s->begin_error};
    {
      std::lock_guard lock(mutex_);
      (result.status == DeliveryStatus::delivered ? s->delivered : result.status == DeliveryStatus::retry ? s->retry : s->failed)++;
      if (s->log.is_open()) s->log << delivery_log_line(doc_id, result, fingerprint_, record_hash);
    }
    if (result.status != DeliveryStatus::delivered)
      log::warn("sink.not_delivered", {{"doc", doc_id}, {"sink", s->sink->id()}, {"status", delivery_status_name(result.status)}});
    results.emplace_back(s->sink->id(), std::move(result));
  }
  return results;
}

nlohmann::json Deliveries::end(const nlohmann::json& summary) {
  nlohmann::json out = nlohmann::json::object();
  for (auto& s : sinks_) {
    if (s->begin_error.empty()) {
      std::tie(s->end_error, s->end_report) = s->sink->end_batch(summary);
    }
    s->log.flush();
    nlohmann::json j = {{"plugin", s->sink->manifest().name},
                        {"delivery", s->sink->mode() == DeliveryMode::incremental ? "incremental" : "batch"},
                        {"delivered", s->delivered},
                        {"retry", s->retry},
                        {"failed", s->failed}};
    if (s->already) j["delivered_earlier"] = s->already;
    if (!s->begin_error.empty()) j["begin_error"] = s->begin_error;
    if (!s->end_error.empty()) j["end_error"] = s->end_error;
    if (!s->end_report.empty()) j["report"] = s->end_report;
    out[s->sink->id()] = std::move(j);
  }
  return out;
}

bool Deliveries::all_delivered() const {
  for (const auto& s : sinks_)
    if (s->retry || s->failed || !s->begin_error.empty() || !s->end_error.empty()) return false;
  return true;
}

}  // namespace chartflow::host
