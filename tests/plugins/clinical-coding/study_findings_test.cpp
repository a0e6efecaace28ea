// Section III.B (study_findings.cpp): a condition named only in a study's result is a test's
// finding, not a diagnosis, unless the provider's statement names it.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

TEST(StudyFindings, AConditionOnlyInAStudysResultIsNotCoded) {
  Chart chart("CXR: small bilateral effusions.\nECG: sinus rhythm, LVH voltage.\nAssessment: membranous nephropathy.\n",
              {{"effusions", "J90"}, {"LVH", "I51.7"}, {"membranous nephropathy", "N04.20"}}, "history_of_present_illness");
  chart.mentions.back().section_category = "assessment";
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "N04.20")) << testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "J90")) << testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "I51.7")) << testing::PrintToString(codes);
}

TEST(StudyFindings, TheProvidersStatementMakesItADiagnosis) {
  Chart chart("CXR: right pleural effusion.\nAssessment: right pleural effusion, drained by thoracentesis.\n",
              {{"pleural effusion", "J90"}, {"right pleural effusion, drained", "J90"}}, "history_of_present_illness");
  chart.mentions.back().section_category = "assessment";
  EXPECT_TRUE(has(chart.codes(Policy::inpatient), "J90"));
}

TEST(StudyFindings, AProcedureGuidedByAStudyIsNoStudysResult) {
  Chart chart("US-guided fine needle aspiration of a thyroid nodule today.\nAssessment: type 2 diabetes.\n",
              {{"thyroid nodule", "E04.1"}, {"type 2 diabetes", "E11.9"}}, "hospital_course");
  chart.mentions.back().section_category = "assessment";
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "E04.1")) << "'US-guided' labels no ultrasound result: " << testing::PrintToString(codes);
  Chart result("US: thyroid nodule, 1.2 cm.\nAssessment: type 2 diabetes.\n", {{"thyroid nodule", "E04.1"}, {"type 2 diabetes", "E11.9"}},
               "hospital_course");
  result.mentions.back().section_category = "assessment";
  EXPECT_FALSE(has(result.codes(Policy::inpatient), "E04.1")) << "the same words as an ultrasound's result";
}

TEST(StudyFindings, AChartWithoutADiagnosisStatementKeepsItsFindings) {
  // A radiology report: its findings are its diagnosis.
  const Chart report("CT abdomen: acute uncomplicated appendicitis.\n", {{"acute uncomplicated appendicitis", "K35.80"}}, "findings");
  EXPECT_TRUE(has(report.codes(Policy::outpatient), "K35.80"));
}

}  // namespace
}  // namespace chartflow::coding
