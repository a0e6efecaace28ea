#include "primary_pairs.hpp"

#include "cohort.hpp"

#include <chartflow/csv.hpp>

#include <array>
#include <fstream>

namespace chartflow::registry {
namespace {

constexpr std::array<const char*, 14> kColumns = {"year1", "month1", "day1", "site1", "hist1", "beh1", "lat1",
                                                  "year2", "month2", "day2", "site2", "hist2", "beh2", "lat2"};

// Digits only; blank (and the NAACCR "unknown" 99 for month/day) is 0.
int number(const std::string& text, const std::string& where, const char* column, bool blank_ok) {
  if (text.empty() && blank_ok) return 0;
  if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos)
    throw CohortError(where + "'" + column + "' must be a number" + (blank_ok ? " or blank" : ""));
  const int v = std::stoi(text);
  return blank_ok && v == 99 ? 0 : v;
}

mph::Tumor tumor(const std::vector<std::string>& f, const std::map<std::string, std::size_t>& col, char n, const std::string& where) {
  const auto get = [&](const std::string& name) { return f[col.at(name + n)]; };
  const auto c = [&](const char* name) { return std::string(name) + n; };
  mph::Tumor t;
  t.year = number(get("year"), where, c("year").c_str(), false);
  t.month = number(get("month"), where, c("month").c_str(), true);
  t.day = number(get("day"), where, c("day").c_str(), true);
  t.site = get("site");
  for (auto& ch : t.site) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  t.histology = number(get("hist"), where, c("hist").c_str(), false);
  t.behavior = number(get("beh"), where, c("beh").c_str(), false);
  const auto lat = get("lat");
  if (lat.size() > 1) throw CohortError(where + "'" + c("lat") + "' must be one NAACCR laterality code (0-5, 9) or blank");
  t.laterality = lat.empty() ? 0 : lat[0];
  return t;
}

}  // namespace

std::vector<PrimaryPair> read_primary_pairs(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CohortError(file.string() + ": cannot read the pairs file");
  std::string line;
  if (!std::getline(in, line)) throw CohortError(file.string() + ": empty (expected a header line)");
  const auto header = split_csv(line);
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  for (const char* name : kColumns)
    if (!col.contains(name)) throw CohortError(file.string() + ": the header has no '" + name + "' column");
  std::vector<PrimaryPair> pairs;
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty() || line == "\r") continue;
    auto f = split_csv(line);
    const std::string where = file.string() + ":" + std::to_string(n) + ": ";
    // SEER's published test cases write the reason last and unquoted, commas and all.
    if (f.size() > header.size() && header.back() == "reason") {
      for (std::size_t i = header.size(); i < f.size(); ++i) f[header.size() - 1] += "," + f[i];
      f.resize(header.size());
    }
    if (f.size() != header.size())
      throw CohortError(where + "has " + std::to_string(f.size()) + " fields, the header " + std::to_string(header.size()));
    PrimaryPair p{n, tumor(f, col, '1', where), tumor(f, col, '2', where), {}, {}};
    if (col.contains("result") && !f[col["result"]].empty()) p.expected_result = f[col["result"]];
    if (col.contains("reason")) p.expected_reason = f[col["reason"]];
    pairs.push_back(std::move(p));
  }
  return pairs;
}

DecidedPairs decide_pairs(const std::vector<PrimaryPair>& pairs) {
  DecidedPairs out;
  out.csv = "line,result,rule_set,step,reason,expected_result,expected_reason\n";
  for (const auto& p : pairs) {
    const auto d = mph::decide(p.first, p.second);
    const std::string result(mph::to_string(d.result));
    // Line breaks in a rule's statement are written as the two characters \n, as SEER's test
    // cases write them, so a row stays one line.
    std::string reason = d.reason;
    for (std::size_t i = 0; (i = reason.find('\n', i)) != std::string::npos; i += 2) reason.replace(i, 1, "\\n");
    out.csv += std::to_string(p.line) + "," + result + "," + sdk::csv_cell(d.rule_set) + "," + d.step + "," + sdk::csv_cell(reason) + "," +
               p.expected_result.value_or("") + "," + sdk::csv_cell(p.expected_reason.value_or("")) + "\n";
    if (!p.expected_result) continue;
    auto& a = out.by_rule_set[d.rule_set];
    ++a.pairs;
    if (result == *p.expected_result) ++a.result_agrees;
    if (p.expected_reason && reason == *p.expected_reason) ++a.reason_agrees;
  }
  return out;
}

}  // namespace chartflow::registry
