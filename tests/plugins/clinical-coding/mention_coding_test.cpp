// A mention's own code: the DSM-5 "use disorder" names read by their severity.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

// The outpatient codes of a one-mention chart whose mention the vocabulary named `term`.
std::vector<std::string> codes_of_term(const std::string& sentence, const std::string& words, const std::string& code, const std::string& term,
                                       const std::string& section = "assessment") {
  Chart chart(sentence, {{words, code}}, section);
  chart.mentions[0].matched_term = term;
  return chart.codes(Policy::outpatient);
}

TEST(MentionCoding, APolypIsCodedByTheOrganItsClauseNames) {
  const auto colon = Chart("A 3 mm polyp in the transverse colon was removed.", {{"polyp", "K63.5"}}).codes(Policy::inpatient);
  EXPECT_TRUE(has(colon, "K63.5")) << ::testing::PrintToString(colon);
  const auto stomach = Chart("A small gastric polyp was seen.", {{"polyp", "K63.5"}}).codes(Policy::inpatient);
  EXPECT_TRUE(has(stomach, "K31.7") && !has(stomach, "K63.5")) << "'gastric' is the stomach's " << ::testing::PrintToString(stomach);
  const auto nowhere = Chart("Tiny polyps.", {{"polyps", "K63.5"}}).codes(Policy::inpatient);
  EXPECT_TRUE(nowhere.empty()) << "no organ named: no guess " << ::testing::PrintToString(nowhere);
}

// The index prints a condition's detail under one of its entries only: "Aneurysm > aorta >
// abdominal" (I71.40) stops, "Aneurysm > abdominal (aorta) > infrarenal" (I71.43) goes on. The walk
// continues from the other entries of the code it reached.
TEST(MentionCoding, TheIndexWalkGoesOnFromTheOtherEntriesOfTheCodeItReached) {
  Chart chart("Preoperative diagnosis: Infrarenal abdominal aortic aneurysm, 5.8 cm, no rupture.", {{"aortic aneurysm", "I71.9"}},
              "preoperative_diagnosis");
  chart.mentions[0].matched_term = "aortic Aneurysm";
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "I71.43") && !has(codes, "I71.40")) << ::testing::PrintToString(codes);
  Chart bare("Abdominal aortic aneurysm, 4.1 cm, surveillance.", {{"aortic aneurysm", "I71.9"}}, "assessment");
  bare.mentions[0].matched_term = "aortic Aneurysm";
  EXPECT_TRUE(has(bare.codes(Policy::outpatient), "I71.40")) << "no level named: the abdominal aneurysm, unspecified";
}

// The dens is the second cervical vertebra's, and its "type II" no "specified type NEC" class.
TEST(MentionCoding, ADensFractureIsTheAxissOwn) {
  Chart chart("1. Closed nondisplaced type II dens fracture, acute, due to ground-level slip.", {{"fracture", "T14.8"}}, "diagnosis");
  chart.mentions[0].matched_term = "Fracture";
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "S12.112A")) << ::testing::PrintToString(codes);
}

// A foreign body is coded by its site, and an object the chart names is the Tabular's "other
// foreign object"; a foreign body sensation is no object.
TEST(MentionCoding, AForeignBodyByItsSiteAndObject) {
  const auto code_of = [](const std::string& sentence) {
    return codes_of_term(sentence, "Foreign body", "T14.8XXA", "Foreign body (site from the sentence)", "diagnosis");
  };
  EXPECT_EQ(code_of("1. Foreign body (coin) in the esophagus causing dysphagia."), std::vector<std::string>{"T18.198A"});
  EXPECT_EQ(code_of("1. Foreign body in the esophagus."), std::vector<std::string>{"T18.108A"});
  EXPECT_TRUE(code_of("Foreign body sensation in the right eye.").empty()) << ::testing::PrintToString(code_of("Foreign body sensation in the right eye."));
}

// A newborn's aspiration with respiratory distress is the index's "with respiratory symptoms".
TEST(MentionCoding, AnAspirationWithRespiratoryDistressHasRespiratorySymptoms) {
  Chart chart("1. Meconium aspiration syndrome with respiratory distress.", {{"meconium aspiration", "P24.00"}}, "diagnosis");
  chart.mentions[0].matched_term = "meconium Aspiration";
  EXPECT_EQ(chart.codes(Policy::inpatient), std::vector<std::string>{"P24.01"});
}

// The atherosclerosis of a leg's arteries is the index's "Arteriosclerosis > extremities > leg".
TEST(MentionCoding, TheAtherosclerosisOfALegIsOfTheExtremities) {
  Chart chart("PREOPERATIVE DIAGNOSIS: Atherosclerotic peripheral arterial disease of the right lower extremity with ischemic rest pain.",
              {{"Atherosclerotic peripheral arterial disease", "I70.209"}}, "preoperative_diagnosis");
  chart.mentions[0].matched_term = "Arteriosclerosis of extremities";
  EXPECT_EQ(chart.codes(Policy::inpatient), std::vector<std::string>{"I70.221"});
}

// The weeks a pregnancy's sentence states name the index's "before 37 completed weeks of gestation".
TEST(MentionCoding, APregnancysWeeksNameItsCompletedWeeks) {
  const auto code_of = [](const std::string& sentence) { return codes_of_term(sentence, "False labor", "O47.9", "False labor"); };
  const auto preterm = code_of("1. False labor (Braxton Hicks contractions) at 32 weeks 4 days, no cervical change.");
  ASSERT_FALSE(preterm.empty());
  EXPECT_TRUE(preterm.front().starts_with("O47.0")) << ::testing::PrintToString(preterm);
  EXPECT_TRUE(has(code_of("1. False labor at 38w2d."), "O47.1"));
  EXPECT_TRUE(has(code_of("1. False labor."), "O47.9")) << "no weeks stated";
}

// "Without rheumatoid factor" is the index's seronegative, and "multiple sites" the Tabular's.
TEST(MentionCoding, ARheumatoidArthritisWithoutRheumatoidFactorAtMultipleSites) {
  Chart chart("1. Rheumatoid arthritis without rheumatoid factor, multiple sites (hands, wrists, ankles), active.",
              {{"Rheumatoid arthritis", "M06.9"}}, "assessment");
  chart.mentions[0].matched_term = "rheumatoid Arthritis";
  EXPECT_EQ(chart.codes(Policy::outpatient), std::vector<std::string>{"M06.09"});
}

// Varicose veins are the index's varix, with the ulcer's side and site from the sentence.
TEST(MentionCoding, VaricoseVeinsWithAnUlcerAreAVarixWithUlcer) {
  Chart chart("1. Varicose veins of right lower extremity with ulcer of the right ankle (venous stasis ulcer).",
              {{"Varicose veins", "I83.90"}}, "assessment");
  chart.mentions[0].matched_term = "Varix (lower limb)";
  EXPECT_EQ(chart.codes(Policy::outpatient), std::vector<std::string>{"I83.013"});
}

