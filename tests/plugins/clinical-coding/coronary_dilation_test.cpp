// A PCI's ICD-10-PCS code counts arteries and stents (coronary_dilation.cpp).
#include "clinical-coding/coronary_dilation.hpp"

#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

std::string code_of(std::string_view sentence) {
  const auto pci = coronary_dilation(sentence);
  return pci ? pci->code : "";
}

TEST(CoronaryDilation, ArteriesAndStentsAreCounted) {
  EXPECT_EQ(code_of("He underwent PCI with placement of two drug-eluting stents in the RCA."), "027035Z") << "one artery, two DES";
  EXPECT_EQ(code_of("PCI to the left circumflex with one bare-metal stent."), "02703DZ");
  EXPECT_EQ(code_of("Drug-eluting stents to the proximal LAD and the first obtuse marginal."), "027135Z") << "two arteries, plural: two";
  EXPECT_EQ(code_of("PCI to the LCx with a 3.5 x 12 and a 3.5 x 8 mm Vision bare-metal stents."), "02703DZ")
      << "a size is no count (the nearest count before the noun: 'a')";
  EXPECT_EQ(code_of("Balloon angioplasty of the RCA, no stent placed."), "02703ZZ") << "no stent counted: 'no stent' names none";
  EXPECT_EQ(code_of("Stent placed across the LAD-diagonal bifurcation, drug-eluting."), "0270346") << "LAD and diagonal: one artery, a bifurcation";
}

TEST(CoronaryDilation, WhatItCannotTellIsLeftOpen) {
  EXPECT_EQ(code_of("PCI was performed."), "") << "no artery named";
  EXPECT_EQ(code_of("A drug-eluting and a bare-metal stent to the RCA."), "") << "both kinds: the implant log decides";
}

TEST(CoronaryDilation, ThePipelineCodesAPciOfTheHospitalCourse) {
  using namespace testing_fixture;
  const Chart chart("He underwent PCI with placement of two drug-eluting stents in the RCA.", {{"PCI", "027-3--"}}, "hospital_course");
  auto mentions = chart.mentions;
  mentions[0].kind = MentionKind::procedure, mentions[0].system = "ICD-10-PCS";
  std::vector<std::string> codes;
  for (const auto& c : fixture().coder().code(mentions, Policy::inpatient, chart.text, "normalized", chart.sentences)) codes.push_back(c.code);
  EXPECT_TRUE(has(codes, "027035Z")) << ::testing::PrintToString(codes);
}

}  // namespace
}  // namespace chartflow::coding
