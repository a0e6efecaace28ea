// `chartflow registry stats`: survival and incidence of a registry cohort (docs/registry-stats.md).
#include "commands.hpp"

#include "../host/errors.hpp"
#include "../registry/stats_report.hpp"

#include <chrono>
#include <iostream>
#include <sstream>

namespace chartflow::cli {

int registry_command(const Args& args) {
  if (args.words.empty() || args.words.front() != "stats")
    throw UsageError("registry needs a subcommand: `chartflow registry stats --cohort FILE.csv [--life-table FILE.csv] [--population FILE.csv] --output DIR`");
  if (!args.has("cohort") || !args.has("output")) throw UsageError("registry stats needs --cohort FILE.csv and --output DIR");
  registry::StatsOptions options;
  const auto by = registry::parse_group_by(args.value("by", "none"));
  if (!by) throw UsageError("--by must be site, stage, treatment or none");
  options.by = *by;
  if (args.has("years")) {
    options.years.clear();
    std::istringstream in(args.value("years"));
    for (std::string y; std::getline(in, y, ',');) {
      try {
        options.years.push_back(std::stod(y));
      } catch (const std::exception&) {
        throw UsageError("--years takes numbers separated by commas (1,3,5)");
      }
    }
  }
  const long today = std::chrono::duration_cast<std::chrono::hours>(std::chrono::system_clock::now().time_since_epoch()).count() / 24;
  try {
    const auto cases = registry::read_cohort(args.value("cohort"), today);
    std::optional<registry::LifeTable> table;
    if (args.has("life-table")) table.emplace(args.value("life-table"));
    const std::filesystem::path population = args.value("population");
    const std::string said = registry::write_stats(cases, table ? &*table : nullptr, args.has("population") ? &population : nullptr, options,
                                                   args.value("output"));
    std::cout << "chartflow registry stats: " << said << "; wrote " << args.value("output") << "/survival.csv, survival-summary.csv"
              << (args.has("population") ? ", incidence.csv" : "") << " and report.html\n";
    return 0;
  } catch (const registry::CohortError& e) {
    throw host::FatalError(e.what());
  }
}

}  // namespace chartflow::cli