// A tear is coded by the structure its clause names ("Tear > meniscus > medial > complex").
TEST(MentionCoding, ATearByTheStructureItsClauseNames) {
  const auto code_of = [](const std::string& sentence) { return codes_of_term(sentence, "tear", "T14.8XXA", "Tear (site from the sentence)"); };
  EXPECT_EQ(code_of("1. Acute complex tear of the posterior horn and body of the medial meniscus, left knee."), std::vector<std::string>{"S83.232A"});
  EXPECT_TRUE(code_of("Patient in tears, anxious about the diagnosis.").empty()) << "no structure named: nothing";
}

// A cyst is coded by the organ its clause names ("Cyst > breast": N60.0-), nothing without one.
TEST(MentionCoding, ACystByTheOrganItsClauseNames) {
  const auto code_of = [](const std::string& sentence) { return codes_of_term(sentence, "cyst", "T14.8XXA", "Cyst (site from the sentence)"); };
  EXPECT_EQ(code_of("1. Simple cyst of the left breast."), std::vector<std::string>{"N60.02"});
  EXPECT_TRUE(code_of("1. Simple cyst, benign.").empty());
  EXPECT_TRUE(code_of("FIBROCYSTIC CHANGES (apocrine cysts, stromal fibrosis).").empty()) << "no organ in 'apocrine'";
}

// A lactating mother's mastitis is the index's obstetric one "associated with lactation" (a level
// the walk passes like "with").
TEST(MentionCoding, LactationalMastitisIsObstetric) {
  Chart chart("1. Lactational mastitis, left breast, nonpurulent - no abscess.", {{"mastitis", "N61.0"}}, "assessment");
  chart.mentions[0].matched_term = "Mastitis";
  EXPECT_EQ(chart.codes(Policy::outpatient), std::vector<std::string>{"O91.23"});
}

// A dislocated shoulder is its humerus's: "Dislocation > shoulder > humerus > anterior" (S43.01-).
TEST(MentionCoding, AnAnteriorShoulderDislocationIsTheHumerus) {
  Chart chart("1. Anterior dislocation of right shoulder (glenohumeral joint), initial encounter.", {{"dislocation", "T14.8XXA"}}, "diagnosis");
  chart.mentions[0].matched_term = "Dislocation (site from the sentence)";
  EXPECT_EQ(chart.codes(Policy::outpatient), std::vector<std::string>{"S43.014A"});
}

// A bone's adjective names the index's bone: "acetabular fracture" is "Fracture > acetabulum".
TEST(MentionCoding, ABonesAdjectiveIsTheIndexsBone) {
  Chart chart("1. Left acetabular fracture, posterior wall, displaced (closed).", {{"fracture", "T14.8"}}, "discharge_diagnosis");
  chart.mentions[0].matched_term = "Fracture";
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "S32.422A")) << ::testing::PrintToString(codes);
}

TEST(MentionCoding, WhatAConditionIsDueToIsTheIndexsWith) {
  const Chart gastritis("Upper gastrointestinal bleed likely secondary to gastritis.",
                        {{"gastrointestinal bleed", "K92.2"}, {"gastritis", "K29.70"}}, "discharge_diagnosis");
  const auto codes = gastritis.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "K29.71")) << "'Gastritis > with bleeding', not '> specified NEC > with bleeding' (K29.61) "
                                    << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "K92.2") || has(codes, "K29.61")) << "the bleeding is the gastritis code's " << ::testing::PrintToString(codes);
  const auto ulcer = Chart("Melena due to stomach ulcer.", {{"Melena", "K92.1"}, {"stomach ulcer", "K25.9"}}, "discharge_diagnosis").codes(Policy::inpatient);
  EXPECT_TRUE(has(ulcer, "K25.4") && !has(ulcer, "K92.1")) << ::testing::PrintToString(ulcer);
}

TEST(MentionCoding, TheEpisodeADisorderIsInIsItsModifierToTheClauseEnd) {
  const Chart chart("1. Bipolar I disorder, current episode manic, severe, with mood-congruent psychotic features.",
                    {{"Bipolar I disorder", "F31.9"}, {"episode manic", "F30.9"}}, "discharge_diagnosis");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "F31.2")) << "'current (or most recent) > manic > with psychotic features' " << ::testing::PrintToString(codes);
}

TEST(MentionCoding, EndStageRenalDiseaseByItsInitials) {
  const auto codes = Chart("3. Anemia in ESRD - continue darbepoetin with HD.", {{"Anemia", "D64.9"}, {"ESRD", "N18.6"}}).codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "D63.1") && !has(codes, "D64.9")) << "'Anemia > in > end stage renal disease' " << ::testing::PrintToString(codes);
}

TEST(MentionCoding, AForearmIsTheUpperLimbs) {
  const auto codes = Chart("1. Cellulitis of the left forearm due to MSSA.", {{"Cellulitis", "L03.90"}}).codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "L03.114")) << "'Cellulitis > upper limb', left " << ::testing::PrintToString(codes);
}

TEST(MentionCoding, TheEpididymisByItsAdjective) {
  Chart chart("3. 5 mm simple left epididymal head cyst - benign.", {{"cyst", "T14.8XXA"}});
  chart.mentions[0].matched_term = "Cyst (site from the sentence)";  // the vocabulary's name: the index reads the site
  const auto cyst = chart.codes(Policy::outpatient);
  EXPECT_TRUE(has(cyst, "N50.3")) << "'Cyst > epididymis' " << ::testing::PrintToString(cyst);
}

TEST(MentionCoding, ASpinalEpiduralAbscessIsTheSpinalCords) {
  const auto codes = Chart("Spinal epidural abscess T10-T12 due to MRSA.", {{"epidural abscess", "G06.2"}}).codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "G06.1") && !has(codes, "G06.2")) << "'Abscess > epidural > spinal cord' " << ::testing::PrintToString(codes);
}

TEST(MentionCoding, ARupturedCircleOfWillisAneurysmNamesTheSubarachnoidHemorrhagesArtery) {
  // "Ruptured" after the comma still describes the hemorrhage, and the communicating arteries are
  // intracranial: "> subarachnoid > intracranial (cerebral) > anterior communicating" (I60.2).
  const auto codes = Chart("Aneurysmal subarachnoid hemorrhage, ruptured anterior communicating artery aneurysm.",
                           {{"subarachnoid hemorrhage", "I60.9"}, {"aneurysm", "I72.9"}}).codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "I60.2") && !has(codes, "I60.9")) << ::testing::PrintToString(codes);
}

