// Long-term (current) drug therapy (Z79) from the drugs a chart says the patient takes, under the
// long_term_drug_codes option current_medications (long_term_drugs.cpp).
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::fixture;
using testing_fixture::has;

std::vector<std::string> codes_with(const Chart& chart, LongTermDrugCodes option, Policy policy = Policy::inpatient) {
  return chart.codes(policy, Conventions{.long_term_drugs = option});
}

const Chart kMedicationList("Type 2 diabetes mellitus without complications.\n"
                            "Medications: apixaban 5 mg BID, metformin 1000 mg BID, clopidogrel 75 mg daily, atorvastatin 40 mg daily.\n",
                            {{"Type 2 diabetes mellitus without complications", "E11.9"}}, "assessment");

TEST(LongTermDrugs, TheDrugsAPatientTakesHaveTheirZ79Codes) {
  const auto codes = codes_with(kMedicationList, LongTermDrugCodes::current_medications);
  EXPECT_TRUE(has(codes, "Z79.01")) << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Z79.84")) << "metformin for a diabetes (I.C.4.a.3): " << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Z79.02")) << testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "Z79.899")) << "a statin has no code of its own: " << testing::PrintToString(codes);
}

TEST(LongTermDrugs, OnlyUnderTheOption) {
  const auto codes = codes_with(kMedicationList, LongTermDrugCodes::stated);
  EXPECT_FALSE(has(codes, "Z79.01") || has(codes, "Z79.84") || has(codes, "Z79.02")) << testing::PrintToString(codes);
}

TEST(LongTermDrugs, WhatThePatientDoesNotTakeForLongIsNone) {
  for (const char* text : {"Warfarin was discontinued after the bleed.\n", "ALLERGIES: aspirin (hives).\n",
                           "Aspirin 325 mg given in the ED.\n", "Prednisone 40 mg daily x 5 days.\n", "Prednisone taper over two weeks.\n",
                           "Hydrocortisone 1% cream to the rash.\n", "Dexamethasone eye drops.\n", "Consider apixaban if atrial fibrillation recurs.\n",
                           "Started apixaban today for the new clot.\n", "Do NOT start warfarin until platelets recover.\n",
                           "Enoxaparin 40 mg SC daily for DVT prophylaxis.\n", "Azithromycin 500 mg daily for 3 days.\n",
                           "Fluticasone nasal spray daily.\n", "Anastrozole - completed 6 years ago.\n",
                           "No diabetes, no sulfonylurea or insulin in the home.\n", "Dexamethasone 10 mg q8h x 24 h.\n", "Prednisone 100 mg daily days 2-5 of cycle.\n",
                           "Discharge medications:\n- Prednisone 40 mg - last dose tomorrow (day 5 of 5)\n",
                           "TREATMENT IN ED: Prednisone 60 mg PO. Artificial tears.\n", "Despite ondansetron and dexamethasone premeds, she had nausea.\n",
                           "Type 2 diabetes mellitus with hyperglycemia, uncontrolled; off metformin due to cost.\n"}) {
    const Chart chart(text, {});
    const auto codes = codes_with(chart, LongTermDrugCodes::current_medications);
    EXPECT_TRUE(std::none_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("Z79"); }))
        << text << testing::PrintToString(codes);
  }
}

TEST(LongTermDrugs, AntibioticsAndOpiatesCountOnlyWhereTheChartSaysLongTerm) {
  const Chart chronic("Bronchiectasis on chronic suppressive azithromycin three times weekly.\n", {});
  EXPECT_TRUE(has(codes_with(chronic, LongTermDrugCodes::current_medications), "Z79.2"));
  const Chart pain("Chronic back pain on long-term oxycodone, stable dose.\n", {});
  EXPECT_TRUE(has(codes_with(pain, LongTermDrugCodes::current_medications), "Z79.891"));
  const Chart postoperative("Oxycodone 5 mg q6h PRN pain.\n", {});
  EXPECT_FALSE(has(codes_with(postoperative, LongTermDrugCodes::current_medications), "Z79.891"));
}

TEST(LongTermDrugs, DiabetesDrugsCountForADiabetes) {
  const Chart heart_failure("HFrEF on metoprolol succinate, spironolactone, empagliflozin.\n", {});
  EXPECT_FALSE(has(codes_with(heart_failure, LongTermDrugCodes::current_medications), "Z79.84"));
  const Chart stated("Type 2 diabetes on metformin.\n", {});
  EXPECT_TRUE(has(codes_with(stated, LongTermDrugCodes::current_medications), "Z79.84")) << "the line names the diabetes";
  const Chart resistance("Insulin resistance; non-insulin therapy discussed.\n", {});
  EXPECT_FALSE(has(codes_with(resistance, LongTermDrugCodes::current_medications), "Z79.4"));
}

