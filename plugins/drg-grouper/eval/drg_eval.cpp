// MS-DRG agreement on coded charts: for each inpatient chart of a coder gold file, the MS-DRG
// chartflow's codes group to (the drg-grouper stage's claim, regrouped here) against the MS-DRG the
// reference coder's codes group to, with the same discharge date, sex, discharge status and POA.
// What a hospital is paid follows the DRG, so this is what coding errors cost: a missed MCC, a
// wrong principal diagnosis or a missed operating-room procedure change it; a missed Z code rarely.
//
//   chartflow_drg_eval RECORDS_DIR --gold GOLD.tsv [--data DIR] [--errors] [--min-drg X]
//
// RECORDS_DIR: the records of a run whose pipeline ends with the drg-grouper stage
// (tests/fixtures/coding/us-charts/pipeline-drg.json). GOLD.tsv: as chartflow_chart_eval reads it
// (chart, setting, doc_type, role, system, code, evidence); only its inpatient charts are scored.
// The gold claim takes each code's POA from the stage's claim where chartflow coded the same code,
// else Y (the gold file states no POA; it matters only for hospital-acquired conditions).
#include "grouper.hpp"

#include <nlohmann/json.hpp>

#include <chartflow/tsv.hpp>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace chartflow::drg;

namespace {

struct GoldStay {
  std::string setting, principal;
  std::vector<std::string> secondary, procedures;  // in the gold file's order
};

// Without the dot, upper case: how claims write codes.
std::string bare(std::string code) {
  std::erase(code, '.');
  for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return code;
}

std::map<std::string, GoldStay> read_gold(const std::string& file) {
  std::map<std::string, GoldStay> gold;
  chartflow::sdk::read_tsv(file, "gold file", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 6) throw std::runtime_error(where + ": expected chart, setting, doc_type, role, system, code[, evidence]");
    GoldStay& g = gold[f[0]];
    g.setting = f[1];
    const std::string code = bare(f[5]);
    if (f[4] == "PCS") g.procedures.push_back(code);
    else if (f[4] != "CM") throw std::runtime_error(where + ": system must be CM or PCS, not '" + f[4] + "'");
    else if (f[3] == "principal") g.principal = code;
    else g.secondary.push_back(code);
  }, "chart");
  return gold;
}

// Each record's reimbursement.drg item, by the input file's name without extension.
std::map<std::string, json> read_drg_items(const fs::path& dir) {
  std::map<std::string, json> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    const auto record = json::parse(in, nullptr, false);
    if (record.is_discarded() || !record.contains("document")) continue;
    const std::string chart = fs::path(record["document"]["source"]["name"].get<std::string>()).stem().string();
    const auto items = record.value("reimbursement.drg", json::array());
    out[chart] = items.empty() ? json() : items[0];
  }
  return out;
}

// What both claims share: the stage's discharge date, sex and status (defaults for an ungrouped record).
Claim shared_facts(const json& item) {
  Claim c;
  c.discharge_date = 20260115;
  if (!item.is_object() || !item.contains("claim")) return c;
  const json& claim = item["claim"];
  const std::string date = claim.value("discharge_date", "2026-01-15");
  c.discharge_date = std::stoi(date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2));
  c.age = claim.value("age", 0);
  const std::string sex = claim.value("sex", "unknown");
  c.sex = sex == "female" ? Sex::female : sex == "male" ? Sex::male : Sex::unknown;
  c.discharge_status = std::stoi(claim.value("discharge_status", "01"));
  return c;
}

// The POA the stage reported for each code it put on its claim.
std::map<std::string, Poa> stage_poas(const json& item) {
  std::map<std::string, Poa> out;
  if (item.is_object())
    for (const auto& p : item.value("poa", json::array())) out[bare(p.value("code", ""))] = poa_from_string(p.value("poa", ""));
  return out;
}

Claim gold_claim(const GoldStay& g, const json& item) {
  Claim c = shared_facts(item);
  const auto poas = stage_poas(item);
  const auto poa_of = [&](const std::string& code) {
    const auto it = poas.find(code);
    return it == poas.end() ? Poa::yes : it->second;
  };
  c.pdx = {g.principal, poa_of(g.principal)};
  std::set<std::string> seen{g.principal};
  for (const auto& code : g.secondary)
    if (seen.insert(code).second) c.sdx.push_back({code, poa_of(code)});
  c.procedures = g.procedures;
  return c;
}

std::optional<Claim> predicted_claim(const json& item) {
  if (!item.is_object() || item.value("status", "") != "grouped") return std::nullopt;
  Claim c = shared_facts(item);
  const auto poas = stage_poas(item);
  const json& claim = item["claim"];
  const auto poa_of = [&](const std::string& code) {
    const auto it = poas.find(code);
    return it == poas.end() ? Poa::blank : it->second;
  };
  c.pdx = {claim["pdx"].get<std::string>(), poa_of(claim["pdx"].get<std::string>())};
  for (const auto& code : claim["sdx"]) c.sdx.push_back({code.get<std::string>(), poa_of(code.get<std::string>())});
  for (const auto& code : claim["procedures"]) c.procedures.push_back(code.get<std::string>());
  return c;
}

