#include "manifest.hpp"

#include "errors.hpp"
#include "json_file.hpp"

#include "../record/fields.hpp"

#include <chartflow_plugin.h>

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace chartflow::host {
namespace fs = std::filesystem;

namespace {

// The manifest's members as the typed Manifest (the raw JSON already passed the manifest schema).
Manifest parse_manifest(const fs::path& file, const nlohmann::json& raw) {
  Manifest m;
  m.file = file;
  m.dir = file.parent_path();
  m.raw = raw;
  m.name = raw.at("name");
  m.version = raw.at("version");
  const std::string abi = raw.at("abi_version");
  m.abi_major = static_cast<unsigned>(std::stoul(abi.substr(0, abi.find('.'))));
  m.abi_minor = static_cast<unsigned>(std::stoul(abi.substr(abi.find('.') + 1)));
  m.library = raw.at("library");
  m.description = raw.at("description");
  m.license = raw.value("license", "");
  m.media_types = raw.value("media_types", std::vector<std::string>{});
  m.reads = raw.at("reads").get<std::vector<std::string>>();
  m.writes = raw.at("writes").get<std::vector<std::string>>();
  m.per_thread = raw.value("instances", "shared") == "per_thread";
  m.config_schema = raw.at("config_schema");
  m.kind = raw.value("kind", "stage") == "sink" ? PluginKind::sink : PluginKind::stage;
  m.delivery = raw.value("delivery", "batch") == "incremental" ? DeliveryMode::incremental : DeliveryMode::batch;
  m.fields = raw.value("fields", nlohmann::json::object());
  return m;
}

// Fields read and written: names of the record, host-only fields never written, no field both
// read and written, and the plugin's own declared fields valid and clashing with none.
void check_fields(const Manifest& m, const std::string& where) {
  for (const auto& name : m.writes) {
    const auto field = record::parse_field(name);
    if (field && (field->kind == record::FieldKind::source || field->kind == record::FieldKind::document))
      throw FatalError(where + "writes: '" + name + "' is written by the host only; a plugin may only read it");
  }
  for (const auto& name : m.reads)
    if (std::find(m.writes.begin(), m.writes.end(), name) != m.writes.end())
      throw FatalError(where + "'" + name + "' is in both reads and writes; a stage adds to a field or reads it, and fields written upstream are immutable");
  for (const auto& name : m.reads)
    if (!record::parse_field(name)) throw FatalError(where + "reads: '" + name + "' cannot name a field of the record");
  for (const auto& name : m.writes)
    if (!record::parse_field(name)) throw FatalError(where + "writes: '" + name + "' cannot name a field of the record");
  try {
    record::FieldRegistry declared;  // checks names, clashes with built-in fields and item schemas
    declared.declare(m.name, m.fields);
  } catch (const record::FieldError& e) {
    throw FatalError(where + e.what());
  }
}

// What the plugin's kind allows: a sink writes nothing and reads no files; a reader reads 'source'.
void check_kind(const Manifest& m, const std::string& where) {
  if (m.is_sink()) {
    if (!m.writes.empty()) throw FatalError(where + "a sink delivers records and writes nothing to them; empty its writes");
    if (m.is_reader()) throw FatalError(where + "a sink reads finished records, not input files; remove its media_types");
    if (m.abi_minor < 1) throw FatalError(where + "sinks need ABI 1.1 or later (abi_version \"1.1\")");
  } else if (m.raw.contains("delivery")) {
    throw FatalError(where + "delivery is for sinks (\"kind\": \"sink\") only");
  }
  if (m.is_reader() && std::find(m.reads.begin(), m.reads.end(), "source") == m.reads.end())
    throw FatalError(where + "a reader stage (with media_types) must read 'source'");
}

}  // namespace

Manifest read_manifest(const fs::path& file) {
  const nlohmann::json raw = read_json_file(file, "plugin manifest");
  const std::string where = file.string() + ": ";
  if (const auto errors = record::builtin_schema("plugin-manifest.schema.json").validate(raw); !errors.empty())
    throw FatalError(where + "invalid plugin manifest: " + record::describe_errors(errors));
  Manifest m = parse_manifest(file, raw);
  if (m.abi_major != CHARTFLOW_ABI_VERSION_MAJOR || m.abi_minor > CHARTFLOW_ABI_VERSION_MINOR)
    throw FatalError(where + "plugin '" + m.name + "' is built for chartflow ABI " + raw.at("abi_version").get<std::string>() +
                     " but this host speaks " + std::to_string(CHARTFLOW_ABI_VERSION_MAJOR) + "." + std::to_string(CHARTFLOW_ABI_VERSION_MINOR) +
                     "; rebuild the plugin against this chartflow SDK");
  check_fields(m, where);
  check_kind(m, where);
  try {
    record::CompiledSchema::compile(m.config_schema);
  } catch (const record::SchemaCompileError& e) {
    throw FatalError(where + "config_schema: " + e.what());
  }
  std::error_code ec;
  if (!fs::is_regular_file(m.library_path(), ec))
    throw FatalError(where + "library '" + m.library + "' not found beside the manifest (" + m.library_path().string() + ")");
  return m;
}

const Manifest* PluginCatalog::find(std::string_view name) const {
  for (const auto& m : manifests)
    if (m.name == name) return &m;
  return nullptr;
}

PluginCatalog scan_plugins(const std::vector<fs::path>& search_path) {
  PluginCatalog catalog;
  std::set<fs::path> seen;
  for (const auto& folder : search_path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(folder, ec);
    if (ec || !fs::is_directory(canonical, ec) || !seen.insert(canonical).second) continue;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(canonical, fs::directory_options::skip_permission_denied, ec)) {
      const fs::path manifest = entry.path() / "plugin.json";
      if (entry.is_directory(ec) && fs::is_regular_file(manifest, ec)) files.push_back(manifest);
    }
    std::sort(files.begin(), files.end());  // deterministic listing whatever the file system's order
    for (const auto& file : files) {
      try {
        Manifest m = read_manifest(file);
        if (!catalog.find(m.name)) catalog.manifests.push_back(std::move(m));
      } catch (const FatalError& e) {
        catalog.problems.push_back({file, e.what()});
      }
    }
  }
  return catalog;
}

namespace {
// The folder above the executable's bin/, or empty when the program's location is unknown.
fs::path install_prefix() {
  boost::system::error_code ec;
  const fs::path exe_dir = boost::dll::program_location(ec).parent_path().string();
  return ec ? fs::path() : exe_dir.parent_path();
}
}  // namespace

std::vector<fs::path> default_plugin_path() {
  std::vector<fs::path> path;
  if (const char* env = std::getenv("CHARTFLOW_PLUGIN_PATH")) {
    std::string list = env;
    for (std::size_t start = 0; start <= list.size();) {
      const std::size_t colon = std::min(list.find(':', start), list.size());
      if (colon > start) path.emplace_back(list.substr(start, colon - start));
      start = colon + 1;
    }
  }
  if (const auto prefix = install_prefix(); !prefix.empty()) path.push_back(prefix / "lib" / "chartflow" / "plugins");
  return path;
}

fs::path installed_data_folder(std::string_view name) {
  const auto prefix = install_prefix();
  return prefix.empty() ? fs::path() : prefix / "share" / "chartflow" / name;
}

}  // namespace chartflow::host
