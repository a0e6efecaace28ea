// Which diagnosis leads: the chart's statements read under Guidelines I.C.1.d and II.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

TEST(Sequencing, SevereSepsisIsNoSymptomItsInfectionLeads) {
  const Chart shock("Admitted from the ED with septic shock due to Pseudomonas aeruginosa pneumonia (left lower lobe).",
                    {{"septic shock", "R65.21"}, {"pneumonia", "J18.9"}}, "");
  const auto codes = shock.codes(Policy::inpatient);
  EXPECT_EQ(codes, (std::vector<std::string>{"A41.52", "R65.21", "J15.1"}))
      << "R65.21 stays beside the pneumonia in its sentence (no symptom of it), and its systemic infection leads (I.C.1.d.4)";
  const Chart symptom("Admitted with fever due to Pseudomonas aeruginosa pneumonia.", {{"fever", "R50.9"}, {"pneumonia", "J18.9"}}, "");
  EXPECT_EQ(symptom.codes(Policy::inpatient), std::vector<std::string>{"J15.1"}) << "a symptom beside its diagnosis is not coded (I.B.5)";
}

TEST(Sequencing, TheAssessmentsDiagnosisLeadsTheSymptomItNamesAsTheStaysReason) {
  const Chart stay("68 y/o F with hyperlipidemia, admitted with chest pain after emotional stressor.\n"
                   "1. Takotsubo cardiomyopathy - apical variant.\n"
                   "2. Hyperlipidemia - continue atorvastatin.\n",
                   {{"chest pain", "R07.9"}, {"Takotsubo cardiomyopathy", "I51.81"}, {"Hyperlipidemia", "E78.5"}}, "assessment");
  EXPECT_EQ(stay.codes(Policy::inpatient).front(), "I51.81") << "II.A: " << ::testing::PrintToString(stay.codes(Policy::inpatient));
  const Chart chronic_only("72 y/o M admitted with chest pain.\n1. Hyperlipidemia - continue atorvastatin.\n",
                           {{"chest pain", "R07.9"}, {"Hyperlipidemia", "E78.5"}}, "assessment");
  EXPECT_EQ(chronic_only.codes(Policy::inpatient).front(), "R07.9") << "a chronic condition establishes nothing about the symptom";
  const Chart myalgia("Admitted with fevers, myalgias and dark urine.\n1. Severe babesiosis due to Babesia microti.\n",
                      {{"myalgias", "M79.10"}, {"babesiosis", "B60.00"}}, "assessment");
  EXPECT_NE(myalgia.codes(Policy::inpatient).front(), "M79.10") << "myalgia is a symptom (M79.1-)";
  const Chart melena("19 y/o M admitted with painless maroon stools (hematochezia).\n1. Bleeding Meckel's diverticulum - resected.\n",
                     {{"hematochezia", "K92.1"}, {"Meckel's diverticulum", "Q43.0"}}, "assessment");
  EXPECT_EQ(melena.codes(Policy::inpatient).front(), "Q43.0") << "melena and hematochezia (K92.1) are signs";
}

// A consult's history names the stay's reason a few words after its verb: "admitted yesterday by
// general surgery with acute acalculous cholecystitis" leads the consultant's own question.
TEST(Sequencing, TheReasonForAdmissionAFewWordsAfterItsVerbLeads) {
  Chart consult("HISTORY: 74-year-old woman admitted yesterday by general surgery with acute acalculous cholecystitis.\n"
                "1. New-onset atrial fibrillation with RVR.\n",
                {{"acute acalculous cholecystitis", "K81.0"}, {"atrial fibrillation", "I48.91"}}, "history_of_present_illness");
  consult.mentions[1].section_category = "assessment";
  EXPECT_EQ(consult.codes(Policy::inpatient).front(), "K81.0") << ::testing::PrintToString(consult.codes(Policy::inpatient));
}

