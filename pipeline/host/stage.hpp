// One configured stage of a pipeline: a plugin, its validated config and its live instances.
#pragma once

#include "manifest.hpp"

#include "../record/stage_output.hpp"
#include "../record/fields.hpp"
#include "../record/record.hpp"

#include <chartflow_plugin.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace chartflow::host {

struct StageFailure {
  std::string stage;   // stage id
  std::string status;  // invalid-input, unsupported, limit, internal, rejected, missing-input
  std::string reason;  // one line, no document text
};

class Stage {
 public:
  // Creates the plugin's instances (one, or one per worker). Throws FatalError when the
  // plugin refuses its config.
  Stage(std::string id, const Manifest& manifest, const cf_plugin_v1& api, const nlohmann::json& config, unsigned workers,
        const record::FieldRegistry& fields, record::OutputLimits limits = {});
  ~Stage();
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;

  const std::string& id() const noexcept { return id_; }
  const Manifest& manifest() const noexcept { return manifest_; }
  const record::Producer& producer() const noexcept { return producer_; }
  bool accepts(std::string_view media_type) const;
  // Content hash of the plugin's data files and of the files its config names (data_hash.hpp).
  const std::string& data_hash() const noexcept { return data_hash_; }

  // Runs the stage on `record`; on failure the record is left as it was.
  std::optional<StageFailure> run(record::Record& record, std::string_view source_bytes, unsigned worker) const;

 private:
  std::string id_;
  Manifest manifest_;
  const cf_plugin_v1& api_;
  record::Producer producer_;
  std::vector<record::Field> reads_;
  std::set<std::string, std::less<>> writes_;
  const record::FieldRegistry& fields_;
  record::OutputLimits limits_;
  bool takes_fields_ = false;  // built against ABI 1.1+: annotation fields come one by one
  std::string data_hash_;
  std::vector<void*> instances_;
  std::string host_context_stage_;  // keeps the stage id alive for cf_host_v1::stage_id
  std::string plugin_dir_;
  cf_host_v1 host_{};
};

std::string status_name(int32_t status);

// cf_host_v1::log for a plugin whose context is its stage id (a std::string).
void plugin_log(void* context, int32_t level, cf_str message);

// The services a stage or sink instance gets; `stage_id` and `plugin_dir` must outlive it.
cf_host_v1 host_services(const std::string& stage_id, const std::string& plugin_dir, unsigned workers);

// First line of a plugin's message, bounded, so one bad plugin cannot flood a quarantine file.
std::string one_line(const char* message);

}  // namespace chartflow::host
