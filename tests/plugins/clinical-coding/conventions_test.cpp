// What is part of a condition is not coded beside it (rules/integral_findings.tsv, Guidelines
// I.B.5), and a companion code needs its word said, not denied (rules/companion_codes.tsv):
// conventions.cpp.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

TEST(Combinations, ADrugsAcuteHepatitisIsToxicLiverDiseaseWithAcuteHepatitis) {
  const testing_fixture::Chart chart("Isoniazid-induced acute hepatitis (DILI).", {{"acute hepatitis", "B17.9"}, {"DILI", "K71.9"}}, "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(testing_fixture::has(codes, "K71.2")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(testing_fixture::has(codes, "B17.9")) << "no viral hepatitis: " << ::testing::PrintToString(codes);
  EXPECT_TRUE(testing_fixture::has(codes, "T37.1X5A")) << "isoniazid's adverse effect: " << ::testing::PrintToString(codes);
}

TEST(IntegralFindings, AToothacheIsTheDentalDiseasesAndGlotticEdemaLudwigAnginas) {
  const Chart teeth("Periapical abscess, tooth #19, with toothache. Ludwig angina with supraglottic edema.",
                    {{"Periapical abscess", "K04.7"}, {"toothache", "K08.89"}, {"Ludwig angina", "K12.2"}, {"edema", "J38.4"}}, "assessment");
  const auto codes = teeth.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "K04.7") && has(codes, "K12.2")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "K08.89") || has(codes, "J38.4")) << ::testing::PrintToString(codes);
}

TEST(IntegralFindings, EczemaBesideAtopicDermatitisIsTheAtopicDermatitis) {
  const Chart chart("Severe atopic dermatitis. Background eczema: lichenified plaques in flexures.",
                    {{"atopic dermatitis", "L20.9"}, {"eczema", "L30.9"}}, "assessment");
  EXPECT_EQ(chart.codes(Policy::inpatient), std::vector<std::string>{"L20.9"});
}

TEST(IntegralFindings, ARickettsialInfectionBesideRockyMountainSpottedFeverIsIt) {
  const Chart chart("1. Rocky Mountain spotted fever - continue doxycycline.\n2. Transaminitis - secondary to rickettsial infection; trend.\n",
                    {{"Rocky Mountain spotted fever", "A77.0"}, {"rickettsial infection", "A79.9"}}, "assessment_and_plan");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "A77.0")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "A79.9")) << "the same infection said vaguely: " << ::testing::PrintToString(codes);
}

TEST(IntegralFindings, VolumeOverloadIsTheHeartFailuresAndTheNephroticSyndromes) {
  const Chart heart("1. Acute on chronic systolic heart failure with volume overload - IV furosemide.\n",
                    {{"systolic heart failure", "I50.23"}, {"volume overload", "E87.70"}}, "assessment_and_plan");
  EXPECT_EQ(heart.codes(Policy::inpatient), std::vector<std::string>{"I50.23"});
  const Chart kidney("1. Nephrotic syndrome, primary membranous, with volume overload.\n",
                     {{"Nephrotic syndrome", "N04.9"}, {"volume overload", "E87.70"}}, "assessment_and_plan");
  EXPECT_FALSE(has(kidney.codes(Policy::inpatient), "E87.70")) << ::testing::PrintToString(kidney.codes(Policy::inpatient));
  const Chart alone("1. Mild volume overload - cautious diuresis.\n", {{"volume overload", "E87.70"}}, "assessment_and_plan");
  EXPECT_EQ(alone.codes(Policy::inpatient), std::vector<std::string>{"E87.70"});
}

TEST(IntegralFindings, ASubretinalHemorrhageIsWetMacularDegenerations) {
  const Chart chart("OS: subretinal hemorrhage small along inferior arcade.\nASSESSMENT: 1. Exudative (wet) age-related macular degeneration, left eye.\n",
                    {{"subretinal hemorrhage", "H35.60"}, {"Exudative (wet) age-related macular degeneration", "H35.3220"}}, "assessment");
  const auto codes = chart.codes(Policy::outpatient);
  EXPECT_FALSE(has(codes, "H35.60")) << ::testing::PrintToString(codes);
}

