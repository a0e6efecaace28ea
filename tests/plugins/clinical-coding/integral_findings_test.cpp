// What is part of a condition is not coded beside it (rules/integral_findings.tsv, Guidelines
// I.B.5); a companion code needs its word said, not denied (rules/companion_codes.tsv); a condition
// the provider calls "not addressed" is no other diagnosis of the stay; an agent is a cause only
// when the chart finds it, not when a drug is chosen to cover it.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

TEST(IntegralFindings, ThePartsOfAPancytopeniaAreNotCodedBesideIt) {
  // D61.81 Excludes1 D70 would keep the part (the cited code), not the pancytopenia.
  const Chart chart("Pancytopenia due to antineoplastic chemotherapy, symptomatic anemia and severe thrombocytopenia; neutropenia without fever.",
                    {{"Pancytopenia", "D61.818"}, {"anemia", "D64.9"}, {"thrombocytopenia", "D69.6"}, {"neutropenia", "D70.9"}});
  const auto codes = chart.codes();
  EXPECT_TRUE(has(codes, "D61.810")) << testing::PrintToString(codes);
  for (const char* part : {"D64.9", "D69.6", "D70.9", "R50.81"}) EXPECT_FALSE(has(codes, part)) << part;
}

TEST(CompanionCodes, ADeniedFeverIsNoFeverWithNeutropenia) {
  const Chart denied("Chemotherapy-induced neutropenia without fever.", {{"neutropenia", "D70.9"}});
  EXPECT_FALSE(has(denied.codes(), "R50.81"));
  const Chart febrile("Neutropenia with fever to 38.6 C.", {{"Neutropenia", "D70.9"}, {"fever", "R50.9"}});
  EXPECT_TRUE(has(febrile.codes(), "R50.81")) << testing::PrintToString(febrile.codes());
}

TEST(IntegralFindings, DisseminatedMalignancyNosGivesWayToAStatedSite) {
  const Chart chart("High-grade serous carcinoma of the left ovary with peritoneal carcinomatosis.",
                    {{"serous carcinoma", "C56.9"}, {"carcinomatosis", "C80.0"}});
  EXPECT_FALSE(has(chart.codes(), "C80.0")) << testing::PrintToString(chart.codes());
}

TEST(IntegralFindings, TheFeaturesOfMyastheniaAndPericarditisAreTheirs) {
  const Chart mg("Myasthenia gravis with acute exacerbation: double vision and bilateral ptosis.",
                 {{"Myasthenia gravis", "G70.00"}, {"double vision", "H53.2"}, {"ptosis", "H02.40"}});
  const auto mg_codes = mg.codes();
  EXPECT_TRUE(has(mg_codes, "G70.01")) << testing::PrintToString(mg_codes);
  EXPECT_FALSE(has(mg_codes, "H53.2"));
  EXPECT_FALSE(has(mg_codes, "H02.403"));
  const Chart pericarditis("Acute idiopathic pericarditis with small pericardial effusion.",
                           {{"pericarditis", "I30.9"}, {"pericardial effusion", "I31.39"}});
  EXPECT_FALSE(has(pericarditis.codes(), "I31.39")) << testing::PrintToString(pericarditis.codes());
}

TEST(OtherDiagnoses, AConditionTheProviderDidNotAddressIsNotCodedForTheStay) {
  const Chart chart("Osteopenia on problem list - not addressed by us.\nCommunity-acquired pneumonia, on ceftriaxone.",
                    {{"Osteopenia", "M85.80"}, {"pneumonia", "J18.9"}});
  const auto codes = chart.codes();
  EXPECT_FALSE(has(codes, "M85.80")) << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "J18.9")) << testing::PrintToString(codes);
}

TEST(OtherDiagnoses, AListHeadedNotAddressedIsNotCodedForTheStay) {
  const Chart chart("Chronic items not addressed this stay: mild bilateral hearing loss, colonic polyps.\nPneumococcal pneumonia, right lower lobe.",
                    {{"colonic polyps", "K63.5"}, {"pneumonia", "J18.9"}});
  const auto codes = chart.codes();
  EXPECT_FALSE(has(codes, "K63.5")) << testing::PrintToString(codes);
  EXPECT_FALSE(codes.empty());
}

