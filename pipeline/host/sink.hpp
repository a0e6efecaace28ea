// One configured sink of a pipeline: a plugin that delivers finished records outward and says,
// per record, whether the destination has it.
#pragma once

#include "manifest.hpp"

#include <chartflow_plugin.h>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace chartflow::host {

enum class DeliveryStatus { delivered, retry, failed };
const char* delivery_status_name(DeliveryStatus status);

struct DeliveryResult {
  DeliveryStatus status = DeliveryStatus::delivered;
  std::string message;  // receipt or reason, one line, from the plugin (never logged)
};

class Sink {
 public:
  // Creates the plugin's instance. Throws FatalError when the plugin refuses its config.
  Sink(std::string id, const Manifest& manifest, const cf_plugin_v1& api, const nlohmann::json& config);
  ~Sink();
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  const std::string& id() const noexcept { return id_; }
  const Manifest& manifest() const noexcept { return manifest_; }
  DeliveryMode mode() const noexcept { return manifest_.delivery; }

  // Returns "" or the plugin's one-line reason. Never throws.
  std::string begin_batch(const nlohmann::json& batch) const;
  // Returns {"", report} (the plugin's optional one-line report of what it did) or {reason, ""}.
  std::pair<std::string, std::string> end_batch(const nlohmann::json& summary) const;
  // Thread-safe when the plugin is (sinks share one instance, like shared stages).
  DeliveryResult deliver(std::string_view record_json) const;

 private:
  std::string id_;
  Manifest manifest_;
  const cf_plugin_v1& api_;
  std::string stage_id_;  // for cf_host_v1::stage_id
  std::string plugin_dir_;
  cf_host_v1 host_{};
  void* instance_ = nullptr;
};

}  // namespace chartflow::host
