// Registry statistics: hand-worked survival and rates, and every bad input refused with the file,
// line and item named (the agreement with R is tests/registry/stats_agree_with_r.py).
#include "test_support.hpp"

#include "registry/cohort.hpp"
#include "registry/incidence.hpp"
#include "registry/life_table.hpp"
#include "registry/survival.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace chartflow::test {
namespace {

using registry::CohortCase;

const long kToday = registry::days_from_civil(2026, 12, 1);

CohortCase person(long followup, bool dead, registry::Sex sex = registry::Sex::male, int age = 60) {
  CohortCase c;
  c.id = "p";
  c.sex = sex;
  c.diagnosis = registry::days_from_civil(2015, 3, 1);
  c.birth = c.diagnosis - static_cast<long>(age * 365.25);
  c.last_contact = c.diagnosis + followup;
  c.dead = dead;
  return c;
}

TEST(KaplanMeier, MatchesTheHandWorkedExample) {
  // Deaths at 10 and 20 (two), censored at 20 and 30, a death at 40: six people.
  const std::vector<CohortCase> cases = {person(10, true), person(20, true), person(20, true), person(20, false), person(30, false), person(40, true)};
  const auto km = registry::kaplan_meier(cases);
  ASSERT_EQ(km.size(), 4u);
  EXPECT_DOUBLE_EQ(km[0].survival, 5.0 / 6);
  EXPECT_DOUBLE_EQ(km[1].survival, 5.0 / 6 * 3 / 5);  // 5 at risk at 20, 2 die
  EXPECT_EQ(km[1].censored, 1);
  EXPECT_DOUBLE_EQ(km[2].survival, km[1].survival);    // only a censoring at 30
  EXPECT_DOUBLE_EQ(km[3].survival, 0.0);                // the last one dies
  // Greenwood: sqrt(1/(6*5) + 2/(5*3)) for the cumulative hazard's standard error at day 20.
  EXPECT_NEAR(km[1].std_error, std::sqrt(1.0 / 30 + 2.0 / 15), 1e-12);
  EXPECT_NEAR(km[1].lower, km[1].survival * std::exp(-1.959963984540054 * km[1].std_error), 1e-12);
  EXPECT_DOUBLE_EQ(registry::survival_at(km, 25), km[1].survival);
  EXPECT_DOUBLE_EQ(registry::survival_at(km, 5), 1.0);
}

TEST(NetSurvival, EqualsObservedWhenThePopulationNeverDies) {
  test::TempDir dir;
  std::string table = "sex,age,year,q\n";
  for (int sex = 1; sex <= 2; ++sex)
    for (int age = 0; age <= 2; ++age)
      for (int year = 2014; year <= 2016; ++year) table += std::to_string(sex) + "," + std::to_string(age) + "," + std::to_string(year) + ",0\n";
  write_file(dir / "lt.csv", table);
  const registry::LifeTable lt(dir / "lt.csv");
  const std::vector<CohortCase> cases = {person(10, true), person(20, true), person(25, false), person(40, true)};
  const auto km = registry::kaplan_meier(cases);
  for (const auto method : {registry::NetMethod::ederer2, registry::NetMethod::pohar_perme}) {
    const auto net = registry::net_survival(cases, lt, method);
    ASSERT_EQ(net.size(), km.size());
    for (std::size_t i = 0; i < km.size(); ++i) EXPECT_NEAR(net[i].survival, km[i].survival, 1e-12);
  }
}

TEST(LifeTable, IntegratesAcrossBirthdaysAndNewYears) {
  test::TempDir dir;
  std::string table = "sex,age,year,q\n";
  for (int sex = 1; sex <= 2; ++sex)
    for (int age = 0; age <= 1; ++age)
      for (int year = 2000; year <= 2001; ++year)
        table += std::to_string(sex) + "," + std::to_string(age) + "," + std::to_string(year) + "," + (age == 0 ? "0.1" : "0.2") + "\n";
  write_file(dir / "lt.csv", table);
  const registry::LifeTable lt(dir / "lt.csv");
  const double h0 = -std::log(0.9) / registry::kDaysPerYear, h1 = -std::log(0.8) / registry::kDaysPerYear;
  // Aged 300 days on 2000-06-01, for 100 days: 65.241 days at age 0, the rest at age 1.
  const double start = static_cast<double>(registry::days_from_civil(2000, 6, 1));
  EXPECT_NEAR(lt.cumulative_hazard(registry::Sex::female, 300, start, 100), h0 * 65.241 + h1 * 34.759, 1e-12);
}

void expect_cohort_error(const std::string& csv, const std::string& says) {
  test::TempDir dir;
  write_file(dir / "cohort.csv", csv);
  try {
    registry::read_cohort(dir / "cohort.csv", kToday);
    ADD_FAILURE() << "accepted:\n" << csv;
  } catch (const registry::CohortError& e) {
    EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("cohort.csv"), std::string::npos) << e.what();
  }
}

