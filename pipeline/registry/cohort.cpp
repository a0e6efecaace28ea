#include "cohort.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

namespace chartflow::registry {
namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
long days_from_civil(int y, int m, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1] || (m == 2 && d == 29 && !leap))
    throw std::invalid_argument("not a real date");
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

long parse_date(const std::string& text) {
  std::string digits;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') digits = text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
  else digits = text;
  if (digits.size() != 8 || !all_digits(digits)) throw std::invalid_argument("'" + text + "' is not a date (YYYY-MM-DD or YYYYMMDD)");
  try {
    return days_from_civil(std::stoi(digits.substr(0, 4)), std::stoi(digits.substr(4, 2)), std::stoi(digits.substr(6, 2)));
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument("'" + text + "' is not a real date");
  }
}

std::string naaccr_date(long days) {
  int y, m, d;
  civil_from_days(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
  return buf;
}

long today_days() {
  return std::chrono::duration_cast<std::chrono::hours>(std::chrono::system_clock::now().time_since_epoch()).count() / 24;
}

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') fields.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else fields.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

std::vector<CohortCase> read_cohort(const std::filesystem::path& file, long today) {
  std::ifstream in(file);
  if (!in) throw CohortError(file.string() + ": cannot read the cohort file");
  std::string line;
  if (!std::getline(in, line)) throw CohortError(file.string() + ": empty (expected a header line)");
  std::map<std::string, std::size_t> column;
  const auto header = split_csv(line);
  for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  static const std::set<std::string> known = {"patient_id", "sex", "birth_date", "diagnosis_date", "last_contact_date", "vital_status",
                                              "site", "stage", "treatment", "area"};
  for (const auto& [name, i] : column)
    if (!known.count(name)) throw CohortError(file.string() + ": unknown column '" + name + "'");
  for (const char* required : {"patient_id", "sex", "birth_date", "diagnosis_date", "last_contact_date", "vital_status"})
    if (!column.count(required)) throw CohortError(file.string() + ": the header has no '" + std::string(required) + "' column");
  std::vector<CohortCase> cases;
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty() || line == "\r") continue;
    const auto f = split_csv(line);
    const std::string where = file.string() + ":" + std::to_string(n) + ": ";
    const auto get = [&](const char* name) -> std::string {
      const auto it = column.find(name);
      return it == column.end() || it->second >= f.size() ? "" : f[it->second];
    };
    const auto date = [&](const char* name) {
      try {
        const long d = parse_date(get(name));
        if (d > today) throw CohortError(where + name + " " + get(name) + " is in the future");
        return d;
      } catch (const std::invalid_argument& e) {
        throw CohortError(where + name + ": " + e.what());
      }
    };
    CohortCase c;
    c.id = get("patient_id");
    if (c.id.empty()) throw CohortError(where + "patient_id is empty");
    const std::string sex = get("sex");
    if (sex == "1" || sex == "M" || sex == "male") c.sex = Sex::male;
    else if (sex == "2" || sex == "F" || sex == "female") c.sex = Sex::female;
    else throw CohortError(where + "sex '" + sex + "' must be 1 (male) or 2 (female) (NAACCR item 220; other codes have no life table)");
    c.birth = date("birth_date");
    c.diagnosis = date("diagnosis_date");
    c.last_contact = date("last_contact_date");
    if (c.diagnosis < c.birth) throw CohortError(where + "diagnosis_date is before birth_date");
    if (c.last_contact < c.diagnosis) throw CohortError(where + "last_contact_date is before diagnosis_date");
    const std::string vital = get("vital_status");
    if (vital == "0" || vital == "dead") c.dead = true;
    else if (vital == "1" || vital == "alive") c.dead = false;
    else throw CohortError(where + "vital_status '" + vital + "' must be 0 (dead) or 1 (alive) (NAACCR item 1760)");
    c.site = get("site");
    c.stage = get("stage");
    c.treatment = get("treatment");
    c.area = get("area");
    cases.push_back(std::move(c));
  }
  if (cases.empty()) throw CohortError(file.string() + ": no cases");
  return cases;
}

}  // namespace chartflow::registry
