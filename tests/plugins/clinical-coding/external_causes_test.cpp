// External causes of injuries (V00-Y99) under the external_cause_codes option injury_encounters
// (external_causes.cpp): mechanism with the injury's encounter, and at the initial encounter the
// place, activity and status.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::fixture;
using testing_fixture::has;

std::vector<std::string> codes_with(const Chart& chart, ExternalCauseCodes option, Policy policy = Policy::outpatient) {
  return chart.codes(policy, Conventions{.external_causes = option});
}

std::vector<std::string> external_causes(const std::vector<std::string>& codes) {
  std::vector<std::string> out;
  std::copy_if(codes.begin(), codes.end(), std::back_inserter(out), [](const std::string& c) { return c[0] >= 'V' && c[0] <= 'Y'; });
  return out;
}

const Chart kBathroomFall("She lives alone in a single-family house.\n"
                          "She slipped on the wet floor in her bathroom at home while stepping out of the shower, without striking her head.\n"
                          "Assessment: Fracture of the right radius, initial encounter for closed fracture.\n",
                          {{"Fracture of the right radius, initial encounter for closed fracture", "S52.91XA"}}, "history_of_present_illness");

TEST(ExternalCauses, AFallAtHomeGetsHowWhereDoingWhatAndStatus) {
  const auto codes = codes_with(kBathroomFall, ExternalCauseCodes::injury_encounters);
  EXPECT_EQ(external_causes(codes), (std::vector<std::string>{"W01.0XXA", "Y92.012", "Y93.E1", "Y99.8"})) << testing::PrintToString(codes);
  EXPECT_NE(codes.front()[0], 'W') << "an external cause never leads (I.C.20): " << testing::PrintToString(codes);
}

TEST(ExternalCauses, AChemicalsToxicEffectHasItsPlaceWithoutAMechanism) {
  const Chart chart("Assessment: Alkali corrosion of right cornea.\nAccidental exposure to sodium hydroxide drain cleaner, at home (apartment bathroom).\n",
                    {{"Alkali corrosion of right cornea", "T26.61XA"}});
  const auto codes = codes_with(chart, ExternalCauseCodes::injury_encounters);
  EXPECT_TRUE(has(codes, "T54.3X1A")) << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Y92.031")) << "the apartment's bathroom: " << testing::PrintToString(codes);
}

TEST(ExternalCauses, NoStatusWhenTheChartStatesNone) {
  // A drain cleaner at home says neither work nor leisure: no Y99 code (I.C.20.k), where a
  // recreational ride says leisure (Y99.8).
  const Chart at_home("Assessment: Alkali corrosion of right cornea.\nAccidental exposure to sodium hydroxide drain cleaner, at home (apartment bathroom).\n",
                      {{"Alkali corrosion of right cornea", "T26.61XA"}});
  const auto home_codes = codes_with(at_home, ExternalCauseCodes::injury_encounters);
  EXPECT_FALSE(has(home_codes, "Y99.8")) << testing::PrintToString(home_codes);
  const Chart ride("He fell off his bicycle on the road while returning from a recreational ride.\n"
                   "Assessment: Fracture of the right radius, initial encounter for closed fracture.\n",
                   {{"Fracture of the right radius, initial encounter for closed fracture", "S52.91XA"}});
  const auto ride_codes = codes_with(ride, ExternalCauseCodes::injury_encounters);
  EXPECT_TRUE(has(ride_codes, "Y99.8")) << testing::PrintToString(ride_codes);
}

TEST(ExternalCauses, OnlyUnderTheOption) {
  EXPECT_TRUE(external_causes(codes_with(kBathroomFall, ExternalCauseCodes::none)).empty());
}

TEST(ExternalCauses, ALaterEncounterHasTheMechanismOnly) {
  const Chart chart("Follow-up visit. He tripped over a curb six weeks ago.\n"
                    "Assessment: Fracture of the right radius, subsequent encounter for closed fracture with routine healing.\n",
                    {{"Fracture of the right radius, subsequent encounter for closed fracture with routine healing", "S52.91XD"}});
  const auto codes = codes_with(chart, ExternalCauseCodes::injury_encounters);
  EXPECT_EQ(external_causes(codes), (std::vector<std::string>{"W01.0XXD"})) << testing::PrintToString(codes);
}

