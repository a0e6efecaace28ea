// A drug's poisoning, adverse effect and underdosing (Guidelines I.C.19.e), read from the words
// beside the drug in the chart's sentences.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

bool has_drug_code(const std::vector<std::string>& codes) {
  return std::any_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("T") || c.starts_with("Z91.1"); });
}

TEST(DrugCoding, AnAdverseEffectFollowsTheConditionItCaused) {
  const Chart ulcer("Bleeding gastric ulcer due to ibuprofen use.", {{"Bleeding gastric ulcer", "K25.4"}});
  EXPECT_EQ(ulcer.codes(), (std::vector<std::string>{"K25.4", "T39.315A"})) << "ibuprofen is a propionic acid derivative; 5 = adverse effect";
  const Chart steroid("Steroid-induced hyperglycemia, on insulin sliding scale.", {{"hyperglycemia", "R73.9"}});
  EXPECT_EQ(steroid.codes(), (std::vector<std::string>{"R73.9", "T38.0X5A"})) << "placeholder X to the 6th character";
  const auto coded = ulcer.code();
  EXPECT_EQ(coded[1].role, "secondary");
  EXPECT_NE(coded[1].rule.find("I.C.19.e.5.a"), std::string::npos) << coded[1].rule;
  ASSERT_EQ(coded[1].evidence.size(), 1u);
  EXPECT_EQ(ulcer.text.substr(coded[1].evidence[0].begin, coded[1].evidence[0].end - coded[1].evidence[0].begin), "due to ibuprofen");
}

// "drug-related" names the effect beside it, before it ("Hypokalemia, diuretic-related") or after
// it; a "related" that qualifies a noun after it names nothing before it.
TEST(DrugCoding, ADrugRelatedConditionIsItsAdverseEffect) {
  EXPECT_EQ(Chart("Hypokalemia, diuretic-related, corrected.", {{"Hypokalemia", "E87.6"}}).codes(), (std::vector<std::string>{"E87.6", "T50.2X5A"}));
  EXPECT_EQ(Chart("Chlorthalidone-related hypokalemia.", {{"hypokalemia", "E87.6"}}).codes(), (std::vector<std::string>{"E87.6", "T50.2X5A"}));
  EXPECT_FALSE(has_drug_code(Chart("Type 2 diabetes mellitus, on oral agents - steroid-related glucose monitoring.", {{"Type 2 diabetes mellitus", "E11.9"}})
                                 .codes()))
      << "the monitoring is what is related, not the diabetes";
}

TEST(DrugCoding, ANoncomplianceWithADrugIsNoOtherNoncompliance) {
  const Chart chart("Major depressive disorder, recurrent. Noncompliance with sertraline (stopped on her own).",
                    {{"Major depressive disorder", "F33.2"}, {"Noncompliance", "Z91.199"}});
  const auto codes = chart.codes();
  EXPECT_TRUE(has(codes, "Z91.128")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "Z91.199")) << "the bare 'Noncompliance' is this one: " << ::testing::PrintToString(codes);
}

TEST(DrugCoding, AConditionProvokedByAnOralContraceptiveIsItsAdverseEffect) {
  const Chart chart("Cerebral venous sinus thrombosis, provoked by combined oral contraceptive; no venous infarct.",
                    {{"Cerebral venous sinus thrombosis", "I67.6"}});
  EXPECT_EQ(chart.codes(), (std::vector<std::string>{"I67.6", "T38.4X5A"}));
}

TEST(DrugCoding, AConditionFollowingAChemotherapyIsItsAdverseEffect) {
  const Chart chart("2. Laboratory tumor lysis syndrome following chemotherapy, resolved.", {{"tumor lysis syndrome", "E88.3"}});
  EXPECT_EQ(chart.codes(), (std::vector<std::string>{"E88.3", "T45.1X5A"}));
}

