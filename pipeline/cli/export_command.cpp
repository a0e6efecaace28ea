// `chartflow export <sink>`: offers the records of a finished run to one sink plugin, as a run
// with that sink would (begin_batch, deliver each record, end_batch), without running any stage.
#include "commands.hpp"
#include "sink_options.hpp"

#include "../host/delivery.hpp"
#include "../host/errors.hpp"
#include "../host/hashing.hpp"
#include "../host/json_file.hpp"
#include "../host/logging.hpp"
#include "../host/manifest.hpp"
#include "../host/plugin_library.hpp"
#include "../host/sink.hpp"
#include "../review/reviewed_record.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>

namespace chartflow::cli {
namespace {

namespace fs = std::filesystem;

// The export's own options; every other option goes to the sink's config.
const std::set<std::string> kHostOptions = {"records", "config", "plugin-path", "log-level", "log-format", "log-file", "all", "reviewed"};

host::PluginCatalog installed_plugins(const Args& args) {
  std::vector<fs::path> path(args.values("plugin-path").begin(), args.values("plugin-path").end());
  for (auto& p : host::default_plugin_path()) path.push_back(std::move(p));
  return host::scan_plugins(path);
}

std::string sink_names(const host::PluginCatalog& catalog) {
  std::string names;
  for (const auto& m : catalog.manifests)
    if (m.is_sink()) names += (names.empty() ? "" : ", ") + m.name;
  return names.empty() ? "none found in the plugin path" : names;
}

const host::Manifest& find_sink(const host::PluginCatalog& catalog, const std::string& name) {
  const host::Manifest* manifest = catalog.find(name);
  if (!manifest) {
    std::string broken;
    for (const auto& p : catalog.problems)
      if (p.file.parent_path().filename() == name) broken = " (a manifest at " + p.file.string() + " is broken: " + p.problem + ")";
    throw host::FatalError("no sink named '" + name + "' in the plugin path" + broken + "; installed sinks: " + sink_names(catalog));
  }
  if (!manifest->is_sink())
    throw host::FatalError("'" + name + "' is a stage, not a sink; installed sinks: " + sink_names(catalog));
  return *manifest;
}

// The record files of a run, sorted by name: DIR/records/*.json, else DIR/*.json.
std::vector<fs::path> record_files(const fs::path& given) {
  fs::path dir = given;
  if (fs::is_directory(dir / "records")) dir /= "records";
  if (!fs::is_directory(dir)) throw host::FatalError(given.string() + ": records folder not found (give the output folder of `chartflow run`)");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

void print_sink(const host::Manifest& m) {
  std::cout << "  " << m.name << " " << m.version << " (" << (m.delivery == host::DeliveryMode::incremental ? "incremental" : "batch")
            << "): " << m.description << "\n";
  const auto properties = m.config_schema.value("properties", nlohmann::json::object());
  const auto required = m.config_schema.value("required", nlohmann::json::array());
  for (const auto& [key, property] : properties.items()) {
    std::cout << "      " << option_name(key);
    if (property.value("type", "") != "boolean") std::cout << " VALUE";
    if (property.contains("enum")) std::cout << " (one of " << property["enum"].dump() << ")";
    if (property.contains("default")) std::cout << " (default " << property["default"].dump() << ")";
    if (std::find(required.begin(), required.end(), key) != required.end()) std::cout << " (required)";
    if (property.contains("description")) std::cout << ": " << property["description"].get<std::string>();
    std::cout << "\n";
  }
}

}  // namespace

namespace {

constexpr const char* kExportHelp = R"(chartflow export - offers a finished run's records to a sink plugin

Usage:
  chartflow export <sink> --records DIR [--config FILE.json] [--<option> VALUE ...] [--all] [--plugin-path DIR...]

Offers every record of a run (DIR/records/*.json, or DIR/*.json) to the sink plugin <sink>, in
file-name order, as a run with that sink in its pipeline's "sinks" would. The sink's config is
the JSON object in --config FILE.json plus every other option: --case-list x.csv sets
"case_list": "x.csv", a flag alone sets true. An incremental sink (fhir, hl7v2) is offered only
the records its delivery log (DIR/deliveries/<sink>.jsonl) does not show acknowledged in their
present form, so an export after a failed delivery sends exactly what is missing; --all offers
every record again. --reviewed offers only the documents a coder approved in the workstation
(`chartflow review`), each with the coder's final codes and abstract, never a proposal; the rest
wait, counted as awaiting review.

Example:
  chartflow export naaccr --records reg/ --output reg/naaccr.xml --case-list reg/cases.csv

Exit status: 0 every record delivered; 1 could not start (no records folder, unknown sink, the
sink refused its config); 2 bad command line; 3 some record was not delivered or the sink could
not finish its batch.
)";

constexpr std::size_t kReasonsShown = 3;

struct Tally {
  std::size_t delivered = 0, retry = 0, failed = 0;
  std::vector<std::string> retry_reasons, failed_reasons;  // "doc-id: reason", the first few
  nlohmann::json documents = nlohmann::json::array();

  void add(const std::string& id, const host::DeliveryResult& result) {
    documents.push_back({{"id", id}, {"status", host::delivery_status_name(result.status)}});
    if (result.status == host::DeliveryStatus::delivered) {
      ++delivered;
      return;
    }
    auto& count = result.status == host::DeliveryStatus::retry ? retry : failed;
    auto& reasons = result.status == host::DeliveryStatus::retry ? retry_reasons : failed_reasons;
    if (count++ < kReasonsShown) reasons.push_back(id + ": " + result.message);
  }
};

// The output folder of the run whose records these are (it holds deliveries/).
fs::path output_root(const fs::path& given) {
  if (fs::is_directory(given / "records") || given.filename() != "records") return given;
  return given.parent_path();
}

// An incremental sink's log: what it has acknowledged already, and where this export appends.
struct ExportLog {
  std::map<std::string, host::LoggedDelivery> acknowledged;
  std::ofstream out;
};

std::optional<ExportLog> open_export_log(const host::Manifest& manifest, const std::string& name, const fs::path& root) {
  if (manifest.delivery != host::DeliveryMode::incremental) return std::nullopt;
  const fs::path folder = root / "deliveries";
  std::error_code ec;
  fs::create_directories(folder, ec);
  ExportLog log{host::read_delivery_log(folder / (name + ".jsonl")), std::ofstream(folder / (name + ".jsonl"), std::ios::app)};
  if (ec || !log.out) throw host::FatalError((folder / (name + ".jsonl")).string() + ": cannot open the sink's delivery log for writing");
  return log;
}

// One record file to the sink. The file is checked to be JSON first so that a torn file gets
// the host's reason (a JSON parser's message may quote the file's text).
host::DeliveryResult deliver_text(const host::Sink& sink, const std::string& text) {
  if (text.empty() || !nlohmann::json::accept(text)) return {host::DeliveryStatus::failed, "the record file is not valid JSON"};
  return sink.deliver(text);
}

std::string read_record_text(const fs::path& file) {
  try {
    return host::read_file(file, "record");
  } catch (const host::FatalError&) {
    return {};
  }
}

void print_outcome(const char* name, std::size_t count, const std::vector<std::string>& reasons) {
  std::cout << "  " << name << count;
  if (!reasons.empty()) {
    std::string joined;
    for (const auto& r : reasons) joined += (joined.empty() ? "" : "; ") + r;
    std::cout << "  (" << joined << (count > reasons.size() ? "; and " + std::to_string(count - reasons.size()) + " more" : "") << ")";
  }
  std::cout << "\n";
}

// The workstation's decisions, for --reviewed (nullopt without it).
std::unique_ptr<review::DecisionStore> open_review(const Args& args) {
  if (!args.has("reviewed")) return nullptr;
  const fs::path file = output_root(args.value("records")) / "review.sqlite";
  if (!fs::is_regular_file(file))
    throw host::FatalError(file.string() + " not found: no document of this run was reviewed yet (open the workstation with `chartflow review --records DIR`)");
  return std::make_unique<review::DecisionStore>(file);
}

}  // namespace

int export_help(const Args& args) {
  std::cout << kExportHelp << "\nInstalled sinks (their options):\n";
  const std::string only = args.words.empty() ? std::string() : args.words.front();
  bool any = false;
  for (const auto& m : installed_plugins(args).manifests)
    if (m.is_sink() && (only.empty() || m.name == only)) print_sink(m), any = true;
  if (!any) std::cout << "  (none" << (only.empty() ? "" : " named '" + only + "'") << " in the plugin path)\n";
  return 0;
}

namespace {

// What became of the records offered: the sink's outcomes, and those not offered.
struct ExportCounts {
  Tally tally;
  std::size_t already = 0;   // acknowledged earlier with this very record (incremental sinks)
  std::size_t awaiting = 0;  // not approved in the workstation (--reviewed)
};

// Offers each record file to the sink: the approved version under --reviewed, none a destination
// already acknowledged unless --all; each outcome logged per document.
ExportCounts offer_records(const Args& args, const host::Sink& sink, const std::string& name, const std::vector<fs::path>& files,
                           std::optional<ExportLog>& log) {
  ExportCounts counts;
  const auto review = open_review(args);
  for (const auto& file : files) {
    const std::string id = file.stem().string();
    std::string text = read_record_text(file);
    if (review) {
      auto approved = text.empty() ? std::nullopt : review::approved_record_text(*review, id, text);
      if (!approved) {
        ++counts.awaiting;
        continue;
      }
      text = std::move(*approved);
    }
    const std::string hash = host::sha256_hex(text);
    if (log && !args.has("all")) {
      const auto it = log->acknowledged.find(id);
      if (it != log->acknowledged.end() && it->second.delivered && it->second.record_sha256 == hash) {
        ++counts.already;  // the destination has this very record: an incremental sink is not offered it again
        continue;
      }
    }
    const host::DeliveryResult result = text.empty() ? host::DeliveryResult{host::DeliveryStatus::failed, "cannot read the record file"}
                                                     : deliver_text(sink, text);
    if (log) log->out << host::delivery_log_line(id, result, "", hash) << std::flush;
    if (result.status != host::DeliveryStatus::delivered)
      host::log::warn("sink.not_delivered", {{"doc", id}, {"sink", name}, {"status", host::delivery_status_name(result.status)}});
    counts.tally.add(id, result);
  }
  return counts;
}

void print_export_summary(const Args& args, const std::string& name, std::size_t files, const ExportCounts& counts, const std::string& report,
                          const std::string& end_error) {
  const Tally& tally = counts.tally;
  std::cout << "chartflow export: sink '" << name << "', " << files << " record file(s) from " << args.value("records") << "\n";
  print_outcome("delivered  ", tally.delivered, {});
  if (counts.already) std::cout << "  already delivered " << counts.already << " (acknowledged earlier; --all offers them again)\n";
  if (counts.awaiting) std::cout << "  awaiting review " << counts.awaiting << " (not approved in `chartflow review`; not offered)\n";
  if (tally.retry) print_outcome("retry      ", tally.retry, tally.retry_reasons);
  print_outcome("failed     ", tally.failed, tally.failed_reasons);
  if (!report.empty()) std::cout << "  " << name << ": " << report << "\n";
  if (!end_error.empty()) std::cout << "  the sink could not finish the batch: " << end_error << "\n";
}

}  // namespace

int export_command(const Args& args) {
  if (args.words.size() > 1) throw UsageError("export takes one sink name, got '" + args.words[1] + "' too");
  if (args.words.empty())
    throw UsageError("export needs a sink: `chartflow export <sink> --records DIR [--option VALUE ...]`; installed sinks: " +
                     sink_names(installed_plugins(args)) + " (`chartflow export --help` shows their options)");
  const std::string name = args.words.front();
  if (!args.has("records") || args.values("records").size() != 1)
    throw UsageError("export " + name + " needs --records DIR (the output folder of `chartflow run`)");
  const host::PluginCatalog catalog = installed_plugins(args);
  const host::Manifest& manifest = find_sink(catalog, name);
  const nlohmann::json config = sink_config(args, manifest, kHostOptions);
  check_sink_config(args, manifest, config, kHostOptions);
  const std::vector<fs::path> files = record_files(args.value("records"));
  const host::Sink sink(name, manifest, host::load_plugin(manifest), config);
  host::log::info("export.start", {{"sink", name}, {"records", files.size()}});

  const nlohmann::json batch = {{"command", "export"}, {"sink", name}, {"records", args.value("records")}, {"inputs", files.size()}};
  if (const std::string error = sink.begin_batch(batch); !error.empty())
    throw host::FatalError("sink '" + name + "' could not start the batch: " + error);
  std::optional<ExportLog> log = open_export_log(manifest, name, output_root(args.value("records")));
  const ExportCounts counts = offer_records(args, sink, name, files, log);
  const Tally& tally = counts.tally;
  const auto [end_error, report] = sink.end_batch({{"schema", "chartflow-export-summary/1"}, {"sink", name}, {"records", files.size()},
                                                   {"delivered", tally.delivered}, {"retry", tally.retry}, {"failed", tally.failed},
                                                   {"delivered_earlier", counts.already}, {"documents", tally.documents}});
  host::log::info("export.done", {{"sink", name}, {"delivered", tally.delivered}, {"retry", tally.retry}, {"failed", tally.failed}});
  print_export_summary(args, name, files.size(), counts, report, end_error);
  return tally.retry || tally.failed || !end_error.empty() ? 3 : 0;
}

}  // namespace chartflow::cli