TEST(MentionCoding, ABreastDensityByTheReportsWordsOnBothBreasts) {
  // "Dense breasts" sends on to "Density, breast"; the report's "heterogeneously" is the index's
  // "mammographic > heterogeneous" (R92.33-), and breasts named in the plural with no side are both.
  const auto codes = Chart("Heterogeneously dense breasts.", {{"dense breasts", "R92.30"}}).codes(Policy::outpatient);
  EXPECT_EQ(codes, std::vector<std::string>{"R92.333"}) << ::testing::PrintToString(codes);
  const auto left = Chart("Left breast: heterogeneously dense breast tissue.", {{"dense breast", "R92.30"}}).codes(Policy::outpatient);
  EXPECT_EQ(left, std::vector<std::string>{"R92.332"}) << ::testing::PrintToString(left);
}

TEST(MentionCoding, LymphNodesOfOneRegionAreLocalized) {
  const auto cervical = Chart("Tender right cervical lymphadenopathy.", {{"lymphadenopathy", "R59.1"}}).codes(Policy::outpatient);
  EXPECT_TRUE(has(cervical, "R59.0")) << ::testing::PrintToString(cervical);
  const auto generalized = Chart("Generalized lymphadenopathy, cervical and inguinal.", {{"lymphadenopathy", "R59.1"}}).codes(Policy::outpatient);
  EXPECT_TRUE(has(generalized, "R59.1")) << ::testing::PrintToString(generalized);
  const auto locoregional = Chart("Locoregional lymphadenopathy was also evident.", {{"lymphadenopathy", "R59.1"}}).codes(Policy::outpatient);
  EXPECT_TRUE(has(locoregional, "R59.0")) << ::testing::PrintToString(locoregional);
}

TEST(MentionCoding, ASmokerIsCodedForCigarettesOnlyWhereTheChartSaysSo) {
  const auto unstated = Chart("Smoker, counseled on cessation.", {{"Smoker", "F17.210"}}, "social_history").codes(Policy::outpatient);
  EXPECT_TRUE(has(unstated, "F17.200") && !has(unstated, "F17.210")) << ::testing::PrintToString(unstated);
  const auto packs = Chart("Smoker, 1 ppd for 20 years.", {{"Smoker", "F17.210"}}, "social_history").codes(Policy::outpatient);
  EXPECT_TRUE(has(packs, "F17.210")) << "packs are of cigarettes " << ::testing::PrintToString(packs);
}

TEST(MentionCoding, AUseDisorderIsCodedByItsSeverity) {
  EXPECT_EQ(codes_of({in_sentence("m1", "F11.90", "Opioid use disorder, severe - restarted buprenorphine.", "Opioid use")}),
            std::vector<std::string>{"F11.20"})
      << "moderate or severe: dependence";
  EXPECT_EQ(codes_of({in_sentence("m1", "F11.90", "Opioid use disorder, severe (opioid dependence), with active withdrawal - COWS 16.", "Opioid use")}),
            std::vector<std::string>{"F11.23"})
      << "with withdrawal";
  EXPECT_EQ(codes_of({in_sentence("m1", "F11.90", "Opioid use disorder (opioid dependence), in sustained remission.", "Opioid use")}),
            std::vector<std::string>{"F11.21"})
      << "dependence by name, in remission";
  EXPECT_EQ(codes_of({in_sentence("m1", "F10.90", "Alcohol use disorder, mild.", "Alcohol use")}), std::vector<std::string>{"F10.10"});
  EXPECT_EQ(codes_of({in_sentence("m1", "F10.90", "Alcohol use disorder, moderate, in early remission.", "Alcohol use")}),
            std::vector<std::string>{"F10.21"});
  const auto unstated = codes_of({in_sentence("m1", "F11.90", "Opioid use disorder on methadone.", "Opioid use")});
  EXPECT_FALSE(has(unstated, "F11.10") || has(unstated, "F11.20")) << "no severity stated: no guess " << ::testing::PrintToString(unstated);
  EXPECT_EQ(codes_of({in_sentence("m1", "F10.90", "Alcohol use, mild, socially.", "Alcohol use")}), std::vector<std::string>{"F10.90"})
      << "use is not a use disorder";
}

TEST(MentionCoding, TheIndexWalkPassesLevelsAChartNeverSays) {
  EXPECT_EQ(codes_of({in_sentence("m1", "F32.A", "Major depressive disorder, recurrent, severe, without psychotic features.", "depressive disorder")},
                     Policy::inpatient),
            std::vector<std::string>{"F33.2"})
      << "Disorder, depressive, recurrent > current episode > severe: nobody writes 'current episode'";
  const std::string sentence = "Major depressive disorder, recurrent, severe, with insomnia.";
  EXPECT_EQ(codes_of({in_sentence("m1", "F32.A", sentence, "depressive disorder"), in_sentence("m2", "G47.00", sentence, "insomnia")}, Policy::inpatient),
            std::vector<std::string>{"F33.2"})
      << "insomnia is a symptom of the depressive episode (rules/integral_findings.tsv)";
}

TEST(MentionCoding, OrganismsAsChartsWriteThem) {
  EXPECT_EQ(codes_of({in_sentence("m1", "A41.9", "Sepsis due to E. coli, secondary to pyelonephritis.", "Sepsis")}, Policy::inpatient),
            std::vector<std::string>{"A41.51"})
      << "'E.' is an initial, not the clause's end; 'coli' is the index's Escherichia coli";
  EXPECT_EQ(codes_of({in_sentence("m1", "A41.9", "Sepsis due to MSSA bacteremia.", "Sepsis")}, Policy::inpatient), std::vector<std::string>{"A41.01"});
  EXPECT_EQ(codes_of({in_sentence("m1", "A41.9", "Sepsis. E coli grew from a wound swab last year.", "Sepsis")}, Policy::inpatient),
            std::vector<std::string>{"A41.9"})
      << "a sentence's end still ends the clause";
  EXPECT_EQ(codes_of({in_sentence("m1", "K52.9", "Norovirus gastroenteritis.", "gastroenteritis")}, Policy::inpatient),
            std::vector<std::string>{"A08.11"})
      << "norovirus is the index's 'viral NEC > Norwalk agent'";
}

TEST(MentionCoding, TheIndexSubtermNamesTheSiteTheSubdivisionsChooseBetween) {
  EXPECT_EQ(codes_of({in_sentence("m1", "L03.90", "Cellulitis of the left foot, improving on vancomycin.", "Cellulitis")}, Policy::inpatient),
            std::vector<std::string>{"L03.116"})
      << "the walk's 'lower limb' chooses among L03.11-'s left children: lower limb, not axilla";
}

