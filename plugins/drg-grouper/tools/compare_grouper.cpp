// Differential check of the MS-DRG grouper against the CMS Java grouper's outputs (test vectors):
//   compare_grouper <data_folder> <claims_expected.tsv[.gz]> <codes_expected.tsv[.gz]> [--examples N]
//                   [--column NAME] [--max-mismatches N] [--bench]
// Prints the agreement of every claim-level and code-level column, a few mismatching examples per column,
// and a closing "N passed, N failed" line counting columns; a column passes when it has at most
// --max-mismatches (default 0) disagreeing rows. Exits 1 when a column fails.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "claim_vectors.hpp"
#include "grouper.hpp"
#include "table_reader.hpp"

namespace drg = chartflow::drg;
using chartflow::drg::detail::TableReader;
using chartflow::drg::vectors::ClaimRow;
using chartflow::drg::vectors::kClaimColumns;
using chartflow::drg::vectors::read_claims;

namespace {

struct CodeRow {
  std::string id, role, code;
  int seq = 0;
  std::map<std::string, std::string> expected;
};

const std::vector<std::string> kDxColumns = {"recognized", "affects_drg", "initial_severity", "final_severity",
                                             "poa_error", "hacs"};
const std::vector<std::string> kPrColumns = {"recognized", "affects_drg", "is_or", "hac_usage"};

std::vector<CodeRow> read_codes(const std::string& path) {
  TableReader in(path, {"id", "role", "seq", "code", "poa", "recognized", "affects_drg", "initial_severity",
                        "final_severity", "poa_error", "hacs", "is_or", "hac_usage", "mce_edits"});
  const std::vector<std::string> columns = {"recognized", "affects_drg", "initial_severity", "final_severity",
                                            "poa_error", "hacs", "is_or", "hac_usage"};
  std::vector<CodeRow> rows;
  while (in.next()) {
    CodeRow row{std::string(in.field(0)), std::string(in.field(1)), std::string(in.field(3)), in.integer(2), {}};
    for (std::size_t i = 0; i < columns.size(); ++i) row.expected[columns[i]] = in.field(5 + i);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::map<std::string, std::string> claim_values(const drg::GroupResult& r) {
  const auto put = [](std::map<std::string, std::string>& m, const std::string& prefix, const drg::DrgAssignment& a) {
    m[prefix + "_mdc"] = std::to_string(a.mdc);
    m[prefix + "_drg"] = std::to_string(a.drg);
    m[prefix + "_base_drg"] = std::to_string(a.base_drg);
    m[prefix + "_med_surg"] = drg::to_string(a.med_surg);
    m[prefix + "_return_code"] = drg::to_string(a.return_code);
    m[prefix + "_severity"] = drg::to_string(a.severity);
  };
  std::map<std::string, std::string> m;
  put(m, "initial", r.initial);
  put(m, "final", r.final);
  m["final_drg_sdx_severity"] = drg::to_string(r.final_drg_sdx_severity);
  m["hac_status"] = drg::to_string(r.hac_status);
  m["num_hac_categories"] = std::to_string(r.num_hac_categories);
  return m;
}

std::map<std::string, std::string> dx_values(const drg::DiagnosisResult& d, bool principal) {
  std::map<std::string, std::string> m;
  m["recognized"] = d.recognized ? "1" : "0";
  m["affects_drg"] = drg::to_string(d.affects_drg);
  m["initial_severity"] = drg::to_string(principal ? drg::CodeSeverity::neither : d.initial_severity);
  m["final_severity"] = drg::to_string(principal ? drg::CodeSeverity::neither : d.final_severity);
  m["poa_error"] = drg::to_string(d.poa_error);
  std::string hacs;
  for (const drg::HacEntry& h : d.hacs) {
    hacs += (hacs.empty() ? "" : " ") + std::to_string(h.number) + ":" + std::string(drg::to_string(h.usage));
  }
  m["hacs"] = hacs;
  return m;
}

std::map<std::string, std::string> pr_values(const drg::ProcedureResult& p) {
  std::map<std::string, std::string> m;
  m["recognized"] = p.recognized ? "1" : "0";
  m["affects_drg"] = drg::to_string(p.affects_drg);
  m["is_or"] = p.is_or ? "1" : "0";
  std::string usage;
  for (const drg::ProcedureHac h : p.hac_usage) usage += (usage.empty() ? "" : " ") + std::string(drg::to_string(h));
  m["hac_usage"] = usage;
  return m;
}

struct Tally {
  long agree = 0, total = 0;
  std::vector<std::string> examples;
};

std::string describe(const ClaimRow& row) {
  const drg::Claim& c = row.claim;
  std::string s = row.id + " pdx=" + c.pdx.code + ":" + std::string(drg::to_string(c.pdx.poa)) + " sdx=";
  for (const auto& d : c.sdx) s += d.code + ":" + std::string(drg::to_string(d.poa)) + ",";
  s += " pr=";
  for (const auto& p : c.procedures) s += p + ",";
  s += " st=" + std::to_string(c.discharge_status) + " hosp=" + std::string(drg::to_string(c.hospital_status));
  s += " sex=" + std::string(drg::to_string(c.sex)) + " drg=" + row.expected.at("initial_drg") + "/" +
       row.expected.at("final_drg");
  return s;
}

void tally(Tally& t, const std::string& expected, const std::string& actual, const std::string& example,
           std::size_t max_examples) {
  ++t.total;
  if (expected == actual) {
    ++t.agree;
  } else if (t.examples.size() < max_examples) {
    t.examples.push_back("expected '" + expected + "' got '" + actual + "' | " + example);
  }
}

struct Options {
  std::size_t max_examples = 3;
  long max_mismatches = 0;
  std::string only_column;
  bool bench = false;
};

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 4; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--examples" && i + 1 < argc) o.max_examples = std::stoul(argv[++i]);
    if (arg == "--column" && i + 1 < argc) o.only_column = argv[++i];
    if (arg == "--max-mismatches" && i + 1 < argc) o.max_mismatches = std::stol(argv[++i]);
    if (arg == "--bench") o.bench = true;
  }
  return o;
}

// Groups every claim once (timed), and with --bench five more times for a steadier single-core rate.
std::vector<drg::GroupResult> group_all(const drg::Grouper& grouper, const std::vector<ClaimRow>& claims, bool bench) {
  std::vector<drg::GroupResult> results;
  results.reserve(claims.size());
  const auto start = std::chrono::steady_clock::now();
  for (const ClaimRow& row : claims) results.push_back(grouper.group(row.claim));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("grouped %zu claims in %.3f s (%.0f claims/s)\n", claims.size(), seconds,
              static_cast<double>(claims.size()) / seconds);
  if (bench) {
    constexpr int kRepeat = 5;
    const auto b0 = std::chrono::steady_clock::now();
    long sink = 0;
    for (int r = 0; r < kRepeat; ++r) {
      for (const ClaimRow& row : claims) sink += grouper.group(row.claim).final.drg;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - b0).count();
    std::printf("bench: %.0f claims/s on one thread (checksum %ld)\n", static_cast<double>(claims.size()) * kRepeat / s,
                sink);
  }
  return results;
}

void tally_claims(const std::vector<ClaimRow>& claims, const std::vector<drg::GroupResult>& results,
                  const Options& o, std::map<std::string, Tally>& tallies) {
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const auto actual = claim_values(results[i]);
    for (const std::string& col : kClaimColumns) {
      if (!o.only_column.empty() && "claim." + col != o.only_column) continue;
      tally(tallies["claim." + col], claims[i].expected.at(col), actual.at(col), describe(claims[i]), o.max_examples);
    }
  }
}

