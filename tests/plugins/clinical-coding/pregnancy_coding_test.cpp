// A delivery the chart records: the outcome of delivery (Z37) and the childbirth codes of the
// pregnancy's conditions.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

TEST(PregnancyCoding, ADeliveryGetsItsOutcomeAndChildbirthCodes) {
  const Chart delivered("Gestational diabetes, diet controlled. Spontaneous vaginal delivery of a single liveborn female infant.",
                        {{"Gestational diabetes", "O24.410"}}, "discharge_diagnosis");
  const auto codes = delivered.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "O24.420")) << "in childbirth, not in pregnancy: " << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Z37.0")) << "I.C.15.b.5";
  const Chart twins("Anemia complicating pregnancy, third trimester. Cesarean section, delivered twins, both viable.",
                    {{"Anemia complicating pregnancy", "O99.013"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(twins.codes(Policy::inpatient), "Z37.2"));
  EXPECT_TRUE(has(twins.codes(Policy::inpatient), "O99.02")) << "anemia complicating childbirth has no trimester";
  // A trimester code whose title names no pregnancy has its "complicating childbirth" sibling.
  const Chart hypertension("Gestational hypertension without severe features, third trimester. Spontaneous vaginal delivery of a liveborn male infant.",
                           {{"Gestational hypertension", "O13.3"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(hypertension.codes(Policy::inpatient), "O13.4")) << ::testing::PrintToString(hypertension.codes(Policy::inpatient));
}

TEST(PregnancyCoding, HypertensionOfAPregnancyIsPreExistingAndPreEclampsiaIsSuperimposedOnIt) {
  const Chart chronic("Pregnant, G2P1 at 30 weeks gestation. Chronic essential hypertension on labetalol.", {{"essential hypertension", "I10"}}, "assessment");
  const auto chronic_codes = chronic.codes(Policy::inpatient);
  EXPECT_TRUE(has(chronic_codes, "O10.013")) << "O10.0- includes I10: " << ::testing::PrintToString(chronic_codes);
  EXPECT_FALSE(has(chronic_codes, "I10")) << ::testing::PrintToString(chronic_codes);
  const Chart superimposed("G2P1 at 34 weeks gestation. Severe preeclampsia, third trimester, on chronic essential hypertension.",
                           {{"Severe preeclampsia, third trimester", "O14.13"}, {"essential hypertension", "I10"}}, "assessment");
  const auto codes = superimposed.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "O11.3")) << "O11, the trimester the pre-eclampsia's: " << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "O10.013")) << "O11: use additional code from O10";
  EXPECT_FALSE(has(codes, "O14.13")) << "O14 Excludes1 O11";
}

TEST(PregnancyCoding, GroupBStreptococcusCarriageOfAPregnancyIsO99_82) {
  // (The mention stage names a carrier state a diagnosis, abbreviations.tsv; the fixture makes Z codes "other".)
  Chart delivered("GBS carrier, treated with intrapartum penicillin. Spontaneous vaginal delivery of a single liveborn female infant.",
                  {{"GBS carrier", "Z22.330"}, {"Spontaneous vaginal delivery", "O80"}}, "discharge_diagnosis");
  delivered.mentions[0].kind = MentionKind::diagnosis;
  const auto codes = delivered.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "O99.824")) << "carrier complicating childbirth: " << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "Z22.330")) << ::testing::PrintToString(codes);
  Chart not_pregnant("GBS carrier noted on culture.", {{"GBS carrier", "Z22.330"}}, "assessment");
  not_pregnant.mentions[0].kind = MentionKind::diagnosis;
  EXPECT_TRUE(has(not_pregnant.codes(Policy::outpatient), "Z22.330"));
  // "adequate intrapartum prophylaxis" makes the assertion stage call it hypothetical: the carrier is treated.
  auto treated = mention("m1", "Z22.330", "GBS carrier", "hypothetical", "diagnosis", "assessment");
  static const std::string after = " - adequate intrapartum prophylaxis";
  treated.after = after;
  EXPECT_TRUE(has(codes_of({treated}, Policy::outpatient), "Z22.330"));
}

