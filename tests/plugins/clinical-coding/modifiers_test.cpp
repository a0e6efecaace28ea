// The words around a mention that the index walk reads (modifiers.cpp): a route is no site, a
// surgical site infection is a postoperative wound's, Streptococcus pneumoniae is the pneumococcus.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

TEST(IndexNavigation, OralAsARouteIsNoMouth) {
  const Chart route("Postoperative pain controlled with oral analgesics.", {{"pain", "R52"}});
  EXPECT_FALSE(has(route.codes(), "K13.79")) << testing::PrintToString(route.codes());
  const Chart drug("Pain controlled with oral acetaminophen and ibuprofen.", {{"Pain", "R52"}});
  EXPECT_FALSE(has(drug.codes(), "K13.79")) << "a drug given by mouth: " << testing::PrintToString(drug.codes());
  const Chart mouth("Oral pain from aphthous ulcers.", {{"Oral pain", "R52"}});
  EXPECT_TRUE(has(mouth.codes(Policy::outpatient), "K13.79")) << testing::PrintToString(mouth.codes(Policy::outpatient));
}

TEST(IndexNavigation, AConditionBeforeASiteWordModifiesTheNext) {
  const Chart bleeding("Bleeding cecal angiodysplasia, treated with APC.", {{"Bleeding", "R58"}, {"angiodysplasia", "K55.20"}});
  EXPECT_TRUE(has(bleeding.codes(Policy::outpatient), "K55.21")) << testing::PrintToString(bleeding.codes(Policy::outpatient));
  const Chart linked("Bleeding and angiodysplasia of the cecum.", {{"Bleeding", "R58"}, {"angiodysplasia", "K55.20"}});
  EXPECT_FALSE(has(linked.codes(Policy::outpatient), "K55.21")) << "'and' joins two conditions: " << testing::PrintToString(linked.codes(Policy::outpatient));
}

TEST(IndexNavigation, HowLongAFeverLastedNamesNoFever) {
  for (const char* text : {"Admitted for a seven-day history of fever up to 40 C.", "He has had fever for three days.",
                           "Three-day history of fever and cough.", "She reports five days of fever.", "Fever of seven days duration."}) {
    const Chart fever(text, {{"fever", "R50.9"}});
    EXPECT_EQ(fever.codes(Policy::outpatient), std::vector<std::string>{"R50.9"}) << text << " (not leptospirosis A27.89, not sandfly fever A93.1)";
  }
  const Chart named("Seven-day fever (leptospirosis) was diagnosed.", {{"fever", "R50.9"}});
  EXPECT_TRUE(has(named.codes(Policy::outpatient), "A27.89")) << "right before the fever, the words name it: " << testing::PrintToString(named.codes(Policy::outpatient));
}

TEST(IndexNavigation, AThromboembolismIsReadAsAnEmbolism) {
  const Chart lung("CT angiography showed pulmonary thromboembolism in the left lower lobe artery.", {{"thromboembolism", "I74.9"}});
  EXPECT_EQ(lung.codes(Policy::outpatient), std::vector<std::string>{"I26.99"}) << "Thromboembolism - see Embolism > pulmonary";
}

TEST(IndexNavigation, AnIntracranialHypertensionIsAnIncreasedIntracranialPressure) {
  const Chart eyes("Bilateral papilledema due to intracranial hypertension.", {{"papilledema", "H47.10"}});
  EXPECT_TRUE(has(eyes.codes(Policy::inpatient), "H47.11")) << "Papilledema > associated with > increased intracranial pressure: "
                                                             << testing::PrintToString(eyes.codes(Policy::inpatient));
}

TEST(IndexNavigation, AHipsDevelopmentalDysplasiaIsCongenital) {
  const Chart hip("Developmental dysplasia of the left hip.", {{"dysplasia", "Q89.9"}});
  EXPECT_TRUE(has(hip.codes(), "Q65.89")) << testing::PrintToString(hip.codes());
}

TEST(IndexNavigation, AProstateWithLutsOrNocturiaIsOneWithLowerUrinaryTractSymptoms) {
  for (const char* text : {"BPH with LUTS - continue tamsulosin.", "BPH with nocturia."}) {
    Chart bph(text, {{"BPH", "N40.0"}});
    bph.mentions[0].matched_term = "Benign prostatic hyperplasia without lower urinary tract symptoms";  // the vocabulary's name for "BPH"
    EXPECT_TRUE(has(bph.codes(), "N40.1")) << text << testing::PrintToString(bph.codes());
  }
}