TEST(MentionCoding, ConditionsJoinedByAndShareTheirStatedCause) {
  const std::string sentence = "Anemia and thrombocytopenia, mild, due to chemotherapy.";
  const auto codes = codes_of({in_sentence("m1", "D64.9", sentence, "Anemia"), in_sentence("m2", "D69.6", sentence, "thrombocytopenia")},
                              Policy::inpatient);
  EXPECT_TRUE(has(codes, "D64.81")) << "anemia due to antineoplastic chemotherapy: " << ::testing::PrintToString(codes);
  // The procedure the cause names is a mention too, and no condition that would end the clause.
  MentionInput chemo = in_sentence("m3", "3E0-305", sentence, "chemotherapy");
  chemo.kind = MentionKind::procedure, chemo.system = "ICD-10-PCS";
  const auto with_procedure =
      codes_of({in_sentence("m1", "D64.9", sentence, "Anemia"), in_sentence("m2", "D69.6", sentence, "thrombocytopenia"), chemo}, Policy::inpatient);
  EXPECT_TRUE(has(with_procedure, "D64.81") && has(with_procedure, "D69.59")) << ::testing::PrintToString(with_procedure);
  const std::string apart = "Anemia and thrombocytopenia. Nausea due to chemotherapy.";
  EXPECT_FALSE(has(codes_of({in_sentence("m1", "D64.9", apart, "Anemia"), in_sentence("m2", "D69.6", apart, "thrombocytopenia")}, Policy::inpatient),
                   "D64.81"))
      << "a cause in another sentence is not theirs";
}

TEST(MentionCoding, AFindingItsClauseCallsInsignificantIsNotCoded) {
  const auto granulomas = in_sentence("m1", "L92.9", "CT showed emphysematous changes and a few tiny calcified granulomas, of no clinical significance.",
                                      "granulomas");
  EXPECT_TRUE(codes_of({granulomas}, Policy::inpatient).empty()) << "III.B: abnormal findings only when clinically significant";
  EXPECT_TRUE(codes_of({granulomas}, Policy::all_findings).size() == 1) << "all findings keeps it";
  const auto other_clause = in_sentence("m1", "J18.9", "Right lower lobe pneumonia; a tiny nodule, of no clinical significance.", "pneumonia");
  EXPECT_EQ(codes_of({other_clause}, Policy::inpatient), std::vector<std::string>{"J18.9"}) << "the insignificance is another clause's";
}

TEST(MentionCoding, AnUnlikelyDiagnosisIsNotCodedAsIfEstablished) {
  auto unlikely = mention("m1", "J69.0", "Aspiration pneumonia", "uncertain", "diagnosis", "assessment_and_plan");
  unlikely.improbable = true;
  EXPECT_TRUE(codes_of({unlikely}, Policy::inpatient).empty()) << "II.H codes the probable, not the unlikely";
  auto probable = mention("m1", "J69.0", "Aspiration pneumonia", "uncertain", "diagnosis", "assessment_and_plan");
  EXPECT_EQ(codes_of({probable}, Policy::inpatient), std::vector<std::string>{"J69.0"});
}

TEST(MentionCoding, AnIndexReferenceNamesASubtermByAnyOfItsSpellings) {
  // "Fracture, traumatic > femur, femoral > intertrochanteric - see Fracture, femur, trochanteric":
  // the reference names "femur, femoral" by its first spelling, and leads on to
  // "trochanteric > intertrochanteric (displaced)" S72.14-.
  const auto fracture = in_sentence("m1", "T14.8", "Displaced left intertrochanteric femur fracture from a ground-level fall.", "fracture");
  EXPECT_EQ(codes_of({fracture}, Policy::inpatient), std::vector<std::string>{"S72.142A"});
}

TEST(MentionCoding, AnOsteoporoticFractureIsTheM80CodeNotATraumaticOneToo) {
  const Chart chart(
      "Displaced left femoral neck fracture, s/p hemiarthroplasty.\nAge-related osteoporosis with current pathological (fragility) fracture, left "
      "femur.",
      {{"fracture", "T14.8"}, {"Age-related osteoporosis", "M81.0"}}, "discharge_diagnosis");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "M80.052A")) << ::testing::PrintToString(codes);
  EXPECT_TRUE(std::none_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("S72"); }))
      << "I.C.13.d.2: " << ::testing::PrintToString(codes);
}

TEST(MentionCoding, ABonesDistalEndAndHyphenatedWordsReachTheIndexLevels) {
  // "distal radius" is the index's "distal end - see Fracture, radius, lower end"; the
  // "intra-articular" before the mention is its "intraarticular NEC".
  const auto radius =
      in_sentence("m1", "T14.8", "Closed displaced intra-articular fracture of the distal radius, right (dorsal die-punch fragment).", "fracture");
  EXPECT_EQ(codes_of({radius}, Policy::inpatient), std::vector<std::string>{"S52.571A"});
  const auto ulna = in_sentence("m1", "T14.8", "Closed displaced fracture of the right ulnar shaft.", "fracture");
  EXPECT_EQ(codes_of({ulna}, Policy::inpatient), std::vector<std::string>{"S52.201A"}) << "'ulnar' is the index's 'ulna'";
}

TEST(MentionCoding, AnEffusionIsPleuralOnlyWhereItsSentenceIsAboutTheChest) {
  EXPECT_TRUE(codes_of({in_sentence("m1", "J90", "Left TM erythematous, bulging, with purulent effusion and loss of landmarks.", "effusion")}).empty());
  EXPECT_EQ(codes_of({in_sentence("m1", "J90", "CXR: small left effusion, no consolidation.", "effusion")}), std::vector<std::string>{"J90"});
}

TEST(MentionCoding, AnEffusionOfHeartFailureIsCodedOnlyWhenTreated) {
  const auto codes_for = [](const std::string& text) {
    return Chart(text, {{"Acute on chronic systolic heart failure", "I50.9"}, {"pleural effusion", "J90"}}, "discharge_diagnosis").codes(Policy::inpatient);
  };
  const auto treated = codes_for("Acute on chronic systolic heart failure. Right pleural effusion due to CHF, s/p therapeutic thoracentesis.");
  EXPECT_TRUE(has(treated, "J91.8")) << ::testing::PrintToString(treated);
  const auto untreated = codes_for("Acute on chronic systolic heart failure. Small right pleural effusion.");
  EXPECT_FALSE(has(untreated, "J91.8"));
  EXPECT_FALSE(has(untreated, "J90")) << "part of the heart failure";
}