// A mention that holds the cue ("Immunosuppression due to") names the effect of the drugs after it.
TEST(DrugCoding, AMentionHoldingTheCueIsTheEffect) {
  const Chart chart("Immunosuppression due to rituximab and prednisone - contributes to #1.", {{"Immunosuppression due to", "D84.9"}});
  EXPECT_EQ(chart.codes(), (std::vector<std::string>{"D84.821", "T45.1X5A", "T38.0X5A"}));
}

// Every drug of a list after one cue is a cause; "from" a drug is one too, unless it names a
// change of drug.
TEST(DrugCoding, EachDrugOfAListAfterACueAndAfterFrom) {
  const Chart listed("Immunosuppressed state due to tacrolimus, mycophenolate, prednisone.", {{"Immunosuppressed state", "D84.9"}});
  EXPECT_EQ(listed.codes(), (std::vector<std::string>{"D84.821", "T45.1X5A", "T38.0X5A"}))
      << "immunodeficiency due to drugs; tacrolimus and mycophenolate share T45.1X5A";
  const Chart pair("Hyperglycemia due to prednisone and tacrolimus.", {{"Hyperglycemia", "R73.9"}});
  EXPECT_EQ(pair.codes(), (std::vector<std::string>{"R73.9", "T38.0X5A", "T45.1X5A"}));
  EXPECT_TRUE(has(Chart("Nausea - from doxycycline; take with food.", {{"Nausea", "R11.0"}}).codes(), "T36.4X5A"));
  EXPECT_FALSE(has_drug_code(Chart("Cough, switched from lisinopril to losartan.", {{"Cough", "R05.9"}}).codes()))
      << "a change of drug names the one left, not a cause";
  EXPECT_FALSE(has(Chart("Rash due to amoxicillin, on prednisone taper.", {{"Rash", "R21"}}).codes(), "T38.0X5A"))
      << "only a list joins: 'on prednisone' is no second cause";
}

// A prescribed drug named as the cause leads the index walk to "due to > drugs / medicament" or
// "drug-induced", words no chart spells out.
TEST(DrugCoding, ADrugNamedAsTheCauseIsTheIndexsDrugInduced) {
  const Chart lithium("Hypothyroidism due to lithium, on levothyroxine.", {{"Hypothyroidism", "E03.9"}});
  EXPECT_EQ(lithium.codes(), (std::vector<std::string>{"E03.2", "T43.595A"}));
  const Chart plain("Hypothyroidism, on levothyroxine.", {{"Hypothyroidism", "E03.9"}});
  EXPECT_EQ(plain.codes(), (std::vector<std::string>{"E03.9"})) << "a drug taken for it is no cause";
}

// A drug properly taken causes no "anaphylactic shock, unspecified" (T78.2) but T88.6 (I.C.19.e.5.a).
TEST(DrugCoding, AnAnaphylaxisDueToADrugIsT886) {
  const Chart stay("1. Anaphylaxis due to amoxicillin, resolved after epinephrine.", {{"Anaphylaxis", "T78.2"}}, "assessment");
  EXPECT_EQ(stay.codes(Policy::outpatient), (std::vector<std::string>{"T88.6XXA", "T36.0X5A"}));
  const Chart sting("1. Anaphylaxis after a bee sting.", {{"Anaphylaxis", "T78.2"}}, "assessment");
  EXPECT_FALSE(has(sting.codes(Policy::outpatient), "T88.6XXA")) << "no drug: " << ::testing::PrintToString(sting.codes(Policy::outpatient));
}

// A toxic alcohol is its own: methanol (windshield washer fluid) is T51.1, not ethanol's T51.0.
TEST(DrugCoding, MethanolIsNoEthanol) {
  const Chart stay("1. Toxic effect of methanol, intentional self-harm (suicide attempt by windshield washer fluid ingestion).",
                   {{"metabolic acidosis", "E87.20"}}, "assessment");
  const auto codes = stay.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "T51.1X2A")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "T51.0X1A") || has(codes, "T51.0X2A")) << ::testing::PrintToString(codes);
}

