// A code left at an unspecified site takes the sibling whose site its sentence names (site_refinement.cpp).
#include "clinical-coding/site_refinement.hpp"
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::fixture;

TEST(SiteRefinement, AJointProsthesisComplicationTakesTheJointItsSentenceNames) {
  const std::string sentence = "preop diagnosis: chronic periprosthetic joint infection, right total hip arthroplasty, mssa.";
  EXPECT_EQ(site_sibling(fixture().cm, "T84.50XA", sentence, "right").value_or("none"), "T84.51XA");
  EXPECT_EQ(site_sibling(fixture().cm, "T84.50XA", "prosthetic joint infection, left knee.", "left").value_or("none"), "T84.54XA");
  EXPECT_FALSE(site_sibling(fixture().cm, "T84.50XA", "prosthetic joint infection.", "").has_value()) << "no joint named: no sibling";
}

TEST(SiteRefinement, AnUnspecifiedPartTakesThePartTheSentenceNames) {
  EXPECT_EQ(site_sibling(fixture().cm, "C34.90", "adenocarcinoma of the right upper lobe of the lung.", "right").value_or("none"), "C34.11");
}

}  // namespace
}  // namespace chartflow::coding
