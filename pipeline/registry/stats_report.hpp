// `chartflow registry stats`: survival by group and incidence by area, written as CSV files and a
// self-contained HTML report (inline SVG survival curves, no script, nothing fetched).
#pragma once

#include "cohort.hpp"
#include "life_table.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::registry {

enum class GroupBy { none, site, stage, treatment };
std::optional<GroupBy> parse_group_by(const std::string& name);

struct StatsOptions {
  GroupBy by = GroupBy::none;
  std::vector<double> years = {1, 3, 5};  // survival reported at these times
  double confidence = 0.95;
};

// Writes survival.csv (every point of every curve), survival-summary.csv (at `years`), incidence.csv
// (when `population` is given) and report.html into `output`. Returns a one-line summary.
std::string write_stats(const std::vector<CohortCase>& cases, const LifeTable* life_table, const std::filesystem::path* population,
                        const StatsOptions& options, const std::filesystem::path& output);

}  // namespace chartflow::registry