TEST(PregnancyCoding, NoDeliveryNoOutcome) {
  for (const char* text : {"Gestational diabetes, diet controlled. Prior delivery of a male infant in 2019.",
                           "Gestational diabetes, diet controlled. Planned delivery at 39 weeks."}) {
    const auto codes = Chart(text, {{"Gestational diabetes", "O24.410"}}, "assessment").codes(Policy::inpatient);
    EXPECT_TRUE(has(codes, "O24.410")) << text;
    EXPECT_FALSE(has(codes, "Z37.0")) << text;
  }
  EXPECT_FALSE(has(Chart("Delivered a healthy baby boy.", {}).codes(Policy::inpatient), "Z37.0")) << "no pregnancy code: not a maternal record";
  EXPECT_FALSE(has(Chart("Gestational diabetes. Delivered a healthy baby boy.", {{"Gestational diabetes", "O24.419"}}).codes(Policy::outpatient), "Z37.0"))
      << "a delivery is an inpatient stay's";
}

TEST(PregnancyCoding, AConditionOfAPregnancyChartTakesItsChapter15CodeBesideItsOwn) {
  Chart cesarean("1. Two prior low transverse cesarean deliveries; declines trial of labor\n2. Class 3 obesity complicating pregnancy (BMI 42)\n"
                 "Repeat cesarean section: live-born male delivered.",
                 {{"cesarean deliveries", "O34.219"}, {"obesity", "E66.9"}}, "preoperative_diagnosis");
  cesarean.mentions[0].status = Assertion::historical;  // "prior": the mention stage's reading
  const auto codes = cesarean.codes(Policy::inpatient);
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "O34.211") << "the scar of a previous cesarean is this pregnancy's condition: " << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "E66.813")) << "'Obesity > class > 3' is read, not the tied 'complicating > pregnancy'";
  EXPECT_TRUE(has(codes, "O99.214")) << "I.C.15.a.1, in childbirth";
  EXPECT_FALSE(has(codes, "O34.219"));
  const Chart not_pregnant("Class 3 obesity.", {{"obesity", "E66.9"}});
  EXPECT_FALSE(has(not_pregnant.codes(Policy::inpatient), "O99.210"));
}

TEST(PregnancyCoding, SmokingInAPregnancyIsO99_33BesideItsTobaccoCode) {
  const Chart smoker("Pregnant, G1P0 at 32 weeks 4 days.\n2. Nicotine dependence (cigarettes, 1/2 ppd) complicating pregnancy.\n",
                     {{"Nicotine dependence", "F17.210"}}, "assessment");
  const auto codes = smoker.codes(Policy::outpatient);
  EXPECT_TRUE(has(codes, "O99.333")) << "third trimester: " << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "F17.210")) << "O99.33- asks for the F17 code " << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(Chart("Nicotine dependence, cigarettes.", {{"Nicotine dependence", "F17.210"}}).codes(Policy::outpatient), "O99.330"));
}

