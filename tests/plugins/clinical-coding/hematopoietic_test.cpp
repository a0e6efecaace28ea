// Leukemias, lymphomas and myeloma named by their histology get the index's code for their type
// (hematopoietic.cpp), with a lymphoma's nodes from its sentence.
#include "clinical-coding/hematopoietic.hpp"

#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

TEST(Hematopoietic, TheTypeGivesTheCode) {
  EXPECT_EQ(hematopoietic_code("9823/3")->code, "C91.10") << "CLL";
  EXPECT_EQ(hematopoietic_code("9732/3")->code, "C90.00") << "multiple myeloma";
  EXPECT_EQ(hematopoietic_code("9680/3")->code, "C83.30") << "DLBCL";
  EXPECT_FALSE(hematopoietic_code("8500/3").has_value()) << "a carcinoma is the Neoplasm Table's";
  EXPECT_FALSE(hematopoietic_code("9823").has_value()) << "no behaviour: no code";
}

TEST(Hematopoietic, ALymphomasNodesAreItsSite) {
  EXPECT_EQ(lymph_node_site("involving cervical lymph nodes"), '1');
  EXPECT_EQ(lymph_node_site("involving cervical and mediastinal lymph nodes"), '8') << "two regions: multiple sites";
  EXPECT_EQ(lymph_node_site("stage ii"), '0');
}

TEST(Hematopoietic, AChartsLeukemiaIsCoded) {
  Chart chart("1. Chronic lymphocytic leukemia (CLL).", {{"Chronic lymphocytic leukemia", "9823/3"}}, "assessment");
  for (auto& m : chart.mentions) m.kind = MentionKind::neoplasm, m.system = "ICD-O-3";
  EXPECT_TRUE(has(chart.codes(Policy::outpatient), "C91.10")) << ::testing::PrintToString(chart.codes(Policy::outpatient));
}

TEST(Hematopoietic, ALymphomaTakesTheNodeRegionOfItsSpecimenHeading) {
  const testing_fixture::Chart chart(
      "FINAL DIAGNOSIS:\nLYMPH NODE, LEFT SUPRACLAVICULAR, EXCISIONAL BIOPSY:\n - CLASSIC HODGKIN LYMPHOMA, NODULAR SCLEROSIS TYPE.\n"
      "COMMENT: staging CT to assess mediastinal nodes.",
      {{"HODGKIN LYMPHOMA", "C81.10"}}, "diagnosis");
  EXPECT_EQ(chart.codes(Policy::outpatient), std::vector<std::string>{"C81.11"});
}

}  // namespace
}  // namespace chartflow::coding