void tally_codes(const std::vector<ClaimRow>& claims, const std::vector<drg::GroupResult>& results,
                 const std::vector<CodeRow>& codes, const Options& o, std::map<std::string, Tally>& tallies) {
  std::unordered_map<std::string, std::size_t> claim_index;
  for (std::size_t i = 0; i < claims.size(); ++i) claim_index[claims[i].id] = i;
  for (const CodeRow& row : codes) {
    const auto found = claim_index.find(row.id);
    if (found == claim_index.end()) continue;
    const drg::GroupResult& r = results[found->second];
    const bool is_pr = row.role == "PR";
    const auto index = static_cast<std::size_t>(row.seq - 1);
    std::map<std::string, std::string> actual;
    if (row.role == "PDX") actual = dx_values(r.pdx, true);
    if (row.role == "SDX" && index < r.sdx.size()) actual = dx_values(r.sdx[index], false);
    if (is_pr && index < r.procedures.size()) actual = pr_values(r.procedures[index]);
    const std::string example =
        row.role + "#" + std::to_string(row.seq) + " " + row.code + " | " + describe(claims[found->second]);
    for (const std::string& col : is_pr ? kPrColumns : kDxColumns) {
      const std::string name = (is_pr ? "pr." : "dx.") + col;
      if (!o.only_column.empty() && name != o.only_column) continue;
      tally(tallies[name], row.expected.at(col), actual.count(col) ? actual.at(col) : "<missing>", example,
            o.max_examples);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: compare_grouper <data_folder> <claims_expected.tsv[.gz]> <codes_expected.tsv[.gz]>"
                 " [--examples N] [--column NAME] [--max-mismatches N] [--bench]\n";
    return 2;
  }
  const Options options = parse_options(argc, argv);
  const auto load_start = std::chrono::steady_clock::now();
  const drg::Grouper grouper(argv[1]);
  const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  std::printf("tables loaded in %.2f s, ~%.1f MB\n", load_s, static_cast<double>(grouper.table_bytes()) / 1e6);
  const std::vector<ClaimRow> claims = read_claims(argv[2]);
  const std::vector<CodeRow> codes = read_codes(argv[3]);
  const std::vector<drg::GroupResult> results = group_all(grouper, claims, options.bench);

  std::map<std::string, Tally> tallies;
  tally_claims(claims, results, options, tallies);
  tally_codes(claims, results, codes, options, tallies);
  int passed = 0, failed = 0;
  for (const auto& [name, t] : tallies) {
    std::printf("%-28s %7ld / %7ld  %8.3f%%\n", name.c_str(), t.agree, t.total,
                100.0 * static_cast<double>(t.agree) / static_cast<double>(std::max(1L, t.total)));
    for (const std::string& e : t.examples) std::printf("    %s\n", e.c_str());
    (t.total - t.agree <= options.max_mismatches ? passed : failed) += 1;
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
