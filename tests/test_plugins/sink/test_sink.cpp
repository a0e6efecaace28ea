// A test sink for the host's delivery paths: delivers (and notes each delivered document id in a
// file), or throws, asks to retry or fails, for every record or only those holding a marker.
#include <chartflow/sdk.hpp>

#include <fstream>
#include <mutex>
#include <stdexcept>

using chartflow::sdk::json;

class TestSink {
 public:
  explicit TestSink(const chartflow::sdk::Context& context)
      : mode_(context.config().value("mode", "ok")), marker_(context.config().value("marker", "")),
        file_(context.config().value("file", "")) {}

  chartflow::sdk::Delivery deliver(const json& record) {
    const std::string id = record.at("document").at("id").get<std::string>();
    if (applies_to(record)) {
      if (mode_ == "throw") throw std::runtime_error("deliberate failure in deliver");
      if (mode_ == "retry") return chartflow::sdk::Delivery::retry("destination unavailable, try later");
      if (mode_ == "fail") return chartflow::sdk::Delivery::failed("destination refused the record");
    }
    std::lock_guard lock(mutex_);
    ++delivered_;
    if (!file_.empty()) std::ofstream(file_, std::ios::app) << id << "\n";
    return chartflow::sdk::Delivery::delivered("receipt " + id);
  }

  std::string end_batch(const json&) {
    std::lock_guard lock(mutex_);
    return "test-sink delivered " + std::to_string(delivered_) + " record(s)";
  }

 private:
  bool applies_to(const json& record) const {
    if (marker_.empty()) return true;
    for (const auto& view : record.value("views", json::array()))
      if (view.value("text", "").find(marker_) != std::string::npos) return true;
    return false;
  }

  const std::string mode_, marker_, file_;
  std::mutex mutex_;
  std::size_t delivered_ = 0;
};

CHARTFLOW_SINK(TestSink)
