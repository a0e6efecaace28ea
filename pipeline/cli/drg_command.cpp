// `chartflow drg group`: the Medicare Code Editor 43.1 and the MS-DRG v43 grouper on a file of claims, one
// CSV row out per claim, with the codes that drove each DRG, and with the user's CMS Table 5 the weights
// and an estimated payment (docs/drg.md).
#include "claims_csv.hpp"
#include "commands.hpp"
#include "drg_payment_columns.hpp"

#include <chartflow/csv.hpp>

#include "../host/errors.hpp"

#include "grouper.hpp"
#include "mce.hpp"

#include "../host/manifest.hpp"

#include <unistd.h>

#include <array>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

namespace chartflow::cli {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDrgUsage =
    "drg subcommands:\n"
    "  chartflow drg group --claims FILE [--data DIR] [--output FILE.csv] [--table5 FILE [--base-rate DOLLARS]]\n"
    "    FILE: CSV or TSV (optionally .gz) with a header naming discharge_date, age, sex, discharge_status, pdx\n"
    "    and optionally id, hospital_status, admit_dx, length_of_stay, poa_pdx, sdx, procedures (docs/drg.md)\n"
    "    --table5: your CMS IPPS Table 5 as CSV or tab-separated text (not shipped): adds relative weights and mean\n"
    "    lengths of stay; --base-rate: your operating + capital standardized amount, adds an estimated base payment";

// The tables `chartflow drg` reads, below the data folder (each as .tsv.gz or .tsv).
constexpr std::array<const char*, 12> kTables = {
    "msdrg/dx_codes",        "msdrg/pr_codes",          "msdrg/clusters",       "msdrg/cluster_membership",
    "msdrg/cc_exclusion_groups", "msdrg/drg_formulas",  "msdrg/hac_formulas",   "msdrg/drg_descriptions",
    "mce/mce_i10dx_master",  "mce/mce_i10sg_master",    "mce/mce_age_ranges",   "mce/mce_discharge_status"};

// An unknown length of stay is not held against the procedures the MCE wants a stay of 5+ days for
// (mechanical ventilation of 96+ hours): the edit needs the claim to say how long the stay was.
constexpr int kUnknownStay = 9999;

// The folder holding msdrg/ and mce/: --data, else share/chartflow/drg beside the program's bin/ (the
// build tree mirrors the installed layout).
fs::path data_folder(const Args& args) {
  if (args.has("data")) {
    const fs::path given = args.value("data");
    std::error_code ec;
    if (!fs::is_directory(given, ec)) throw host::FatalError("--data " + given.string() + ": no such folder");
    return given;
  }
  const fs::path folder = host::installed_data_folder("drg");
  if (folder.empty()) throw host::FatalError("cannot tell where the program is installed to find its DRG tables; give --data DIR");
  std::error_code exists_ec;
  if (!fs::is_directory(folder, exists_ec))
    throw host::FatalError("the DRG tables are not installed at " + folder.string() +
                           " (share/chartflow/drg beside the program); give --data DIR, the folder holding msdrg/ and mce/");
  return folder;
}

// Names the first table missing from the folder, before anything is loaded.
void check_tables(const fs::path& folder) {
  for (const char* stem : kTables) {
    std::error_code ec;
    const fs::path gz = folder / (std::string(stem) + ".tsv.gz");
    if (fs::is_regular_file(gz, ec) || fs::is_regular_file(folder / (std::string(stem) + ".tsv"), ec)) continue;
    throw host::FatalError("DRG table " + gz.string() +
                           " is missing (the data folder must hold msdrg/ and mce/, as installed in share/chartflow/drg)");
  }
}

fs::path table(const fs::path& folder, const std::string& stem) {
  const fs::path gz = folder / (stem + ".tsv.gz");
  std::error_code ec;
  return fs::exists(gz, ec) ? gz : folder / (stem + ".tsv");
}

// DRG titles by DRG number, each with the grouper versions it holds for (msdrg/drg_descriptions).
class DrgTitles {
 public:
  explicit DrgTitles(const fs::path& folder) {
    DelimitedReader in(table(folder, "msdrg/drg_descriptions"), '\t');
    std::vector<std::string> fields;
    if (!in.next(fields) || fields != std::vector<std::string>{"drg", "version_start", "version_end", "description"})
      in.fail("expected the header drg, version_start, version_end, description");
    while (in.next(fields)) {
      if (fields.size() != 4) in.fail("expected 4 columns");
      try {
        titles_[std::stoi(fields[0])].push_back({std::stoi(fields[1]), std::stoi(fields[2]), fields[3]});
      } catch (const std::exception&) {
        in.fail("expected a DRG number and two grouper versions");
      }
    }
  }

