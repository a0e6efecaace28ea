#include "commands.hpp"

#include "../host/manifest.hpp"
#include "../host/pipeline.hpp"
#include "../host/pipeline_config.hpp"
#include "../record/fields.hpp"

#include <iostream>

namespace chartflow::cli {
namespace {

std::string comma_list(const std::vector<std::string>& items) {
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

// The annotation fields a plugin adds to the record model (its manifest's "fields"), one line each.
void print_declared_fields(const nlohmann::json& fields) {
  for (const auto& [name, declaration] : fields.items())
    std::cout << "    adds field " << name << ": " << declaration.value("description", "") << "\n";
}

// Two plugins on the path declaring the same field cannot run in one pipeline, and a record holding
// that field is checked against the first one's schema only: name each clash like a broken manifest.
std::vector<host::ManifestProblem> field_clashes(const host::PluginCatalog& catalog) {
  std::vector<host::ManifestProblem> clashes;
  record::FieldRegistry fields;
  for (const auto& m : catalog.manifests) {
    try {
      fields.declare(m.name, m.fields);
    } catch (const record::FieldError& e) {
      clashes.push_back({m.file, e.what()});
    }
  }
  return clashes;
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
  const auto clashes = field_clashes(catalog);
  const bool problems = !catalog.problems.empty() || !clashes.empty();
  const std::string only = args.value("name");
  if (!only.empty() && !catalog.find(only)) {
    std::cerr << "chartflow: no plugin named '" << only << "' in the plugin path\n";
    return 1;
  }
  if (args.has("json")) {
    nlohmann::json out = {{"plugins", nlohmann::json::array()}, {"problems", nlohmann::json::array()}};
    for (const auto& m : catalog.manifests)
      if (only.empty() || m.name == only) out["plugins"].push_back(describe(m));
    for (const auto* list : {&catalog.problems, &clashes})
      for (const auto& p : *list) out["problems"].push_back({{"manifest_file", p.file.string()}, {"problem", p.problem}});
    std::cout << out.dump(2) << "\n";
    return problems ? 1 : 0;
  }
  std::cout << "Plugin path:";
  for (const auto& p : path) std::cout << " " << p.string();
  std::cout << "\n\n";
  for (const auto& m : catalog.manifests) {
    if (!only.empty() && m.name != only) continue;
    std::cout << m.name << " " << m.version << "  (ABI " << m.abi_major << "." << m.abi_minor << ", "
              << (m.per_thread ? "one instance per worker" : "shared instance") << ")\n";
    std::cout << "    " << m.description << "\n";
    if (m.is_reader()) std::cout << "    reads media types: " << comma_list(m.media_types) << "\n";
    if (m.is_sink()) std::cout << "    sink, " << (m.delivery == host::DeliveryMode::incremental ? "incremental" : "batch") << " delivery\n";
    std::cout << "    reads:  " << comma_list(m.reads) << "\n";
    std::cout << "    writes: " << comma_list(m.writes) << "\n";
    print_declared_fields(m.fields);
    if (!m.license.empty()) std::cout << "    license: " << m.license << "\n";
    std::cout << "    manifest: " << m.file.string() << "\n";
    if (!only.empty()) print_options(m.config_schema);
  }
  if (catalog.manifests.empty()) std::cout << "(no plugins found)\n";
  for (const auto& p : catalog.problems) std::cout << "\nBROKEN " << p.problem << "\n";
  for (const auto& p : clashes) std::cout << "\nCLASH " << p.file.string() << ": " << p.problem << "\n";
  return problems ? 1 : 0;
}

}  // namespace chartflow::cli