TEST(IntegralFindings, PhotophobiaIsTheMigrainesTheMeningitissAndTheIritiss) {
  const Chart migraine("Chronic migraine without aura with photophobia and nausea.\n", {{"migraine", "G43.709"}, {"photophobia", "H53.149"}}, "assessment");
  EXPECT_FALSE(has(migraine.codes(Policy::outpatient), "H53.149")) << ::testing::PrintToString(migraine.codes(Policy::outpatient));
  const Chart iritis("Acute iridocyclitis, right eye: pain, redness, photophobia.\n", {{"iridocyclitis", "H20.011"}, {"photophobia", "H53.149"}},
                     "assessment");
  EXPECT_FALSE(has(iritis.codes(Policy::outpatient), "H53.149")) << ::testing::PrintToString(iritis.codes(Policy::outpatient));
  const Chart alone("Photophobia for two days; exam normal.\n", {{"Photophobia", "H53.149"}}, "assessment");
  EXPECT_TRUE(has(alone.codes(Policy::outpatient), "H53.149")) << ::testing::PrintToString(alone.codes(Policy::outpatient));
}

TEST(IntegralFindings, PolyuriaIsTheKetoacidosissAndTheHypercalcemias) {
  const Chart dka("1. Diabetic ketoacidosis, type 1 diabetes: 2 days of polyuria and polydipsia.\n",
                  {{"Diabetic ketoacidosis", "E10.10"}, {"polyuria", "R35.89"}, {"polydipsia", "R63.1"}}, "assessment");
  EXPECT_EQ(dka.codes(Policy::inpatient), std::vector<std::string>{"E10.10"});
  const Chart calcium("1. Primary hyperparathyroidism, symptomatic (Ca 13.4, polyuria).\n", {{"Primary hyperparathyroidism", "E21.0"}, {"polyuria", "R35.89"}},
                      "assessment");
  EXPECT_EQ(calcium.codes(Policy::inpatient), std::vector<std::string>{"E21.0"});
}

TEST(IntegralFindings, AStrawberryTongueIsKawasakiDiseases) {
  const Chart chart("1. Kawasaki disease: fissured erythematous lips, strawberry tongue, polymorphous rash.\n",
                    {{"Kawasaki disease", "M30.3"}, {"strawberry tongue", "K14.3"}}, "assessment");
  EXPECT_EQ(chart.codes(Policy::inpatient), std::vector<std::string>{"M30.3"});
}

TEST(Conventions, AHematomaTheChartStatesNontraumaticIsNoInjury) {
  const Chart chart("PREOPERATIVE DIAGNOSIS: Left chronic subdural hematoma with midline shift.\n"
                    "POSTOPERATIVE DIAGNOSIS: Same - nontraumatic chronic subdural hemorrhage, left.\n",
                    {{"subdural hematoma", "S06.5XAA"}, {"subdural hemorrhage", "I62.03"}}, "postoperative_diagnosis");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_EQ(codes, std::vector<std::string>{"I62.03"}) << testing::PrintToString(codes);
  const Chart fall("Left acute subdural hematoma after a fall down the stairs.\n", {{"subdural hematoma", "S06.5XAA"}}, "assessment");
  EXPECT_EQ(fall.codes(Policy::inpatient), std::vector<std::string>{"S06.5XAA"});
}

TEST(IntegralFindings, HypothermiaBradycardiaAndMacroglossiaAreMyxedemaComas) {
  const Chart chart("1. Myxedema coma with hypothermia, bradycardia and macroglossia.\n",
                    {{"Myxedema coma", "E03.5"}, {"hypothermia", "T68.XXXA"}, {"bradycardia", "R00.1"}, {"macroglossia", "Q38.2"}}, "assessment");
  EXPECT_EQ(chart.codes(Policy::inpatient), std::vector<std::string>{"E03.5"});
}

