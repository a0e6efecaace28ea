// One code per condition: a loose name for an injury beside its exact code.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

ProposedCode injury(const std::string& code, const std::string& display) {
  ProposedCode c;
  c.system = "ICD-10-CM", c.code = code, c.display = display, c.confidence = 0.8;
  return c;
}

TEST(Specificity, ALooseInjuryNameGivesWayToTheExactInjury) {
  std::vector<ProposedCode> codes{injury("S82.899A", "Other fracture of unspecified lower leg, initial encounter for closed fracture"),
                                  injury("S82.64XA", "Nondisplaced fracture of lateral malleolus of right fibula, initial encounter for closed fracture")};
  fixture().coder().drop_loose_injury_names(codes);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].code, "S82.64XA");
  EXPECT_NE(codes[0].rule.find("S82.899A"), std::string::npos) << "the coder sees what was folded in";
}

TEST(Specificity, AResidualInjuryOfTheSameSideIsLooseToo) {
  std::vector<ProposedCode> codes{injury("S82.891A", "Other fracture of right lower leg, initial encounter for closed fracture"),
                                  injury("S82.64XA", "Nondisplaced fracture of lateral malleolus of right fibula, initial encounter for closed fracture")};
  fixture().coder().drop_loose_injury_names(codes);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].code, "S82.64XA");
}

TEST(Specificity, ACodeKeepsThePlainerOneItsNoteAsksFor) {
  // "ESRD secondary to hypertensive nephrosclerosis" reads the index's "end stage renal > due to
  // hypertension" (I12.0), whose note asks for the stage (N18.6) "ESRD on hemodialysis" gives.
  const Chart chart("1. ESRD secondary to hypertensive nephrosclerosis.\n2. ESRD on hemodialysis MWF.\n",
                    {{"ESRD secondary to hypertensive nephrosclerosis", "I12.0"}, {"ESRD", "N18.6"}}, "discharge_diagnosis");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "I12.0")) << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "N18.6")) << "I12.0: use additional code to identify the stage: " << ::testing::PrintToString(codes);
}

TEST(Specificity, AHypertensionOfAnotherCompartmentIsAnotherDisease) {
  const Chart lungs("1. Hypertension, on lisinopril.\n2. Moderate pulmonary hypertension on echo.\n",
                    {{"Hypertension", "I10"}, {"pulmonary hypertension", "I27.20"}}, "discharge_diagnosis");
  const auto codes = lungs.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "I10")) << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "I27.20")) << ::testing::PrintToString(codes);
  const Chart portal("1. Hypertension.\n2. Portal hypertension.\n", {{"Hypertension", "I10"}, {"Portal hypertension", "K76.6"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(portal.codes(Policy::inpatient), "I10")) << ::testing::PrintToString(portal.codes(Policy::inpatient));
}

TEST(Specificity, HypertensiveCkdReadWithoutItsStageTakesTheChartsStage) {
  const Chart chart("1. Hypertensive nephrosclerosis.\n2. End stage renal disease on hemodialysis.\n",
                    {{"Hypertensive nephrosclerosis", "I12.9"}, {"End stage renal disease", "N18.6"}}, "discharge_diagnosis");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "I12.0")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "I12.9")) << ::testing::PrintToString(codes);
}

TEST(Specificity, InjuriesTheChartTellsApartKeepTheirCodes) {
  std::vector<ProposedCode> sides{injury("S52.91XA", "Unspecified fracture of right forearm, initial encounter for closed fracture"),
                                  injury("S52.502A", "Unspecified fracture of the lower end of left radius, initial encounter for closed fracture")};
  fixture().coder().drop_loose_injury_names(sides);
  EXPECT_EQ(sides.size(), 2u) << "the other arm";
  std::vector<ProposedCode> encounters{injury("S82.899D", "Other fracture of unspecified lower leg, subsequent encounter"),
                                       injury("S82.64XA", "Nondisplaced fracture of lateral malleolus of right fibula, initial encounter for closed fracture")};
  fixture().coder().drop_loose_injury_names(encounters);
  EXPECT_EQ(encounters.size(), 2u) << "another encounter is another 7th character";
  std::vector<ProposedCode> regions{injury("S72.92XA", "Unspecified fracture of left femur, initial encounter for closed fracture"),
                                    injury("S82.64XA", "Nondisplaced fracture of lateral malleolus of right fibula, initial encounter for closed fracture")};
  fixture().coder().drop_loose_injury_names(regions);
  EXPECT_EQ(regions.size(), 2u) << "another category is another injury";
}