TEST(LongTermDrugs, APlansOrderForTheStayIsNoLongTermTherapy) {
  const Chart ordered("Type 2 diabetes mellitus with hyperglycemia: insulin per medicine, diabetes education.\n",
                      {{"Type 2 diabetes mellitus with hyperglycemia", "E11.65"}}, "plan");
  EXPECT_FALSE(has(codes_with(ordered, LongTermDrugCodes::current_medications), "Z79.4")) << testing::PrintToString(ordered.codes());
  const Chart continued("Type 2 diabetes mellitus with hyperglycemia: continue home insulin glargine 20 units.\n",
                        {{"Type 2 diabetes mellitus with hyperglycemia", "E11.65"}}, "plan");
  EXPECT_TRUE(has(codes_with(continued, LongTermDrugCodes::current_medications), "Z79.4"));
  EXPECT_TRUE(has(continued.codes(), "Z79.4")) << "the companion code of a diabetes, without the option too";
}

// A therapy this encounter began is no long-term therapy the patient came on, whatever its other
// sentences say of it; one begun before the encounter is.
TEST(LongTermDrugs, ADrugStartedHereIsNoLongTermTherapy) {
  const Chart started("Kawasaki disease. High-dose aspirin started. Aspirin reduced to low dose on day 3.\n", {});
  EXPECT_FALSE(has(codes_with(started, LongTermDrugCodes::current_medications), "Z79.82")) << testing::PrintToString(started.codes());
  const Chart before("Prednisone 15 mg daily was started 6 weeks ago by an outside provider.\nMEDS: prednisone 15 mg daily, omeprazole 40 mg BID.\n", {});
  EXPECT_TRUE(has(codes_with(before, LongTermDrugCodes::current_medications), "Z79.52")) << testing::PrintToString(before.codes());
  const Chart for_long("Warfarin was started with an enoxaparin overlap.\nDischarge medications:\n"
                       "warfarin 5 mg daily (goal INR 2-3, planned for at least 6-12 months); acetaminophen PRN.\n", {});
  EXPECT_TRUE(has(codes_with(for_long, LongTermDrugCodes::current_medications), "Z79.01")) << "begun here for long";
}

// I.C.4.a.3: no Z79.4 for insulin given temporarily to bring a type 2 patient's sugar under control.
TEST(LongTermDrugs, InsulinOnlyForNowIsNoLongTermInsulin) {
  const Chart temporary("Type 2 diabetes mellitus with hyperglycemia due to prednisone.\nIncrease glargine to 14 units, continue correction scale.\n"
                        "Insulin is intended only while on high-dose prednisone; plan to stop it as the steroid tapers.\n",
                        {{"Type 2 diabetes mellitus with hyperglycemia", "E11.65"}}, "assessment");
  EXPECT_FALSE(has(codes_with(temporary, LongTermDrugCodes::current_medications), "Z79.4")) << testing::PrintToString(temporary.codes());
  const Chart home("Type 2 diabetes mellitus with hyperglycemia.\nHome glargine 14 units nightly, continued.\n",
                   {{"Type 2 diabetes mellitus with hyperglycemia", "E11.65"}}, "assessment");
  EXPECT_TRUE(has(codes_with(home, LongTermDrugCodes::current_medications), "Z79.4")) << testing::PrintToString(home.codes());
}

TEST(LongTermDrugs, AnInhaledSteroidIsNoSystemicOne) {
  const Chart chart("COPD on Symbicort 2 puffs BID and prednisone 5 mg daily for years.\n", {});
  const auto codes = codes_with(chart, LongTermDrugCodes::current_medications);
  EXPECT_TRUE(has(codes, "Z79.51")) << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Z79.52")) << testing::PrintToString(codes);
}

TEST(LongTermDrugs, EveryRowOfTheTableIsABillableCode) {
  const auto& data = fixture().data;
  ASSERT_GT(data.long_term_drugs.size(), 90u);
  for (const auto& [first, drugs] : data.long_term_drugs)
    for (const auto& drug : drugs) EXPECT_TRUE(fixture().cm.is_billable(drug.code)) << first << " -> " << drug.code;
}

TEST(LongTermDrugs, AMalformedRowNamesItsLine) {
  test::TempDir dir;
  test::write_file(dir / "long_term_drugs.tsv", "drug\tcode\tneeds\nwarfarin\tZ79.01\tany\naspirin\tT39.01\tany\n");
  CoderData data;
  try {
    data.load_long_term_drugs((dir / "long_term_drugs.tsv").string());
    FAIL() << "a row whose code is no Z79 code must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("long_term_drugs.tsv:3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace chartflow::coding