TEST(PregnancyCoding, PretermLaborThatEndsInTheDeliveryIsWithPretermDelivery) {
  const Chart preterm("Spontaneous preterm labor at 34 weeks with spontaneous vaginal delivery of a single liveborn male.",
                      {{"preterm labor", "O60.00"}}, "discharge_diagnosis");
  const auto codes = preterm.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "O60.14X0")) << "third trimester labor and delivery, one fetus: " << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "O60.03"));
  const Chart undelivered("Preterm labor at 30 weeks, contractions stopped with nifedipine.", {{"Preterm labor", "O60.00"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(undelivered.codes(Policy::inpatient), "O60.03")) << ::testing::PrintToString(undelivered.codes(Policy::inpatient));
}

// "Pregnancy > complicated by > premature rupture of membranes > with onset of labor > within 24
// hours > pre-term" (O42.01-, third trimester at 34 weeks): the chart says neither "complicated
// by" nor "within 24 hours" nor "pre-term", but its hours and weeks do.
TEST(PregnancyCoding, APrematureRuptureIsReadByItsHoursToLaborAndItsWeeks) {
  const Chart within("Preterm premature rupture of membranes at 34w2d, with spontaneous onset of labor about 9 hours after rupture.",
                     {{"Preterm premature rupture of membranes", "O42.90"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(within.codes(Policy::inpatient), "O42.013")) << ::testing::PrintToString(within.codes(Policy::inpatient));
  const Chart after("Preterm premature rupture of membranes at 32 weeks gestation, with onset of labor 30 hours after rupture.",
                    {{"Preterm premature rupture of membranes", "O42.90"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(after.codes(Policy::inpatient), "O42.113")) << ::testing::PrintToString(after.codes(Policy::inpatient));
}

// An ectopic pregnancy takes no weeks of gestation, and "positive 2 weeks ago" is no gestation.
TEST(PregnancyCoding, AnAbortiveOutcomeTakesNoWeeksOfGestation) {
  const Chart ectopic("26 y/o G2P1001 at approximately 7 weeks by LMP, home pregnancy test positive 2 weeks ago.\n"
                      "1. Ruptured left tubal ectopic pregnancy.",
                      {{"Ruptured left tubal ectopic pregnancy", "O00.102"}}, "discharge_diagnosis");
  const auto codes = ectopic.codes(Policy::inpatient);
  EXPECT_TRUE(std::none_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("Z3A"); })) << ::testing::PrintToString(codes);
  const Chart since("Intrauterine pregnancy; home pregnancy test positive 2 weeks ago.\n1. Hyperemesis gravidarum.",
                    {{"Hyperemesis gravidarum", "O21.0"}}, "discharge_diagnosis");
  EXPECT_FALSE(has(since.codes(Policy::inpatient), "Z3A.01")) << ::testing::PrintToString(since.codes(Policy::inpatient));
}

// O00-O02 "use additional code from category O08": a ruptured ectopic's hemoperitoneum is O08.1
// and its hemorrhagic shock O08.3 (with its hypotension), in place of K66.1 and R57.8.
TEST(PregnancyCoding, AnEctopicPregnancysComplicationsAreO08Codes) {
  const Chart ectopic("1. Ruptured left tubal ectopic pregnancy.\n2. Hemoperitoneum - intra-abdominal hemorrhage from the ruptured ectopic.\n"
                      "3. Hemorrhagic shock from #2 - hypotension and tachycardia.\n",
                      {{"Ruptured left tubal ectopic pregnancy", "O00.102"}, {"Hemoperitoneum", "K66.1"}, {"Hemorrhagic shock", "R57.8"}, {"hypotension", "I95.9"}},
                      "assessment");
  EXPECT_EQ(ectopic.codes(Policy::outpatient), (std::vector<std::string>{"O00.102", "O08.1", "O08.3"}))
      << ::testing::PrintToString(ectopic.codes(Policy::outpatient));
}

TEST(PregnancyCoding, ACystitisOfAPregnantPatientIsOfThePregnancy) {
  const Chart chart("HPI: 31 yo G2P1001 at 9 weeks 3 days by LMP presents with dysuria. One UTI in the past (not pregnant).\nAcute cystitis in pregnancy, first trimester (9 weeks 3 days), single intrauterine pregnancy.",
                    {{"Acute cystitis", "N30.00"}, {"UTI", "N39.0"}});
  const auto codes = chart.codes(Policy::outpatient);
  for (const auto& code : codes) EXPECT_FALSE(code.starts_with("O23.4")) << "the UTI is the cystitis: " << code;
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "O23.11") << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Z3A.09")) << testing::PrintToString(codes);
  const Chart not_now("G2P2, delivered at 39 weeks two years ago. Urine pregnancy test negative.\nAcute cystitis.", {{"Acute cystitis", "N30.00"}});
  EXPECT_EQ(not_now.codes(Policy::outpatient), std::vector<std::string>{"N30.00"});
}

// A pregnancy's codes are the mother's: a chart of a child younger than the code editor's
// maternity ages (9-64) takes none ("Age: 6 weeks", "breech presentation in utero").
TEST(PregnancyCoding, AChildsChartTakesNoMaternalCode) {
  const Chart infant("Age: 6 weeks. Clinical indication: breech presentation in utero, delivered by cesarean.", {{"breech presentation", "O32.1XX0"}});
  EXPECT_FALSE(has(infant.codes(Policy::outpatient), "O32.1XX0")) << ::testing::PrintToString(infant.codes(Policy::outpatient));
  const Chart mother("32 yo G2P1. Breech presentation at 37 weeks gestation.", {{"Breech presentation", "O32.1XX0"}});
  EXPECT_TRUE(has(mother.codes(Policy::outpatient), "O32.1XX0")) << ::testing::PrintToString(mother.codes(Policy::outpatient));
}

}  // namespace
}  // namespace chartflow::coding