TEST(ExternalCauses, AWorkInjuryAndTheTypeOfHome) {
  const Chart bite("Bitten on the left hand by a German shepherd while delivering mail at work.\n"
                   "Assessment: Dog bite of left hand.\n",
                   {{"Dog bite of left hand", "S61.452A"}});
  const auto bite_codes = external_causes(codes_with(bite, ExternalCauseCodes::injury_encounters));
  EXPECT_TRUE(has(bite_codes, "W54.0XXA")) << testing::PrintToString(bite_codes);
  EXPECT_TRUE(has(bite_codes, "Y99.0")) << testing::PrintToString(bite_codes);
  const Chart burn("Spilled a mug of hot coffee on her thigh in the kitchen of her apartment.\n"
                   "Assessment: Burn of second degree of right thigh.\n",
                   {{"Burn of second degree of right thigh", "T24.211A"}});
  const auto burn_codes = external_causes(codes_with(burn, ExternalCauseCodes::injury_encounters));
  EXPECT_TRUE(has(burn_codes, "X10.0XXA")) << testing::PrintToString(burn_codes);
  EXPECT_TRUE(has(burn_codes, "Y92.030")) << "an apartment's kitchen: " << testing::PrintToString(burn_codes);
}

TEST(ExternalCauses, HotEnginesBranchesOverexertionAndAHomesDriveway) {
  const Chart exhaust("Lives in a single-family house. Burned her right calf on the hot exhaust pipe of a parked motorcycle in the driveway.\n"
                      "Assessment: Burn of second degree of right lower leg.\n",
                      {{"Burn of second degree of right lower leg", "T24.231A"}});
  const auto burn = external_causes(codes_with(exhaust, ExternalCauseCodes::injury_encounters));
  EXPECT_TRUE(has(burn, "X17.XXXA") && has(burn, "Y92.014")) << testing::PrintToString(burn);
  const Chart branch("He was struck by a tree branch while raking leaves in his backyard.\n"
                     "Assessment: Laceration of scalp.\n",
                     {{"Laceration of scalp", "S01.01XA"}});
  const auto struck = external_causes(codes_with(branch, ExternalCauseCodes::injury_encounters));
  EXPECT_TRUE(has(struck, "W22.8XXA") && has(struck, "Y93.H1") && has(struck, "Y92.007")) << testing::PrintToString(struck);
  const Chart rebound("Pushing off to jump for a rebound on the basketball court, he felt a sudden \"pop\" in the calf.\n"
                      "Assessment: Strain of right calf muscle.\n",
                      {{"Strain of right calf muscle", "S86.111A"}});
  const auto pop = external_causes(codes_with(rebound, ExternalCauseCodes::injury_encounters));
  EXPECT_TRUE(has(pop, "X50.0XXA") && has(pop, "Y92.310")) << testing::PrintToString(pop);
}

TEST(ExternalCauses, IcyStepsElectricityColdAndWalkingADog) {
  const Chart steps("He slipped on ice-covered outdoor steps at his house.\nAssessment: Fracture of the right radius, initial encounter for closed fracture.\n",
                    {{"Fracture of the right radius, initial encounter for closed fracture", "S52.91XA"}});
  EXPECT_TRUE(has(external_causes(codes_with(steps, ExternalCauseCodes::injury_encounters)), "W00.1XXA")) << "steps, not level ground (W00.0)";
  const Chart shock("Electric shock at work from household-type 120 V wiring while replacing a wall outlet.\nAssessment: Burn of right hand.\n",
                    {{"Burn of right hand", "T23.001A"}});
  const auto electric = external_causes(codes_with(shock, ExternalCauseCodes::injury_encounters));
  EXPECT_TRUE(has(electric, "W86.0XXA") && has(electric, "Y99.0")) << testing::PrintToString(electric);
  const Chart dog("She was bitten by a neighbor's dog while walking her own dog on the sidewalk.\nAssessment: Dog bite of left upper arm.\n",
                  {{"Dog bite of left upper arm", "S41.152A"}});
  const auto walk = external_causes(codes_with(dog, ExternalCauseCodes::injury_encounters));
  EXPECT_TRUE(has(walk, "W54.0XXA") && has(walk, "Y93.K1") && has(walk, "Y92.480")) << testing::PrintToString(walk);
}