TEST(IntegralFindings, AnAneurysmsMuralThrombusIsPartOfIt) {
  const Chart chart("1. Right popliteal artery aneurysm, 2.4 cm, with mural thrombus, asymptomatic.\n",
                    {{"popliteal artery aneurysm", "I72.4"}, {"thrombus", "I82.90"}}, "assessment");
  const auto codes = chart.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "I72.4")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "I82.90")) << "no thrombosis of an unnamed vein: " << ::testing::PrintToString(codes);
}

TEST(IntegralFindings, AFindingTheAssessmentConcludesStaysBesideAConditionOnlyAResultNames) {
  Chart chart("CBC at urgent care showed pancytopenia with circulating blasts.\n3. Anemia due to leukemia - transfuse.\n4. Thrombocytopenia - transfuse platelets.",
              {{"pancytopenia", "D61.818"}, {"Anemia", "D64.9"}, {"Thrombocytopenia", "D69.6"}}, "history_of_present_illness");
  for (std::size_t i = 1; i < chart.mentions.size(); ++i) chart.mentions[i].section_category = "assessment";
  for (std::size_t i = 1; i < chart.sentences.size(); ++i) chart.sentences[i].section_category = "assessment";
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "D69.6")) << ::testing::PrintToString(codes);
  const Chart stated("Pancytopenia with anemia and thrombocytopenia.", {{"Pancytopenia", "D61.818"}, {"anemia", "D64.9"}, {"thrombocytopenia", "D69.6"}},
                     "assessment");
  EXPECT_EQ(stated.codes(Policy::inpatient), std::vector<std::string>{"D61.818"}) << "parts of the pancytopenia the assessment states";
}

TEST(IntegralFindings, APulmonaryMycosisIsItsPneumoniaAndAnEffusionNotDrainedIsIntegral) {
  const Chart chart("1. Acute pulmonary coccidioidomycosis with left lower lobe pneumonia and small parapneumonic effusion.\n"
                    "- Diagnostic thoracentesis not required at this time; the effusion is small.",
                    {{"pulmonary coccidioidomycosis", "B38.0"}, {"pneumonia", "J18.9"}, {"parapneumonic effusion", "J90"}}, "assessment");
  EXPECT_EQ(chart.codes(Policy::inpatient), std::vector<std::string>{"B38.0"});
}

TEST(Dementia, TheSeverityAnySentenceNamingTheDementiaStates) {
  Chart chart("3. Vascular dementia with agitation.\nPMH: left MCA stroke; vascular dementia, moderate, with agitation.",
              {{"Vascular dementia", "F01.50"}, {"vascular dementia", "F01.50"}}, "assessment");
  chart.mentions[1].status = Assertion::historical, chart.mentions[1].past_cues = {"past_medical_history"};
  chart.mentions[1].section_category = chart.sentences[1].section_category = "past_medical_history";
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "F01.B11")) << "moderate, with agitation: " << ::testing::PrintToString(codes);
}

TEST(Dementia, ADiseaseTheIndexListsUnderDementiaMakesItTheManifestation) {
  // "Dementia > with > Parkinson's disease G20.A1 - see also Dementia, in, diseases specified
  // elsewhere": F02, not F03; a denial runs over its list ("no behavioral or psychotic disturbance").
  const Chart mild("5. Mild dementia due to Parkinson's disease - no behavioral or psychotic disturbance, no mood disturbance or anxiety.",
                   {{"Mild dementia", "F03.A0"}, {"Parkinson's disease", "G20.A1"}}, "assessment");
  auto codes = mild.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "G20.A1") && has(codes, "F02.A0")) << ::testing::PrintToString(codes);
  const Chart moderate("Dementia, moderate, secondary to Parkinson disease.", {{"Dementia", "F03.90"}, {"Parkinson disease", "G20.A1"}},
                       "assessment");
  codes = moderate.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "G20.A1") && has(codes, "F02.B0")) << ::testing::PrintToString(codes);
  const Chart apart("Parkinson's disease. Mild dementia, cause unclear.", {{"Parkinson's disease", "G20.A1"}, {"Mild dementia", "F03.A0"}},
                    "assessment");
  codes = apart.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "F03.A0")) << "no cause stated: " << ::testing::PrintToString(codes);
}