TEST(DrugCoding, AChemicalsExposureIsItsToxicEffectAndLeadsTheCorrosion) {
  const Chart eye("1. Alkali corrosion of right cornea - accidental exposure to sodium hydroxide drain cleaner at home.",
                  {{"corrosion of right cornea", "T26.61XA"}}, "assessment");
  const auto codes = eye.codes(Policy::outpatient);
  ASSERT_TRUE(has(codes, "T54.3X1A")) << ::testing::PrintToString(codes);
  EXPECT_EQ(codes.front(), "T54.3X1A") << "T26.6-: code first (T51-T65) the chemical and intent: " << ::testing::PrintToString(codes);
  const Chart heparin("Heparin-induced thrombocytopenia; prior exposure to heparin in the last 100 days.", {{"thrombocytopenia", "D75.82"}}, "assessment");
  EXPECT_FALSE(has(heparin.codes(Policy::inpatient), "T45.511A")) << "a medicine's exposure is no poisoning";
}

TEST(DrugCoding, ABareNounNamesTheConditionTheChartCodesInFull) {
  const Chart ulcer("Bleeding duodenal ulcer. NSAID-induced ulcer - ibuprofen taken as directed. Ulcer attributed to ibuprofen.",
                    {{"Bleeding duodenal ulcer", "K26.4"}});
  EXPECT_EQ(ulcer.codes(), (std::vector<std::string>{"K26.4", "T39.315A"})) << "the drug's own code, not the class's T39.395A";
  const Chart two("Gastric ulcer. Duodenal ulcer. Ulcer attributed to ibuprofen.", {{"Gastric ulcer", "K25.9"}, {"Duodenal ulcer", "K26.9"}});
  EXPECT_FALSE(has_drug_code(two.codes())) << "two ulcers: the bare noun names neither";
}

TEST(DrugCoding, APoisoningLeadsWithTheIntentTheChartStates) {
  const Chart accidental("Acute respiratory failure due to accidental fentanyl overdose.", {{"Acute respiratory failure", "J96.00"}}, "discharge_diagnosis");
  EXPECT_EQ(accidental.codes(), (std::vector<std::string>{"T40.411A", "J96.00"})) << "I.C.19.e.5.b: the poisoning first";
  const Chart unknown("Obtunded after an overdose of oxycodone.", {{"Obtunded", "R40.0"}});
  EXPECT_TRUE(has(unknown.codes(), "T40.2X1A")) << "no intent stated: accidental";
  const Chart suicide("Intentional overdose of 30 tablets of acetaminophen in a suicide attempt.", {});
  EXPECT_EQ(suicide.codes(), std::vector<std::string>{"T39.1X2A"});
  const Chart heroin("Heroin overdose with hypoxemia.", {{"hypoxemia", "R09.02"}}, "discharge_diagnosis");
  EXPECT_EQ(heroin.codes().front(), "T40.1X1A");
}

TEST(DrugCoding, UnderdosingNeverLeadsAndTakesTheIntentCode) {
  const Chart relapse("Major depressive disorder, recurrent, severe. Relapse after self-discontinuation of sertraline.",
                      {{"Major depressive disorder", "F33.2"}}, "discharge_diagnosis");
  EXPECT_EQ(relapse.codes(), (std::vector<std::string>{"F33.2", "T43.226A", "Z91.128"}));
  const Chart cost("Hyperglycemia. She ran out of insulin because she could not afford it.", {{"Hyperglycemia", "R73.9"}});
  EXPECT_TRUE(has(cost.codes(), "T38.3X6A"));
  EXPECT_TRUE(has(cost.codes(), "Z91.120")) << "intentional, financial hardship";
  const Chart stated_outpatient("Rash due to amoxicillin.", {{"Rash", "R21"}});
  EXPECT_TRUE(has(stated_outpatient.codes(Policy::outpatient), "T36.0X5A")) << "a stated cause is coded outpatient too";
  const Chart unsaid("Hypertensive urgency. Not taking lisinopril.", {{"Hypertensive urgency", "I16.0"}});
  const auto unsaid_codes = unsaid.codes();
  EXPECT_TRUE(has(unsaid_codes, "T46.4X6A"));
  EXPECT_FALSE(std::any_of(unsaid_codes.begin(), unsaid_codes.end(), [](const std::string& c) { return c.starts_with("Z91.1"); }))
      << "no reason stated: no noncompliance code (I.C.19.e.5.c: 'if known')";
}