  // The title in force for `version`; for version 0 (no grouper covers the date) the latest one.
  const std::string& title(int drg, int version) const {
    static const std::string none;
    const auto it = titles_.find(drg);
    if (it == titles_.end() || it->second.empty()) return none;
    for (const Entry& e : it->second)
      if (version >= e.start && version <= e.end) return e.text;
    return version == 0 ? it->second.back().text : none;
  }

 private:
  struct Entry {
    int start = 0, end = 0;
    std::string text;
  };
  std::map<int, std::vector<Entry>> titles_;
};

drg::MceClaim mce_claim(const ClaimRow& row) {
  const drg::Claim& c = row.claim;
  drg::MceClaim m;
  m.discharge_date = c.discharge_date;
  m.age = c.age;
  m.sex = c.sex == drg::Sex::male ? drg::MceSex::male : c.sex == drg::Sex::female ? drg::MceSex::female : drg::MceSex::unknown;
  m.discharge_status = c.discharge_status;
  m.length_of_stay = row.length_of_stay < 0 ? kUnknownStay : row.length_of_stay;
  m.pdx = c.pdx.code;
  m.sdx.reserve(c.sdx.size());
  for (const drg::DiagnosisInput& dx : c.sdx) m.sdx.push_back(dx.code);
  m.procedures = c.procedures;
  return m;
}

bool affects_final(drg::AffectsDrg a) { return a == drg::AffectsDrg::final || a == drg::AffectsDrg::both; }

// "CODE:what" for each code that affected the final DRG: the principal diagnosis (pdx), a secondary
// diagnosis counted as MCC or CC, one whose hospital-acquired condition changed the DRG (HAC), one the
// DRG logic tests for itself (sdx), and procedures.
std::string drivers(const drg::GroupResult& r) {
  std::string out;
  const auto add = [&out](const std::string& code, std::string_view what) {
    out.append(out.empty() ? "" : " ").append(code).append(":").append(what);
  };
  if (affects_final(r.pdx.affects_drg)) add(r.pdx.code, "pdx");
  for (const drg::DiagnosisResult& dx : r.sdx) {
    if (!affects_final(dx.affects_drg)) continue;
    bool hac = false;
    for (const drg::HacEntry& h : dx.hacs) hac |= h.usage == drg::HacUsage::criteria_met;
    if (hac && r.hac_status == drg::HacStatus::final_drg_changes) {
      add(dx.code, "HAC");
    } else if (dx.acted_as_final == drg::Severity::mcc) {
      add(dx.code, "MCC");
    } else if (dx.acted_as_final == drg::Severity::cc) {
      add(dx.code, "CC");
    } else {
      add(dx.code, "sdx");
    }
  }
  for (const drg::ProcedureResult& p : r.procedures)
    if (affects_final(p.affects_drg)) add(p.code, "procedure");
  return out;
}

// "CODE:MCC CODE:CC": the secondary diagnoses the final DRG's severity counted.
std::string cc_mcc(const drg::GroupResult& r) {
  std::string out;
  for (const drg::DiagnosisResult& dx : r.sdx) {
    if (dx.acted_as_final != drg::Severity::mcc && dx.acted_as_final != drg::Severity::cc) continue;
    out.append(out.empty() ? "" : " ").append(dx.code).append(dx.acted_as_final == drg::Severity::mcc ? ":MCC" : ":CC");
  }
  return out;
}

constexpr const char* kHeader =
    "id,version,mce_edit_type,mce_edits,initial_drg,final_drg,final_mdc,med_surg,return_code,severity,title,drivers,"
    "cc_mcc";

struct Totals {
  std::size_t claims = 0, assigned = 0, with_edits = 0;
  std::map<std::string, std::size_t> errors;  // grouper return codes other than OK
};

void write_row(std::ostream& out, const ClaimRow& row, const drg::MceResult& mce, const drg::GroupResult& r,
               const DrgTitles& titles, std::optional<PaymentColumns>& payment) {
  out << sdk::csv_field(row.id, true) << ',' << (r.version ? std::to_string(r.version) : "") << ','
      << drg::to_string(mce.edit_type) << ',' << sdk::csv_field(drg::format_edit_counts(mce)) << ',' << r.initial.drg << ','
      << r.final.drg << ',' << r.final.mdc << ',' << drg::to_string(r.final.med_surg) << ','
      << drg::to_string(r.final.return_code) << ',' << drg::to_string(r.final.severity) << ','
      << sdk::csv_field(titles.title(r.final.drg, r.version)) << ',' << sdk::csv_field(drivers(r)) << ',' << sdk::csv_field(cc_mcc(r))
      << (payment ? payment->cells(row, r) : std::string()) << '\n';
}

int group(const Args& args) {
  if (!args.has("claims")) throw UsageError("drg group needs --claims FILE (CSV or TSV)\n" + std::string(kDrgUsage));
  if (args.words.size() > 1) throw UsageError("unexpected argument '" + args.words[1] + "'\n" + std::string(kDrgUsage));
  PaymentColumns::check_usage(args);
  const fs::path folder = data_folder(args);
  check_tables(folder);
  const fs::path claims_file = args.value("claims");

  // Every row is read once before anything is written, so a bad file leaves no half-written output.
  {
    ClaimsReader check(claims_file);
    ClaimRow row;
    while (check.next(row)) {
    }
  }

  std::optional<drg::Grouper> grouper;
  std::optional<drg::MceEditor> editor;
  try {
    grouper.emplace(folder);
    editor.emplace(folder);
  } catch (const std::runtime_error& e) {
    throw host::FatalError(std::string("DRG tables: ") + e.what());
  }
  const DrgTitles titles(folder);
  std::optional<PaymentColumns> payment = PaymentColumns::from_args(args, *grouper);

  const std::string output = args.value("output");
  const std::string partial = output.empty() ? "" : output + ".partial-" + std::to_string(::getpid());
  std::ofstream file;
  if (!output.empty()) {
    file.open(partial, std::ios::binary | std::ios::trunc);
    if (!file) throw host::FatalError(output + ": cannot write (does its folder exist?)");
  }
  std::ostream& out = output.empty() ? std::cout : file;
  Totals totals;
  try {
    out << kHeader << (payment ? payment->header() : std::string()) << '\n';
    ClaimsReader in(claims_file);
    ClaimRow row;
    while (in.next(row)) {
      const drg::MceResult mce = editor->edit(mce_claim(row));
      const drg::GroupResult result = grouper->group(row.claim);
      write_row(out, row, mce, result, titles, payment);
      ++totals.claims;
      totals.with_edits += mce.edit_type != drg::MceEditType::none;
      if (result.final.return_code == drg::ReturnCode::ok) {
        ++totals.assigned;
      } else {
        ++totals.errors[std::string(drg::to_string(result.final.return_code))];
      }
    }
    out.flush();
    if (!out) throw host::FatalError((output.empty() ? std::string("standard output") : output) + ": cannot write");
    if (!output.empty()) {
      file.close();
      std::error_code ec;
      fs::rename(partial, output, ec);
      if (ec) throw host::FatalError(output + ": cannot write (" + ec.message() + ")");
    }
  } catch (...) {
    if (!output.empty()) {
      std::error_code ec;
      fs::remove(partial, ec);
    }
    throw;
  }

  std::size_t errors = 0;
  std::string by_code;
  for (const auto& [code, n] : totals.errors) {
    errors += n;
    by_code += (by_code.empty() ? " (" : ", ") + code + " " + std::to_string(n);
  }
  const auto count = [](std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
  std::cerr << "chartflow drg group: " << count(totals.claims, "claim", "claims") << ", "
            << count(totals.assigned, "DRG assigned", "DRGs assigned") << ", " << totals.with_edits << " with MCE edits, "
            << count(errors, "grouper error", "grouper errors") << (by_code.empty() ? "" : by_code + ")")
            << (payment ? payment->summary() : std::string()) << (output.empty() ? "" : "; wrote " + output) << "\n";
  return 0;
}

}  // namespace

int drg_command(const Args& args) {
  const std::string sub = args.words.empty() ? "" : args.words.front();
  if (sub == "group") return group(args);
  throw UsageError(sub.empty() ? std::string(kDrgUsage) : "unknown drg subcommand '" + sub + "'\n" + std::string(kDrgUsage));
}

}  // namespace chartflow::cli