TEST(MentionCoding, BleedingMetDuringTheOperationIsNoDiagnosis) {
  const auto operation = Chart("There was some bleeding from the inferotemporal frond.", {{"bleeding", "R58"}}, "procedure_description").codes(Policy::outpatient);
  EXPECT_FALSE(has(operation, "R58")) << ::testing::PrintToString(operation);
  const auto controlled = Chart("At the bedside, bleeding was controlled with pressure held for ten minutes.", {{"bleeding", "R58"}}, "hospital_course")
                              .codes(Policy::outpatient);
  EXPECT_FALSE(has(controlled, "R58")) << "stopped during a procedure, whatever the section";
  const auto symptom = Chart("Intermittent bleeding, source unclear.", {{"bleeding", "R58"}}, "chief_complaint").codes(Policy::outpatient);
  EXPECT_TRUE(has(symptom, "R58")) << "the patient's complaint is coded";
}

TEST(MentionCoding, AnUnspecifiedAllergyIsCodedOnlyAsAReaction) {
  const auto status = Chart("Avoid beta-lactams given cephalexin allergy history.", {{"allergy", "T78.40"}}, "assessment_and_plan").codes(Policy::inpatient);
  EXPECT_FALSE(has(status, "T78.40XA")) << "an allergy status, not an injury " << ::testing::PrintToString(status);
  const auto reaction = Chart("Allergy with hives after a new detergent, treated with diphenhydramine.", {{"Allergy", "T78.40"}}, "assessment")
                            .codes(Policy::outpatient);
  EXPECT_TRUE(has(reaction, "T78.40XA")) << ::testing::PrintToString(reaction);
  const auto history = Chart("History of type 2 diabetes, dyslipidemia and allergy to pyrazolones.", {{"allergy", "T78.40"}}, "past_medical_history")
                           .codes(Policy::all_findings);
  EXPECT_FALSE(has(history, "T78.40XA")) << "a status under the all-findings policy too " << ::testing::PrintToString(history);
}

TEST(MentionCoding, AMedicationListNamesNoDiagnosis) {
  const auto listed = Chart("Metoprolol, lisinopril for hypertension, niacin.", {{"hypertension", "I10"}}, "medications").codes(Policy::outpatient);
  EXPECT_FALSE(has(listed, "I10")) << "the list's reason for a drug is no diagnosis statement";
  EXPECT_TRUE(has(Chart("Hypertension, controlled.", {{"Hypertension", "I10"}}, "assessment").codes(Policy::outpatient), "I10"));
  const auto instructions = Chart("Call for increased redness, drainage or fever.", {{"fever", "R50.9"}}, "discharge_instructions").codes(Policy::inpatient);
  EXPECT_FALSE(has(instructions, "R50.9")) << "what to watch for at home is no finding";
  const auto education = Chart("Dense tissue makes it harder to find breast cancer on a mammogram.", {{"breast cancer", "C50.919"}}, "patient_education")
                             .codes(Policy::outpatient);
  EXPECT_FALSE(has(education, "C50.919")) << "a notification's teaching is no finding";
}

TEST(MentionCoding, AConsentsListOfRisksIsNoFinding) {
  const std::string consent =
      "Risks and benefits were discussed, which include but are not limited to bleeding, infection, nerve injury, need for conversion to "
      "total hip replacement surgery, revision surgery, DVT, pulmonary embolism, and cardiac arrest.";
  const auto risks = codes_of({in_sentence("m1", "I82.409", consent, "DVT"), in_sentence("m2", "I26.99", consent, "pulmonary embolism")}, Policy::inpatient);
  EXPECT_TRUE(risks.empty()) << ::testing::PrintToString(risks);
  EXPECT_TRUE(has(codes_of({in_sentence("m1", "I26.99", "CT angiogram showed a pulmonary embolism.", "pulmonary embolism")}, Policy::inpatient), "I26.99"));
  const std::string such_as = "Risks such as bleeding, infection, damage to nerve roots, chronic pain with range of motion were discussed.";
  EXPECT_TRUE(codes_of({in_sentence("m1", "G89.29", such_as, "chronic pain")}, Policy::inpatient).empty());
}

TEST(MentionCoding, WeightLossAsAGoalIsNoFinding) {
  EXPECT_FALSE(has(codes_of({in_sentence("m1", "R63.4", "Mild pedal edema; weight loss will help as well.", "weight loss")}), "R63.4"));
  EXPECT_FALSE(has(codes_of({in_sentence("m1", "R63.4", "Counseled on weight loss and exercise.", "weight loss")}), "R63.4"));
  EXPECT_TRUE(has(codes_of({in_sentence("m1", "R63.4", "Unintentional 15-pound weight loss over 3 months.", "weight loss")}), "R63.4"));
}

TEST(MentionCoding, ARecurrentClostridioidesDifficileColitisIsOneCode) {
  const auto codes = codes_of({in_sentence("m1", "A04.72", "Recurrent Clostridioides difficile colitis (third episode).", "Clostridioides difficile colitis"),
                               in_sentence("m2", "A04.72", "Stool C. difficile PCR positive on admission.", "C. difficile")},
                              Policy::inpatient);
  EXPECT_TRUE(has(codes, "A04.71")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "A04.72")) << "the positive test is the same recurrent infection";
}

TEST(MentionCoding, ABiteIsCodedByTheSiteItsSentenceNames) {
  auto bite = in_sentence("m1", "T14.8XXA", "Dog bite of left forearm with laceration and puncture wounds.", "Dog bite");
  bite.kind = MentionKind::injury;
  EXPECT_EQ(codes_of({bite}), std::vector<std::string>{"S51.852A"}) << "Bite > forearm S51.85-, left, initial encounter";
  auto nowhere = in_sentence("m1", "T14.8XXA", "Bites are common in summer.", "Bites");
  nowhere.kind = MentionKind::injury;
  EXPECT_TRUE(codes_of({nowhere}).empty()) << "no site: no code";
  auto block = in_sentence("m1", "T14.8XXA", "A bite block was placed in the mouth.", "bite");
  block.kind = MentionKind::injury;
  EXPECT_TRUE(codes_of({block}).empty()) << "a bite block is a device";
}

TEST(MentionCoding, AnExposureOrItsProphylaxisIsNotTheDisease) {
  EXPECT_FALSE(has(codes_of({in_sentence("m1", "A82.9", "Rabies exposure - PEP started.", "Rabies")}), "A82.9"));
  EXPECT_FALSE(has(codes_of({in_sentence("m1", "A82.9", "Rabies PEP initiated given unknown vaccination status.", "Rabies")}), "A82.9"));
  EXPECT_TRUE(has(codes_of({in_sentence("m1", "Z77.22", "Secondhand smoke exposure at home.", "Secondhand smoke")}), "Z77.22"))
      << "an exposure code's own phrase";
}

