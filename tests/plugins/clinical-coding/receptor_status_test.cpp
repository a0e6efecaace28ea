// A breast cancer's receptor status (Z17) as pathology reports and notes write it.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

std::vector<std::string> z17_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& c : Chart("Invasive ductal carcinoma of the left breast, upper outer quadrant. " + text,
                             {{"Invasive ductal carcinoma of the left breast, upper outer quadrant", "C50.412"}}, "final_diagnosis")
                           .codes(Policy::outpatient))
    if (c.starts_with("Z17")) out.push_back(c);
  return out;
}

TEST(ReceptorStatus, HormoneAndHer2StatusTogetherAreTheCombinedCode) {
  EXPECT_EQ(z17_of("Estrogen receptor (ER): POSITIVE, 95%.\nProgesterone receptor (PR): POSITIVE, 60%.\nHER2 (IHC): NEGATIVE (score 1+)."),
            std::vector<std::string>{"Z17.411"});
  EXPECT_EQ(z17_of("ER/PR positive, HER2 positive."), std::vector<std::string>{"Z17.410"});
  EXPECT_EQ(z17_of("ER-/PR-/HER2- (triple negative)."), std::vector<std::string>{"Z17.421"});
  EXPECT_EQ(z17_of("ER negative, PR negative. HER2 by FISH: amplified."), std::vector<std::string>{"Z17.420"});
  EXPECT_EQ(z17_of("ER weakly positive (5%), PR negative, HER2 by FISH: not amplified."), std::vector<std::string>{"Z17.411"})
      << "hormone receptor positive when either is";
}

TEST(ReceptorStatus, OneStatusAloneIsItsOwnCode) {
  EXPECT_EQ(z17_of("ER+ (90%). HER2 pending."), std::vector<std::string>{"Z17.0"});
  EXPECT_EQ(z17_of("Estrogen receptor negative."), std::vector<std::string>{"Z17.1"});
}

TEST(ReceptorStatus, OnlyStatedStatusesOfABreastCancerCount) {
  EXPECT_TRUE(z17_of("Seen in the ER, troponin negative.").empty()) << "the emergency room, and another test's result";
  EXPECT_TRUE(z17_of("PR interval 160 ms.").empty());
  const auto no_cancer = Chart("Mastalgia. ER positive.", {{"Mastalgia", "N64.4"}}, "assessment").codes(Policy::outpatient);
  EXPECT_TRUE(std::none_of(no_cancer.begin(), no_cancer.end(), [](const std::string& c) { return c.starts_with("Z17"); }));
}

}  // namespace
}  // namespace chartflow::coding