TEST(Sequencing, AMalignantEffusionFollowsItsPrimaryNeoplasm) {
  // J91.0's note reads "Code first underlying neoplasm" with no range; G13.0's same words print C00-D49.
  const Chart effusion("1. Malignant pleural effusion, left, recurrent.\n2. Adenocarcinoma of left lower lobe of lung, with bone metastases.\n",
                       {{"Malignant pleural effusion", "J91.0"}, {"Adenocarcinoma of left lower lobe of lung", "C34.32"}, {"bone metastases", "C79.51"}},
                       "assessment");
  const auto codes = effusion.codes(Policy::outpatient);
  ASSERT_TRUE(has(codes, "J91.0")) << ::testing::PrintToString(codes);
  EXPECT_EQ(codes.front(), "C34.32") << "the primary, not the bone metastasis: " << ::testing::PrintToString(codes);
}

TEST(Sequencing, APostoperativeDiagnosisOfSameIsThePreoperativeOne) {
  const std::string text =
      "PREOPERATIVE DIAGNOSIS: Morbid obesity due to excess calories.\n"
      "POSTOPERATIVE DIAGNOSIS: Same. Gastroesophageal reflux noted.\n";
  const auto line = [&](std::string_view first_words) {
    const std::size_t begin = text.find(first_words);
    return std::pair{begin, text.find('\n', begin)};
  };
  const auto [pre_begin, pre_end] = line("PREOPERATIVE");
  const auto [post_begin, post_end] = line("POSTOPERATIVE");
  const std::vector<SentenceInput> sentences{{pre_begin, pre_end, "preoperative_diagnosis"}, {post_begin, post_end, "postoperative_diagnosis"}};
  auto obesity = mention("m1", "E66.01", "Morbid obesity due to excess calories", "affirmed", "diagnosis", "preoperative_diagnosis");
  obesity.begin = text.find("Morbid"), obesity.end = obesity.begin + obesity.text.size();
  auto reflux = mention("m2", "K21.9", "Gastroesophageal reflux", "affirmed", "diagnosis", "postoperative_diagnosis");
  reflux.begin = text.find("Gastroesophageal"), reflux.end = reflux.begin + reflux.text.size();
  EXPECT_TRUE(postoperative_diagnosis_is_the_same(text, sentences));
  const auto codes = fixture().coder().code({obesity, reflux}, Policy::inpatient, text, "normalized", sentences);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front().code, "E66.01") << "'Same': the preoperative diagnosis is the postoperative one";
  EXPECT_FALSE(postoperative_diagnosis_is_the_same("POSTOPERATIVE DIAGNOSIS: Acute appendicitis, the same as suspected.\n",
                                                   {{0, 70, "postoperative_diagnosis"}}));
}