TEST(DrugCoding, TheReasonTheStoryGivesReplacesTheAssessmentsVagueOne) {
  // The story gives the reason (cost, Z91.120); the assessment restates it as an "intentional
  // underdosing" (the index's "Underdosing > intentional NEC", Z91.128, "for other reason").
  const Chart chart("Hyperglycemia. She ran out of insulin because she could not afford it.\nAssessment: Hyperglycemia after intentional underdosing.",
                    {{"Hyperglycemia", "R73.9"}, {"intentional underdosing", "Z91.128"}});
  const auto codes = chart.codes();
  EXPECT_TRUE(has(codes, "Z91.120")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "Z91.128")) << ::testing::PrintToString(codes);
}

TEST(DrugCoding, OffOrStoppedIsAnUnderdosingOnlyWithThePatientsReason) {
  const Chart cost("Type 2 diabetes mellitus with hyperglycemia, uncontrolled; off metformin due to cost.", {{"Type 2 diabetes", "E11.65"}});
  EXPECT_TRUE(has(cost.codes(), "T38.3X6A") && has(cost.codes(), "Z91.120")) << ::testing::PrintToString(cost.codes());
  const Chart own("Depression (on sertraline, stopped 2 months ago on her own).", {{"Depression", "F32.A"}}, "past_medical_history");
  EXPECT_TRUE(has(own.codes(), "T43.226A") && has(own.codes(), "Z91.128")) << "the history's underdosing is of now " << ::testing::PrintToString(own.codes());
  EXPECT_FALSE(has_drug_code(Chart("Acute kidney injury; metformin stopped due to AKI.", {{"Acute kidney injury", "N17.9"}}).codes()))
      << "a provider's stop is no underdosing";
  EXPECT_FALSE(has_drug_code(Chart("Atrial fibrillation; off warfarin for the colonoscopy.", {{"Atrial fibrillation", "I48.91"}}).codes()));
  EXPECT_FALSE(has_drug_code(Chart("Rash due to amoxicillin in 2019.", {{"Rash", "R21"}}, "past_medical_history").codes()))
      << "a history's adverse effect is of the past";
}

TEST(DrugCoding, TheWordAfterTheDrugSaysWhatItDidAfterACauseCue) {
  const Chart dka("1. Diabetic ketoacidosis, type 1 diabetes, without coma - precipitated by insulin underdosing, which she did intentionally "
                  "because of cost.",
                  {{"Diabetic ketoacidosis", "E10.10"}});
  const auto codes = dka.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "T38.3X6A") && has(codes, "Z91.120")) << "an underdosing, not an adverse effect; the dash ends what 'without' denies "
                                                                 << ::testing::PrintToString(codes);
  const Chart psychosis("1. Schizophrenia, paranoid type, acute exacerbation.\n2. Intentional underdosing (nonadherence) of risperidone due to side "
                        "effects - not cost-related.",
                        {{"Schizophrenia", "F20.0"}});
  const auto psychosis_codes = psychosis.codes(Policy::inpatient);
  EXPECT_TRUE(has(psychosis_codes, "T43.596A") && has(psychosis_codes, "Z91.128") && !has(psychosis_codes, "Z91.120"))
      << "a reason denied is none " << ::testing::PrintToString(psychosis_codes);
}

TEST(DrugCoding, AnUnspecifiedOpioidGivesWayToTheOpioidTheChartNames) {
  const Chart chart("Principal Dx: Accidental fentanyl overdose (illicit).\n- Acute hypoxic respiratory failure secondary to opioid overdose, intubated.",
                    {{"respiratory failure", "J96.01"}}, "discharge_diagnosis");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "T40.411A")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "T40.601A")) << "the same poisoning said less exactly " << ::testing::PrintToString(codes);
}

