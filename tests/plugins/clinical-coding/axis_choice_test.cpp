// Which subdivision of a code the chart's words choose (axis_choice.cpp).
#include "clinical-coding/axis_choice.hpp"
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::fixture;

TEST(AxisChoice, ATitlesBracketedInitialsAreNoWordsTheChartMustSay) {
  // "Heterozygous familial hypercholesterolemia [HeFH]": "heterozygous" tells the child.
  const std::vector<std::string> children{"E78.010", "E78.011", "E78.019"};
  EXPECT_EQ(child_named_by_text(fixture().cm, children, "1. Heterozygous familial hypercholesterolemia - clinical diagnosis").value_or("none"),
            "E78.011");
  EXPECT_FALSE(child_named_by_text(fixture().cm, children, "1. Familial hypercholesterolemia.").has_value());
}

TEST(AxisChoice, AnUnspecifiedCodeOutranksAnOtherAndUnspecifiedGroup) {
  // Hyperbilirubinemia the chart says no more of is E80.7, not E80.2's porphyrias (then E80.20).
  const std::vector<std::string> children{"E80.0", "E80.1", "E80.2", "E80.3", "E80.4", "E80.5", "E80.6", "E80.7"};
  EXPECT_EQ(choose_child(fixture().cm, children, "hyperbilirubinemia", {}).code, "E80.7");
}

}  // namespace
}  // namespace chartflow::coding