TEST(Specificity, AnUnspecifiedCodeNamingTheSameComplicationGivesWay) {
  // "Asthma, with exacerbation" (J45.901 by the "with" combination) beside "moderate persistent
  // asthma with acute exacerbation" (J45.41): one condition, said more exactly by J45.41.
  const Chart chart("Moderate persistent asthma with acute exacerbation. Asthma exacerbation: albuterol q2h.",
                    {{"Moderate persistent asthma", "J45.40"}, {"Asthma", "J45.909"}}, "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "J45.41")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "J45.901")) << ::testing::PrintToString(codes);
}

TEST(Specificity, AResidualCodeGivesWayToTheSiblingTheChartNames) {
  // "Acute infective otitis externa, right ear ("swimmer's ear")": the index's "infective NEC"
  // (H60.39-, "Other infective otitis externa") is for what no sibling names; swimmer's ear has one.
  const Chart chart("ASSESSMENT: Acute infective otitis externa, right ear (\"swimmer's ear\"), moderate.",
                    {{"otitis externa", "H60.90"}, {"swimmer's ear", "H60.339"}}, "assessment");
  const auto codes = chart.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "H60.331")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "H60.391")) << ::testing::PrintToString(codes);
}

TEST(Specificity, OneHeadWordIsNotOneCondition) {
  const auto both = codes_of({mention("m1", "J44.9", "Chronic obstructive pulmonary disease", "affirmed", "diagnosis", "discharge_diagnosis"),
                              mention("m2", "I25.10", "artery disease", "affirmed", "diagnosis", "discharge_diagnosis")},
                             Policy::inpatient);
  EXPECT_TRUE(has(both, "J44.9") && has(both, "I25.10")) << "'disease' twice, two conditions " << ::testing::PrintToString(both);
  const auto one = codes_of({mention("m1", "N28.9", "kidney disease", "affirmed", "diagnosis", "discharge_diagnosis"),
                             mention("m2", "N18.9", "chronic kidney disease", "affirmed", "diagnosis", "discharge_diagnosis")},
                            Policy::inpatient);
  EXPECT_FALSE(has(one, "N28.9")) << "'chronic kidney disease' says 'kidney disease' more exactly " << ::testing::PrintToString(one);
}

TEST(Specificity, TwoSymptomsOfOneCategoryAreTwoCodesUnlessOneSymptom) {
  const Chart listed("Presenting dyspnea, dysphagia and wheezing.", {{"dyspnea", "R06.00"}, {"wheezing", "R06.2"}});
  const auto two = listed.codes(Policy::all_findings);
  EXPECT_TRUE(has(two, "R06.00") && has(two, "R06.2")) << "dyspnea is no vaguer wheezing " << ::testing::PrintToString(two);
  const Chart emesis("Nausea with vomiting. Emesis three times today.", {{"Nausea with vomiting", "R11.2"}, {"Emesis", "R11.10"}});
  const auto one = emesis.codes(Policy::all_findings);
  EXPECT_TRUE(has(one, "R11.2")) << ::testing::PrintToString(one);
  EXPECT_FALSE(has(one, "R11.10")) << "'Nausea with vomiting' holds the emesis " << ::testing::PrintToString(one);
}

TEST(Specificity, TwoDisordersOfAMixedCategoryAreTwoCodes) {
  const Chart chart("3. Hyperkalemia, resolved.\n4. Volume overload, resolved with UF and diuretics.\n",
                    {{"Hyperkalemia", "E87.5"}, {"Volume overload", "E87.70"}});
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "E87.5") && has(codes, "E87.70")) << "a fluid overload is no vaguer hyperkalemia " << ::testing::PrintToString(codes);
  const Chart acidosis("Acidosis. Chronic metabolic acidosis from CKD.", {{"Acidosis", "E87.20"}, {"metabolic acidosis", "E87.22"}});
  EXPECT_FALSE(has(acidosis.codes(Policy::inpatient), "E87.20")) << "one subcategory: one acidosis " << ::testing::PrintToString(acidosis.codes(Policy::inpatient));
}

