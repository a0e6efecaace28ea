// A population life table: the annual probability of death q by sex, single year of age and
// calendar year (CSV: sex,age,year,q), turned into the constant daily hazard -ln(1-q)/365.241 of
// each cell, as R's relsurv::transrate does, so expected survival matches R's to the day.
#pragma once

#include "cohort.hpp"

#include <filesystem>
#include <vector>

namespace chartflow::registry {

constexpr double kDaysPerYear = 365.241;  // the year length of R's ratetables

class LifeTable {
 public:
  // Throws CohortError naming the file and line: a malformed row, q outside [0, 1), a gap (every
  // sex x age x year from the smallest to the largest must be there), a duplicate.
  explicit LifeTable(const std::filesystem::path& file);

  // Daily hazard at age `age_years` (the last age covers older ones) in calendar `year` (years
  // outside the table use its first or last year).
  double hazard(Sex sex, int age_years, int year) const;
  // The expected cumulative hazard of a person of age `age_days` on date `date` (days since
  // 1970-01-01) over the next `span` days: exact, cell by cell (birthdays, New Years).
  double cumulative_hazard(Sex sex, double age_days, double date, double span) const;

  int min_year() const { return min_year_; }
  int max_year() const { return max_year_; }
  int max_age() const { return max_age_; }

 private:
  int min_year_ = 0, max_year_ = 0, max_age_ = 0;
  std::vector<double> rates_;  // [sex][age][year]
};

}  // namespace chartflow::registry