TEST(IntegralFindings, CardiomegalyIsTheFailingHearts) {
  const testing_fixture::Chart chart("CXR: cardiomegaly, pulmonary edema. Acute systolic heart failure.",
                                     {{"cardiomegaly", "I51.7"}, {"Acute systolic heart failure", "I50.21"}}, "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(testing_fixture::has(codes, "I50.21")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(testing_fixture::has(codes, "I51.7")) << ::testing::PrintToString(codes);
}

// The codes of an assessment that names a finding (words, code) and a diagnosis (words, code).
std::vector<std::string> finding_beside(const std::string& text, const std::pair<std::string, std::string>& finding,
                                        const std::pair<std::string, std::string>& diagnosis, Policy policy) {
  return Chart(text, {finding, diagnosis}, "assessment").codes(policy);
}

TEST(IntegralFindings, RhinorrheaIsTheColdsOrTheRhinitis) {
  const auto codes = finding_beside("Three days of rhinorrhea and cough. Assessment: RSV bronchiolitis.", {"rhinorrhea", "J34.89"},
                                    {"RSV bronchiolitis", "J21.0"}, Policy::outpatient);
  EXPECT_TRUE(has(codes, "J21.0")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "J34.89")) << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(finding_beside("Clear rhinorrhea. Assessment: moderate persistent asthma with exacerbation.", {"rhinorrhea", "J34.89"},
                                 {"moderate persistent asthma with exacerbation", "J45.41"}, Policy::outpatient),
                  "J34.89"))
      << "no part of asthma";
}

TEST(IntegralFindings, VomitingIsPartOfPyelonephritisMeningitisAndMalaria) {
  for (const auto& [diagnosis, code] : std::vector<std::pair<std::string, std::string>>{
           {"acute pyelonephritis", "N10"}, {"viral meningitis", "A87.9"}, {"falciparum malaria", "B50.9"}, {"acute cholecystitis", "K81.0"}}) {
    const auto codes = finding_beside("Fever and vomiting for two days. Assessment: " + diagnosis + ".", {"vomiting", "R11.10"}, {diagnosis, code},
                                      Policy::inpatient);
    EXPECT_TRUE(has(codes, code)) << ::testing::PrintToString(codes);
    EXPECT_FALSE(has(codes, "R11.10")) << diagnosis << ": " << ::testing::PrintToString(codes);
  }
}

TEST(IntegralFindings, HypotensionIsPartOfSepsisShockAndAnaphylaxis) {
  EXPECT_FALSE(has(finding_beside("Hypotension responded to fluids. Assessment: sepsis due to cellulitis.", {"Hypotension", "I95.9"},
                                  {"sepsis", "A41.9"}, Policy::inpatient),
                   "I95.9"));
  EXPECT_FALSE(has(finding_beside("Anaphylaxis with hypotension after a bee sting.", {"hypotension", "I95.9"}, {"Anaphylaxis", "T78.2XXA"},
                                  Policy::outpatient),
                   "I95.9"));
}

TEST(IntegralFindings, ATumoursNecrosisALeukemiasGumsAndAnAnaphylaxissHives) {
  const auto mass = finding_beside("MRI: right frontal mass with central necrosis. Assessment: glioblastoma of the frontal lobe.", {"necrosis", "I96"},
                                   {"glioblastoma of the frontal lobe", "C71.1"}, Policy::inpatient);
  EXPECT_FALSE(has(mass, "I96")) << ::testing::PrintToString(mass);
  EXPECT_FALSE(has(finding_beside("Fatigue and gum bleeding. Assessment: acute myeloid leukemia, new diagnosis.", {"gum bleeding", "K06.8"},
                                  {"acute myeloid leukemia", "C92.00"}, Policy::inpatient),
                   "K06.8"));
  EXPECT_FALSE(has(finding_beside("Hives and throat tightness after a bee sting. Assessment: anaphylaxis.", {"Hives", "L50.9"},
                                  {"anaphylaxis", "T78.2XXA"}, Policy::outpatient),
                   "L50.9"));
}

