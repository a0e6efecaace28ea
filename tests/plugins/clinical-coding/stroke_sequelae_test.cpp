// Deficits an earlier stroke left are its sequelae, I69 (stroke_sequelae.cpp).
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

TEST(StrokeSequelae, DeficitsOfAnEarlierInfarctionAreItsSequelae) {
  const Chart chart("Oropharyngeal dysphagia and right dominant-side hemiparesis as late effects of prior cerebral infarction; aphasia.",
                    {{"Oropharyngeal dysphagia", "R13.12"}, {"hemiparesis", "G81.91"}, {"aphasia", "R47.01"}}, "assessment");
  const auto codes = chart.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "I69.391")) << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "R13.12")) << "I69.391: use additional code for the type of dysphagia; " << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "I69.351")) << "right, dominant side: " << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "I69.320")) << testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "G81.91") || has(codes, "R47.01")) << testing::PrintToString(codes);
}

TEST(StrokeSequelae, TheStrokesKindChoosesTheSubcategory) {
  const Chart chart("History of intracerebral hemorrhage two years ago with residual left hemiplegia.", {{"hemiplegia", "G81.94"}}, "assessment");
  EXPECT_TRUE(has(chart.codes(Policy::outpatient), "I69.154")) << testing::PrintToString(chart.codes(Policy::outpatient));
}

TEST(StrokeSequelae, ACurrentStrokesDeficitsAreItsOwn) {
  const Chart chart("Acute left MCA ischemic stroke with right hemiparesis and aphasia; prior stroke in 2019.",
                    {{"Acute left MCA ischemic stroke", "I63.512"}, {"hemiparesis", "G81.91"}, {"aphasia", "R47.01"}}, "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "G81.91") && has(codes, "R47.01")) << testing::PrintToString(codes);
  EXPECT_TRUE(std::none_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("I69"); })) << testing::PrintToString(codes);
}

TEST(StrokeSequelae, ADeficitWithNoEarlierStrokeStaysAsItIs) {
  const Chart chart("Right hemiparesis from a brain tumor.", {{"hemiparesis", "G81.91"}}, "assessment");
  EXPECT_TRUE(has(chart.codes(Policy::outpatient), "G81.91"));
}

}  // namespace
}  // namespace chartflow::coding
