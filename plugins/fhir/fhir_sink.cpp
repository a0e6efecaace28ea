// fhir: an incremental sink that delivers each finished record to an EHR as one FHIR R4
// transaction Bundle (US Core 5.0.1): written to a folder, POSTed to a FHIR server, or both. A
// record is delivered only when the server answered 2xx; a chart without a trustworthy patient
// identifier is held for review and nothing is sent. docs/ehr-delivery.md.
#include "bundle_builder.hpp"
#include "common/atomic_file.hpp"
#include "common/originals.hpp"
#include "fhir_client.hpp"

#include <chartflow/sdk.hpp>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

namespace chartflow::fhir {
namespace {

namespace fs = std::filesystem;

struct Options {
  fs::path output_dir;  // empty: bundles are not written to files
  std::optional<ClientOptions> server;
  BundleOptions bundle;
  fs::path originals;  // empty: the run's input folders
  std::uint64_t max_original_bytes = 0;
};

std::string read_token(const sdk::json& config) {
  if (const std::string name = config.value("token_env", std::string()); !name.empty()) {
    const char* value = std::getenv(name.c_str());
    if (!value || !*value) throw sdk::ConfigError("token_env: the environment variable " + name + " is not set (it should hold the bearer token)");
    return value;
  }
  if (const std::string file = config.value("token_file", std::string()); !file.empty()) {
    std::ifstream in(file);
    std::string token;
    if (!in || !std::getline(in, token) || token.empty()) throw sdk::ConfigError("token_file: cannot read a token from " + file);
    while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
    return token;
  }
  return {};
}

std::optional<ClientOptions> read_server(const sdk::json& config) {
  if (!config.contains("base_url")) return std::nullopt;
  ClientOptions server;
  server.base_url = config["base_url"].get<std::string>();
  server.token = read_token(config);
  server.ca_file = config.value("ca_file", std::string());
  if (!server.ca_file.empty() && !fs::is_regular_file(server.ca_file)) throw sdk::ConfigError("ca_file: no such file: " + server.ca_file);
  server.timeout_seconds = config.value("timeout_seconds", 30.0);
  server.retry.max_attempts = config.value("max_attempts", 5);
  server.retry.initial_seconds = config.value("initial_backoff_seconds", 1.0);
  server.retry.max_seconds = config.value("max_backoff_seconds", 60.0);
  return server;
}

Options read_options(const sdk::json& config) {
  Options o;
  o.output_dir = config.value("output_dir", std::string());
  o.server = read_server(config);
  if (o.output_dir.empty() && !o.server) throw sdk::ConfigError("give output_dir (write bundles to files), base_url (POST them to a FHIR server), or both");
  if (!o.output_dir.empty() && !fs::is_directory(o.output_dir)) throw sdk::ConfigError("output_dir: no such folder: " + o.output_dir.string());
  o.bundle.patient_identifier_system = config.value("patient_identifier_system", std::string());
  if (o.bundle.patient_identifier_system.empty())
    throw sdk::ConfigError("patient_identifier_system: the identifier system of MRNs at the receiving EHR is required (e.g. its OID as urn:oid:...)");
  o.bundle.encounter_identifier_system = config.value("encounter_identifier_system", std::string());
  o.bundle.category = config.value("condition_category", std::string("encounter-diagnosis")) == "problem-list-item"
                          ? ConditionCategory::problem_list_item
                          : ConditionCategory::encounter_diagnosis;
  o.bundle.include_text = config.value("include_text", true);
  o.bundle.include_needs_review = config.value("include_needs_review", false);
  o.bundle.chartflow_version = CHARTFLOW_VERSION;
  o.bundle.organization = config.value("organization", std::string());
  if (o.bundle.organization.empty()) throw sdk::ConfigError("organization: the name of the organization sending the charts is required (US Core Provenance names it)");
  o.originals = config.value("originals", std::string());
  o.max_original_bytes = config.value("max_original_bytes", std::uint64_t{20} << 20);
  return o;
}

std::string now_instant() { return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%SZ"); }

std::string plural(std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string counts(const BuiltBundle& built) {
  std::string text = plural(built.conditions, "condition", "conditions") + ", " + plural(built.procedures, "procedure", "procedures");
  if (built.held_back) text += ", " + plural(built.held_back, "code", "codes") + " held back (needing review, incomplete or not ICD-10/HCPCS)";
  if (built.drg) text += ", MS-DRG on the principal diagnosis";
  if (built.hcc_conditions) text += ", CMS-HCCs on " + plural(built.hcc_conditions, "condition", "conditions");
  if (!built.note.empty()) text += "; " + built.note;
  return text;
}

// The sink lives in this file only, beside the options it keeps.
class FhirSink {
 public:
  explicit FhirSink(const sdk::Context& context) : options_(read_options(context.config())), originals_(options_.originals) {
    try {
      if (options_.server) client_.emplace(*options_.server);
    } catch (const std::invalid_argument& e) {
      throw sdk::ConfigError(e.what());
    }
  }

  void begin_batch(const sdk::json& batch) { originals_.begin_batch(batch); }

  sdk::Delivery deliver(const sdk::json& record) {
    const delivery::Deliverable deliverable = delivery::read_deliverable(record);
    if (!deliverable.chart) return sdk::Delivery::failed(deliverable.refusal);
    const delivery::ChartRecord& chart = *deliverable.chart;
    const delivery::OriginalLookup original = delivery::find_original(originals_.folders(), chart, options_.max_original_bytes);
    const BuiltBundle built = build_bundle(chart, original.original, options_.bundle, now_instant());
    const std::string text = built.bundle.dump();
    const std::string receipt = counts(built) + (original.note.empty() ? "" : "; " + original.note);
    if (!options_.output_dir.empty()) files::write_atomically(options_.output_dir / (chart.id + ".fhir.json"), text);
    if (!client_) return sdk::Delivery::delivered("bundle written: " + receipt);
    const PostResult posted = client_->post_transaction(text);
    switch (posted.outcome) {
      case PostOutcome::accepted: return sdk::Delivery::delivered(posted.message + "; " + receipt);
      case PostOutcome::retry: return sdk::Delivery::retry(posted.message);
      case PostOutcome::rejected: return sdk::Delivery::failed(posted.message);
    }
    return sdk::Delivery::failed(posted.message);
  }

 private:
  const Options options_;
  std::optional<FhirClient> client_;
  delivery::OriginalFolders originals_;
};

}  // namespace

}  // namespace chartflow::fhir

CHARTFLOW_SINK(chartflow::fhir::FhirSink)
