// The patient's age as the chart's opening states it (stated_age.cpp), and the index's "adult"
// subterms it opens.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

TEST(StatedAge, TheWaysChartsSayIt) {
  EXPECT_EQ(stated_age("HPI: 56 yo F with dermatomyositis."), 56);
  EXPECT_EQ(stated_age("A 72-year-old man presents with chest pain."), 72);
  EXPECT_EQ(stated_age("34 y/o M, restrained driver."), 34);
  EXPECT_EQ(stated_age("Name: (SYNTHETIC) Age: 61 Sex: F"), 61);
  EXPECT_EQ(stated_age("The patient is 80 years of age."), 80);
  EXPECT_EQ(stated_age("7-wk-old infant with paroxysmal cough."), std::nullopt) << "weeks are no years";
  EXPECT_EQ(stated_age("Creatinine 1.8, 3 yoga classes a week."), std::nullopt);
  EXPECT_EQ(stated_age("Stage 3 chronic kidney disease."), std::nullopt);
}

TEST(StatedAge, AnAdultsChartReadsTheIndexsAdultSubterms) {
  testing_fixture::Chart adult("HPI: 78 yo M with failure to thrive at home.\nASSESSMENT: Failure to thrive.\n", {{"Failure to thrive", "R62.51"}});
  EXPECT_TRUE(testing_fixture::has(adult.codes(), "R62.7")) << testing::PrintToString(adult.codes());
  testing_fixture::Chart child("HPI: 4-month-old with failure to thrive.\nASSESSMENT: Failure to thrive.\n", {{"Failure to thrive", "R62.51"}});
  EXPECT_TRUE(testing_fixture::has(child.codes(), "R62.51")) << testing::PrintToString(child.codes());
}

}  // namespace
}  // namespace chartflow::coding
