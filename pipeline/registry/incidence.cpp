#include "incidence.hpp"

#include <boost/math/distributions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>

namespace chartflow::registry {
namespace {

// The gamma quantile with shape a and scale s; 0 when the shape is 0 (no cases).
double gamma_quantile(double shape, double scale, double p) {
  if (!(shape > 0) || !(scale > 0)) return 0;
  return boost::math::quantile(boost::math::gamma_distribution<double>(shape, scale), p);
}

}  // namespace

int age_group(double age_years) {
  if (age_years < 1) return 0;
  if (age_years < 5) return 1;
  return std::min(kAgeGroups - 1, static_cast<int>(age_years / 5) + 1);
}

const std::array<double, kAgeGroups>& us_2000_standard() {
  // 2000 US standard population (Census P25-1130), 19 age groups, as NCI SEER publishes it.
  static const std::array<double, kAgeGroups> population = {
      3794901, 15191619, 19919840, 20056779, 19819518, 18257225, 17722067, 19511370, 22179956, 22479229,
      19805793, 17224359, 13307234, 10654272, 9409940, 8725574, 7414559, 4900234, 4259173};
  return population;
}

Rate adjusted_rate(const std::array<double, kAgeGroups>& counts, const std::array<double, kAgeGroups>& population, double confidence) {
  const auto& standard = us_2000_standard();
  const double total_standard = std::accumulate(standard.begin(), standard.end(), 0.0);
  Rate r;
  double y = 0, v = 0, w_max = 0, w_sum = 0;
  int groups = 0;
  for (int g = 0; g < kAgeGroups; ++g) {
    r.cases += static_cast<long>(counts[g]);
    r.population += population[g];
    if (population[g] <= 0) continue;
    const double w = standard[g] / total_standard / population[g];  // weight per case in this group
    y += w * counts[g];
    v += w * w * counts[g];
    w_max = std::max(w_max, w);
    w_sum += w;
    ++groups;
  }
  const double alpha = 1 - confidence, k = 100000;
  r.crude = r.population > 0 ? r.cases / r.population * k : 0;
  r.adjusted = y * k;
  // Fay and Feuer (1997): gamma with the rate's mean and variance; the upper end adds the largest weight.
  r.fay_feuer_lower = y > 0 ? gamma_quantile(y * y / v, v / y, alpha / 2) * k : 0;
  r.fay_feuer_upper = gamma_quantile((y + w_max) * (y + w_max) / (v + w_max * w_max), (v + w_max * w_max) / (y + w_max), 1 - alpha / 2) * k;
  // Tiwari et al. (2006): the mean weight instead of the largest, both ends.
  const double w_mean = groups ? w_sum / groups : 0;
  r.tiwari_lower = y > 0 ? gamma_quantile(y * y / v, v / y, alpha / 2) * k : 0;
  r.tiwari_upper = gamma_quantile((y + w_mean) * (y + w_mean) / (v + w_mean * w_mean), (v + w_mean * w_mean) / (y + w_mean), 1 - alpha / 2) * k;
  return r;
}

std::map<std::string, std::array<double, kAgeGroups>> read_population(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw CohortError(file.string() + ": cannot read the population file");
  std::string line;
  std::getline(in, line);
  if (split_csv(line) != std::vector<std::string>{"area", "age_group", "population"})
    throw CohortError(file.string() + ":1: the header must be area,age_group,population (age_group 0-18: 0, 1-4, 5-9, ..., 85+)");
  std::map<std::string, std::array<double, kAgeGroups>> out;
  std::map<std::string, std::array<bool, kAgeGroups>> seen;
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty() || line == "\r") continue;
    const auto f = split_csv(line);
    const std::string where = file.string() + ":" + std::to_string(n) + ": ";
    if (f.size() != 3 || f[0].empty()) throw CohortError(where + "expected area,age_group,population");
    int group = -1;
    double population = -1;
    try {
      group = std::stoi(f[1]);
      population = std::stod(f[2]);
    } catch (const std::exception&) {
      throw CohortError(where + "age_group and population must be numbers");
    }
    if (group < 0 || group >= kAgeGroups) throw CohortError(where + "age_group must be 0-18");
    if (!(population >= 0)) throw CohortError(where + "population must be >= 0");
    if (seen[f[0]][static_cast<std::size_t>(group)]) throw CohortError(where + "a second row for area " + f[0] + ", age group " + f[1]);
    seen[f[0]][static_cast<std::size_t>(group)] = true;
    out[f[0]][static_cast<std::size_t>(group)] = population;
  }
  for (const auto& [area, groups] : seen)
    for (int g = 0; g < kAgeGroups; ++g)
      if (!groups[static_cast<std::size_t>(g)]) throw CohortError(file.string() + ": area " + area + " has no row for age group " + std::to_string(g));
  return out;
}

std::vector<Rate> incidence(const std::vector<CohortCase>& cases, const std::map<std::string, std::array<double, kAgeGroups>>& population,
                            double confidence) {
  std::map<std::string, std::array<double, kAgeGroups>> counts;
  for (const auto& c : cases) {
    if (!population.count(c.area))
      throw CohortError("case " + c.id + ": area '" + c.area + "' has no population in the population file");
    counts[c.area][static_cast<std::size_t>(age_group(c.age_days() / 365.25))] += 1;
  }
  std::vector<Rate> rates;
  for (const auto& [area, pop] : population) {
    Rate r = adjusted_rate(counts[area], pop, confidence);
    r.area = area;
    rates.push_back(r);
  }
  return rates;
}

}  // namespace chartflow::registry
