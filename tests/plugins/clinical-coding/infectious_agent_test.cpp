// The infectious agent beside an infection whose Tabular note asks for it (infectious_agent.cpp).
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

TEST(InfectiousAgents, AnAgentADrugIsChosenToCoverIsNoCause) {
  const Chart covered("Cellulitis of the right axilla; will add oral antibiotic covering MRSA pending culture.", {{"Cellulitis", "L03.90"}});
  EXPECT_FALSE(has(covered.codes(Policy::outpatient), "B95.62")) << testing::PrintToString(covered.codes(Policy::outpatient));
  const Chart grown("Cellulitis of the right axilla, wound culture grew MRSA.", {{"Cellulitis", "L03.90"}});
  EXPECT_TRUE(has(grown.codes(Policy::outpatient), "B95.62")) << testing::PrintToString(grown.codes(Policy::outpatient));
}

TEST(InfectiousAgents, AnInfectionOfNoSiteIsTheAgentOfAConditionThatAsksForOne) {
  const Chart chart("Principal diagnosis: Acute pulmonary exacerbation of cystic fibrosis.\nSecondary diagnoses: 1. Chronic airway infection, mucoid Pseudomonas aeruginosa.",
                    {{"cystic fibrosis", "E84.0"}, {"Pseudomonas aeruginosa", "A49.8"}}, "discharge_diagnosis");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "E84.0") && has(codes, "B96.5")) << testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "A49.8")) << "A49 Excludes1: bacterial agents of diseases classified elsewhere: " << testing::PrintToString(codes);
  const Chart alone("Chronic airway infection, mucoid Pseudomonas aeruginosa.", {{"Pseudomonas aeruginosa", "A49.8"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(alone.codes(Policy::inpatient), "A49.8")) << "no condition asks for an agent: " << testing::PrintToString(alone.codes(Policy::inpatient));
}

TEST(InfectiousAgents, AnAbscessTakesItsAgentWithoutATabularNote) {
  const Chart chart("Left perinephric abscess, MSSA - continue cefazolin.", {{"perinephric abscess", "N15.1"}});
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "N15.1") && has(codes, "B95.61")) << testing::PrintToString(codes);
}

TEST(InfectiousAgents, AVertebrasOrADevicesInfectionTakesItsAgent) {
  const Chart spine("1. Acute hematogenous osteomyelitis of the L3 vertebral body, lumbar spine, due to MSSA (bone aspirate culture).",
                    {{"Osteomyelitis", "M86.9"}});
  EXPECT_TRUE(has(spine.codes(Policy::inpatient), "B95.61")) << testing::PrintToString(spine.codes(Policy::inpatient));
  const Chart hip("Preop diagnosis: Chronic periprosthetic joint infection, right total hip arthroplasty, methicillin-susceptible Staphylococcus "
                  "aureus (aspirate culture x2)",
                  {{"periprosthetic joint infection", "T84.50XA"}});
  EXPECT_TRUE(has(hip.codes(Policy::inpatient), "B95.61")) << testing::PrintToString(hip.codes(Policy::inpatient));
}

TEST(InfectiousAgents, AnaerobesAreOtherSpecifiedBacteria) {
  const Chart chart("1. Lung abscess, right lower lobe, with aspiration pneumonia - anaerobic (Prevotella, Fusobacterium nucleatum on BAL culture)",
                    {{"Lung abscess", "J85.2"}});
  EXPECT_TRUE(has(chart.codes(Policy::inpatient), "B96.89")) << testing::PrintToString(chart.codes(Policy::inpatient));
}

// An organism reported in a sentence of its own is the agent of the infection whose culture grew
// it: a wound's culture of a wound infection, urine's of a UTI, the pleural fluid's of an empyema.
// A culture of another kind, or a negative one, names no agent.
TEST(InfectiousAgents, TheOrganismACultureOfTheInfectionGrewIsItsAgent) {
  const Chart wound("1. Superficial incisional surgical site infection of the midline laparotomy wound.\n2. MRSA identified on wound culture.",
                    {{"surgical site infection", "T81.41XA"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(wound.codes(Policy::inpatient), "B95.62")) << testing::PrintToString(wound.codes(Policy::inpatient));
  const Chart empyema("1. Right-sided empyema, loculated.\nPleural fluid culture: Streptococcus anginosus, penicillin-susceptible.",
                      {{"empyema", "J86.9"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(empyema.codes(Policy::inpatient), "B95.4")) << testing::PrintToString(empyema.codes(Policy::inpatient));
  const Chart other_culture("1. Urinary tract infection.\nWound culture from the foot grew MRSA.", {{"Urinary tract infection", "N39.0"}},
                            "discharge_diagnosis");
  EXPECT_FALSE(has(other_culture.codes(Policy::inpatient), "B95.62")) << testing::PrintToString(other_culture.codes(Policy::inpatient));
  const Chart negative("1. Urinary tract infection.\nUrine culture negative for E. coli.", {{"Urinary tract infection", "N39.0"}}, "discharge_diagnosis");
  EXPECT_FALSE(has(negative.codes(Policy::inpatient), "B96.20")) << testing::PrintToString(negative.codes(Policy::inpatient));
}

}  // namespace
}  // namespace chartflow::coding
