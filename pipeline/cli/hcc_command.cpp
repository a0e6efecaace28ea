// `chartflow hcc score`: CMS-HCC V28 risk scores for a file of beneficiaries (docs/hcc.md). One row
// per beneficiary in, one row out: the payment HCCs, what the hierarchies dropped, interactions,
// the count variable and the raw score, or why the row could not be scored. `chartflow hcc
// patient-year` is in hcc_patient_year.cpp.
#include "commands.hpp"
#include "hcc_shared.hpp"

#include "claims_csv.hpp"
#include "hcc.hpp"

#include "../host/errors.hpp"
#include "../host/manifest.hpp"

#include <chartflow/csv.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace chartflow::cli {
namespace fs = std::filesystem;
namespace {

// The V28 tables: --data, else share/chartflow/hcc beside the program's bin/.
fs::path hcc_data_folder(const Args& args) {
  const fs::path folder = args.has("data") ? fs::path(args.value("data")) : host::installed_data_folder("hcc");
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw host::FatalError("the CMS-HCC V28 tables are not at " + folder.string() + "; give --data DIR");
  return folder;
}

hcc::Segment segment_of(const std::string& text, const DelimitedReader& in) {
  const auto segment = hcc::segment_from_string(text);
  if (!segment) in.fail("column 'segment': '" + text + "' is not CNA, CND, CFA, CFD, CPA, CPD, INS, NE or SNPNE");
  return *segment;
}

int whole_number(const std::string& text, const char* column, const DelimitedReader& in) {
  if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos)
    in.fail(std::string("column '") + column + "': '" + text + "' is not a whole number");
  return std::stoi(text);
}

hcc::Request request_of(const std::vector<std::string>& f, const std::map<std::string, std::size_t>& col, const DelimitedReader& in) {
  const auto cell = [&](const char* name) { return col.contains(name) ? f[col.at(name)] : std::string(); };
  hcc::Request r;
  r.beneficiary.age = whole_number(cell("age"), "age", in);
  const std::string sex = cell("sex");
  if (sex == "M" || sex == "m" || sex == "1") r.beneficiary.sex = hcc::Sex::Male;
  else if (sex == "F" || sex == "f" || sex == "2") r.beneficiary.sex = hcc::Sex::Female;
  else in.fail("column 'sex': '" + sex + "' is not M or F");
  r.beneficiary.segment = segment_of(cell("segment"), in);
  if (const auto orec = cell("orec"); !orec.empty()) {
    const int v = whole_number(orec, "orec", in);
    if (v > 3) in.fail("column 'orec': " + orec + " is not 0 (old age), 1 (disability), 2 (ESRD) or 3 (both)");
    r.beneficiary.entitlement = static_cast<hcc::EntitlementReason>(v);
  }
  r.beneficiary.medicaid = cell("medicaid") == "1" || cell("medicaid") == "Y" || cell("medicaid") == "y";
  std::istringstream codes(cell("codes"));
  for (std::string code; codes >> code;) r.diagnoses.push_back({code, "line " + std::to_string(in.line())});
  return r;
}

// "HCC37 HCC226"; dropped ones as "HCC38<HCC37" (child < the parent that dropped it).
std::string hcc_lists(const hcc::Score& s, bool kept) {
  std::string out;
  for (const auto& h : s.hccs) {
    if ((h.fate == hcc::HccFate::Kept) != kept) continue;
    if (!out.empty()) out += ' ';
    out += "HCC" + std::to_string(h.hcc);
    if (h.fate == hcc::HccFate::DroppedByHierarchy) out += "<HCC" + std::to_string(h.dropped_by);
    if (h.fate == hcc::HccFate::DroppedHeartRule) out += "<heart-rule";
  }
  return out;
}

}  // namespace

hcc::Model load_hcc_model(const Args& args) {
  const fs::path folder = hcc_data_folder(args);
  try {
    return hcc::Model::load(folder);
  } catch (const std::runtime_error& e) {
    throw host::FatalError(e.what());
  }
}

int hcc_command(const Args& args) {
  if (!args.words.empty() && args.words.front() == "patient-year") return hcc_patient_year_command(args);
  if (args.words.empty() || args.words.front() != "score" || !args.has("beneficiaries"))
    throw UsageError("usage: chartflow hcc score --beneficiaries FILE.csv [--data DIR] [--output FILE.csv]\n"
                     "       chartflow hcc patient-year --records DIR --year YYYY [--segment S | --beneficiaries FILE.csv] [--format csv|json] [--output FILE]");
  // The command line shares one option list with patient-year: say so rather than ignore them.
  for (const char* option : {"records", "year", "segment", "format"})
    if (args.has(option))
      throw UsageError(std::string("--") + option + " is an option of `chartflow hcc patient-year`, not of `chartflow hcc score` " +
                       "(score reads each beneficiary's segment and codes from the --beneficiaries file)");
  const fs::path file = args.value("beneficiaries");
  const hcc::Model model = load_hcc_model(args);
  DelimitedReader in(file, separator_for(file));
  std::vector<std::string> f;
  if (!in.next(f)) in.fail("empty (expected a header line)");
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < f.size(); ++i) col[f[i]] = i;
  for (const char* required : {"age", "sex", "segment", "codes"})
    if (!col.contains(required)) in.fail(std::string("the header has no '") + required + "' column");
  std::string csv = "id,raw_score,payment_hccs,dropped_hccs,interactions,count_variable,error\n";
  std::size_t rows = 0, scored = 0;
  while (in.next(f)) {
    ++rows;
    if (f.size() != col.size()) in.fail("has " + std::to_string(f.size()) + " fields, the header " + std::to_string(col.size()));
    const std::string id = col.contains("id") ? f[col["id"]] : std::to_string(rows);
    const hcc::Score s = model.score(request_of(f, col, in));
    std::string interactions;
    for (const auto& i : s.interactions) interactions += (interactions.empty() ? "" : " ") + i;
    char score[32] = "";
    if (s.ok()) std::snprintf(score, sizeof score, "%.3f", s.raw_score), ++scored;
    csv += sdk::csv_cell(id) + "," + score + "," + hcc_lists(s, true) + "," + hcc_lists(s, false) + "," + interactions + "," +
           s.count_variable + "," + sdk::csv_cell(s.message) + "\n";
  }
  if (args.has("output")) {
    std::ofstream out(args.value("output"), std::ios::binary | std::ios::trunc);
    if (!(out << csv) || !out.flush()) throw host::FatalError(args.value("output") + ": cannot write");
  } else {
    std::cout << csv;
  }
  std::cerr << "chartflow hcc score: " << rows << " beneficiaries, " << scored << " scored, " << rows - scored << " with an input error\n";
  return 0;
}

}  // namespace chartflow::cli