TEST(Sequencing, APregnancyCodeLeadsTheOtherChaptersInItsStatement) {
  const Chart chart("1. Acute systolic heart failure from peripartum cardiomyopathy, postpartum day 9.\n",
                    {{"Acute systolic heart failure", "I50.21"}, {"peripartum cardiomyopathy", "O90.3"}}, "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  ASSERT_TRUE(has(codes, "I50.21")) << ::testing::PrintToString(codes);
  EXPECT_EQ(codes.front(), "O90.3") << "I.C.15.a.1: chapter 15 codes have sequencing priority: " << ::testing::PrintToString(codes);
}

TEST(Sequencing, AParenthesisNeitherJoinsNorModifiesTheConditionsAroundIt) {
  // "(prolactinoma) with hyperprolactinemia": past the closing parenthesis "with" links another
  // condition; the adenoma is listed first, no modifier of the hyperprolactinemia.
  const Chart adenoma("1. Pituitary microadenoma (prolactinoma) with hyperprolactinemia, controlled on cabergoline.\n",
                      {{"prolactinoma", "D35.2"}, {"hyperprolactinemia", "E22.1"}}, "assessment");
  EXPECT_EQ(adenoma.codes(Policy::outpatient).front(), "D35.2") << ::testing::PrintToString(adenoma.codes(Policy::outpatient));
  // "False labor (Braxton Hicks contractions)": a parenthesis after a condition restates it; the
  // condition before it is no modifier listed after it.
  const Chart restated("1. Hypothyroidism (Hashimoto thyroiditis), stable on levothyroxine.\n",
                       {{"Hypothyroidism", "E03.9"}, {"Hashimoto thyroiditis", "E06.3"}}, "assessment");
  EXPECT_EQ(restated.codes(Policy::outpatient).front(), "E03.9") << ::testing::PrintToString(restated.codes(Policy::outpatient));
}

TEST(Sequencing, ASuspicionTheDischargeDiagnosesDoNotNameIsNotCoded) {
  const auto otitis = mention("m1", "H66.90", "Otitis media", "affirmed", "diagnosis", "discharge_diagnosis");
  const auto suspected = mention("m2", "A41.9", "sepsis", "uncertain", "diagnosis", "admission_diagnosis");
  const auto ruled_out = codes_of({otitis, suspected}, Policy::inpatient);
  EXPECT_FALSE(has(ruled_out, "A41.9")) << "II.H: uncertain only on admission " << ::testing::PrintToString(ruled_out);
  const auto still_suspected = mention("m3", "A41.9", "sepsis", "uncertain", "diagnosis", "discharge_diagnosis");
  EXPECT_TRUE(has(codes_of({otitis, suspected, still_suspected}, Policy::inpatient), "A41.9")) << "still uncertain at discharge: coded as if established";
  EXPECT_TRUE(has(codes_of({suspected}, Policy::inpatient), "A41.9")) << "no discharge diagnoses stated: nothing settles it";
}

TEST(Sequencing, ASecondaryDiagnosisIsNeverThePrincipalsStatement) {
  // "ADMISSION DIAGNOSIS: L5 spondylolysis ... SECONDARY DIAGNOSIS: Chronic pain syndrome." (the
  // plugin reads discharge diagnoses under a "secondary" heading as secondary_diagnosis).
  const auto spondylolysis = mention("m1", "M43.00", "spondylolysis", "affirmed", "diagnosis", "admission_diagnosis");
  const auto pain = mention("m2", "G89.4", "Chronic pain syndrome", "affirmed", "diagnosis", "secondary_diagnosis");
  const auto codes = fixture().coder().code({spondylolysis, pain}, Policy::inpatient);
  ASSERT_EQ(codes.size(), 2u) << ::testing::PrintToString(codes);
  EXPECT_EQ(codes[0].code, "M43.00");
  EXPECT_EQ(codes[0].role, "principal");
  const auto symptom = mention("m3", "R73.9", "hyperglycemia", "affirmed", "sign_or_symptom", "secondary_diagnosis");
  const auto settled = mention("m4", "J18.9", "pneumonia", "affirmed", "diagnosis", "discharge_diagnosis");
  EXPECT_TRUE(has(codes_of({settled, symptom}, Policy::inpatient), "R73.9")) << "a symptom stated as a secondary diagnosis stays";
}

TEST(Sequencing, AConditionItsClauseCallsTheReasonForAdmissionLeads) {
  const Chart assessment("1. AKI on CKD stage 4 - likely cardiorenal. 2. Hyperkalemia. 3. Acute on chronic diastolic heart failure - driving admission.",
                         {{"AKI", "N17.9"}, {"Hyperkalemia", "E87.5"}, {"heart failure", "I50.9"}});
  const auto codes = assessment.codes(Policy::inpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_TRUE(codes.front().starts_with("I50")) << ::testing::PrintToString(codes);
}

TEST(Sequencing, TheDiabetesCombinationCodeLeadsTheComplicationItTookIn) {
  const Chart foot("1. Acute osteomyelitis left 1st metatarsal head due to T2DM - IV antibiotics.",
                   {{"Acute osteomyelitis", "M86.10"}, {"T2DM", "E11.9"}});
  const auto codes = foot.codes(Policy::inpatient);
  ASSERT_GE(codes.size(), 2u) << ::testing::PrintToString(codes);
  EXPECT_EQ(codes[0], "E11.69") << "Diabetes, type 2, with, osteomyelitis; the M86 code is its 'use additional code'";
  EXPECT_TRUE(codes[1].starts_with("M86.17")) << ::testing::PrintToString(codes);
}

TEST(Sequencing, AComplicationOfChemotherapyLeadsTheCancer) {
  const Chart stay("44M with AML, not in remission, now with chemotherapy-induced neutropenia and neutropenic fever.",
                   {{"AML", "C92.00"}, {"neutropenia", "D70.1"}});
  const auto codes = stay.codes(Policy::inpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "D70.1") << "I.C.2.c.2 / I.C.2.e: " << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "C92.00"));
  auto history = in_sentence("m1", "C92.00", "Oncologic history: AML, diagnosed 5 weeks ago; NOT in remission at this time.", "AML");
  history.status = Assertion::historical;
  history.past_cues = {"oncologic history"};
  auto current = in_sentence("m2", "C92.00", "4. AML - follow day 28 marrow.", "AML");
  current.section_category = "assessment";
  EXPECT_EQ(codes_of({history, current}, Policy::inpatient), std::vector<std::string>{"C92.00"}) << "'NOT in remission': no history code";
}

