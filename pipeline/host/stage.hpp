// One configured stage of a pipeline: a plugin, its validated config and its live instances.
#pragma once

#include "manifest.hpp"

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
  Stage(std::string id, const Manifest& manifest, const cf_plugin_v1& api, const nlohmann::json& config, unsigned workers);
  ~Stage();
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;

  const std::string& id() const noexcept { return id_; }
  const Manifest& manifest() const noexcept { return manifest_; }
  const record::Producer& producer() const noexcept { return producer_; }
  bool accepts(std::string_view media_type) const;

  // Runs the stage on `record`; on failure the record is left as it was.
  std::optional<StageFailure> run(record::Record& record, std::string_view source_bytes, unsigned worker) const;

 private:
  std::string id_;
  Manifest manifest_;
  const cf_plugin_v1& api_;
  record::Producer producer_;
  std::vector<record::Field> reads_;
  std::set<std::string, std::less<>> writes_;
  std::vector<void*> instances_;
  std::string host_context_stage_;  // keeps the stage id alive for cf_host_v1::stage_id
  std::string plugin_dir_;
  cf_host_v1 host_{};
};

std::string status_name(int32_t status);

}  // namespace chartflow::host
