// Incidence rates per 100,000 by area: crude, and directly age-adjusted to the 2000 US standard
// population (19 age groups, NCI/SEER), with gamma confidence intervals: Fay-Feuer (1997) and
// Tiwari et al. (2006), the interval SEER*Stat reports.
#pragma once

#include "cohort.hpp"

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace chartflow::registry {

constexpr int kAgeGroups = 19;  // 0, 1-4, 5-9, ..., 80-84, 85+
int age_group(double age_years);
const std::array<double, kAgeGroups>& us_2000_standard();

struct Rate {
  std::string area;
  long cases = 0;
  double population = 0;
  double crude = 0, adjusted = 0;                             // per 100,000
  double fay_feuer_lower = 0, fay_feuer_upper = 0;            // per 100,000
  double tiwari_lower = 0, tiwari_upper = 0;                  // per 100,000
};

// population.csv: area,age_group,population (person-years at risk). Throws CohortError naming the line.
std::map<std::string, std::array<double, kAgeGroups>> read_population(const std::filesystem::path& file);

// Cases by area and age group at diagnosis -> rates. An area with cases and no population is an error.
std::vector<Rate> incidence(const std::vector<CohortCase>& cases, const std::map<std::string, std::array<double, kAgeGroups>>& population,
                            double confidence = 0.95);

// The age-adjusted rate of counts in `population` (both by age group), per 100,000, with its intervals.
Rate adjusted_rate(const std::array<double, kAgeGroups>& counts, const std::array<double, kAgeGroups>& population, double confidence);

}  // namespace chartflow::registry
