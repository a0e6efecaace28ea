// A herniated intervertebral disc coded by the region and level its sentence names.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

std::vector<std::string> disc_codes_of(const std::string& text, const std::string& mention) {
  std::vector<std::string> out;
  for (const auto& c : Chart(text, {{mention, "M51.26"}}, "assessment").codes(Policy::outpatient))
    if (c.starts_with("M50") || c.starts_with("M51") || c.starts_with("K4")) out.push_back(c);
  return out;
}

TEST(DiscCoding, TheLevelGivesTheRegion) {
  EXPECT_EQ(disc_codes_of("Disc herniation at L4-L5.", "Disc herniation"), std::vector<std::string>{"M51.26"});
  EXPECT_EQ(disc_codes_of("Herniated nucleus pulposus, L5-S1.", "Herniated nucleus pulposus"), std::vector<std::string>{"M51.27"});
  EXPECT_EQ(disc_codes_of("C5-6 disc protrusion.", "disc protrusion"), std::vector<std::string>{"M50.222"});
  EXPECT_EQ(disc_codes_of("C3/C4 disc herniation.", "disc herniation"), std::vector<std::string>{"M50.21"}) << "high cervical";
  EXPECT_EQ(disc_codes_of("C7-T1 disc herniation.", "disc herniation"), std::vector<std::string>{"M50.23"});
  EXPECT_EQ(disc_codes_of("Disc herniation at T12-L1.", "Disc herniation"), std::vector<std::string>{"M51.25"});
  EXPECT_EQ(disc_codes_of("Disc herniation at T7-T8.", "Disc herniation"), std::vector<std::string>{"M51.24"});
  EXPECT_EQ(disc_codes_of("Cervical disc herniation.", "disc herniation"), std::vector<std::string>{"M50.20"}) << "a region without a level";
  EXPECT_EQ(disc_codes_of("T1-T2 unremarkable, C3-4 posterior central disc herniation.", "disc herniation"), std::vector<std::string>{"M50.21"})
      << "the level nearest the mention";
}

TEST(DiscCoding, RadiculopathyAndMyelopathyAreCombined) {
  EXPECT_EQ(disc_codes_of("Disc herniation at L4-L5 with left L5 radiculopathy.", "Disc herniation"), std::vector<std::string>{"M51.16"});
  EXPECT_EQ(disc_codes_of("Herniated disc C6-C7 with myelopathy.", "Herniated disc"), std::vector<std::string>{"M50.023"});
  EXPECT_EQ(disc_codes_of("Lumbosacral disc herniation with sciatica.", "disc herniation"), std::vector<std::string>{"M51.17"});
}

TEST(DiscCoding, NoRegionIsNoGuess) {
  EXPECT_TRUE(disc_codes_of("Herniated disc.", "Herniated disc").empty()) << "a coder asks which disc";
  EXPECT_TRUE(disc_codes_of("Herniated disc, seen in clinic on 5/12.", "Herniated disc").empty()) << "no level in a date";
}

}  // namespace
}  // namespace chartflow::coding