TEST(MentionCoding, AScreeningDoneBeforeIsNoReasonForThisVisit) {
  const auto before = codes_of({mention("m1", "Z12.39", "mammogram", "affirmed", "other", "history_of_present_illness",
                                        "She is up-to-date on her mammogram that she had at the clinic.")});
  EXPECT_FALSE(has(before, "Z12.39")) << ::testing::PrintToString(before);
  const auto today = codes_of({mention("m1", "Z12.39", "mammogram", "affirmed", "other", "chief_complaint", "Screening mammogram.")});
  EXPECT_TRUE(has(today, "Z12.39"));
  const auto workup = codes_of({mention("m1", "Z12.39", "mammogram", "affirmed", "other", "clinical_history",
                                        "A 1.6 cm spiculated mass, BI-RADS 5 on diagnostic mammogram and ultrasound.")});
  EXPECT_FALSE(has(workup, "Z12.39")) << "a diagnostic mammogram works up a finding: no screening";
  const Chart report("Exam: Diagnostic bilateral mammogram with tomosynthesis. MAMMOGRAM: scattered fibroglandular density.",
                     {{"MAMMOGRAM", "Z12.39"}}, "procedure_description");
  EXPECT_FALSE(has(report.codes(Policy::outpatient), "Z12.39")) << "the report's exam line says diagnostic";
}

TEST(MentionCoding, AConditionsScreenIsNoDiagnosisOfIt) {
  const auto screen = codes_of({in_sentence("m1", "G47.30", "Sleep apnea screen (STOP-BANG 2) low risk.", "Sleep apnea")});
  EXPECT_FALSE(has(screen, "G47.30")) << ::testing::PrintToString(screen);
  const auto diagnosed = codes_of({in_sentence("m1", "G47.30", "Sleep apnea, on CPAP nightly.", "Sleep apnea")});
  EXPECT_TRUE(has(diagnosed, "G47.30")) << ::testing::PrintToString(diagnosed);
}

TEST(MentionCoding, AToxicLiverInjuryIsNoTrauma) {
  const auto toxic = codes_of({in_sentence("m1", "S36.119", "2. Drug-induced hepatitis (toxic liver injury) as the organ manifestation.", "liver injury")});
  EXPECT_FALSE(has(toxic, "S36.119A")) << ::testing::PrintToString(toxic);
  const auto trauma = codes_of({in_sentence("m1", "S36.119", "Grade II liver injury after the motor vehicle collision.", "liver injury")});
  EXPECT_FALSE(trauma.empty()) << "a trauma's liver injury is coded";
}

TEST(MentionCoding, AnAntigenOrAntibodyInALabListIsATest) {
  const auto hep = codes_of({in_sentence("m1", "B19.10", "Hep B sAg, hep C Ab, HIV negative.", "Hep B"),
                             in_sentence("m2", "B19.20", "Hep B sAg, hep C Ab, HIV negative.", "hep C")});
  EXPECT_TRUE(hep.empty()) << ::testing::PrintToString(hep);
}

TEST(MentionCoding, APapanicolaouStainOfAnotherSpecimenIsNoCervicalScreening) {
  const auto thyroid = codes_of({mention("m1", "Z12.4", "Papanicolaou smears", "affirmed", "other", "specimen",
                                         "Right thyroid nodule, ultrasound-guided fine-needle aspiration: 4 alcohol-fixed Papanicolaou smears.")});
  EXPECT_FALSE(has(thyroid, "Z12.4")) << ::testing::PrintToString(thyroid);
  const auto cervix = codes_of({mention("m1", "Z12.4", "Papanicolaou smear", "affirmed", "other", "chief_complaint",
                                        "Routine cervical Papanicolaou smear.")});
  EXPECT_TRUE(has(cervix, "Z12.4")) << ::testing::PrintToString(cervix);
}

TEST(MentionCoding, BleedingTissueIsTheSurgeonsEndPoint) {
  const auto debrided = codes_of({in_sentence("m1", "R58", "Thorough debridement of necrotic soft tissue, membrane and pseudocapsule down to bleeding tissue.", "bleeding")},
                                 Policy::inpatient);
  EXPECT_TRUE(debrided.empty()) << ::testing::PrintToString(debrided);
}

TEST(MentionCoding, AdhesionsMetDuringTheOperationAreNoDiagnosis) {
  auto met = in_sentence("m1", "K66.0", "The gallbladder was inflamed with omental adhesions to the fundus, taken down bluntly.", "adhesions");
  met.section_category = "procedure_description";
  EXPECT_TRUE(codes_of({met}, Policy::inpatient).empty());
  auto stated = in_sentence("m1", "K66.0", "Small bowel obstruction due to peritoneal adhesions.", "adhesions");
  stated.section_category = "postoperative_diagnosis";
  EXPECT_FALSE(codes_of({stated}, Policy::inpatient).empty()) << "the operation's own diagnosis";
}

TEST(MentionCoding, AnIudInsertionVisitLeadsWithItsEncounter) {
  const testing_fixture::Chart chart("1. Encounter for insertion of intrauterine contraceptive device - LNG-IUD placed without complication.\n"
                                     "2. Heavy menstrual bleeding with regular cycles (menorrhagia).",
                                     {{"insertion of intrauterine contraceptive device", "Z30.430"}, {"Heavy menstrual bleeding", "N92.0"}});
  EXPECT_EQ(chart.codes(Policy::outpatient), (std::vector<std::string>{"Z30.430", "N92.0"}));
}

TEST(MentionCoding, ASterilizationThePatientAsksForIsCodedBesideTheDelivery) {
  testing_fixture::Chart chart("1. Intrauterine pregnancy at 39 weeks, delivered by repeat cesarean.\n2. Desires permanent sterilization.",
                               {{"Desires permanent sterilization", "Z30.2"}}, "discharge_diagnosis");
  chart.mentions.front().kind = MentionKind::other;
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(testing_fixture::has(codes, "Z30.2")) << ::testing::PrintToString(codes);
}

TEST(MentionCoding, ADrugInducedInterstitialNephritisIsADrugsNephropathy) {
  const std::string sentence = "1. AKI due to drug-induced acute interstitial nephritis from omeprazole (adverse effect, taken as prescribed).";
  EXPECT_EQ(codes_of({in_sentence("m1", "N10", sentence, "interstitial nephritis")}, Policy::inpatient), std::vector<std::string>{"N14.19"});
  EXPECT_EQ(codes_of({in_sentence("m1", "N10", "Acute interstitial nephritis, infective.", "interstitial nephritis")}, Policy::inpatient),
            std::vector<std::string>{"N10"});
}

