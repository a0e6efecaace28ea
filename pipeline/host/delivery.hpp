// Delivers finished records to a pipeline's sinks. Keeps, per sink, an append-only log of each
// delivery (deliveries/<sink>.jsonl in the output folder), so that an incremental sink gets each
// record once (a re-run offers it only what it has not acknowledged), while a batch sink (a file
// written per run) gets every record of the run.
#pragma once

#include "sink.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::host {

using SinkResults = std::vector<std::pair<std::string, DeliveryResult>>;  // sink id -> result

// One sink's append-only delivery log (deliveries/<sink>.jsonl): a JSON line per offer.
struct LoggedDelivery {
  bool delivered = false;
  std::string fingerprint;    // of the pipeline that made the record ("" from `chartflow export`)
  std::string record_sha256;  // of the record file's text that was offered
};
// The latest entry of each document id; a torn last line is ignored.
std::map<std::string, LoggedDelivery> read_delivery_log(const std::filesystem::path& log);
// One line, as Deliveries and `chartflow export` write it.
std::string delivery_log_line(const std::string& doc_id, const DeliveryResult& result, const std::string& fingerprint,
                              const std::string& record_sha256);

class Deliveries {
 public:
  // `log_folder` empty: no log (every record is offered to every sink).
  Deliveries(const std::vector<std::unique_ptr<Sink>>& sinks, std::filesystem::path log_folder, std::string fingerprint);

  bool empty() const noexcept { return sinks_.empty(); }
  // begin_batch on each sink. A sink that refuses gets no records; they count as failed for it.
  void begin(const nlohmann::json& batch);
  // Offers one record to each sink that should have it. `fresh`: the record was made in this run
  // (an incremental sink then gets it even if it had an earlier version).
  SinkResults deliver(const std::string& doc_id, std::string_view record_json, bool fresh);
  // end_batch on each sink; returns per-sink totals for the summary.
  nlohmann::json end(const nlohmann::json& summary);
  // True when every offered record reached every sink and every batch closed cleanly.
  bool all_delivered() const;

 private:
  struct State {
    const Sink* sink;
    std::string begin_error, end_error, end_report;
    std::set<std::string> delivered_before;  // ids an earlier run delivered (incremental sinks)
    std::size_t delivered = 0, retry = 0, failed = 0, already = 0;
    std::ofstream log;
  };
  std::vector<std::unique_ptr<State>> sinks_;
  std::string fingerprint_;
  std::mutex mutex_;
};

}  // namespace chartflow::host
