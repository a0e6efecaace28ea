// A registry cohort for survival and incidence: one row per tumour (patient id, sex, birth,
// diagnosis and last-contact dates, vital status, site, stage, treatment, area), read from CSV
// with every bad value refused by line and item, never guessed.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace chartflow::registry {

// Days since 1970-01-01 of a civil date; throws std::invalid_argument on an impossible one.
long days_from_civil(int year, int month, int day);
void civil_from_days(long days, int& year, int& month, int& day);
// "2026-03-09" or NAACCR "20260309" -> days since 1970-01-01; throws std::invalid_argument.
long parse_date(const std::string& text);
// Days since 1970-01-01 as a NAACCR date ("20260309").
std::string naaccr_date(long days);
// Today (UTC) in days since 1970-01-01.
long today_days();

enum class Sex { male = 1, female = 2 };

struct CohortCase {
  std::string id;
  Sex sex = Sex::male;
  long birth = 0, diagnosis = 0, last_contact = 0;  // days since 1970-01-01
  bool dead = false;
  std::string site, stage, treatment, area;

  double followup_days() const { return static_cast<double>(last_contact - diagnosis); }
  double age_days() const { return static_cast<double>(diagnosis - birth); }
};

class CohortError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads FILE: a header naming patient_id, sex, birth_date, diagnosis_date, last_contact_date,
// vital_status (NAACCR item 1760: 0 dead, 1 alive; or dead/alive) and optionally site, stage,
// treatment, area. `today` (days) bounds the dates. Throws CohortError naming line and column.
std::vector<CohortCase> read_cohort(const std::filesystem::path& file, long today);

// Splits a CSV line (RFC 4180 quotes).
std::vector<std::string> split_csv(const std::string& line);

}  // namespace chartflow::registry