TEST(ExternalCauses, ThePlaceInTheStoryWhenTheAssessmentToldWhatHappened) {
  // What happened matched under the assessment, far from the story's sentence that names the place.
  const Chart chart("He was replacing a wall outlet in an office building under renovation.\nHe pulled his hand away at once.\n"
                    "He has no chest pain.\nNo palpitations.\nAssessment: Electric shock from household-type 120 V wiring.\n",
                    {{"Burn of right hand", "T23.001A"}}, "history_of_present_illness");
  const auto codes = external_causes(codes_with(chart, ExternalCauseCodes::injury_encounters));
  EXPECT_TRUE(has(codes, "W86.0XXA") && has(codes, "Y92.59")) << testing::PrintToString(codes);
}

TEST(ExternalCauses, AHomesOtherPlacesAndRunningWater) {
  const Chart steps("He slipped on ice-covered outdoor steps at his house.\nAssessment: Fracture of the right radius, initial encounter for closed fracture.\n",
                    {{"Fracture of the right radius, initial encounter for closed fracture", "S52.91XA"}}, "history_of_present_illness");
  const auto at_house = external_causes(codes_with(steps, ExternalCauseCodes::injury_encounters));
  EXPECT_TRUE(has(at_house, "Y92.018")) << "other place in a single-family house: " << testing::PrintToString(at_house);
  const Chart room("He tripped over a toy while playing in the living room of their apartment.\nAssessment: Fracture of the right radius, initial encounter for closed fracture.\n",
                   {{"Fracture of the right radius, initial encounter for closed fracture", "S52.91XA"}}, "history_of_present_illness");
  const auto living_room = external_causes(codes_with(room, ExternalCauseCodes::injury_encounters));
  EXPECT_TRUE(has(living_room, "Y92.038")) << "other place in an apartment: " << testing::PrintToString(living_room);
  const Chart tap("She spilled boiling water from a kettle on her hand. Cooled under running tap water for 10 minutes.\n"
                  "Assessment: Burn of second degree of right hand.\n",
                  {{"Burn of second degree of right hand", "T23.201A"}}, "history_of_present_illness");
  const auto burn = external_causes(codes_with(tap, ExternalCauseCodes::injury_encounters));
  EXPECT_FALSE(has(burn, "Y93.02")) << "running water is no run: " << testing::PrintToString(burn);
}

TEST(ExternalCauses, NoneWithoutAnInjuryOrWhereTheChartDeniesIt) {
  const Chart no_injury("She tripped on the stairs last year. Assessment: Essential hypertension.\n", {{"Essential hypertension", "I10"}});
  EXPECT_TRUE(external_causes(codes_with(no_injury, ExternalCauseCodes::injury_encounters)).empty());
  const Chart denied("Denies any fall or trauma.\nAssessment: Sprain of right ankle.\n", {{"Sprain of right ankle", "S93.401A"}});
  EXPECT_TRUE(external_causes(codes_with(denied, ExternalCauseCodes::injury_encounters)).empty())
      << testing::PrintToString(codes_with(denied, ExternalCauseCodes::injury_encounters));
  const Chart poisoning("He fell asleep after he took forty tablets of acetaminophen.\nAssessment: Acetaminophen overdose.\n",
                        {{"Acetaminophen overdose", "T39.1X1A"}});
  EXPECT_TRUE(external_causes(codes_with(poisoning, ExternalCauseCodes::injury_encounters)).empty()) << "a poisoning code carries its intent";
}

TEST(ExternalCauses, EveryRowOfTheTableIsBillable) {
  const auto& data = fixture().data;
  ASSERT_GT(data.external_causes.size(), 100u);
  for (const auto& row : data.external_causes) {
    if (row.axis == CoderData::ExternalCauseAxis::mechanism) {
      for (const char encounter : {'A', 'D', 'S'}) EXPECT_TRUE(fixture().cm.is_billable(row.code + encounter)) << row.code << encounter;
    } else if (!row.code.starts_with("home:")) {
      EXPECT_TRUE(fixture().cm.is_billable(row.code)) << row.code;
    }
  }
}

TEST(ExternalCauses, AMalformedRowNamesItsLine) {
  test::TempDir dir;
  test::write_file(dir / "external_causes.tsv", "axis\tcue\tcode\nmechanism\tfell\tW19.XXX\nmanner\tfell\tW19.XXX\n");
  CoderData data;
  try {
    data.load_external_causes((dir / "external_causes.tsv").string());
    FAIL() << "an unknown axis must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("external_causes.tsv:3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace chartflow::coding
