// A newborn's birth record (Guidelines I.C.16): the liveborn infant first, prematurity by its weeks,
// and the newborn codes of jaundice and feeding problems.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

const char* const kBirthRecord =
    "NEWBORN DISCHARGE SUMMARY\nBorn at 35 0/7 weeks by spontaneous vaginal delivery. Apgars 8 and 9.\n"
    "1. Male liveborn infant, singleton, born in hospital by vaginal delivery.\n2. Late preterm infant, 35 completed weeks gestation.\n"
    "3. Hyperbilirubinemia of prematurity, treated with phototherapy.\n4. Slow feeding of newborn, resolved.\n";

TEST(NewbornCoding, TheBirthRecordLeadsWithTheLivebornInfant) {
  const Chart record(kBirthRecord, {{"liveborn infant", "Z38.2"}, {"preterm infant", "P07.30"}, {"Hyperbilirubinemia", "E80.20"}, {"Slow feeding", "R63.39"}},
                     "discharge_diagnosis");
  const auto codes = record.codes(Policy::inpatient);
  EXPECT_EQ(codes, (std::vector<std::string>{"Z38.00", "P07.38", "P59.0", "P92.2"})) << ::testing::PrintToString(codes);
}

TEST(NewbornCoding, ANewbornTransferredInHasNoLivebornCode) {
  const std::string transfer = std::string("NICU DISCHARGE SUMMARY\nTransferred in: day of life 2 (from the referring birth center).\n") +
                               (kBirthRecord + std::string_view(kBirthRecord).find('\n') + 1);
  const Chart record(transfer, {{"liveborn infant", "Z38.2"}, {"preterm infant", "P07.30"}, {"Hyperbilirubinemia", "E80.20"}}, "discharge_diagnosis");
  const auto codes = record.codes(Policy::inpatient);
  EXPECT_FALSE(has(codes, "Z38.00")) << "the birth stay was the other hospital's (I.C.16.a.2): " << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "P59.0"));
}

TEST(NewbornCoding, AReadmittedNewbornCarriesNoneOfItsMothersCodes) {
  const Chart record(
      "DISCHARGE SUMMARY - Pediatric Hospitalist. Admitted: day of life 4.\n"
      "1. Hyperbilirubinemia of prematurity (late preterm infant), peak TSB 18.9 mg/dL at 98 hours.\n"
      "2. Late preterm infant, born at 36 weeks 3 days.\n3. Difficulty feeding at breast (poor latch), improved.\n"
      "BIRTH HISTORY: SVD with spontaneous preterm labor at 36w3d. Apgars 8/9.\n",
      {{"Hyperbilirubinemia", "E80.20"}, {"preterm infant", "P07.30"}, {"Late preterm infant", "P07.30"}, {"Difficulty feeding", "R63.30"},
       {"preterm labor", "O60.00"}},
      "discharge_diagnosis");
  const auto codes = record.codes(Policy::inpatient);
  EXPECT_EQ(codes, (std::vector<std::string>{"P59.0", "P07.39", "P92.5"})) << ::testing::PrintToString(codes);
}

TEST(NewbornCoding, ANeonatesFeedingDifficultyIsP92OutsideABirthRecordToo) {
  const Chart visit("ASSESSMENT: 1. Ankyloglossia, anterior, symptomatic. 2. Neonatal difficulty feeding at breast, secondary to #1.",
                    {{"Ankyloglossia", "Q38.1"}, {"difficulty feeding", "R63.30"}}, "assessment");
  EXPECT_TRUE(has(visit.codes(Policy::outpatient), "P92.5")) << ::testing::PrintToString(visit.codes(Policy::outpatient));
  const Chart adult("ASSESSMENT: Difficulty feeding after stroke.", {{"Difficulty feeding", "R63.30"}}, "assessment");
  EXPECT_FALSE(has(adult.codes(Policy::outpatient), "P92.9"));
}

TEST(NewbornCoding, ANeonatesConditionIsItsMainTermsNewbornEntry) {
  // "Candidiasis > neonatal" P37.5, not "> oral" B37.0; an adult's thrush stays B37.0.
  const Chart neonate("ASSESSMENT: 2. Neonatal oral candidiasis (thrush) - nystatin suspension.", {{"oral candidiasis", "B37.0"}}, "assessment");
  auto codes = neonate.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "P37.5") && !has(codes, "B37.0")) << ::testing::PrintToString(codes);
  const Chart adult("ASSESSMENT: Oral candidiasis after inhaled steroids.", {{"Oral candidiasis", "B37.0"}}, "assessment");
  codes = adult.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "B37.0")) << ::testing::PrintToString(codes);
}

TEST(NewbornCoding, ACesareanBirthAndAnotherChartAreToldApart) {
  std::string cesarean = kBirthRecord;
  cesarean.replace(cesarean.find("spontaneous vaginal delivery"), 28, "cesarean section");
  const Chart record(cesarean, {{"liveborn infant", "Z38.2"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(record.codes(Policy::inpatient), "Z38.01")) << ::testing::PrintToString(record.codes(Policy::inpatient));
  const Chart adult("DISCHARGE SUMMARY\n1. Hyperbilirubinemia, Gilbert syndrome suspected.", {{"Hyperbilirubinemia", "E80.20"}}, "discharge_diagnosis");
  EXPECT_FALSE(is_newborn_record(adult.text));
  EXPECT_TRUE(has(adult.codes(Policy::inpatient), "E80.20")) << "an adult's hyperbilirubinemia stays E80";
}

}  // namespace
}  // namespace chartflow::coding