TEST(IntegralFindings, VaginalBleedingInAPregnancyIsThePregnancys) {
  const auto codes = finding_beside("Painless vaginal bleeding at 33 weeks. Assessment: complete placenta previa with hemorrhage, third trimester.",
                                    {"vaginal bleeding", "N93.9"}, {"complete placenta previa with hemorrhage, third trimester", "O44.13"},
                                    Policy::inpatient);
  EXPECT_TRUE(has(codes, "O44.13")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "N93.9")) << ::testing::PrintToString(codes);
}

TEST(Combinations, CytomegaloviralColitisIsOtherCytomegaloviralDisease) {
  const testing_fixture::Chart chart("1. CMV colitis: IV ganciclovir.", {{"CMV", "B25.9"}, {"colitis", "K52.9"}}, "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(testing_fixture::has(codes, "B25.8")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(testing_fixture::has(codes, "K52.9")) << "no noninfective colitis: " << ::testing::PrintToString(codes);
}

TEST(Excludes1, AClassCodedElsewhereIsNoSecondConditionBesideThisOne) {
  // N25's "Excludes1: metabolic disorders classifiable to E70-E88" says where such a disorder is
  // coded; the hypernatremia a nephrogenic diabetes insipidus caused is coded beside it.
  const testing_fixture::Chart chart("1. Nephrogenic diabetes insipidus.\n2. Severe hypernatremia on top of the NDI.\n",
                                     {{"Nephrogenic diabetes insipidus", "N25.1"}, {"hypernatremia", "E87.0"}}, "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(testing_fixture::has(codes, "N25.1")) << ::testing::PrintToString(codes);
  EXPECT_TRUE(testing_fixture::has(codes, "E87.0")) << ::testing::PrintToString(codes);
}

TEST(IntegralFindings, StiffnessOfAJointIsASymptomOfTheDiagnosis) {
  using testing_fixture::codes_of;
  using testing_fixture::mention;
  const auto stiffness = mention("m1", "M25.60", "neck stiffness", "affirmed", "sign_or_symptom", "history_of_present_illness");
  const auto meningitis = mention("m2", "G03.9", "Meningitis", "affirmed", "diagnosis", "assessment");
  const auto codes = codes_of({stiffness, meningitis}, Policy::inpatient);
  EXPECT_FALSE(has(codes, "M25.60")) << "I.B.5: " << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "G03.9"));
}

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

TEST(IntegralFindings, FatigueAndDrySkinAreHypothyroidisms) {
  const Chart chart("Reports fatigue, cold intolerance and dry skin.\nASSESSMENT: 1. Hypothyroidism - undertreated. 2. Fatigue - attributed to #1.",
                    {{"fatigue", "R53.83"}, {"dry skin", "L85.3"}, {"Hypothyroidism", "E03.9"}});
  EXPECT_EQ(chart.codes(Policy::outpatient), std::vector<std::string>{"E03.9"});
}