// Why two stays group apart, coarsest first.
std::string why_apart(const Claim& gold, const GroupResult& g, const Claim& predicted, const GroupResult& p) {
  if (g.final.mdc != p.final.mdc) return "another MDC (principal " + predicted.pdx.code + " for " + gold.pdx.code + ")";
  if (g.final.med_surg != p.final.med_surg) return std::string(p.final.med_surg == MedSurg::surgical ? "surgical" : "medical") + " for " +
                                                   std::string(g.final.med_surg == MedSurg::surgical ? "surgical" : "medical");
  if (g.final.base_drg != p.final.base_drg) return "another DRG family in the MDC (principal " + predicted.pdx.code + " for " + gold.pdx.code + ")";
  return "severity " + std::string(to_string(p.final.severity)) + " for " + std::string(to_string(g.final.severity));
}

struct Tally {
  long stays = 0, not_grouped = 0, drg = 0, base_drg = 0, mdc = 0, severity = 0, inconsistent = 0;
  void print() const {
    const auto line = [&](const char* what, long n) {
      std::cout << "  " << std::left << std::setw(34) << what << std::right << std::setw(4) << n << " of " << stays << "  (" << std::fixed
                << std::setprecision(3) << (stays ? double(n) / double(stays) : 0.0) << ")\n";
    };
    std::cout << "inpatient charts: " << stays << " (not grouped from chartflow's codes: " << not_grouped << ")\n";
    line("same MS-DRG", drg);
    line("same DRG family (severity aside)", base_drg);
    line("same MDC", mdc);
    line("same severity (MCC / CC / none)", severity);
    if (inconsistent) std::cout << "  warning: " << inconsistent << " record(s) whose stage DRG differs from regrouping its own claim\n";
  }
};

fs::path default_data_folder(const char* argv0) {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return (ec ? fs::path(argv0) : self).parent_path().parent_path() / "share" / "chartflow" / "drg";
}

int usage() {
  std::cerr << "usage: chartflow_drg_eval RECORDS_DIR --gold GOLD.tsv [--data DIR] [--errors] [--min-drg X]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string records, gold_file;
  fs::path data = default_data_folder(argv[0]);
  bool errors = false;
  std::optional<double> min_drg;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--gold" && i + 1 < argc) gold_file = argv[++i];
    else if (a == "--data" && i + 1 < argc) data = argv[++i];
    else if (a == "--errors") errors = true;
    else if (a == "--min-drg" && i + 1 < argc) min_drg = std::atof(argv[++i]);
    else if (records.empty() && !a.starts_with("--")) records = a;
    else return usage();
  }
  if (records.empty() || gold_file.empty()) return usage();
  if (!fs::is_directory(records)) {
    std::cerr << "chartflow_drg_eval: " << records << ": not a folder of records (give the records folder of a chartflow run)\n";
    return 1;
  }
  try {
    const Grouper grouper(data);
    const auto gold = read_gold(gold_file);
    const auto items = read_drg_items(records);
    Tally t;
    for (const auto& [chart, g] : gold) {
      if (g.setting != "inpatient" || g.principal.empty()) continue;
      ++t.stays;
      const auto found = items.find(chart);
      const json item = found == items.end() ? json() : found->second;
      const Claim gc = gold_claim(g, item);
      const GroupResult gr = grouper.group(gc);
      const auto pc = predicted_claim(item);
      if (!pc) {
        ++t.not_grouped;
        if (errors) std::cout << chart << ": not grouped (" << (item.is_object() ? item.value("not_grouped_reason", "no item") : "no item")
                              << "); gold DRG " << gr.final.drg << "\n";
        continue;
      }
      const GroupResult pr = grouper.group(*pc);
      t.inconsistent += pr.final.drg != item["final"].value("drg", 0);
      t.drg += pr.final.drg == gr.final.drg;
      t.base_drg += pr.final.base_drg == gr.final.base_drg;
      t.mdc += pr.final.mdc == gr.final.mdc;
      t.severity += pr.final.severity == gr.final.severity;
      if (errors && pr.final.drg != gr.final.drg)
        std::cout << chart << ": DRG " << pr.final.drg << " for " << gr.final.drg << ": " << why_apart(gc, gr, *pc, pr) << "\n";
    }
    t.print();
    const double agreement = t.stays ? double(t.drg) / double(t.stays) : 0.0;
    if (min_drg && agreement < *min_drg) {
      std::cerr << "chartflow_drg_eval: MS-DRG agreement " << agreement << " is below its floor " << *min_drg << "\n";
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "chartflow_drg_eval: " << e.what() << "\n";
    return 1;
  }
}