TEST(IndexNavigation, AConditionDueToAnotherIsTheSecondaryOne) {
  const Chart chart("Thrombocytopenia due to RMSF - improving; no bleeding.", {{"Thrombocytopenia", "D69.6"}});
  EXPECT_TRUE(has(chart.codes(), "D69.59")) << testing::PrintToString(chart.codes());
  const Chart plain("Thrombocytopenia - improving; no bleeding.", {{"Thrombocytopenia", "D69.6"}});
  EXPECT_TRUE(has(plain.codes(), "D69.6")) << testing::PrintToString(plain.codes());
}

TEST(IndexNavigation, AnAnemiaDueToACancerIsOneInNeoplasticDisease) {
  for (const auto& [text, anemia] : {std::pair{"3. Anemia due to leukemia - transfuse 2 units PRBC.", "Anemia"},
                                      std::pair{"#1 Symptomatic anemia due to MDS - improved after PRBC.", "anemia"}}) {
    const Chart chart(text, {{anemia, "D64.9"}});
    EXPECT_TRUE(has(chart.codes(), "D63.0")) << text << testing::PrintToString(chart.codes());
  }
  const Chart chemo("Anemia and thrombocytopenia, mild, due to chemotherapy.", {{"Anemia", "D64.9"}});
  EXPECT_TRUE(has(chemo.codes(), "D64.81")) << "a chemotherapy's is its own: " << testing::PrintToString(chemo.codes());
}

TEST(IndexNavigation, AnIncarceratedHerniaIsOneWithObstruction) {
  const Chart hernia("Incarcerated left femoral hernia, not recurrent.", {{"femoral hernia", "K41.90"}});
  EXPECT_TRUE(has(hernia.codes(), "K41.30")) << testing::PrintToString(hernia.codes());
}

TEST(IndexNavigation, ASurgicalSiteInfectionIsAPostoperativeWoundInfection) {
  const Chart chart("Superficial incisional surgical site infection of midline laparotomy wound.", {{"infection", "B99.9"}});
  EXPECT_TRUE(has(chart.codes(), "T81.41XA")) << testing::PrintToString(chart.codes());
}

TEST(IndexNavigation, StreptococcusPneumoniaeIsThePneumococcus) {
  const Chart chart("Acute bacterial meningitis due to Streptococcus pneumoniae (CSF Gram stain and antigen positive).", {{"meningitis", "G03.9"}});
  EXPECT_TRUE(has(chart.codes(), "G00.1")) << testing::PrintToString(chart.codes());
}

// The lower leg is the index's calf: "Burn > calf > right > second degree" (T24.231A), not the
// unspecified site of the lower limb (T24.201A).
TEST(IndexNavigation, TheLowerLegIsTheCalf) {
  const Chart chart("Second-degree burn of right lower leg from a hot exhaust pipe.", {{"burn", "T30.0"}});
  EXPECT_TRUE(has(chart.codes(Policy::outpatient), "T24.231A")) << testing::PrintToString(chart.codes(Policy::outpatient));
}

// Two sibling subterms a clause joins are each coded ("intramural and subserosal": D25.1 and
// D25.2); siblings reached from words the clause does not join are neither.
TEST(IndexNavigation, SiblingSubtermsTheChartJoinsAreEachCoded) {
  const Chart both("Intramural and subserosal leiomyomas of the uterus.", {{"leiomyomas of the uterus", "D25.9"}});
  EXPECT_TRUE(has(both.codes(), "D25.1") && has(both.codes(), "D25.2")) << testing::PrintToString(both.codes());
  Chart again("Intramural and subserosal leiomyomata confirmed. Supracervical portion: 4 cm posterior subserosal fibroid removed.",
              {{"leiomyomata", "D25.9"}, {"fibroid", "D25.9"}});
  for (auto& m : again.mentions) m.matched_term = "Leiomyoma of uterus, unspecified";
  EXPECT_TRUE(has(again.codes(), "D25.1") && has(again.codes(), "D25.2")) << "neither sibling is the other said less exactly; "
                                                                          << testing::PrintToString(again.codes());
  const Chart apart("Acute sinusitis of the ethmoid air cells; maxillary sinuses clear.", {{"Acute sinusitis", "J01.90"}});
  EXPECT_FALSE(has(apart.codes(), "J01.00")) << testing::PrintToString(apart.codes());
}

