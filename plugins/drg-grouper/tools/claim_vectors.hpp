// The CMS test vectors' claims file (tests/fixtures/reimbursement/msdrg_mce_v43_claims_expected.tsv.gz) read
// as grouper and MCE inputs with the CMS results expected for each claim. Shared by compare_grouper (exact
// agreement) and the benchmark (pipeline/bench/bench_drg.cpp).
//
// Columns: id, source, version (430/431), discharge_date (yyyymmdd), age, sex (0 male, 1 female, 2 unknown:
// the MS-DRG convention), discharge_status, hospital_status (NOT_EXEMPT, EXEMPT, UNKNOWN), length_of_stay,
// pdx and sdx as CODE:POA (sdx space-separated), admit_dx, procedures (space-separated), then the CMS
// grouper's claim-level results (kClaimColumns) and the MCE's (mce_version, mce_edit_type, mce_edits).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "grouper.hpp"
#include "mce.hpp"
#include "table_reader.hpp"

namespace chartflow::drg::vectors {

struct ClaimRow {
  std::string id;
  Claim claim;
  int length_of_stay = 0;
  std::map<std::string, std::string> expected;  // claim-level columns (kClaimColumns)
};

inline const std::vector<std::string> kClaimColumns = {
    "initial_mdc", "initial_drg", "initial_base_drg", "initial_med_surg", "initial_return_code",
    "initial_severity", "final_mdc", "final_drg", "final_base_drg", "final_med_surg", "final_return_code",
    "final_severity", "final_drg_sdx_severity", "hac_status", "num_hac_categories"};

// The non-empty parts of `text` between separators.
inline std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t end = text.find(sep);
    if (end != 0) out.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

inline DiagnosisInput parse_dx(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return {std::string(text), Poa::blank};
  return {std::string(text.substr(0, colon)), poa_from_string(text.substr(colon + 1))};
}

inline HospitalStatus hospital_of(std::string_view text) {
  if (text == "EXEMPT") return HospitalStatus::exempt;
  if (text == "UNKNOWN") return HospitalStatus::unknown;
  return HospitalStatus::not_exempt;
}

// Every claim of the file; throws std::runtime_error naming the file and line on a malformed row.
inline std::vector<ClaimRow> read_claims(const std::string& path) {
  detail::TableReader in(path, {"id", "source", "version", "discharge_date", "age", "sex", "discharge_status",
                                "hospital_status", "length_of_stay", "pdx", "admit_dx", "sdx", "procedures",
                                "initial_mdc", "initial_drg", "initial_base_drg", "initial_med_surg",
                                "initial_return_code", "initial_severity", "final_mdc", "final_drg", "final_base_drg",
                                "final_med_surg", "final_return_code", "final_severity", "final_drg_sdx_severity",
                                "hac_status", "num_hac_categories", "mce_version", "mce_edit_type", "mce_edits"});
  std::vector<ClaimRow> rows;
  while (in.next()) {
    ClaimRow row;
    row.id = in.field(0);
    Claim& c = row.claim;
    c.discharge_date = in.integer(3);
    c.age = in.integer(4);
    const int sex = in.integer(5);
    c.sex = sex == 0 ? Sex::male : sex == 1 ? Sex::female : Sex::unknown;
    c.discharge_status = in.integer(6);
    c.hospital_status = hospital_of(in.field(7));
    row.length_of_stay = in.integer(8);
    c.pdx = parse_dx(in.field(9));
    c.admit_dx = in.field(10);
    for (const std::string& dx : split(in.field(11), ' ')) c.sdx.push_back(parse_dx(dx));
    c.procedures = split(in.field(12), ' ');
    for (std::size_t i = 0; i < kClaimColumns.size(); ++i) row.expected[kClaimColumns[i]] = in.field(13 + i);
    rows.push_back(std::move(row));
  }
  return rows;
}

// The claim as the MCE takes it: the same codes without their POA indicators.
inline MceClaim mce_claim(const ClaimRow& row) {
  const Claim& c = row.claim;
  MceClaim m;
  m.discharge_date = c.discharge_date;
  m.age = c.age;
  m.sex = c.sex == Sex::male ? MceSex::male : c.sex == Sex::female ? MceSex::female : MceSex::unknown;
  m.discharge_status = c.discharge_status;
  m.length_of_stay = row.length_of_stay;
  m.pdx = c.pdx.code;
  for (const DiagnosisInput& dx : c.sdx) m.sdx.push_back(dx.code);
  m.procedures = c.procedures;
  return m;
}

}  // namespace chartflow::drg::vectors
