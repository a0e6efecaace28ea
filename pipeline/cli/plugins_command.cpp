#include "commands.hpp"

#include "../host/manifest.hpp"
#include "../host/pipeline.hpp"
#include "../host/pipeline_config.hpp"

#include <iostream>

namespace chartflow::cli {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out.empty() ? "-" : out;
}

nlohmann::json describe(const host::Manifest& m) {
  nlohmann::json j = m.raw;
  j["manifest_file"] = m.file.string();
  return j;
}

void print_options(const nlohmann::json& schema) {
  const auto props = schema.find("properties");
  if (props == schema.end() || props->empty()) {
    std::cout << "    options: none\n";
    return;
  }
  std::cout << "    options:\n";
  for (const auto& [name, option] : props->items()) {
    std::cout << "      " << name;
    if (option.contains("type")) std::cout << " (" << (option["type"].is_string() ? option["type"].get<std::string>() : option["type"].dump()) << ")";
    if (option.contains("enum")) std::cout << " one of " << option["enum"].dump();
    if (option.contains("default")) std::cout << " default " << option["default"].dump();
    if (option.contains("description")) std::cout << ": " << option["description"].get<std::string>();
    std::cout << "\n";
  }
}

}  // namespace

int plugins_command(const Args& args) {
  std::vector<std::filesystem::path> path(args.values("plugin-path").begin(), args.values("plugin-path").end());
  if (args.has("config")) {
    const auto config = host::read_pipeline_config(args.value("config"));
    for (const auto& p : host::plugin_search_path(config)) path.push_back(p);
  } else {
    for (const auto& p : host::default_plugin_path()) path.push_back(p);
  }
  const host::PluginCatalog catalog = host::scan_plugins(path);
  const std::string only = args.value("name");
  if (!only.empty() && !catalog.find(only)) {
    std::cerr << "chartflow: no plugin named '" << only << "' in the plugin path\n";
    return 1;
  }
  if (args.has("json")) {
    nlohmann::json out = {{"plugins", nlohmann::json::array()}, {"problems", nlohmann::json::array()}};
    for (const auto& m : catalog.manifests)
      if (only.empty() || m.name == only) out["plugins"].push_back(describe(m));
    for (const auto& p : catalog.problems) out["problems"].push_back({{"manifest_file", p.file.string()}, {"problem", p.problem}});
    std::cout << out.dump(2) << "\n";
    return catalog.problems.empty() ? 0 : 1;
  }
  std::cout << "Plugin path:";
  for (const auto& p : path) std::cout << " " << p.string();
  std::cout << "\n\n";
  for (const auto& m : catalog.manifests) {
    if (!only.empty() && m.name != only) continue;
    std::cout << m.name << " " << m.version << "  (ABI " << m.abi_major << "." << m.abi_minor << ", "
              << (m.per_thread ? "one instance per worker" : "shared instance") << ")\n";
    std::cout << "    " << m.description << "\n";
    if (m.is_reader()) std::cout << "    reads media types: " << join(m.media_types) << "\n";
    std::cout << "    reads:  " << join(m.reads) << "\n";
    std::cout << "    writes: " << join(m.writes) << "\n";
    if (!m.license.empty()) std::cout << "    license: " << m.license << "\n";
    std::cout << "    manifest: " << m.file.string() << "\n";
    if (!only.empty()) print_options(m.config_schema);
  }
  if (catalog.manifests.empty()) std::cout << "(no plugins found)\n";
  for (const auto& p : catalog.problems) std::cout << "\nBROKEN " << p.problem << "\n";
  return catalog.problems.empty() ? 0 : 1;
}

}  // namespace chartflow::cli