// A nephropathy whose drug the chart names is "Nephropathy > drug-induced > specified NEC" (N14.19);
// one a drug in general caused stays the unspecified drug's N14.2.
TEST(MentionCoding, ANephropathyOfANamedDrugIsTheSpecifiedDrugs) {
  const auto nephropathy = [](const std::string& sentence) {
    return codes_of({in_sentence("m1", "N28.9", sentence, "nephropathy")}, Policy::inpatient);
  };
  EXPECT_EQ(nephropathy("3. Likely lithium-induced chronic tubulointerstitial nephropathy."), std::vector<std::string>{"N14.19"});
  EXPECT_EQ(nephropathy("3. Drug-induced nephropathy."), std::vector<std::string>{"N14.2"});
}

TEST(MentionCoding, AMeasurementOrAnImmunityStatusIsNoCondition) {
  const auto none = [](const MentionInput& m) { return codes_of({m}, Policy::outpatient).empty(); };
  EXPECT_TRUE(none(in_sentence("m1", "M25.60", "FibroScan today: liver stiffness 5.8 kPa (F0-F1).", "stiffness")));
  EXPECT_TRUE(none(in_sentence("m1", "J18.9", "FibroScan today: CAP 248 (no significant steatosis).", "CAP")));
  EXPECT_TRUE(none(in_sentence("m1", "B15.9", "2. Hepatitis A non-immune - Hep A vaccine dose 1 today.", "Hepatitis A")));
  EXPECT_TRUE(none(in_sentence("m1", "J11.1", "- Vaccines: influenza/ COVID up to date; RSV discussed.", "influenza")));
  EXPECT_TRUE(none(in_sentence("m1", "B15.9", "Hep A total Ab NEGATIVE (non-immune).", "Hep A")));
  EXPECT_FALSE(none(in_sentence("m1", "J18.9", "Admitted with CAP, started on ceftriaxone.", "CAP")));
}

TEST(MentionCoding, AnInfarctionMonthsAgoIsOld) {
  const auto old = codes_of({in_sentence("m1", "I21.9", "About six months ago, after an MI and pacemaker insertion, he moved.", "MI")}, Policy::inpatient);
  EXPECT_TRUE(has(old, "I25.2")) << ::testing::PrintToString(old);
  EXPECT_FALSE(has(old, "I21.9"));
}

TEST(MentionCoding, SecondaryToNamesTheCauseNotASecondaryHypertension) {
  const auto codes = codes_of({in_sentence("m1", "I10", "On dialysis since January secondary to hypertension-induced renal failure.", "hypertension")},
                              Policy::inpatient);
  EXPECT_FALSE(has(codes, "I15.9")) << ::testing::PrintToString(codes);
}

TEST(MentionCoding, AStemiIsCodedByItsArtery) {
  // "ST-elevation" is a finding of its own right before the infarction: the words before it
  // still modify the infarction, and the index's "involving" is a level charts do not say.
  const Chart stemi("Acute inferior ST-elevation myocardial infarction due to occlusion of the right coronary artery.",
                    {{"ST-elevation", "R94.31"}, {"myocardial infarction", "I21.9"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(stemi.codes(), "I21.11")) << ::testing::PrintToString(stemi.codes());
  const Chart inferior("Acute inferior ST-elevation myocardial infarction.", {{"ST-elevation", "R94.31"}, {"myocardial infarction", "I21.9"}},
                       "discharge_diagnosis");
  EXPECT_TRUE(has(inferior.codes(), "I21.19")) << ::testing::PrintToString(inferior.codes());
  const Chart nstemi("Type 1 non-ST elevation myocardial infarction.", {{"myocardial infarction", "I21.9"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(nstemi.codes(), "I21.4")) << "a site sibling that drops the code's own words is another condition: "
                                               << ::testing::PrintToString(nstemi.codes());
}

TEST(MentionCoding, AQualifierAfterNonIsDenied) {
  const Chart rhabdo("Exertional rhabdomyolysis (non-traumatic).", {{"rhabdomyolysis", "M62.82"}}, "discharge_diagnosis");
  EXPECT_EQ(rhabdo.codes(), std::vector<std::string>{"M62.82"}) << "not Rhabdomyolysis > traumatic (T79.6)";
}

TEST(MentionCoding, GoutOfAToeIsGoutOfTheAnkleAndFoot) {
  const Chart gout("Acute flare of primary gout, right first metatarsophalangeal joint (podagra).", {{"primary gout", "M10.9"}});
  EXPECT_TRUE(has(gout.codes(Policy::outpatient), "M10.071")) << ::testing::PrintToString(gout.codes(Policy::outpatient));
}

TEST(MentionCoding, AConditionNamingItsLabsIsNoDiagnosis) {
  const Chart labs("Blood pressures normal; preeclampsia labs (platelets, creatinine, AST/ALT) were all normal.", {{"preeclampsia", "O14.90"}});
  EXPECT_TRUE(labs.codes().empty()) << ::testing::PrintToString(labs.codes());
}

TEST(MentionCoding, AScreeningMammogramIsTheRoutineOneAndWasDone) {
  // To the assertion stage "screening" reads as hypothetical and "negative" as a denial.
  Chart exam("Negative bilateral screening mammogram.", {{"mammogram", "Z12.39"}});
  exam.mentions[0].status = Assertion::negated;
  EXPECT_EQ(exam.codes(Policy::outpatient), std::vector<std::string>{"Z12.31"}) << "Mammogram > routine";
  Chart plan("Continue annual screening mammography.", {{"mammography", "Z12.39"}});
  plan.mentions[0].status = Assertion::hypothetical;
  EXPECT_TRUE(plan.codes(Policy::outpatient).empty()) << "a plan, not this visit's screening";
}

TEST(MentionCoding, HypoxemicIsTheIndexsHypoxia) {
  const Chart failure("Acute hypoxemic respiratory failure due to pneumonia.", {{"respiratory failure", "J96.90"}}, "discharge_diagnosis");
  EXPECT_TRUE(has(failure.codes(), "J96.01")) << ::testing::PrintToString(failure.codes());
}

TEST(MentionCoding, AStrainIsCodedByItsSite) {
  Chart neck("Acute strain of the cervical paraspinal muscles (neck muscle strain), initial encounter.", {{"strain", "T14.8XXA"}});
  neck.mentions[0].matched_term = "Strain (site from the sentence)";  // the vocabulary's name for the placeholder
  EXPECT_EQ(neck.codes(Policy::outpatient), std::vector<std::string>{"S16.1XXA"});
  const Chart chest("Contusion of the right anterior chest wall (seatbelt), initial encounter.", {{"Contusion", "T14.8"}});
  EXPECT_EQ(chest.codes(Policy::outpatient), std::vector<std::string>{"S20.211A"}) << "thorax > front, right";
}

TEST(MentionCoding, AnIdentifiedInfluenzaVirusOutranksATestsUnidentifiedOne) {
  Chart flu("Rapid influenza/COVID/RSV PCR today was positive. Influenza A with multifocal pneumonia.",
            {{"influenza", "J11.1"}, {"Influenza A", "J10"}, {"pneumonia", "J18.9"}}, "assessment");
  flu.mentions[0].section_category = "history_of_present_illness";  // the test, in the HPI
  flu.sentences[0].section_category = "history_of_present_illness";
  const auto codes = flu.codes();
  EXPECT_TRUE(has(codes, "J10.00")) << ::testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "J11.1")) << "J10 Excludes1 J11: the identified virus is the chart's";
}

TEST(MentionCoding, ASubduralHematomaIsATraumaticIntracranialInjury) {
  Chart ct("Acute right frontoparietal subdural hematoma, 7 mm maximal thickness.", {{"hematoma", "T14.8XXA"}}, "diagnosis");
  ct.mentions[0].matched_term = "Hematoma (site from the sentence)";
  EXPECT_EQ(ct.codes(Policy::outpatient), std::vector<std::string>{"S06.5XAA"})
      << "Hematoma > subdural, see Injury, intracranial, subdural hemorrhage; consciousness not stated: status unknown";
}

TEST(MentionCoding, AServiceNamedForAConditionIsNoDiagnosis) {
  const Chart service("Admitted to the Stroke Service. Follow-up in stroke clinic in 4 weeks.", {{"Stroke", "I63.9"}, {"stroke", "I63.9"}});
  EXPECT_TRUE(service.codes().empty()) << ::testing::PrintToString(service.codes());
  const Chart test("Hepatitis C antibody negative, hepatitis B surface antigen negative.", {{"Hepatitis C", "B19.20"}, {"hepatitis B", "B19.10"}});
  EXPECT_TRUE(test.codes().empty()) << "a test's name, not a diagnosis: " << ::testing::PrintToString(test.codes());
}

TEST(MentionCoding, HemiparesisOfTheLeftSideIsNondominantByDefault) {
  const Chart left("Dense left hemiparesis on discharge.", {{"hemiparesis", "G81.9"}}, "discharge_diagnosis");
  EXPECT_EQ(left.codes(), std::vector<std::string>{"G81.94"}) << "I.C.6.a: left, not stated: nondominant";
  const Chart right("Right hemiparesis after the bleed.", {{"hemiparesis", "G81.9"}}, "discharge_diagnosis");
  EXPECT_EQ(right.codes(), std::vector<std::string>{"G81.91"}) << "right, not stated: dominant";
  const Chart left_handed("Left hemiparesis in this left-handed man.", {{"hemiparesis", "G81.9"}}, "discharge_diagnosis");
  EXPECT_EQ(left_handed.codes(), std::vector<std::string>{"G81.92"});
}

TEST(MentionCoding, AnExposureTheVisitTreatsAndATetanusBoosterInItsSentence) {
  Chart rabies("Exposure to rabies - post-exposure prophylaxis initiated.", {{"Exposure to rabies", "Z20.3"}});
  rabies.mentions[0].status = Assertion::hypothetical;  // what the assertion stage reads in "prophylaxis"
  EXPECT_EQ(rabies.codes(Policy::outpatient), std::vector<std::string>{"Z20.3"});
  const Chart booster("Tdap 0.5 mL IM given (right thigh) as tetanus was more than 10 years out.", {{"tetanus", "A35"}});
  EXPECT_FALSE(has(booster.codes(Policy::outpatient), "A35")) << "the vaccine's tetanus, not the disease: " << ::testing::PrintToString(booster.codes(Policy::outpatient));
}

TEST(MentionCoding, ATorsionIsCodedByItsSite) {
  Chart ovary("Torsion of the right ovary (720 degrees on its pedicle), fallopian tube not involved.", {{"Torsion", "T14.8XXA"}}, "discharge_diagnosis");
  ovary.mentions[0].matched_term = "Torsion (site from the sentence)";
  EXPECT_EQ(ovary.codes(), std::vector<std::string>{"N83.511"}) << "Torsion > ovary (pedicle), right";
}

}  // namespace
}  // namespace chartflow::coding

