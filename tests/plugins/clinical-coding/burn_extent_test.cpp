// The extent of body surface a chart's burns cover (burn_extent.cpp): T31 beside T20-T25, as the
// Tabular's note at T20-T25 asks.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

TEST(BurnExtent, UnderTenPercentIsT310) {
  const Chart chart("Spilled hot coffee on the right forearm. Estimated TBSA ~2%, no third-degree component.\nAssessment: second-degree burn of right forearm.\n",
                    {{"second-degree burn of right forearm", "T22.211A"}});
  const auto codes = chart.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "T31.0")) << testing::PrintToString(codes);
}

TEST(BurnExtent, TensOfTheTotalAndOfTheThirdDegreePart) {
  const Chart chart("Flame burns over 35% TBSA, of which 12% full thickness.\nAssessment: third-degree burn of chest wall.\n",
                    {{"third-degree burn of chest wall", "T21.31XA"}});
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "T31.31")) << testing::PrintToString(codes);
  const Chart unmeasured("Flame burns over 35% TBSA.\nAssessment: third-degree burn of chest wall.\n", {{"third-degree burn of chest wall", "T21.31XA"}});
  const auto open = unmeasured.codes(Policy::inpatient);
  EXPECT_TRUE(std::none_of(open.begin(), open.end(), [](const std::string& c) { return c.starts_with("T31"); }))
      << "a third-degree part the chart does not measure leaves the fifth character unknown: " << testing::PrintToString(open);
}

TEST(BurnExtent, WithoutAPercentageUnderTenPercentIsFlagged) {
  const Chart chart("Touched a live wire.\nAssessment: second-degree burn of right index finger.\n", {{"second-degree burn of right index finger", "T23.221A"}});
  const auto codes = chart.code(Policy::outpatient);
  const auto extent = std::find_if(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code == "T31.0"; });
  ASSERT_NE(extent, codes.end());
  EXPECT_FALSE(extent->review_reasons.empty()) << "the extent is assumed, not stated";
}

TEST(BurnExtent, NoneWithoutABurnOrAtALaterEncounter) {
  const Chart healing("Burn of right forearm, healing well, 2% TBSA.\nAssessment: second-degree burn of right forearm, subsequent encounter.\n",
                      {{"second-degree burn of right forearm, subsequent encounter", "T22.211D"}});
  const auto codes = healing.codes(Policy::outpatient);
  EXPECT_TRUE(std::none_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("T31"); })) << testing::PrintToString(codes);
}

}  // namespace
}  // namespace chartflow::coding