TEST(IntegralFindings, ErythemaMigransIsTheRashOfLymeDisease) {
  // The index's "Erythema > migrans" is A26.0 (erysipeloid); beside Lyme disease it is its rash.
  const Chart chart("1. Early localized Lyme disease (erythema migrans), L thigh.", {{"Lyme disease", "A69.20"}, {"erythema migrans", "A26.0"}});
  EXPECT_EQ(chart.codes(Policy::outpatient), std::vector<std::string>{"A69.20"});
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

TEST(Conventions, CoronaryDiseaseWithAnginaIsOneCodeUnlessAnInfarctionTookTheAngina) {
  // I.C.9.b: the link between coronary atherosclerosis and angina is assumed.
  const Chart angina("1. Coronary artery disease of native vessels with unstable angina - 90% proximal LAD stenosis.",
                     {{"Coronary artery disease", "I25.10"}, {"unstable angina", "I20.0"}});
  EXPECT_EQ(angina.codes(), std::vector<std::string>{"I25.110"});
  // Angina progressing to an NSTEMI is the infarction's: the MI and CAD without angina.
  const Chart infarction("1. NSTEMI.\n2. Coronary artery disease of native vessels; recent exertional angina now progressing to NSTEMI.",
                         {{"NSTEMI", "I21.4"}, {"Coronary artery disease", "I25.10"}, {"angina", "I20.9"}});
  EXPECT_EQ(infarction.codes(), (std::vector<std::string>{"I21.4", "I25.10"}));
}

TEST(Conventions, ChronicHeartFailureWithPreservedEjectionFractionOfHypertensiveHeartDisease) {
  Chart chart("- Chronic HFpEF (EF 60%) due to hypertensive heart disease - compensated.", {{"HFpEF", "I50.30"}, {"hypertensive heart disease", "I11.9"}});
  chart.mentions[0].matched_term = "Unspecified diastolic (congestive) heart failure";  // the dictionary's name for it
  EXPECT_EQ(chart.codes(), (std::vector<std::string>{"I11.0", "I50.32"}));
}

TEST(Conventions, AKidneyDiseaseCalledHypertensiveIsHypertensiveChronicKidneyDisease) {
  Chart chart("1. Hypertensive CKD, stage 3b - eGFR stable at 35.", {{"CKD", "N18.9"}});
  chart.mentions[0].matched_term = "Chronic kidney disease, unspecified";  // the dictionary's name for it
  EXPECT_EQ(chart.codes(Policy::outpatient), (std::vector<std::string>{"I12.9", "N18.32"}));
  Chart plain("1. CKD, stage 3b - eGFR stable at 35.", {{"CKD", "N18.9"}});
  plain.mentions[0].matched_term = "Chronic kidney disease, unspecified";
  EXPECT_EQ(plain.codes(Policy::outpatient), std::vector<std::string>{"N18.32"});
}

TEST(Conventions, CrohnsDiseaseIsReadUnderRegionalEnteritisWithItsComplication) {
  // "Crohn's disease - see Enteritis, regional": the site from the chart's words, and the
  // obstruction "with" ties to it is the combination code's.
  Chart chart("Principal problem: Crohn's disease of the small intestine (neo-terminal ileum) with partial small bowel obstruction.",
              {{"Crohn's disease", "K50.90"}, {"small bowel obstruction", "K56.609"}});
  chart.mentions[0].matched_term = "Crohn's disease, unspecified, without complications";
  EXPECT_EQ(chart.codes(), std::vector<std::string>{"K50.012"});
}

// "Lung abscess ... with surrounding aspiration pneumonia": J85.1, and the pneumonia's own code
// for its type (Tabular: code also); two sentences naming each do not tie them.
TEST(Conventions, ALungAbscessWithPneumoniaInOneSentence) {
  Chart chart("1. Lung abscess, superior segment right lower lobe, with surrounding aspiration pneumonia.",
              {{"Lung abscess", "J85.2"}, {"aspiration pneumonia", "J69.0"}});
  EXPECT_TRUE(has(chart.codes(), "J85.1")) << testing::PrintToString(chart.codes());
  EXPECT_TRUE(has(chart.codes(), "J69.0")) << testing::PrintToString(chart.codes());
  Chart apart("1. Lung abscess, right lower lobe.\n2. Aspiration pneumonia, resolved.", {{"Lung abscess", "J85.2"}, {"Aspiration pneumonia", "J69.0"}});
  EXPECT_FALSE(has(apart.codes(), "J85.1")) << testing::PrintToString(apart.codes());
}

// "Cannabis-induced psychotic disorder with persecutory delusions, in the setting of cannabis use
// disorder, severe": the dependence (I.C.5.b.2) with what the weaker pattern said it caused and
// the delusions the psychosis has (F12.250), no delusional disorder beside it.
TEST(Conventions, AnInducedPsychosisInADependenceIsTheDependencesWithDelusions) {
  Chart chart("1. Cannabis-induced psychotic disorder with persecutory delusions, in the setting of cannabis use disorder, severe.",
              {{"Cannabis-induced psychotic disorder", "F12.959"}, {"delusions", "F22"}, {"cannabis use disorder, severe", "F12.20"}});
  EXPECT_EQ(chart.codes(), std::vector<std::string>{"F12.250"});
}

TEST(Conventions, MeningitisWithAnEnterovirusFoundIsEnteroviralMeningitis) {
  const Chart chart("CSF multiplex PCR panel: ENTEROVIRUS DETECTED.\nASSESSMENT: acute enteroviral (aseptic) meningitis.",
                    {{"ENTEROVIRUS", "B97.10"}, {"aseptic) meningitis", "G03.0"}});
  EXPECT_EQ(chart.codes(), std::vector<std::string>{"A87.0"});
}

TEST(Conventions, APulmonaryExacerbationOfCysticFibrosisIsItsPulmonaryManifestation) {
  Chart chart("PRINCIPAL DIAGNOSIS: Acute pulmonary exacerbation of cystic fibrosis.", {{"cystic fibrosis", "E84.9"}});
  chart.mentions[0].matched_term = "Cystic fibrosis, unspecified";
  EXPECT_EQ(chart.codes(), std::vector<std::string>{"E84.0"});
}

TEST(Conventions, APneumoniaNamedByItsOrganismIsNotAlsoUnspecified) {
  const Chart chart("1. Legionnaires' disease. 2. Acute hypoxic respiratory failure secondary to pneumonia.",
                    {{"Legionnaires' disease", "A48.1"}, {"pneumonia", "J18.9"}}, "discharge_diagnosis");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "A48.1") && !has(codes, "J18.9")) << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(Chart("Community-acquired pneumonia.", {{"pneumonia", "J18.9"}}, "discharge_diagnosis").codes(Policy::inpatient), "J18.9"))
      << "no organism named: the unspecified pneumonia stays";
}

