// A non-pressure chronic ulcer of the lower limb by the site, side and depth its sentence states.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

std::vector<std::string> ulcers_of(const std::vector<MentionInput>& mentions) {
  std::vector<std::string> out;
  for (const auto& c : codes_of(mentions, Policy::inpatient))
    if (c.starts_with("L97")) out.push_back(c);
  return out;
}

TEST(UlcerCoding, SiteSideAndDepthFromTheSentence) {
  EXPECT_EQ(ulcers_of({in_sentence("m1", "L97.509", "Diabetic foot ulcer, left heel, limited to breakdown of skin.", "foot ulcer")}),
            std::vector<std::string>{"L97.421"});
  EXPECT_EQ(ulcers_of({in_sentence("m1", "L97.509", "Right great toe ulcer with fat layer exposed.", "toe ulcer")}), std::vector<std::string>{"L97.512"});
  EXPECT_EQ(ulcers_of({in_sentence("m1", "L97.309", "Left ankle ulcer with necrosis of bone.", "ankle ulcer")}), std::vector<std::string>{"L97.324"});
  EXPECT_EQ(ulcers_of({in_sentence("m1", "L97.509", "Foot ulcer.", "Foot ulcer")}), std::vector<std::string>{"L97.509"}) << "nothing more stated";
}

TEST(UlcerCoding, OneUlcerNamedTwiceIsOneCode) {
  const auto reason = in_sentence("m1", "L97.509", "Left foot cellulitis, diabetic foot ulcer; evaluate for osteomyelitis.", "foot ulcer");
  const auto assessment = in_sentence("m2", "L97.509", "Diabetic foot ulcer, left heel, limited to breakdown of skin.", "foot ulcer");
  EXPECT_EQ(ulcers_of({reason, assessment}), std::vector<std::string>{"L97.421"});
}

}  // namespace
}  // namespace chartflow::coding
