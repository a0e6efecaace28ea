// A prenatal visit for a normal pregnancy leads with Z34.- by gravidity and trimester, with its
// weeks (Z3A) after it (prenatal_supervision.cpp, I.C.21.c.11).
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

TEST(PrenatalSupervision, AFirstPregnancyInTheFirstTrimesterLeadsWithItsWeeks) {
  const Chart chart("26 y/o G1P0 presenting for initial prenatal care.\n"
                    "ASSESSMENT: Supervision of normal first pregnancy, first trimester - low risk. 10 weeks gestation.",
                    {});
  const auto codes = chart.codes(Policy::outpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "Z34.01") << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Z3A.10")) << testing::PrintToString(codes);
}

TEST(PrenatalSupervision, ALaterPregnancyByItsGravidaAndWeeks) {
  const Chart chart("31 y/o G3P2 here for routine prenatal visit at 30 weeks gestation. Doing well.", {});
  const auto codes = chart.codes(Policy::outpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "Z34.83") << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Z3A.30")) << testing::PrintToString(codes);
}

TEST(PrenatalSupervision, AHighRiskPregnancyLeadsWithO09ByItsRisk) {
  const Chart chart("38 y/o G4 P2-0-1-2. Gestational age today: 24 weeks 2 days. Routine prenatal visit.\n"
                    "ASSESSMENT: Supervision of high-risk pregnancy, elderly multigravida, second trimester - 24 weeks 2 days.\n"
                    "Iron deficiency anemia complicating pregnancy.",
                    {{"Iron deficiency anemia", "D50.9"}});
  const auto codes = chart.codes(Policy::outpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "O09.522") << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "O99.012")) << "the anemia in chapter 15, by the trimester: " << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "D50.9")) << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Z3A.24")) << testing::PrintToString(codes);
  for (const auto& code : codes) EXPECT_FALSE(code.starts_with("Z34")) << code;
}

TEST(PrenatalSupervision, WithoutWeeksTheTrimesterTheSentenceNames) {
  const Chart chart("ASSESSMENT: Supervision of normal pregnancy, G2P1, third trimester.", {});
  const auto codes = chart.codes(Policy::outpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "Z34.83") << testing::PrintToString(codes);
}

TEST(PrenatalSupervision, AComplicatedPregnancyIsNoNormalOne) {
  const Chart chart("Routine prenatal visit at 24 weeks gestation. Iron deficiency anemia complicating pregnancy, second trimester.", {});
  for (const auto& code : chart.codes(Policy::outpatient)) EXPECT_FALSE(code.starts_with("Z34")) << code;
}

TEST(PrenatalSupervision, AnInfantsBirthHistoryIsItsMothersPregnancy) {
  const Chart chart("BIRTH HX: Uncomplicated pregnancy; discharged day 2.\nASSESSMENT: Tongue-tie.", {{"Tongue-tie", "Q38.1"}});
  for (const auto& code : chart.codes(Policy::outpatient)) EXPECT_FALSE(code.starts_with("Z34")) << code;
}

}  // namespace
}  // namespace chartflow::coding
