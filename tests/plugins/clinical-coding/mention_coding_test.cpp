// A mention's own code: the DSM-5 "use disorder" names read by their severity.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

TEST(MentionCoding, AUseDisorderIsCodedByItsSeverity) {
  EXPECT_EQ(codes_of({in_sentence("m1", "F11.90", "Opioid use disorder, severe - restarted buprenorphine.", "Opioid use")}),
            std::vector<std::string>{"F11.20"})
      << "moderate or severe: dependence";
  EXPECT_EQ(codes_of({in_sentence("m1", "F10.90", "Alcohol use disorder, mild.", "Alcohol use")}), std::vector<std::string>{"F10.10"});
  EXPECT_EQ(codes_of({in_sentence("m1", "F10.90", "Alcohol use disorder, moderate, in early remission.", "Alcohol use")}),
            std::vector<std::string>{"F10.21"});
  const auto unstated = codes_of({in_sentence("m1", "F11.90", "Opioid use disorder on methadone.", "Opioid use")});
  EXPECT_FALSE(has(unstated, "F11.10") || has(unstated, "F11.20")) << "no severity stated: no guess " << ::testing::PrintToString(unstated);
  EXPECT_EQ(codes_of({in_sentence("m1", "F10.90", "Alcohol use, mild, socially.", "Alcohol use")}), std::vector<std::string>{"F10.90"})
      << "use is not a use disorder";
}

}  // namespace
}  // namespace chartflow::coding