TEST(Cohort, BadRowsAreRefusedNamingLineAndItem) {
  const std::string header = "patient_id,sex,birth_date,diagnosis_date,last_contact_date,vital_status\n";
  expect_cohort_error("", "empty");
  expect_cohort_error(header, "no cases");
  expect_cohort_error("patient_id,sex,birth_date\n", "no 'diagnosis_date' column");
  expect_cohort_error(header.substr(0, header.size() - 1) + ",colour\n", "unknown column 'colour'");
  expect_cohort_error(header + "P1,1,1950-01-01,2030-01-01,2030-02-01,1\n", ":2: diagnosis_date 2030-01-01 is in the future");
  expect_cohort_error(header + "P1,1,1950-01-01,1940-01-01,2020-02-01,1\n", ":2: diagnosis_date is before birth_date");
  expect_cohort_error(header + "P1,1,1950-01-01,2020-01-01,2019-02-01,1\n", "last_contact_date is before diagnosis_date");
  expect_cohort_error(header + "P1,1,1950-02-30,2020-01-01,2020-02-01,1\n", "not a real date");
  expect_cohort_error(header + "P1,9,1950-01-01,2020-01-01,2020-02-01,1\n", "sex '9'");
  expect_cohort_error(header + "P1,1,1950-01-01,2020-01-01,2020-02-01,9\n", "vital_status '9'");
  expect_cohort_error(header + "P1,1,19500101,2020-01-01,2020-02-01,1\nP2,2,1950-01-01,yesterday,2020-02-01,0\n", ":3: diagnosis_date");
}

void expect_table_error(const std::string& csv, const std::string& says) {
  test::TempDir dir;
  write_file(dir / "lt.csv", csv);
  try {
    registry::LifeTable table(dir / "lt.csv");
    ADD_FAILURE() << "accepted:\n" << csv;
  } catch (const registry::CohortError& e) {
    EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
  }
}

TEST(LifeTable, GapsDuplicatesAndImpossibleProbabilitiesAreRefused) {
  expect_table_error("age,sex,year,q\n", "header must be sex,age,year,q");
  expect_table_error("sex,age,year,q\n1,0,2000,0.01\n2,0,2000,0.01\n1,1,2000,0.01\n", "gap: no row for sex 2, age 1, year 2000");
  expect_table_error("sex,age,year,q\n1,0,2000,0.01\n1,0,2000,0.02\n", ":3: a second row");
  expect_table_error("sex,age,year,q\n1,0,2000,1.5\n", ":2: q must be a probability");
  expect_table_error("sex,age,year,q\n1,0,2000,abc\n", ":2: sex, age and year must be whole numbers and q a number");
  expect_table_error("sex,age,year,q\n", "no rows");
}

TEST(Incidence, AgeAdjustedRatesAndTheirIntervals) {
  std::array<double, registry::kAgeGroups> counts{}, population{};
  population.fill(100000);
  counts[registry::age_group(67)] = 40;  // 65-69
  const auto r = registry::adjusted_rate(counts, population, 0.95);
  const auto& std2000 = registry::us_2000_standard();
  double total = 0;
  for (double s : std2000) total += s;
  EXPECT_NEAR(r.adjusted, 40.0 * std2000[14] / total, 1e-9);
  EXPECT_NEAR(r.crude, 40.0 / 19, 1e-9);  // 40 in 1.9 million, per 100,000
  EXPECT_LT(r.fay_feuer_lower, r.adjusted);
  EXPECT_GT(r.fay_feuer_upper, r.adjusted);
  EXPECT_LE(r.tiwari_upper, r.fay_feuer_upper);  // the mean weight never exceeds the largest
  counts.fill(0);
  const auto none = registry::adjusted_rate(counts, population, 0.95);
  EXPECT_EQ(none.adjusted, 0);
  EXPECT_EQ(none.fay_feuer_lower, 0);
  EXPECT_GT(none.fay_feuer_upper, 0);  // no cases is not a rate known to be zero
  EXPECT_EQ(registry::age_group(0.5), 0);
  EXPECT_EQ(registry::age_group(4.9), 1);
  EXPECT_EQ(registry::age_group(5), 2);
  EXPECT_EQ(registry::age_group(103), 18);
}

TEST(Incidence, PopulationFileErrorsNameTheLine) {
  test::TempDir dir;
  write_file(dir / "pop.csv", "area,age_group,population\n001,0,100\n");
  EXPECT_THROW(registry::read_population(dir / "pop.csv"), registry::CohortError);  // 18 groups missing
  write_file(dir / "pop.csv", "area,age_group,population\n001,19,100\n");
  try {
    registry::read_population(dir / "pop.csv");
    FAIL();
  } catch (const registry::CohortError& e) {
    EXPECT_NE(std::string(e.what()).find(":2: age_group must be 0-18"), std::string::npos);
  }
  std::string full = "area,age_group,population\n";
  for (int g = 0; g < registry::kAgeGroups; ++g) full += "001," + std::to_string(g) + ",1000\n";
  write_file(dir / "pop.csv", full);
  const auto population = registry::read_population(dir / "pop.csv");
  auto c = person(10, false);
  c.area = "002";
  EXPECT_THROW(registry::incidence({c}, population), registry::CohortError);  // an area without population
}

}  // namespace
}  // namespace chartflow::test