// A vertebral body is the index's vertebra: "osteomyelitis of the L3 vertebral body, lumbar spine"
// is "Osteomyelitis > vertebra > lumbar region" (M46.26), not an osteomyelitis of no site.
TEST(IndexNavigation, AVertebralBodyIsTheVertebra) {
  const Chart chart("Acute hematogenous osteomyelitis of the L3 vertebral body, lumbar spine, due to MSSA.", {{"osteomyelitis", "M86.9"}});
  EXPECT_TRUE(has(chart.codes(), "M46.26")) << testing::PrintToString(chart.codes());
}

// A splenic laceration is the index's spleen's: "Laceration > spleen > moderate" (S36.031A).
TEST(IndexNavigation, ASplenicLacerationIsTheSpleens) {
  Chart chart("Moderate splenic laceration (AAST grade II, 2 cm depth), nonoperative management.", {{"laceration", "T14.8XXA"}});
  chart.mentions[0].kind = MentionKind::injury, chart.mentions[0].matched_term = "Laceration (site from the sentence)";
  EXPECT_TRUE(has(chart.codes(Policy::outpatient), "S36.031A")) << testing::PrintToString(chart.codes(Policy::outpatient));
}

TEST(IndexNavigation, HypothyroidismAfterRadioactiveIodineIsPostprocedural) {
  for (const char* text : {"1. hypothyroidism following radioactive iodine ablation for Graves disease - undertreated.",
                           "PMH: Postablative hypothyroidism as above."}) {
    const Chart chart(text, {{"hypothyroidism", "E03.9"}});
    EXPECT_TRUE(has(chart.codes(Policy::outpatient), "E89.0")) << text << ": " << testing::PrintToString(chart.codes(Policy::outpatient));
  }
}

TEST(IndexNavigation, ACentralCornealUlcerIsReadUnderCornea) {
  const Chart chart("ASSESSMENT: Central corneal ulcer, left eye (contact lens-associated bacterial keratitis).", {{"corneal ulcer", "H16.00"}});
  EXPECT_TRUE(has(chart.codes(Policy::outpatient), "H16.012")) << testing::PrintToString(chart.codes(Policy::outpatient));
}

TEST(IndexNavigation, TheLeftEyeIsOneEye) {
  const Chart chart("3. Loss of vision in left eye since the fall; right eye sees 20/25.", {{"Loss of vision", "H54.7"}});
  EXPECT_TRUE(has(chart.codes(Policy::outpatient), "H54.62")) << testing::PrintToString(chart.codes(Policy::outpatient));
}

TEST(IndexNavigation, SecondaryToLinksTheCauseAfterIt) {
  const Chart chart("2. Hypertension secondary to lupus nephritis - labetalol uptitrated.", {{"Hypertension", "I10"}, {"lupus nephritis", "M32.14"}});
  EXPECT_TRUE(has(chart.codes(Policy::inpatient), "I15.1")) << testing::PrintToString(chart.codes(Policy::inpatient));
}

TEST(IndexNavigation, ARenalDiseaseIsTheIndexsRenalDisorder) {
  const Chart chart("2. Secondary hypertension due to renal crisis, hypertensive emergency - ACE inhibitor.", {{"hypertension", "I10"}});
  EXPECT_TRUE(has(chart.codes(Policy::inpatient), "I15.1")) << testing::PrintToString(chart.codes(Policy::inpatient));
}

TEST(IndexNavigation, AnemiaInChronicKidneyDiseaseIsItsAnemia) {
  // The mention stage may name "kidney disease" alone, with "chronic" between: "in" still links them.
  const Chart chart("2. Anemia in chronic kidney disease - Hgb 10.4, iron replete.", {{"Anemia", "D64.9"}, {"kidney disease", "N28.9"}});
  EXPECT_TRUE(has(chart.codes(Policy::outpatient), "D63.1")) << testing::PrintToString(chart.codes(Policy::outpatient));
}

TEST(IndexNavigation, ASecundumAsdIsTheOstiumSecundumType) {
  Chart chart("1. Secundum ASD (18 mm, left-to-right shunt) - s/p percutaneous device closure.", {{"ASD", "Q21.10"}});
  chart.mentions[0].matched_term = "Atrial septal defect";  // the dictionary's name for it
  EXPECT_TRUE(has(chart.codes(), "Q21.11")) << testing::PrintToString(chart.codes());
}

}  // namespace
}  // namespace chartflow::coding
