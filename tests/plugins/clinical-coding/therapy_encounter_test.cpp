// An encounter solely for chemotherapy leads with Z51.11 (therapy_encounter.cpp, I.C.2.e.2).
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

TEST(TherapyEncounter, AStayForScheduledChemotherapyLeadsWithIt) {
  const Chart chart("REASON FOR ADMISSION: Scheduled inpatient consolidation chemotherapy, cycle 2 of high-dose cytarabine.\n"
                    "Acute myeloid leukemia in first complete remission.",
                    {{"Acute myeloid leukemia", "C92.00"}}, "discharge_diagnosis");
  const auto codes = chart.codes(Policy::inpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "Z51.11") << testing::PrintToString(codes);
  EXPECT_EQ(codes.size(), 2u) << "and the malignancy after it: " << testing::PrintToString(codes);
}

TEST(TherapyEncounter, AStayForAComplicationOfChemotherapyIsNone) {
  const Chart chart("REASON FOR ADMISSION: Neutropenic fever after chemotherapy for acute myeloid leukemia.",
                    {{"Neutropenic fever", "D70.9"}, {"acute myeloid leukemia", "C92.00"}}, "discharge_diagnosis");
  EXPECT_FALSE(has(chart.codes(Policy::inpatient), "Z51.11")) << testing::PrintToString(chart.codes(Policy::inpatient));
}

}  // namespace
}  // namespace chartflow::coding
