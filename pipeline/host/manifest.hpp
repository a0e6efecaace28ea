// Plugin manifests (plugin.json): read and checked before any plugin code is loaded.
#pragma once

#include "../record/schema_validator.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::host {

enum class PluginKind { stage, sink };
enum class DeliveryMode { batch, incremental };  // sinks: every record of a run, or each until delivered

struct Manifest {
  std::filesystem::path file;  // the plugin.json it was read from
  std::filesystem::path dir;   // its folder, which also holds the library and data files
  std::string name;
  std::string version;
  unsigned abi_major = 0, abi_minor = 0;
  std::string library;
  std::string description;
  std::string license;
  std::vector<std::string> media_types;  // non-empty for reader stages
  std::vector<std::string> reads;
  std::vector<std::string> writes;
  bool per_thread = false;
  PluginKind kind = PluginKind::stage;
  DeliveryMode delivery = DeliveryMode::batch;
  nlohmann::json fields = nlohmann::json::object();  // annotation fields the plugin declares
  nlohmann::json config_schema;
  nlohmann::json raw;  // the whole manifest as read, compared with the library's embedded copy

  std::filesystem::path library_path() const { return dir / library; }
  bool is_reader() const { return !media_types.empty(); }
  bool is_sink() const { return kind == PluginKind::sink; }
};

// Reads and validates one manifest. Throws FatalError naming the file and the problem.
Manifest read_manifest(const std::filesystem::path& file);

struct ManifestProblem {
  std::filesystem::path file;
  std::string problem;
};

struct PluginCatalog {
  std::vector<Manifest> manifests;         // valid ones, first found wins for each name
  std::vector<ManifestProblem> problems;   // broken manifests, reported by `chartflow plugins`
  const Manifest* find(std::string_view name) const;
};

// Scans each folder for */plugin.json (one level deep) without loading any library.
PluginCatalog scan_plugins(const std::vector<std::filesystem::path>& search_path);

// The default search path: $CHARTFLOW_PLUGIN_PATH (colon-separated), then the plugins folder
// installed beside the executable (../lib/chartflow/plugins; the build tree has the same layout).
std::vector<std::filesystem::path> default_plugin_path();

// The folder share/chartflow/<name> beside the executable's bin/ (where `cmake --install` and the
// build tree put data tables such as the DRG and HCC ones), or an empty path when the program
// cannot tell where it is installed.
std::filesystem::path installed_data_folder(std::string_view name);

}  // namespace chartflow::host
