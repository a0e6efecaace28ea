#include "plugin_library.hpp"

#include "errors.hpp"

#include <boost/dll/import.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace chartflow::host {
namespace {

using Entry = const cf_plugin_v1*(uint32_t, uint32_t);
using EntryFunction = decltype(boost::dll::import<Entry>(boost::dll::fs::path(), "", boost::dll::load_mode::default_mode));

// Keys of the manifest whose values differ between the file and the library's embedded copy.
std::string differing_keys(const nlohmann::json& file, const nlohmann::json& embedded) {
  std::string keys;
  auto note = [&](const std::string& key) { keys += (keys.empty() ? "" : ", ") + key; };
  for (const auto& [key, value] : file.items())
    if (!embedded.contains(key) || embedded.at(key) != value) note(key);
  for (const auto& [key, value] : embedded.items())
    if (!file.contains(key)) note(key);
  return keys;
}

const cf_plugin_v1& handshake(const Manifest& manifest, const EntryFunction& entry) {
  const std::string who = "plugin '" + manifest.name + "' (" + manifest.library_path().string() + "): ";
  const cf_plugin_v1* api = entry(CHARTFLOW_ABI_VERSION_MAJOR, CHARTFLOW_ABI_VERSION_MINOR);
  if (!api) throw FatalError(who + "refused this host's ABI version " + std::to_string(CHARTFLOW_ABI_VERSION_MAJOR) + "." +
                             std::to_string(CHARTFLOW_ABI_VERSION_MINOR) + "; rebuild it against this chartflow SDK");
  if (api->struct_size < CHARTFLOW_PLUGIN_V1_0_SIZE)
    throw FatalError(who + "its plugin descriptor is " + std::to_string(api->struct_size) + " bytes, smaller than ABI 1.0's " +
                     std::to_string(CHARTFLOW_PLUGIN_V1_0_SIZE) + "; it is not a valid chartflow plugin");
  if (api->abi_minor >= 1 && api->struct_size < sizeof(cf_plugin_v1))
    throw FatalError(who + "it says ABI 1." + std::to_string(api->abi_minor) + " but its descriptor is " + std::to_string(api->struct_size) +
                     " bytes, smaller than ABI 1.1's " + std::to_string(sizeof(cf_plugin_v1)) + "; rebuild it against this chartflow SDK");
  if (api->abi_major != CHARTFLOW_ABI_VERSION_MAJOR || api->abi_minor > CHARTFLOW_ABI_VERSION_MINOR)
    throw FatalError(who + "library speaks ABI " + std::to_string(api->abi_major) + "." + std::to_string(api->abi_minor) +
                     " but this host speaks " + std::to_string(CHARTFLOW_ABI_VERSION_MAJOR) + "." +
                     std::to_string(CHARTFLOW_ABI_VERSION_MINOR) + "; rebuild it against this chartflow SDK");
  if (api->abi_major != manifest.abi_major || api->abi_minor != manifest.abi_minor)
    throw FatalError(who + "library speaks ABI " + std::to_string(api->abi_major) + "." + std::to_string(api->abi_minor) +
                     " but its manifest says " + std::to_string(manifest.abi_major) + "." + std::to_string(manifest.abi_minor));
  if (!api->create || !api->destroy) throw FatalError(who + "its descriptor lacks create or destroy");
  if (manifest.is_sink() && (api->abi_minor < 1 || !api->deliver))
    throw FatalError(who + "its manifest says it is a sink but the library has no deliver function; build it with CHARTFLOW_SINK()");
  if (!manifest.is_sink() && !api->process)
    throw FatalError(who + "its descriptor lacks process; a stage is built with CHARTFLOW_PLUGIN(), a sink needs \"kind\": \"sink\" in its manifest");
  if (!api->manifest_json) throw FatalError(who + "library carries no embedded manifest; build it with chartflow_add_plugin()");
  const nlohmann::json embedded = nlohmann::json::parse(api->manifest_json, nullptr, false);
  if (embedded.is_discarded()) throw FatalError(who + "the manifest embedded in the library is not valid JSON");
  if (embedded != manifest.raw)
    throw FatalError(who + "manifest file " + manifest.file.string() + " differs from the manifest the library was built with (" +
                     differing_keys(manifest.raw, embedded) + "); reinstall the plugin so both come from the same build");
  return *api;
}

}  // namespace

const cf_plugin_v1& load_plugin(const Manifest& manifest) {
  // Libraries stay loaded for the life of the process: the map is never destroyed.
  static std::mutex mutex;
  static auto* loaded = new std::map<std::string, std::pair<EntryFunction, const cf_plugin_v1*>>();
  std::lock_guard lock(mutex);
  const std::string key = manifest.library_path().string();
  if (auto it = loaded->find(key); it != loaded->end()) return *it->second.second;
  std::optional<EntryFunction> entry;
  try {
    entry = boost::dll::import<Entry>(boost::dll::fs::path(key), CHARTFLOW_PLUGIN_ENTRY_SYMBOL,
                                      boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now);
  } catch (const std::exception& e) {
    throw FatalError("plugin '" + manifest.name + "': cannot load " + key + " or find its entry point " +
                     CHARTFLOW_PLUGIN_ENTRY_SYMBOL + " (" + e.what() + "); is it a chartflow plugin built with CHARTFLOW_PLUGIN()?");
  }
  // Even a library that fails the handshake stays mapped: its code may have started threads or
  // registered callbacks in its constructors, and unloading under them is worse than the leak.
  static auto* rejected = new std::vector<EntryFunction>();
  const cf_plugin_v1* api = nullptr;
  try {
    api = &handshake(manifest, *entry);
  } catch (...) {
    rejected->push_back(std::move(*entry));
    throw;
  }
  loaded->emplace(key, std::make_pair(std::move(*entry), api));
  return *api;
}

}  // namespace chartflow::host
