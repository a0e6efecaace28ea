// `chartflow registry`: the registry store (import NAACCR exports, record follow-up, list who is
// due, export NAACCR XML with follow-up) and survival and incidence statistics
// (docs/registry-stats.md, docs/registry-followup.md).
#include "commands.hpp"

#include "../host/errors.hpp"
#include "../host/hashing.hpp"
#include "../host/json_file.hpp"
#include "../host/manifest.hpp"
#include "../registry/death_statement.hpp"
#include "../registry/primary_pairs.hpp"
#include "../registry/registry_store.hpp"
#include "../registry/stats_report.hpp"
#include "../registry/trial_candidates.hpp"

#include "common/chart_record.hpp"
#include <chartflow/csv.hpp>
#include "naaccr/naaccr_xml.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace chartflow::cli {
namespace fs = std::filesystem;
namespace {

constexpr const char* kRegistryUsage =
    "registry subcommands:\n"
    "  chartflow registry import --store REG.sqlite (--naaccr FILE.xml... | --records DIR...)\n"
    "  chartflow registry followup --store REG.sqlite --csv FILE.csv\n"
    "  chartflow registry followup-due --store REG.sqlite [--as-of YYYY-MM-DD]\n"
    "  chartflow registry export --store REG.sqlite --output FILE.xml\n"
    "  chartflow registry candidates --records DIR --criteria FILE.json [--output FILE.csv]\n"
    "  chartflow registry stats (--cohort FILE.csv | --store REG.sqlite) [--life-table FILE.csv] [--population FILE.csv]\n"
    "                           --output DIR [--by site|stage|treatment] [--years 1,3,5]\n"
    "  chartflow registry primaries --pairs FILE.csv [--heme-tables DIR] [--output FILE.csv]";

using registry::today_days;

std::string date_text(long days) {
  int y, m, d;
  registry::civil_from_days(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

const naaccr::NaaccrDictionary& dictionary() {
  static const naaccr::NaaccrDictionary d = [] {
    const auto catalog = host::scan_plugins(host::default_plugin_path());
    const auto* m = catalog.find("naaccr");
    if (!m) throw host::FatalError("the naaccr plugin (its NAACCR v26 dictionary) is not in the plugin path");
    return naaccr::NaaccrDictionary::load((m->dir / naaccr::NaaccrDictionary::kFileName).string());
  }();
  return d;
}

registry::RegistryStore open_store(const Args& args) {
  if (!args.has("store")) throw UsageError("this needs --store REG.sqlite (the registry store; created on first import)");
  return registry::RegistryStore(args.value("store"));
}

int stats(const Args& args) {
  if ((!args.has("cohort") && !args.has("store")) || !args.has("output")) throw UsageError("registry stats needs --cohort FILE.csv or --store REG.sqlite, and --output DIR");
  registry::StatsOptions options;
  const auto by = registry::parse_group_by(args.value("by", "none"));
  if (!by) throw UsageError("--by must be site, stage, treatment or none");
  options.by = *by;
  if (args.has("years")) {
    options.years.clear();
    std::istringstream in(args.value("years"));
    for (std::string y; std::getline(in, y, ',');) {
      try {
        options.years.push_back(std::stod(y));
      } catch (const std::exception&) {
        throw UsageError("--years takes numbers separated by commas (1,3,5)");
      }
    }
  }
  std::size_t skipped = 0;
  const auto cases = args.has("store") ? open_store(args).cohort(skipped) : registry::read_cohort(args.value("cohort"), today_days());
  if (cases.empty()) throw host::FatalError("no tumour in the store has a diagnosis date, birth date, sex and a last contact");
  std::optional<registry::LifeTable> table;
  if (args.has("life-table")) table.emplace(args.value("life-table"));
  const fs::path population = args.value("population");
  const std::string said = registry::write_stats(cases, table ? &*table : nullptr, args.has("population") ? &population : nullptr, options, args.value("output"));
  std::cout << "chartflow registry stats: " << said << (skipped ? "; " + std::to_string(skipped) + " tumours without the dates, sex or follow-up survival needs left out" : "")
            << "; wrote " << args.value("output") << "/survival.csv, survival-summary.csv" << (args.has("population") ? ", incidence.csv" : "") << " and report.html\n";
  return 0;
}

// Each chart of a run (its records folder) dated by the chart and naming a known patient's MRN is
// a contact: annual follow-up from the hospital's own notes.
void import_contacts(registry::RegistryStore& store, const fs::path& given) {
  const fs::path dir = fs::is_directory(given / "records") ? given / "records" : given;
  if (!fs::is_directory(dir)) throw host::FatalError(given.string() + ": records folder not found (give the output folder of `chartflow run`)");
  std::size_t charts = 0, contacts = 0, deaths = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++charts;
    const auto record = nlohmann::json::parse(host::read_file(entry.path(), "record"), nullptr, false);
    if (record.is_discarded()) continue;
    try {
      const auto chart = delivery::read_chart_record(record);
      const auto* mrn = chart.first(delivery::IdentityKind::mrn);
      if (!mrn || mrn->conflict) continue;
      // A chart that states the patient died is a death event; any other dated chart a contact.
      if (const auto death = registry::find_death_statement(chart.text, chart.date_of_service)) {
        if (store.add_chart_death(mrn->value, death->date, chart.id, today_days())) ++deaths;
      } else if (store.add_chart_contact(mrn->value, chart.date_of_service, chart.id, today_days())) {
        ++contacts;
      }
    } catch (const std::exception&) {
      // Not a chartflow record: not a contact.
    }
  }
  std::cout << "chartflow registry import: " << charts << " charts read, " << contacts << " new contacts with registry patients, " << deaths
            << " deaths stated in charts\n";
}

int import(const Args& args) {
  if (!args.has("naaccr") && !args.has("records")) throw UsageError("registry import needs --naaccr FILE.xml or --records DIR");
  auto store = open_store(args);
  for (const auto& dir : args.values("records")) import_contacts(store, dir);
  for (const auto& file : args.values("naaccr")) {
    const std::string bytes = host::read_file(file, "NAACCR XML file");
    const auto parsed = registry::read_naaccr_xml(bytes, file, dictionary());
    const auto c = store.import_naaccr(parsed, fs::path(file).filename().string(), host::sha256_hex(bytes), today_days());
    std::cout << "chartflow registry import: " << file << ": patients " << c.patients_new << " new, " << c.patients_known << " known ("
              << c.unmatched_patients << " without a medical record number, kept apart); tumours " << c.tumors_new << " new, " << c.tumors_known
              << " already stored; follow-up events " << c.followups << "\n";
  }
  return 0;
}

int followup_due(const Args& args) {
  const long as_of = args.has("as-of") ? registry::parse_date(args.value("as-of")) : today_days();
  const auto due = open_store(args).followup_due(as_of);
  std::cout << "patient,medical_record_number,last_contact,days_since,status\n";
  for (const auto& d : due)
    std::cout << d.patient_key << "," << d.mrn << "," << date_text(d.last_contact) << "," << d.days_since << ","
              << (d.status == registry::FollowupStatus::overdue ? "overdue" : "due") << "\n";
  std::cerr << "chartflow registry followup-due: " << due.size() << " patients due or overdue on " << date_text(as_of) << "\n";
  return 0;
}

int export_xml(const Args& args) {
  if (!args.has("output")) throw UsageError("registry export needs --output FILE.xml");
  const auto patients = open_store(args).export_patients();
  std::vector<const naaccr::CasePatient*> pointers;
  for (const auto& p : patients) pointers.push_back(&p);
  const auto xml = naaccr::write_naaccr_xml(pointers, dictionary(), {"A", "", naaccr::utc_now()});
  std::ofstream out(args.value("output"), std::ios::binary | std::ios::trunc);
  if (!(out << xml.text) || !out.flush()) throw host::FatalError(args.value("output") + ": cannot write");
  std::cout << "chartflow registry export: " << patients.size() << " patients, " << xml.tumors << " tumours to " << args.value("output")
            << (xml.items_left_out ? " (" + std::to_string(xml.items_left_out) + " items the v26 dictionary refuses left out)" : "") << "\n";
  return 0;
}

int candidates(const Args& args) {
  if (!args.has("records") || !args.has("criteria")) throw UsageError("registry candidates needs --records DIR and --criteria FILE.json");
  const auto criteria = registry::read_criteria(args.value("criteria"));
  std::size_t seen = 0;
  const auto found = registry::find_candidates(args.value("records"), criteria, seen);
  std::ostringstream csv;
  csv << "patient,document_id,source_name,tumor,criterion,value,evidence\n";
  for (const auto& c : found)
    for (const auto& [criterion, m] : c.matched.items())
      csv << sdk::csv_cell(c.patient) << "," << c.document_id << "," << sdk::csv_cell(c.source_name) << "," << c.tumor_id << "," << criterion << ","
          << sdk::csv_cell(m["value"].is_string() ? m["value"].get<std::string>() : m["value"].dump()) << "," << sdk::csv_cell(m.value("evidence", "")) << "\n";
  if (args.has("output")) {
    std::ofstream out(args.value("output"), std::ios::binary | std::ios::trunc);
    if (!(out << csv.str()) || !out.flush()) throw host::FatalError(args.value("output") + ": cannot write");
  } else {
    std::cout << csv.str();
  }
  std::cerr << "chartflow registry candidates: '" << criteria.name << "': " << found.size() << " of " << seen << " reportable tumours meet every criterion\n";
  return 0;
}

// Decides each pair by the multiple primary rules; with expected results in the file, prints how
// often the rules agree, by rule set.
int primaries(const Args& args) {
  if (!args.has("pairs")) throw UsageError("registry primaries needs --pairs FILE.csv");
  if (args.has("heme-tables")) {
    try {
      mph::load_hematopoietic_tables(args.value("heme-tables"));
    } catch (const std::runtime_error& e) {
      throw host::FatalError(std::string("--heme-tables: ") + e.what());
    }
  }
  const auto pairs = registry::read_primary_pairs(args.value("pairs"));
  const auto decided = registry::decide_pairs(pairs);
  if (args.has("output")) {
    std::ofstream out(args.value("output"), std::ios::binary | std::ios::trunc);
    if (!(out << decided.csv) || !out.flush()) throw host::FatalError(args.value("output") + ": cannot write");
  } else {
    std::cout << decided.csv;
  }
  std::cerr << "chartflow registry primaries: " << pairs.size() << " pairs decided\n";
  if (decided.by_rule_set.empty()) return 0;
  registry::PairAgreement total;
  std::cerr << "agreement with the expected results, by rule set (pairs, result, reason):\n";
  for (const auto& [set, a] : decided.by_rule_set) {
    char line[200];
    std::snprintf(line, sizeof line, "  %-45s %6zu  %7.3f%%  %7.3f%%\n", set.empty() ? "(no rule set)" : set.c_str(), a.pairs,
                  100.0 * a.result_agrees / a.pairs, 100.0 * a.reason_agrees / a.pairs);
    std::cerr << line;
    total.pairs += a.pairs, total.result_agrees += a.result_agrees, total.reason_agrees += a.reason_agrees;
  }
  char line[200];
  std::snprintf(line, sizeof line, "  %-45s %6zu  %7.3f%%  %7.3f%%\n", "all", total.pairs, 100.0 * total.result_agrees / total.pairs,
                100.0 * total.reason_agrees / total.pairs);
  std::cerr << line;
  return 0;
}

}  // namespace

int registry_command(const Args& args) {
  const std::string sub = args.words.empty() ? "" : args.words.front();
  try {
    if (sub == "stats") return stats(args);
    if (sub == "import") return import(args);
    if (sub == "followup") {
      if (!args.has("csv")) throw UsageError("registry followup needs --csv FILE.csv");
      const auto n = open_store(args).add_followup_csv(args.value("csv"), today_days());
      std::cout << "chartflow registry followup: " << n << " follow-up events stored from " << args.value("csv") << "\n";
      return 0;
    }
    if (sub == "followup-due") return followup_due(args);
    if (sub == "export") return export_xml(args);
    if (sub == "candidates") return candidates(args);
    if (sub == "primaries") return primaries(args);
  } catch (const registry::CohortError& e) {
    throw host::FatalError(e.what());
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  throw UsageError(std::string(kRegistryUsage));
}

}  // namespace chartflow::cli