TEST(DrugCoding, WhatSaysNothingOfThisEncounterIsNotCoded) {
  EXPECT_FALSE(has_drug_code(Chart("History of heroin overdose in 2019.", {}).codes()));
  EXPECT_FALSE(has_drug_code(Chart("Ibuprofen 400 mg every 6 hours as needed.", {}, "medications").codes()));
  EXPECT_FALSE(has_drug_code(Chart("Gastritis, no evidence of ibuprofen toxicity.", {{"Gastritis", "K29.70"}}).codes()));
  EXPECT_FALSE(has_drug_code(Chart("Hyperkalemia due to AKI plus spironolactone.", {{"Hyperkalemia", "E87.5"}}).codes()))
      << "another cause named between the cue and the drug";
  EXPECT_FALSE(has_drug_code(Chart("Chest pain; on ibuprofen due to knee pain.", {{"Chest pain", "R07.9"}}).codes()));
  EXPECT_FALSE(has_drug_code(Chart("Rash possibly due to amoxicillin.", {{"Rash", "R21"}}).codes(Policy::outpatient)))
      << "IV.H: an uncertain cause is not coded outpatient";
  EXPECT_FALSE(has_drug_code(Chart("Nausea due to heroin.", {{"Nausea", "R11.0"}}).codes())) << "nobody prescribes heroin: no adverse effect";
  EXPECT_FALSE(has_drug_code(Chart("Ulcer due to ibuprofen.", {}).codes())) << "an adverse effect needs the condition it caused";
  EXPECT_FALSE(has_drug_code(Chart("Hashimoto thyroiditis, on levothyroxine - associated autoimmune condition.", {{"thyroiditis", "E06.3"}}).codes()))
      << "a cue after a dash between clauses is not joined to the drug";
  EXPECT_TRUE(has_drug_code(Chart("Myopathy, statin-associated.", {{"Myopathy", "G72.9"}}).codes())) << "joined, it is";
  std::vector<std::string> without_sentences;
  for (const auto& c : fixture().coder().code({mention("m1", "K25.4", "gastric ulcer")}, Policy::inpatient, "gastric ulcer due to ibuprofen"))
    without_sentences.push_back(c.code);
  EXPECT_FALSE(has_drug_code(without_sentences)) << "no sentences handed over: nothing read";
}

TEST(DrugCoding, EveryRowOfTheDrugTableMakesBillableCodes) {
  const auto& data = fixture().data;
  ASSERT_GT(data.drug_classes.size(), 150u);
  for (const auto& [drug, row] : data.drug_classes) {
    const std::string effects = row.kind == CoderData::DrugKind::prescribed ? "123456" : "1234";
    for (char effect : effects) {
      std::string code = row.stem + effect;
      while (code.size() < 7) code += 'X';
      code += 'A';
      EXPECT_TRUE(fixture().cm.is_billable(code)) << drug << " -> " << code;
    }
  }
}

TEST(DrugCoding, AMalformedDrugTableRowNamesItsLine) {
  test::TempDir dir;
  test::write_file(dir / "drug_classes.tsv", "drug\tstem\tkind\nibuprofen\tT39.31\tprescribed\naspirin\tT39.01\n");
  CoderData data;
  try {
    data.load_drug_classes((dir / "drug_classes.tsv").string());
    FAIL() << "a row without its kind must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("drug_classes.tsv:3"), std::string::npos) << e.what();
  }
}

TEST(DrugCoding, CarbonMonoxideIsCodedByItsSource) {
  const Chart exhaust("Carbon monoxide poisoning from motor vehicle exhaust, accidental.", {}, "diagnosis");
  EXPECT_EQ(exhaust.codes(Policy::outpatient), std::vector<std::string>{"T58.01XA"});
  const Chart unsourced("Carbon monoxide poisoning.", {}, "diagnosis");
  EXPECT_EQ(unsourced.codes(Policy::outpatient), std::vector<std::string>{"T58.91XA"}) << "no source named: T58.9-";
}