TEST(Specificity, EssentialHypertensionSaysNoOtherHypertensionMoreExactly) {
  const Chart chart("2. Secondary hypertension due to renal crisis - ACE inhibitor.\nScleroderma renal crisis: malignant (accelerated) hypertension and AKI.\n",
                    {{"hypertension", "I10"}, {"malignant (accelerated) hypertension", "I10"}}, "assessment_and_plan");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "I15.1")) << ::testing::PrintToString(codes);
}

TEST(Specificity, EachRetinalDisorderIsWeighedWithinItsSubcategory) {
  const Chart chart("Fundi: bilateral flame hemorrhages and cotton-wool spots.\nAssessment: hypertensive retinopathy.\n2. Hypertensive emergency with retinopathy.\n",
                    {{"cotton-wool spots", "H35.81"}, {"hypertensive retinopathy", "H35.03"}, {"retinopathy", "H35.00"}}, "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "H35.033") || has(codes, "H35.039")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "H35.00")) << "the bare word is the hypertensive retinopathy " << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "H35.81")) << "cotton-wool spots are one of its signs " << ::testing::PrintToString(codes);
}

TEST(Specificity, ASiteSiblingNeedsItsWordStatedNotDenied) {
  const Chart chart("Abdomen soft, mild RLQ tenderness, no rebound.", {{"tenderness", "R10.819"}});
  const auto codes = chart.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "R10.813")) << "RLQ names the quadrant " << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "R10.829")) << "'no rebound' is no rebound tenderness " << ::testing::PrintToString(codes);
}

TEST(Specificity, AVagueTumourIsTheNeoplasmTheChartCodesExactly) {
  const Chart chart("A solid mass of the right kidney was found. Pathology: clear cell renal cell carcinoma of the right kidney.",
                    {{"mass", "R22.9"}, {"renal cell carcinoma", "C64.1"}});
  const auto codes = chart.code(Policy::all_findings);
  ASSERT_EQ(codes.size(), 1u) << ::testing::PrintToString(codes);
  EXPECT_EQ(codes[0].code, "C64.1");
  EXPECT_NE(codes[0].rule.find("R22.9"), std::string::npos) << "the coder sees the mass went into the carcinoma";
  const Chart alone("A solid mass of the neck was found.", {{"mass", "R22.9"}});
  EXPECT_TRUE(has(alone.codes(Policy::all_findings), "R22.1") || has(alone.codes(Policy::all_findings), "R22.9")) << "no neoplasm: the mass stays";
}

TEST(Specificity, ACrisisIsAnEventBesideTheDiseaseItStrikes) {
  const Chart chart("Adrenal crisis (addisonian crisis) precipitated by gastroenteritis.\nPrimary adrenal insufficiency, on chronic replacement.",
                    {{"addisonian crisis", "E27.2"}, {"adrenal insufficiency", "E27.40"}});
  const auto codes = chart.codes();
  EXPECT_TRUE(has(codes, "E27.2")) << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "E27.1")) << testing::PrintToString(codes);
}

TEST(Specificity, TheSideOfAnInjuryItsSeventhCharacterCompletes) {
  const Chart chart("Laceration R forearm 3 cm from the fall, closed with Steri-Strips.", {{"Laceration", "S51.819"}}, "assessment");
  const auto codes = chart.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "S51.811A")) << ::testing::PrintToString(codes);
}

TEST(Specificity, TheSideOfACodeItsSeventhCharacterCompletes) {
  // "Fracture, nontraumatic, NEC > atypical > femur > complete > transverse" gives M84.756
  // (unspecified leg); the chart says left: M84.755A.
  const Chart chart("1. Complete transverse atypical femoral fracture, left, after minimal trauma.", {{"atypical femoral fracture", "M84.750"}},
                    "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "M84.755A")) << ::testing::PrintToString(codes);
}

}  // namespace
}  // namespace chartflow::coding
