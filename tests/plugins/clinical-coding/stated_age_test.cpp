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

TEST(ExamSide, TheSideAnImagingReportsExamLineNames) {
  EXPECT_EQ(exam_side("REPORT\nExam: MRI RIGHT KNEE WITHOUT CONTRAST    Date of exam: 02/21\n"), "right");
  EXPECT_EQ(exam_side("EXAM: XR LEFT WRIST 3 VIEWS\n"), "left");
  EXPECT_EQ(exam_side("Exam: XR BILATERAL KNEES\n"), "");
  EXPECT_EQ(exam_side("HPI: right knee pain.\n"), "") << "only the exam line";
}

// An imaging report's finding without a side of its own is of the exam's side; one side named
// and no other is the index's "unilateral".
TEST(ExamSide, AFindingTakesTheExamsSide) {
  testing_fixture::Chart chart("Exam: MRI RIGHT KNEE\nIMPRESSION:\n1. Mild medial compartment osteoarthritis of the right knee.\n2. Baker cyst, intact.\n",
                               {{"osteoarthritis", "M19.90"}, {"Baker cyst", "M71.2"}}, "impression");
  const auto codes = chart.codes(Policy::outpatient);
  EXPECT_TRUE(testing_fixture::has(codes, "M17.11")) << testing::PrintToString(codes);
  EXPECT_TRUE(testing_fixture::has(codes, "M71.21")) << testing::PrintToString(codes);
}

}  // namespace
}  // namespace chartflow::coding