// A stay that gave the chemotherapy (a new leukemia's induction) was for the cancer: the
// neutropenia the induction brought follows it.
TEST(Sequencing, AStayThatGaveTheChemotherapyIsTheCancers) {
  Chart stay("1. Acute myeloid leukemia, new diagnosis, induction completed, not yet in remission. 2. Febrile neutropenia secondary to "
             "antineoplastic chemotherapy. Induction chemotherapy administered through the PICC.",
             {{"Acute myeloid leukemia", "C92.0"}, {"neutropenia", "D70.1"}, {"chemotherapy administered", "3E0-305"}}, "discharge_diagnosis");
  for (auto& m : stay.mentions)
    if (m.code == "3E0-305") m.kind = MentionKind::procedure, m.system = "ICD-10-PCS", m.matched_term = "chemotherapy";
  const auto codes = stay.codes(Policy::inpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "C92.00") << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "3E04305")) << "the PICC is a central vein " << ::testing::PrintToString(codes);
}

TEST(Sequencing, TheConditionTheOperationTreatedIsPrincipal) {
  const auto diabetes = mention("m1", "E11.9", "Type 2 diabetes mellitus", "affirmed", "diagnosis", "discharge_diagnosis");
  const auto gallstones = mention("m2", "K80.20", "cholelithiasis", "affirmed", "diagnosis", "discharge_diagnosis");
  const auto operation = mention("m3", "0FT44ZZ", "Laparoscopic cholecystectomy", "affirmed", "procedure", "procedures");
  const auto stay = codes_of({diabetes, gallstones, operation}, Policy::inpatient);
  ASSERT_FALSE(stay.empty());
  EXPECT_EQ(stay.front(), "K80.20") << "the cholecystectomy's condition leads " << ::testing::PrintToString(stay);
  const auto no_operation = codes_of({diabetes, gallstones}, Policy::inpatient);
  EXPECT_EQ(no_operation.front(), "E11.9") << "without one, the first discharge diagnosis";
  const auto outpatient = codes_of({diabetes, gallstones, operation}, Policy::outpatient);
  EXPECT_EQ(outpatient.front(), "E11.9") << "an inpatient rule (UHDDS)";
}

// The banding treats the varices, but secondary varices are coded after their cause (I85.1
// "code first underlying disease"): the operation does not make them principal.
TEST(Sequencing, AConditionCodedAfterItsCauseDoesNotLeadForItsOperation) {
  const auto cirrhosis = mention("m1", "K74.3", "Primary biliary cirrhosis", "affirmed", "diagnosis", "discharge_diagnosis");
  const auto varices = mention("m2", "I85.11", "bleeding esophageal varices", "affirmed", "diagnosis", "discharge_diagnosis");
  const auto banding = mention("m3", "06L38CZ", "esophageal variceal band ligation", "affirmed", "procedure", "procedures");
  const auto stay = codes_of({cirrhosis, varices, banding}, Policy::inpatient);
  ASSERT_FALSE(stay.empty());
  EXPECT_EQ(stay.front(), "K74.3") << ::testing::PrintToString(stay);
  EXPECT_TRUE(has(stay, "06L38CZ")) << ::testing::PrintToString(stay);
}

TEST(Sequencing, SepsisLeadsTheShockItCausedWhateverRouteItsCodeTook) {
  // "E. coli sepsis" reaches A41.51 through an index subterm, with a lower confidence than the
  // plain "septic shock": the confidence is the code's, not the diagnosis's (I.C.1.d.4).
  const Chart stay("1. Septic shock due to E. coli sepsis, source acute pyelonephritis (right)",
                   {{"Septic shock", "R65.21"}, {"sepsis", "A41.9"}, {"acute pyelonephritis", "N10"}}, "discharge_diagnosis");
  const auto codes = stay.codes(Policy::inpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "A41.51") << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "R65.21"));
}