namespace chartflow::coding {
namespace {

// A former smoker's history of nicotine dependence (Z87.891): a personal history coded only when it
// bears on the encounter, unless the tobacco_history option says always.
TEST(MentionCoding, AFormerSmokersHistoryUnderTheTobaccoOption) {
  using testing_fixture::Chart;
  Chart chart("SOCIAL HISTORY: Retired bus mechanic, former smoker quit 20 years ago (30 pack-years).\n", {{"former smoker", "F17.210"}},
              "social_history");
  chart.mentions[0].status = Assertion::historical;
  const auto codes_with = [&](TobaccoHistory option) { return chart.codes(Policy::inpatient, Conventions{.tobacco_history = option}); };
  EXPECT_FALSE(testing_fixture::has(codes_with(TobaccoHistory::when_relevant), "Z87.891"));
  EXPECT_TRUE(testing_fixture::has(codes_with(TobaccoHistory::always), "Z87.891")) << testing::PrintToString(codes_with(TobaccoHistory::always));
  EXPECT_FALSE(testing_fixture::has(codes_with(TobaccoHistory::always), "F17.210")) << "a former smoker has no current dependence";
}

// "Non-smoker" is no smoker; "smokes a couple cigarettes on weekends, not daily" is tobacco use
// (Z72.0), not the dependence "smoker" indexes to.
TEST(MentionCoding, ANonSmokerAndAnOccasionalSmoker) {
  using testing_fixture::Chart;
  Chart non("SOCIAL: Non-smoker, rare alcohol.\n", {{"smoker", "F17.200"}}, "social_history");
  non.mentions[0].before = "SOCIAL: Non-";
  EXPECT_FALSE(testing_fixture::has(non.codes(), "F17.200")) << testing::PrintToString(non.codes());
  Chart occasional("SOCIAL: smokes a couple cigarettes on weekends, not daily.\n", {{"smokes a couple cigarettes", "F17.210"}}, "social_history");
  EXPECT_TRUE(testing_fixture::has(occasional.codes(), "Z72.0")) << testing::PrintToString(occasional.codes());
  EXPECT_FALSE(testing_fixture::has(occasional.codes(), "F17.210"));
  Chart daily("Vapes occasionally, smokes 1/2 ppd cigarettes x 5 yrs.\n", {{"smokes 1/2 ppd cigarettes", "F17.210"}}, "social_history");
  EXPECT_TRUE(testing_fixture::has(daily.codes(), "F17.210")) << "the vaping's 'occasionally' is another clause's: " << testing::PrintToString(daily.codes());
}

}  // namespace
}  // namespace chartflow::coding
