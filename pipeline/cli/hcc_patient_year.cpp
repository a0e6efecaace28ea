// `chartflow hcc patient-year`: each patient's CMS-HCC V28 HCCs and risk score for one year of
// dates of service, from the finished records of a run (docs/hcc.md, "A patient's year"). The
// records are grouped by patient (the MRN the identity stage read; a chart without one is its own
// patient), the year's diagnoses pooled, and each patient scored once, with every HCC's evidence
// as record id / code id. The segment comes from --segment or, per patient, from --beneficiaries.
#include "commands.hpp"
#include "hcc_shared.hpp"

#include "claims_csv.hpp"
#include "patient_year.hpp"
#include "score_json.hpp"

#include "../host/errors.hpp"

#include <chartflow/csv.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

namespace chartflow::cli {
namespace fs = std::filesystem;
namespace {

using json = nlohmann::json;
using hcc::chart::Enrollment;

int year_of(const Args& args) {
  const std::string text = args.value("year");
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos || text < "2000" || text > "2099")
    throw UsageError("--year: '" + text + "' is not a year of service (YYYY, 2000-2099)");
  return std::stoi(text);
}

// The record files of a run: DIR/records/*.json, else DIR/*.json, each read whole. A file that is
// not a chartflow record stops the command: a patient's score without one of his charts is wrong.
std::vector<hcc::chart::Chart> read_charts(const fs::path& given) {
  fs::path dir = given;
  std::error_code ec;
  if (fs::is_directory(dir / "records", ec)) dir /= "records";
  if (!fs::is_directory(dir, ec)) throw host::FatalError(given.string() + ": records folder not found (give the output folder of `chartflow run`)");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  if (files.empty()) throw host::FatalError(dir.string() + ": no records (*.json) in the folder");
  std::sort(files.begin(), files.end());
  std::vector<hcc::chart::Chart> charts;
  for (const fs::path& file : files) {
    try {
      std::ifstream in(file, std::ios::binary);
      charts.push_back(hcc::chart::read_chart(json::parse(in)));
    } catch (const std::exception& e) {
      throw host::FatalError(file.string() + ": unreadable record (" + e.what() + ")");
    }
  }
  return charts;
}

// --beneficiaries: enrollment data by MRN (columns mrn, segment; optional orec, medicaid).
std::map<std::string, Enrollment> read_beneficiaries(const fs::path& file) {
  DelimitedReader in(file, separator_for(file));
  std::vector<std::string> f;
  if (!in.next(f)) in.fail("empty (expected a header line)");
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < f.size(); ++i) col[f[i]] = i;
  for (const char* required : {"mrn", "segment"})
    if (!col.contains(required)) in.fail(std::string("the header has no '") + required + "' column");
  std::map<std::string, Enrollment> out;
  while (in.next(f)) {
    if (f.size() != col.size()) in.fail("has " + std::to_string(f.size()) + " fields, the header " + std::to_string(col.size()));
    const auto cell = [&](const char* name) { return col.contains(name) ? f[col.at(name)] : std::string(); };
    const auto segment = hcc::segment_from_string(cell("segment"));
    if (!segment) in.fail("column 'segment': '" + cell("segment") + "' is not CNA, CND, CFA, CFD, CPA, CPD, INS, NE or SNPNE");
    Enrollment e{{hcc::chart::SegmentRule::fixed, *segment}, std::nullopt, false};
    if (const std::string orec = cell("orec"); !orec.empty()) {
      if (orec.size() != 1 || orec[0] < '0' || orec[0] > '3') in.fail("column 'orec': '" + orec + "' is not 0, 1, 2 or 3");
      e.entitlement = static_cast<hcc::EntitlementReason>(orec[0] - '0');
    }
    e.medicaid = cell("medicaid") == "1" || cell("medicaid") == "Y" || cell("medicaid") == "y";
    out[cell("mrn")] = e;
  }
  return out;
}

std::string join(const std::vector<std::string>& words, char separator = ' ') {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : std::string(1, separator)) + w;
  return out;
}

// "HCC37 HCC226" (kept) or "HCC38<HCC37 HCC223<heart-rule" (dropped), as `hcc score` writes them.
std::string hcc_list(const hcc::Score& s, bool kept) {
  std::vector<std::string> out;
  for (const auto& h : s.hccs) {
    if ((h.fate == hcc::HccFate::Kept) != kept) continue;
    std::string name = "HCC" + std::to_string(h.hcc);
    if (h.fate == hcc::HccFate::DroppedByHierarchy) name += "<HCC" + std::to_string(h.dropped_by);
    if (h.fate == hcc::HccFate::DroppedHeartRule) name += "<heart-rule";
    out.push_back(name);
  }
  return join(out);
}

// "HCC37=doc-a/c1 doc-b/c4;HCC38=doc-b/c2": every HCC, kept or dropped, with its evidence.
std::string evidence_cell(const hcc::Score& s) {
  std::vector<std::string> out;
  for (const auto& h : s.hccs) {
    std::vector<std::string> ids;
    for (const auto& e : h.evidence) ids.push_back(e.evidence_id);
    out.push_back("HCC" + std::to_string(h.hcc) + "=" + join(ids));
  }
  return join(out, ';');
}