TEST(IndexNavigation, OralAsARouteIsNoMouth) {
  const Chart route("Postoperative pain controlled with oral analgesics.", {{"pain", "R52"}});
  EXPECT_FALSE(has(route.codes(), "K13.79")) << testing::PrintToString(route.codes());
  const Chart mouth("Oral pain from aphthous ulcers.", {{"Oral pain", "R52"}});
  EXPECT_TRUE(has(mouth.codes(Policy::outpatient), "K13.79")) << testing::PrintToString(mouth.codes(Policy::outpatient));
}

TEST(IndexNavigation, ASurgicalSiteInfectionIsAPostoperativeWoundInfection) {
  const Chart chart("Superficial incisional surgical site infection of midline laparotomy wound.", {{"infection", "B99.9"}});
  EXPECT_TRUE(has(chart.codes(), "T81.41XA")) << testing::PrintToString(chart.codes());
}

TEST(Specificity, ACrisisIsAnEventBesideTheDiseaseItStrikes) {
  const Chart chart("Adrenal crisis (addisonian crisis) precipitated by gastroenteritis.\nPrimary adrenal insufficiency, on chronic replacement.",
                    {{"addisonian crisis", "E27.2"}, {"adrenal insufficiency", "E27.40"}});
  const auto codes = chart.codes();
  EXPECT_TRUE(has(codes, "E27.2")) << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "E27.1")) << testing::PrintToString(codes);
}

TEST(LabLists, AnInfectionsInitialsInALabListAreTheTest) {
  const Chart negative("PT/INR normal. HIV, HCV, stool Helicobacter Ag negative. ANA weakly positive.", {{"HIV", "B20"}, {"HCV", "B19.20"}});
  EXPECT_TRUE(negative.codes().empty()) << testing::PrintToString(negative.codes());
  const Chart pending("LABS: HIV Ag/Ab pending. HCV RNA pending.", {{"HIV", "B20"}, {"HCV", "B19.20"}});
  EXPECT_TRUE(pending.codes().empty()) << testing::PrintToString(pending.codes());
  const Chart panel("LABS DRAWN TODAY: Prenatal panel (CBC, type and screen, rubella, varicella, HIV, syphilis).",
                    {{"rubella", "B06.9"}, {"varicella", "B01.9"}, {"syphilis", "A53.9"}});
  EXPECT_TRUE(panel.codes(Policy::outpatient).empty()) << testing::PrintToString(panel.codes(Policy::outpatient));
  const Chart treated("HIV on ART, viral load undetectable, CD4 612.", {{"HIV", "B20"}});
  EXPECT_TRUE(has(treated.codes(), "B20")) << "the disease, treated";
}

TEST(IndexNavigation, StreptococcusPneumoniaeIsThePneumococcus) {
  const Chart chart("Acute bacterial meningitis due to Streptococcus pneumoniae (CSF Gram stain and antigen positive).", {{"meningitis", "G03.9"}});
  EXPECT_TRUE(has(chart.codes(), "G00.1")) << testing::PrintToString(chart.codes());
}

TEST(InfectiousAgents, AnAgentADrugIsChosenToCoverIsNoCause) {
  const Chart covered("Cellulitis of the right axilla; will add oral antibiotic covering MRSA pending culture.", {{"Cellulitis", "L03.90"}});
  EXPECT_FALSE(has(covered.codes(Policy::outpatient), "B95.62")) << testing::PrintToString(covered.codes(Policy::outpatient));
  const Chart grown("Cellulitis of the right axilla, wound culture grew MRSA.", {{"Cellulitis", "L03.90"}});
  EXPECT_TRUE(has(grown.codes(Policy::outpatient), "B95.62")) << testing::PrintToString(grown.codes(Policy::outpatient));
}

}  // namespace
}  // namespace chartflow::coding
