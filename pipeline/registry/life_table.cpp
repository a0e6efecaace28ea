#include "life_table.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <tuple>

namespace chartflow::registry {
namespace {

int year_of(double date) {
  int y, m, d;
  civil_from_days(static_cast<long>(std::floor(date)), y, m, d);
  return y;
}

}  // namespace

LifeTable::LifeTable(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw CohortError(file.string() + ": cannot read the life table");
  std::string line;
  std::getline(in, line);
  if (split_csv(line) != std::vector<std::string>{"sex", "age", "year", "q"})
    throw CohortError(file.string() + ":1: the header must be sex,age,year,q (q: annual probability of death)");
  std::map<std::tuple<int, int, int>, double> cells;
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty() || line == "\r") continue;
    const auto f = split_csv(line);
    const std::string where = file.string() + ":" + std::to_string(n) + ": ";
    if (f.size() != 4) throw CohortError(where + "expected sex,age,year,q");
    int sex = 0, age = 0, year = 0;
    double q = 0;
    try {
      std::size_t used = 0;
      sex = std::stoi(f[0]), age = std::stoi(f[1]), year = std::stoi(f[2]), q = std::stod(f[3], &used);
      if (used != f[3].size()) throw std::invalid_argument("q");
    } catch (const std::exception&) {
      throw CohortError(where + "sex, age and year must be whole numbers and q a number");
    }
    if (sex != 1 && sex != 2) throw CohortError(where + "sex must be 1 (male) or 2 (female)");
    if (age < 0 || age > 130 || year < 1800 || year > 2200) throw CohortError(where + "age or year out of range");
    if (!(q >= 0 && q < 1)) throw CohortError(where + "q must be a probability in [0, 1)");
    if (!cells.emplace(std::make_tuple(sex, age, year), q).second) throw CohortError(where + "a second row for the same sex, age and year");
  }
  if (cells.empty()) throw CohortError(file.string() + ": no rows");
  min_year_ = 3000, max_year_ = 0;
  for (const auto& [key, q] : cells) {
    max_age_ = std::max(max_age_, std::get<1>(key));
    min_year_ = std::min(min_year_, std::get<2>(key));
    max_year_ = std::max(max_year_, std::get<2>(key));
  }
  const int ages = max_age_ + 1, years = max_year_ - min_year_ + 1;
  rates_.assign(static_cast<std::size_t>(2 * ages * years), 0.0);
  for (int sex = 1; sex <= 2; ++sex)
    for (int age = 0; age <= max_age_; ++age)
      for (int year = min_year_; year <= max_year_; ++year) {
        const auto it = cells.find({sex, age, year});
        if (it == cells.end())
          throw CohortError(file.string() + ": the table has a gap: no row for sex " + std::to_string(sex) + ", age " + std::to_string(age) +
                            ", year " + std::to_string(year));
        rates_[static_cast<std::size_t>(((sex - 1) * ages + age) * years + (year - min_year_))] = -std::log(1 - it->second) / kDaysPerYear;
      }
}

double LifeTable::hazard(Sex sex, int age_years, int year) const {
  const int ages = max_age_ + 1, years = max_year_ - min_year_ + 1;
  const int a = std::clamp(age_years, 0, max_age_), y = std::clamp(year, min_year_, max_year_) - min_year_;
  return rates_[static_cast<std::size_t>(((static_cast<int>(sex) - 1) * ages + a) * years + y)];
}

double LifeTable::cumulative_hazard(Sex sex, double age_days, double date, double span) const {
  double total = 0, done = 0;
  while (done < span) {
    const double age = age_days + done, day = date + done;
    const int age_years = static_cast<int>(std::floor(age / kDaysPerYear + 1e-12));
    const int year = year_of(day);
    // The cell ends at the next birthday or New Year, whichever comes first.
    const double to_birthday = (age_years + 1) * kDaysPerYear - age;
    const double to_new_year = static_cast<double>(days_from_civil(year + 1, 1, 1)) - day;
    const double step = std::min({span - done, std::max(to_birthday, 1e-9), std::max(to_new_year, 1e-9)});
    total += hazard(sex, age_years, year) * step;
    done += step;
  }
  return total;
}

}  // namespace chartflow::registry
