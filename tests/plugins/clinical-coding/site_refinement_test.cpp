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

// "acute R mastoiditis": a side by its initial, when the sentence spells none out.
TEST(SiteRefinement, ASideByItsInitial) {
  EXPECT_TRUE(with_site_abbreviations("acute r mastoiditis without abscess").ends_with(" right"));
  EXPECT_TRUE(with_site_abbreviations("l knee effusion, tapped").ends_with(" left"));
  EXPECT_FALSE(with_site_abbreviations("given 2 l of normal saline").ends_with(" left")) << "a volume";
  EXPECT_FALSE(with_site_abbreviations("seen by dr. l chen").ends_with(" left")) << "a physician's initial";
  EXPECT_FALSE(with_site_abbreviations("r/o pneumonia").ends_with(" right"));
  EXPECT_FALSE(with_site_abbreviations("l4-l5 stenosis").ends_with(" left"));
  EXPECT_FALSE(with_site_abbreviations("r and l leg edema").ends_with(" right")) << "both initials: no one side";
  EXPECT_FALSE(with_site_abbreviations("r knee pain, left hip pain").ends_with(" right")) << "a side spelled out is read as written";
}

}  // namespace
}  // namespace chartflow::coding
