#include "drg_regroup.hpp"

#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace chartflow::review {
namespace {

using nlohmann::json;

// A UB-04 / 837I claim: the principal diagnosis and 24 others, 25 procedures (as the stage).
constexpr std::size_t kMaxSecondary = 24, kMaxProcedures = 25;

std::string claim_code(const std::string& code) {
  std::string out;
  for (const char c : code)
    if (c != '.' && c != ' ') out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

int yyyymmdd(const std::string& iso) {
  if (iso.size() != 10) return 0;
  std::string digits;
  for (const char c : iso)
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  return digits.size() == 8 ? std::stoi(digits) : 0;
}

drg::Sex sex_of(const std::string& sex) { return sex == "female" ? drg::Sex::female : sex == "male" ? drg::Sex::male : drg::Sex::unknown; }

// The POA the stage reported for each code item of the claim.
std::map<std::string, drg::Poa> stage_poa(const json& item) {
  std::map<std::string, drg::Poa> out;
  for (const auto& p : item.value("poa", json::array()))
    if (p.is_object()) out[p.value("code_id", "")] = drg::poa_from_string(p.value("poa", ""));
  return out;
}

}  // namespace

DrgRegrouper::DrgRegrouper(const std::filesystem::path& data_folder) : grouper_(data_folder), catalog_(data_folder) {}

json DrgRegrouper::regroup(const json& item, const ReviewState& state) const {
  const json claim_in = item.value("claim", json::object());
  drg::Claim claim;
  claim.discharge_date = yyyymmdd(claim_in.value("discharge_date", ""));
  claim.age = claim_in.value("age", 0);
  claim.sex = sex_of(claim_in.value("sex", ""));
  // A record edited by hand may hold anything here: a status that is no number groups as 0,
  // which the grouper reports as an invalid discharge status rather than a guess.
  const std::string status = claim_in.value("discharge_status", "01");
  int status_number = 0;
  if (std::from_chars(status.data(), status.data() + status.size(), status_number).ec != std::errc{}) status_number = 0;
  claim.discharge_status = status_number;
  const auto poa = stage_poa(item);
  std::vector<std::string> assumed;
  const auto poa_of = [&](const ReviewCode& c) {
    if (const auto it = poa.find(c.code_id); it != poa.end() && !c.code_id.empty()) return it->second;
    assumed.push_back(c.code);
    return drg::Poa::unknown;
  };
  // Record order: the grouper ranks the secondary diagnoses itself, and the procedures keep the
  // coding stage's order (the principal procedure first). A repeated code is one claim line.
  bool has_pdx = false;
  std::set<std::string> seen;
  for (const auto& c : state.codes) {
    if (!c.is_final() || !c.billable || !seen.insert(c.system + "|" + claim_code(c.code)).second) continue;
    if (c.is_diagnosis() && c.role == "principal" && !has_pdx) {
      claim.pdx = {claim_code(c.code), poa_of(c)};
      has_pdx = true;
    } else if (c.is_diagnosis() && claim.sdx.size() < kMaxSecondary) {
      claim.sdx.push_back({claim_code(c.code), poa_of(c)});
    } else if (c.system == "ICD-10-PCS" && claim.procedures.size() < kMaxProcedures) {
      claim.procedures.push_back(claim_code(c.code));
    }
  }
  if (!has_pdx) return {{"error", "the reviewed codes have no principal diagnosis"}};
  const drg::GroupResult r = grouper_.group(claim);
  return {{"drg", r.final.drg},
          {"title", catalog_.drg_title(r.final.drg, r.version)},
          {"mdc", r.final.mdc},
          {"mdc_title", catalog_.mdc_title(r.final.mdc, r.version)},
          {"severity", drg::to_string(r.final.severity)},
          {"return_code", drg::to_string(r.final.return_code)},
          {"poa_assumed_u", assumed}};
}

}  // namespace chartflow::review