TEST(DrugCoding, AnEffectTheChartDoesNotAttributeToTheDrugIsNone) {
  const Chart hematuria("Gross hematuria; the hematuria is not attributed to anticoagulation given the tumor.", {{"hematuria", "R31.0"}}, "diagnosis");
  const auto codes = hematuria.codes(Policy::outpatient);
  EXPECT_FALSE(std::any_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("T45.51"); })) << ::testing::PrintToString(codes);
}

// What an overdose brought about is the index's drug-induced condition, after the poisoning
// (I.C.19.e.5.b): "Hypotension > drug-induced" (I95.2), "Hypoglycemia > drug-induced" (E16.0).
// A condition beside an overdose that the chart does not say it caused keeps its own code.
TEST(DrugCoding, WhatAnOverdoseBroughtAboutIsDrugInduced) {
  const Chart chart("Admitted with propranolol overdose, intentional (suicide attempt), with resultant bradycardia, hypotension and hypoglycemia.",
                    {{"bradycardia", "R00.1"}, {"hypotension", "I95.9"}, {"hypoglycemia", "E16.2"}});
  EXPECT_EQ(chart.codes(), (std::vector<std::string>{"T44.7X2A", "R00.1", "I95.2", "E16.0"}));
  EXPECT_TRUE(has(Chart("Hypotension secondary to amlodipine overdose.", {{"Hypotension", "I95.9"}}).codes(), "I95.2"));
  const auto beside = Chart("Hypotension on arrival; history of remote heroin overdose.", {{"Hypotension", "I95.9"}}).codes();
  EXPECT_TRUE(has(beside, "I95.9")) << ::testing::PrintToString(beside);
}

// A proton pump inhibitor is an anti-gastric-secretion drug (T47.1X-), an H2 blocker its own
// class (T47.0X-): both are drugs the table names.
TEST(DrugCoding, AcidSuppressantsHaveTheirClasses) {
  const Chart chart("1. Drug-induced acute interstitial nephritis from omeprazole (adverse effect, taken as prescribed).",
                    {{"acute interstitial nephritis", "N10"}});
  EXPECT_TRUE(has(chart.codes(), "T47.1X5A")) << ::testing::PrintToString(chart.codes());
  EXPECT_TRUE(has(Chart("Thrombocytopenia due to famotidine.", {{"Thrombocytopenia", "D69.6"}}).codes(), "T47.0X5A"));
}

// A cause follows its link: "diarrhea due to metformin" is the drug's diarrhea (K52.1), but
// "metronidazole was added to treatment due to persistent C. difficile diarrhea" is the drug given
// for the diarrhea, which keeps its own code.
TEST(DrugCoding, ADrugGivenForAConditionIsNotItsCause) {
  const auto given_for = Chart("Metronidazole was started due to persistent diarrhea.",
                               {{"diarrhea", "R19.7"}}).codes();
  EXPECT_TRUE(has(given_for, "R19.7")) << ::testing::PrintToString(given_for);
  EXPECT_FALSE(has(given_for, "K52.1")) << ::testing::PrintToString(given_for);
  EXPECT_TRUE(has(Chart("Diarrhea due to metformin.", {{"Diarrhea", "R19.7"}}).codes(), "K52.1"));
}

// "Toxic alcohol ingestion" and the methanol the chart then names are one substance: the
// category's unspecified code (T51.91XA) gives way to the named one's (T51.1X2A).
TEST(DrugCoding, AnUnspecifiedSubstanceGivesWayToTheOneOfItsCategoryNamed) {
  const Chart chart("Reason for consult: hemodialysis for toxic alcohol ingestion.\nAssessment: Toxic effect of methanol, intentional self-harm "
                    "(suicide attempt by windshield washer fluid ingestion).",
                    {});
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "T51.1X2A")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "T51.91XA")) << ::testing::PrintToString(codes);
}

}  // namespace
}  // namespace chartflow::coding