// Type 2 is the default diabetes only where the chart states no other type (I.C.4.a.2): the
// ketoacidosis of a steroid-induced diabetes is E09.10, and the drug's adverse effect follows it.
TEST(Conventions, TheStatedDiabetesTypeCarriesToItsComplications) {
  Chart chart("1. Diabetic ketoacidosis due to steroid-induced diabetes mellitus, adverse effect of prednisone.",
              {{"Diabetic", "E11.9"}, {"ketoacidosis", "E87.29"}, {"diabetes mellitus", "E11.9"}}, "discharge_diagnosis");
  chart.mentions[2].matched_term = "Diabetes mellitus";
  const auto codes = chart.code(Policy::inpatient);
  std::vector<std::string> listed;
  for (const auto& c : codes) listed.push_back(c.code);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front().code, "E09.10") << ::testing::PrintToString(listed);
  EXPECT_EQ(codes.front().role, "principal");
  EXPECT_FALSE(has(listed, "E11.10") || has(listed, "E11.9")) << ::testing::PrintToString(listed);
  const Chart type2("1. Diabetic ketoacidosis, type 2 diabetes mellitus.", {{"ketoacidosis", "E87.29"}, {"type 2 diabetes mellitus", "E11.9"}},
                    "discharge_diagnosis");
  EXPECT_TRUE(has(type2.codes(Policy::inpatient), "E11.10"));
}

// "Use disorder, severe, with ...-induced psychotic disorder with delusions" is dependence with
// its psychotic disorder (F15.250); the same substance's use elsewhere in the chart is not coded
// beside it (I.C.5.b.2: the strongest pattern alone).
TEST(Conventions, AUseDisorderWithItsInducedPsychosisIsOneCode) {
  Chart chart("HPI: long history of methamphetamine use disorder. ASSESSMENT: 1. Methamphetamine use disorder, severe, with "
              "methamphetamine-induced psychotic disorder with delusions.",
              {{"methamphetamine use", "F15.90"}, {"Methamphetamine use", "F15.90"}}, "assessment");
  for (auto& m : chart.mentions) m.matched_term = "Other stimulant use, unspecified, uncomplicated";
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_EQ(codes, std::vector<std::string>{"F15.250"}) << ::testing::PrintToString(codes);
}

}  // namespace
}  // namespace chartflow::coding