TEST(Sequencing, CovidLeadsTheManifestationsStatedWithIt) {
  const Chart stay("1. Acute hypoxic respiratory failure secondary to COVID-19 pneumonia.\n2. COVID-19 infection - airborne/contact isolation continues.\n"
                   "3. Unvaccinated.",
                   {{"respiratory failure", "J96.00"}, {"COVID-19 pneumonia", "J12.82"}, {"COVID-19 infection", "U07.1"}});
  const auto codes = stay.codes(Policy::inpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "U07.1") << "I.C.1.g.1.a: " << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Z28.310")) << "unvaccinated, in a COVID-19 chart: " << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "Z20.822")) << "'contact isolation' is no contact with COVID-19";
  const Chart flu("Unvaccinated. Influenza A pneumonia.", {{"Influenza A pneumonia", "J10.00"}});
  EXPECT_FALSE(has(flu.codes(Policy::inpatient), "Z28.310")) << "which vaccine is meant is said only where COVID-19 is coded";
}

TEST(Sequencing, APoisoningRanksByTheStrongestStatementNamingIt) {
  // Named first as the reason for admission, then in the assessment above the depression it
  // came from: the assessment ranks it, and it leads (I.C.19.e.5.b).
  const Chart stay("Reason for admission: intentional overdose of sertraline.\nAssessment:\n- Intentional sertraline overdose (suicide attempt)\n"
                   "- Major depressive disorder, recurrent, severe",
                   {{"depressive disorder", "F33.2"}});
  Chart ranked = stay;
  ranked.mentions[0].section_category = "assessment";
  ranked.sentences[0].section_category = "reason_for_admission";
  const auto codes = ranked.codes(Policy::inpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "T43.222A") << ::testing::PrintToString(codes);
}

TEST(Sequencing, AStayForAnHivRelatedConditionLeadsWithB20) {
  const Chart stay("Admitted for acute hypoxemic respiratory failure from Pneumocystis jirovecii pneumonia in newly diagnosed HIV disease.",
                   {{"respiratory failure", "J96.00"}, {"Pneumocystis jirovecii pneumonia", "B59"}, {"HIV disease", "B20"}}, "discharge_diagnosis");
  const auto codes = stay.codes(Policy::inpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "B20") << "I.C.1.a.2.a: " << ::testing::PrintToString(codes);
  const Chart unrelated("Closed fracture of the right radius after a fall. HIV disease on antiretroviral therapy.",
                        {{"fracture of the right radius", "S52.91XA"}, {"HIV disease", "B20"}}, "discharge_diagnosis");
  const auto fracture = unrelated.codes(Policy::inpatient);
  ASSERT_FALSE(fracture.empty());
  EXPECT_NE(fracture.front(), "B20") << "I.C.1.a.2.b: an unrelated condition keeps the lead " << ::testing::PrintToString(fracture);
}

TEST(Sequencing, AftercareTheVisitIsForIsFirstListed) {
  const Chart visit("1. Aftercare following right total hip arthroplasty - progressing well. 2. Hypertension, above goal.",
                    {{"Aftercare", "Z51.89"}, {"Hypertension", "I10"}});
  const auto codes = visit.codes(Policy::outpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "Z47.1") << "Aftercare > following surgery > joint replacement, first (I.C.21.c.7): " << ::testing::PrintToString(codes);
}

TEST(Sequencing, APreoperativeExaminationIsFirstListedThenTheReasonForSurgery) {
  const Chart visit("1. Preoperative examination for umbilical hernia repair - cleared to proceed. 2. Umbilical hernia, reducible.",
                    {{"Preoperative examination", "Z01.818"}, {"Umbilical hernia", "K42.9"}});
  const auto codes = visit.codes(Policy::outpatient);
  EXPECT_EQ(codes, (std::vector<std::string>{"Z01.818", "K42.9"})) << "IV.M: " << ::testing::PrintToString(codes);
}

}  // namespace
}  // namespace chartflow::coding
