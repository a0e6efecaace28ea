// A deep vein thrombosis coded by the veins its sentence names, the leg's or the arm's (vein_thrombosis.cpp).
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

TEST(VeinThrombosis, ALegsDeepVeinThrombosisIsCodedByTheVeinsItsSentenceNames) {
  const std::string text = "2. Acute DVT left popliteal vein (and posterior tibial veins). Thrombus seen on duplex.";
  auto dvt = in_sentence("m1", "I82.409", text, "DVT");
  auto thrombus = in_sentence("m2", "I82.90", text, "Thrombus");
  dvt.section_category = thrombus.section_category = "assessment";
  std::vector<std::string> codes;
  for (const auto& c : fixture().coder().code({dvt, thrombus}, Policy::outpatient, text)) codes.push_back(c.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"I82.432", "I82.442"})) << "each vein its own code; the thrombus is the same clot";
}

TEST(VeinThrombosis, AnArmsDeepVeinThrombosisIsNoLegs) {
  const std::string text = "2. HIT-associated acute DVT of the right upper extremity (brachial/axillary veins).";
  auto dvt = in_sentence("m1", "I82.409", text, "DVT");
  dvt.section_category = "assessment";
  std::vector<std::string> codes;
  for (const auto& c : fixture().coder().code({dvt}, Policy::inpatient, text)) codes.push_back(c.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"I82.621", "I82.A11"})) << "the brachial veins and the axillary vein";
}

}  // namespace
}  // namespace chartflow::coding