std::string csv_of(const std::vector<hcc::chart::PatientYear>& patients) {
  std::string csv = "patient,patient_key,records,status,age,sex,segment,raw_score,payment_hccs,dropped_hccs,interactions,count_variable,evidence,reason\n";
  for (const auto& p : patients) {
    const auto& s = p.score;
    char score[32] = "";
    if (s.scored) std::snprintf(score, sizeof score, "%.3f", s.score.raw_score);
    csv += sdk::csv_cell(p.patient) + "," + p.key + "," + join(p.records) + "," + (s.scored ? "scored" : "not_scored") + "," +
           (s.age ? std::to_string(*s.age) : "") + "," + std::string(hcc::to_string(p.sex)) + "," +
           (s.scored ? std::string(hcc::to_string(s.score.segment)) : "") + "," + score + "," + hcc_list(s.score, true) + "," +
           hcc_list(s.score, false) + "," + join(s.score.interactions) + "," + s.score.count_variable + "," + evidence_cell(s.score) + "," +
           sdk::csv_cell(s.reason) + "\n";
  }
  return csv;
}

json json_of(const std::vector<hcc::chart::PatientYear>& patients, int year, const hcc::chart::YearCounts& counts) {
  json out = {{"model", "CMS-HCC V28"}, {"year", year}, {"payment_year", year + 1},
              {"records", {{"read", counts.records}, {"in_year", counts.in_year}, {"other_year", counts.other_year},
                           {"no_date_of_service", counts.no_date}, {"radiology", counts.radiology}}}};
  json list = json::array();
  for (const auto& p : patients) {
    json patient = {{"patient", p.patient}, {"patient_key", p.key}, {"patient_basis", hcc::chart::to_string(p.basis)}, {"records", p.records}};
    patient["hccs"] = hcc::chart::hccs_json(p.score, [](const hcc::Evidence& e) {
      const auto slash = e.evidence_id.find('/');
      return json{{"record_id", e.evidence_id.substr(0, slash)}, {"code_id", e.evidence_id.substr(slash + 1)}, {"code", e.code}};
    });
    hcc::chart::add_score_json(p.score, p.sex, patient);
    list.push_back(std::move(patient));
  }
  out["patients"] = std::move(list);
  return out;
}

std::function<std::optional<Enrollment>(const hcc::chart::PatientYear&)> enrollment_of(const Args& args) {
  if (args.has("segment") && args.has("beneficiaries")) throw UsageError("give --segment or --beneficiaries, not both");
  if (args.has("beneficiaries")) {
    auto table = std::make_shared<const std::map<std::string, Enrollment>>(read_beneficiaries(args.value("beneficiaries")));
    return [table](const hcc::chart::PatientYear& p) -> std::optional<Enrollment> {
      const auto it = p.patient.empty() ? table->end() : table->find(p.patient);
      if (it == table->end()) return std::nullopt;
      return it->second;
    };
  }
  const std::string text = args.value("segment", "community_non_dual");
  const auto choice = hcc::chart::parse_segment_choice(text);
  if (!choice) throw UsageError("--segment: '" + text + "' is not " + std::string(hcc::chart::kSegmentChoices));
  return [choice](const hcc::chart::PatientYear&) { return std::optional<Enrollment>(Enrollment{*choice, std::nullopt, false}); };
}

}  // namespace

int hcc_patient_year_command(const Args& args) {
  if (!args.has("records") || !args.has("year"))
    throw UsageError("usage: chartflow hcc patient-year --records DIR --year YYYY [--segment S | --beneficiaries FILE.csv] "
                     "[--data DIR] [--format csv|json] [--output FILE]");
  const int year = year_of(args);
  const std::string format = args.value("format", args.value("output").ends_with(".json") ? "json" : "csv");
  if (format != "csv" && format != "json") throw UsageError("--format: '" + format + "' is not csv or json");
  const auto enrollment = enrollment_of(args);
  const hcc::Model model = load_hcc_model(args);
  const auto charts = read_charts(args.value("records"));
  hcc::chart::YearCounts counts;
  const auto patients = hcc::chart::score_patient_years(model, charts, year, enrollment, counts);
  const std::string text = format == "json" ? json_of(patients, year, counts).dump(2) + "\n" : csv_of(patients);
  if (args.has("output")) {
    std::ofstream out(args.value("output"), std::ios::binary | std::ios::trunc);
    if (!(out << text) || !out.flush()) throw host::FatalError(args.value("output") + ": cannot write");
  } else {
    std::cout << text;
  }
  const auto scored = std::count_if(patients.begin(), patients.end(), [](const auto& p) { return p.score.scored; });
  // Counts only: no identifier reaches the terminal or a log.
  std::cerr << "chartflow hcc patient-year: " << counts.records << " records, " << counts.in_year << " with dates of service in " << year
            << " (" << counts.other_year << " in other years, " << counts.no_date << " without a date of service, " << counts.radiology
            << " radiology reports left out); " << patients.size() << " patients, " << scored << " scored\n";
  if (counts.in_year == 0) std::cerr << "chartflow hcc patient-year: no record has a date of service in " << year << "\n";
  return 0;
}

}  // namespace chartflow::cli
