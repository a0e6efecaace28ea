// Mention detection and ConText assertion on the hard cases, with the shipped data.
#include "clinical-mentions/context.hpp"
#include "clinical-mentions/term_dictionary.hpp"
#include "shipped_dictionary.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::mentions {
namespace {

struct Engine {
  const TermDictionary& dictionary = mentions_test::shipped_dictionary();
  ContextRules rules;
  Engine() { rules.load_tsv((mentions_test::kMentionsDir / "context_rules.tsv").string()); }
};

const Engine& engine() {
  static const Engine e;
  return e;
}

// The status of the first mention whose text contains `mention` ("missing" if none does), as
// the plugin finds it: with the text, so clause breaks and parentheses count, each other mention
// counting as one word, and lists.
std::string status(const std::string& sentence, const std::string& mention) {
  const auto tokens = tokenize(sentence);
  const auto triggers = engine().rules.find(tokens, sentence);
  const auto matches = engine().dictionary.match(tokens, sentence);
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const auto& m : matches) spans.emplace_back(m.first, m.last);
  const auto listed = listed_tokens(tokens.size(), spans);
  const ListShape lists(tokens, sentence, listed);
  for (const auto& m : matches) {
    const std::string text = sentence.substr(tokens[m.first].begin, tokens[m.last].end - tokens[m.first].begin);
    const auto counted = with_asides(tokens, sentence, listed);
    if (text.find(mention) != std::string::npos) return assert_mention(m.first, m.last, triggers, ScopeOptions{}, &counted, &lists).status();
  }
  return "missing";
}

TEST(Assertion, NegationAndItsScope) {
  EXPECT_EQ(status("No fever but has cough.", "fever"), "negated");
  EXPECT_EQ(status("No fever but has cough.", "cough"), "affirmed");
  EXPECT_EQ(status("Denies chest pain, admits dyspnea.", "chest pain"), "negated");
  EXPECT_EQ(status("Denies chest pain, admits dyspnea.", "dyspnea"), "affirmed");
  EXPECT_EQ(status("Negative for malignancy.", "malignancy"), "negated");
  EXPECT_EQ(status("The wound is free of edema.", "edema"), "negated");
  EXPECT_EQ(status("She denies fever, chills or cough.", "cough"), "negated") << "a list stays in scope";
  EXPECT_EQ(status("No evidence of metastatic disease.", "metastatic disease"), "negated");
  EXPECT_EQ(status("Lymphocytic thyroiditis cannot be diagnosed on this sample.", "thyroiditis"), "negated");
  EXPECT_EQ(status("Differential diagnosis: epididymitis, orchitis, incarcerated hernia.", "orchitis"), "uncertain");
  EXPECT_EQ(status("DDx includes epididymitis versus orchitis.", "epididymitis"), "uncertain");
}

// A trigger inside parentheses speaks of what is inside them, looking back as well as forward.
TEST(Assertion, ABackwardTriggerInParenthesesStaysInside) {
  EXPECT_EQ(status("- MELANOMA IN SITU (lentigo maligna type not favored; superficial spreading pattern).", "MELANOMA IN SITU"), "affirmed");
  EXPECT_EQ(status("Lentigo maligna type not favored.", "Lentigo maligna"), "negated") << "outside parentheses, as before";
}

// What a plan makes conditional or leaves undone is no procedure of the stay.
TEST(Assertion, AConditionalOrDeferredProcedureIsNotDone) {
  EXPECT_EQ(status("Transfuse PRBC only if Hgb <7.", "PRBC"), "hypothetical");
  EXPECT_EQ(status("Add vancomycin only if port infection develops.", "infection"), "hypothetical") << "'only if' looks both ways";
  EXPECT_EQ(status("PRBC transfusion not given today.", "transfusion"), "negated");
  EXPECT_EQ(status("Kidney biopsy deferred.", "biopsy"), "negated");
  EXPECT_EQ(status("PRBC transfusion given today.", "transfusion"), "affirmed");
}

// The depths are found eight bytes at a time: each offset's depth must be a byte-by-byte count's
// (parentheses at block edges, unmatched closers that never go below zero).
TEST(Assertion, ParenthesisDepthIsAByteByByteCount) {
  std::mt19937 rng(4);
  const std::string pieces[] = {"(", ")", "a", "word ", "12345678", "\n", "(x)", "))"};
  for (int round = 0; round < 500; ++round) {
    std::string text;
    for (std::size_t k = 0, n = rng() % 40; k < n; ++k) text += pieces[rng() % std::size(pieces)];
    const ParenthesisDepth depths(text);
    int d = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      ASSERT_EQ(depths.before(i), d) << "'" << text << "' at " << i;
      if (i < text.size() && text[i] == '(') ++d;
      if (i < text.size() && text[i] == ')' && d > 0) --d;
    }
  }
}

// The plugin hands find() the document's parenthesis depths instead of letting it scan the text
// before each sentence: the triggers and their windows must be the same either way, with a
// parenthesis left open in an earlier sentence and one opened and closed inside this one.
TEST(Assertion, ParenthesisDepthsOfTheDocumentGiveTheSameTriggersAsAScanOfTheTextBefore) {
  const std::string text =
      "History (see prior note.\nPatient denies (on no ESA) fever, chills.\nNo rash (mild pruritus) or cough). Denies pain.";
  const ParenthesisDepth depths(text);
  EXPECT_EQ(depths.before(0), 0);
  EXPECT_EQ(depths.before(text.find("see")), 1);
  EXPECT_EQ(depths.before(text.find("ESA")), 2);
  EXPECT_EQ(depths.before(text.find("fever")), 1);
  EXPECT_EQ(depths.before(text.find("Denies pain")), 0);
  std::size_t limited = 0;  // triggers whose scope a closing parenthesis cut
  for (const std::string_view sentence : {"Patient denies (on no ESA) fever, chills.", "No rash (mild pruritus) or cough).", "Denies pain."}) {
    const std::size_t begin = text.find(sentence);
    const auto tokens = tokenize(text, begin, begin + sentence.size());
    const auto scanned = engine().rules.find(tokens, text);
    const auto looked_up = engine().rules.find(tokens, text, &depths);
    ASSERT_EQ(scanned.size(), looked_up.size()) << sentence;
    for (std::size_t i = 0; i < scanned.size(); ++i) {
      EXPECT_EQ(scanned[i].first, looked_up[i].first) << sentence;
      EXPECT_EQ(scanned[i].window, looked_up[i].window) << sentence << ": " << scanned[i].phrase;
      limited += looked_up[i].window > 0 && looked_up[i].phrase == "no";
    }
  }
  EXPECT_GT(limited, 0u) << "the \"no\" inside \"(on no ESA)\" ends at its parenthesis";
}

TEST(Assertion, RuledOutAtTheHeadOfAListNegatesTheList) {
  EXPECT_EQ(status("Differential diagnoses: Ruled out pneumothorax, pneumonia, bronchiolitis, croup.", "croup"), "negated");
  EXPECT_EQ(status("Pulmonary embolism ruled out by CTA.", "Pulmonary embolism"), "negated") << "after a condition it looks back";
  EXPECT_EQ(status("Ruled out: ANCA-associated vasculitis (MPO and PR3 negative), anti-GBM disease (negative), lupus nephritis (ANA negative, "
                   "complements normal).",
                   "lupus nephritis"),
            "negated")
      << "a label reaches every short item of its list, however many words their asides add";
  EXPECT_EQ(status("Negative: fever (none at home), chills (none), night sweats (none), weight loss.", "weight loss"), "negated");
}

TEST(Assertion, RulingOutIsDoneAfterItAndInDoubtWhileItGoesOn) {
  EXPECT_EQ(status("After ruling out the presence of metabolic acidosis, a clotting level was requested.", "acidosis"), "negated");
  EXPECT_EQ(status("We are ruling out myocardial infarction with serial troponins.", "myocardial infarction"), "uncertain");
}

TEST(Assertion, AQuestionTheChartLeavesOpenIsUncertain) {
  EXPECT_EQ(status("It is unknown whether she has diabetes mellitus.", "diabetes mellitus"), "uncertain");
  EXPECT_EQ(status("Unclear if the pneumonia has resolved.", "pneumonia"), "uncertain");
}

TEST(Assertion, AParenthesisThatNamesNoConditionIsPartOfItsListItem) {
  const std::string denies =
      "She denies fever (even at night, per her husband), chills, productive cough (dry or wet, any time of day), hemoptysis or night sweats.";
  for (const char* finding : {"chills", "hemoptysis", "night sweats"}) EXPECT_EQ(status(denies, finding), "negated") << finding;
  EXPECT_EQ(status("Workup of uveitis (HLA-B27, sacroiliac XR, syphilis testing to be considered by ophtho).", "uveitis"), "affirmed")
      << "a parenthesis that names conditions is a clause of its own";
  EXPECT_EQ(status("Former smoker 45 pk-yr (quit 6 yrs), hyperlipidemia, CKD stage 2.", "CKD"), "affirmed")
      << "a trigger inside a parenthesis reaches no further than its close";
}

TEST(Assertion, WhatATestWouldScreenForIsHypothetical) {
  EXPECT_EQ(status("Leukocytosis - repeat CBC; if WBC >30K, echo to screen for pulmonary hypertension.", "pulmonary hypertension"), "hypothetical");
}

TEST(Assertion, ATerminatorOfNegationEndsNoOtherScope) {
  EXPECT_EQ(status("A man without known allergies, with a history of dyslipidemia and hypertension.", "hypertension"), "historical");
  EXPECT_EQ(status("A 55-year-old man without known allergies diagnosed with gastric adenocarcinoma.", "adenocarcinoma"), "affirmed");
  EXPECT_EQ(status("Her father was diagnosed with colon cancer at age 52.", "colon cancer"), "family") << "the father's scope goes on";
  EXPECT_EQ(status("He is an ex-smoker.", "smoker"), "historical");
}

TEST(Assertion, CriteriaNotMetNegateTheConditionNamedBefore) {
  EXPECT_EQ(status("Lactate 1.2, BP 134/78 - hospitalist documents that sepsis criteria are not met.", "sepsis"), "negated");
  EXPECT_EQ(status("Sepsis criteria have not been met.", "Sepsis"), "negated");
}

TEST(Assertion, WhatWouldBringThePatientBackSoonerHasNotHappened) {
  const std::string plan = "Recheck in 1-2 weeks, sooner for facial weakness, palpitations, joint swelling, severe headache or stiff neck.";
  for (const char* finding : {"facial weakness", "palpitations", "stiff neck"}) EXPECT_EQ(status(plan, finding), "hypothetical") << finding;
}

TEST(Assertion, WhatWasExtractedIsGone) {
  EXPECT_EQ(status("She had uncomplicated cataract extraction with posterior chamber IOL in both eyes.", "cataract"), "historical");
  EXPECT_EQ(status("Nuclear sclerotic cataract, right eye, visually significant.", "cataract"), "affirmed");
}

TEST(Assertion, AnItemOpenedByWithIsWhatThePatientHas) {
  EXPECT_EQ(status("No fever, with productive cough.", "cough"), "affirmed");
  EXPECT_EQ(status("Afebrile, without chest pain, with shortness of breath on exertion.", "shortness of breath"), "affirmed");
  EXPECT_EQ(status("Afebrile, without chest pain, with shortness of breath on exertion.", "chest pain"), "negated");
  EXPECT_EQ(status("Pregnancy without complications and without arthritis activity, with anemia.", "anemia"), "affirmed");
  EXPECT_EQ(status("No fever with chills.", "chills"), "negated") << "no comma: the same denied finding";
  EXPECT_EQ(status("History of myocardial infarction, with stent placement.", "myocardial infarction"), "historical")
      << "only a negation's scope ends";
}

TEST(Assertion, ATriggerReachesEveryItemOfItsList) {
  const std::string ros =
      "No hearing loss, tinnitus, ear fullness, double vision, slurred speech, numbness or weakness, chest pain or palpitations.";
  for (const char* finding : {"tinnitus", "weakness", "chest pain", "palpitations"}) EXPECT_EQ(status(ros, finding), "negated") << finding;
  EXPECT_EQ(status("She denies any hearing loss, tinnitus, ear fullness, double vision, slurred speech, numbness, weakness or palpitations.",
                   "palpitations"),
            "negated")
      << "the trigger may stand in a long first item";
  const std::string risks = "Risks including bleeding, infection, injury to bowel, bladder or vessels, conversion to open, and hernia were reviewed.";
  EXPECT_EQ(status(risks, "hernia"), "hypothetical");
}

TEST(Assertion, ANegativeLabelNegatesItsList) {
  const std::string ros = "ROS: Positive: chest burning. Negative: fever, cough, dyspnea, nausea, vomiting, abdominal pain, melena, leg swelling.";
  for (const char* finding : {"fever", "vomiting", "melena", "leg swelling"}) EXPECT_EQ(status(ros, finding), "negated") << finding;
  EXPECT_EQ(status("Rapid strep negative: treat the sore throat symptomatically.", "sore throat"), "affirmed")
      << "a result's colon, not a label at the start of its clause";
  EXPECT_EQ(status("HIV negative.", "HIV"), "negated") << "a result still looks back";
}

TEST(Assertion, AListItemThatBeginsWithNegativeIsNegated) {
  const std::string ros = "Constitutional: Negative chills, negative fever, negative night sweats. HEENT: Palate intact, negative rhinorrhea.";
  for (const char* finding : {"chills", "fever", "night sweats", "rhinorrhea"}) EXPECT_EQ(status(ros, finding), "negated") << finding;
  EXPECT_EQ(status("HIV negative, hepatitis C positive.", "hepatitis C"), "affirmed") << "a result's 'negative' looks back";
  EXPECT_EQ(status("Strep: negative, pharyngitis treated with fluids.", "pharyngitis"), "affirmed") << "a comma after it: no item of its own";
  const std::string list = "Ears normal; Negative for hearing problems. Pulmonary: Normal; Negative for cough, sputum, wheezing, asthma, or emphysema.";
  for (const char* finding : {"asthma", "emphysema"}) EXPECT_EQ(status(list, finding), "negated") << "'negative for' still reaches its whole list";
}

TEST(Assertion, AListItemReachesAMentionAfterItsFirstWord) {
  const std::string ros = "Negative for angina, irregular heartbeat, heart murmurs, bad heart valves, palpitations, swelling of feet, "
                          "high blood pressure, orthopnea, paroxysmal nocturnal dyspnea, or cough.";
  EXPECT_EQ(status(ros, "nocturnal dyspnea"), "negated") << "the item is 'paroxysmal nocturnal dyspnea'";
}

TEST(Assertion, AConditionInARelativeNamedAfterItIsTheFamilys) {
  EXPECT_EQ(status("Significant for Huntington disease in her mother and diabetes in her father.", "Huntington disease"), "family");
  EXPECT_EQ(status("Significant for Huntington disease in her mother and diabetes in her father.", "diabetes"), "family");
  EXPECT_EQ(status("His Dad has hypertension. Mom is healthy and has asthma.", "hypertension"), "family");
  EXPECT_EQ(status("His Dad has hypertension. Mom is healthy and has asthma.", "asthma"), "family");
}

TEST(Assertion, EverydayHistoryNegationAndDoubt) {
  EXPECT_EQ(status("He did not report any history of myocardial infarction.", "myocardial infarction"), "negated");
  EXPECT_EQ(status("She used to smoke a pack a day and quit in 1990.", "smoke"), "historical");
  EXPECT_EQ(status("Influenza test is negative. Rapid strep screen was negative.", "Influenza"), "negated");
  EXPECT_EQ(status("Chest x-ray is negative for pneumonia.", "pneumonia"), "negated") << "'is negative for' still looks forward";
  EXPECT_EQ(status("There was a suggestion of a bilateral lower lobe pneumonia.", "pneumonia"), "uncertain");
}

TEST(Assertion, AQuestionMarkRightAfterAMentionQuestionsIt) {
  const std::string text = "PMH: h/o stroke? - son says this was a scare. Pneumonia ? Cough.";
  EXPECT_EQ(question_mark_after(text, text.find("stroke") + 6, text.size()), text.find('?'));
  EXPECT_EQ(question_mark_after(text, text.find("Pneumonia") + 9, text.size()), text.find("? Cough"));
  EXPECT_FALSE(question_mark_after(text, text.find("Cough") + 5, text.size()));
  EXPECT_FALSE(question_mark_after(text, text.find("stroke") + 6, text.find("stroke") + 6)) << "not past the sentence's end";
}

TEST(Assertion, AListEndsWhereItsItemsStopBeingShort) {
  EXPECT_EQ(status("No fever, chills, night sweats, weight loss, nausea, vomiting, and she has been coughing for a month with weakness.",
                   "weakness"),
            "affirmed")
      << "a clause is no list item";
  EXPECT_EQ(status("No fever, chills, night sweats; she reports palpitations, weakness, dizziness, headache, nausea or syncope.", "syncope"),
            "affirmed")
      << "a semicolon ends the list";
  EXPECT_EQ(status("Fever, chills, night sweats, weight loss, nausea, vomiting, diarrhea, cough and no dysuria.", "cough"), "affirmed")
      << "a trigger reaches forward only";
}

TEST(Assertion, ConsideredAfterConditionsDoubtsThem) {
  EXPECT_EQ(status("PE considered.", "PE"), "uncertain");
  EXPECT_EQ(status("PE and stroke considered.", "PE"), "uncertain");
  EXPECT_EQ(status("PE and aortic dissection considered.", "PE"), "uncertain");
  EXPECT_EQ(status("PE and aortic dissection considered, unlikely.", "PE"), "uncertain");
  EXPECT_EQ(status("PE and aortic dissection considered, clinically very unlikely.", "PE"), "uncertain");
  EXPECT_EQ(status("Atypical chest pain, ACS ruled out.", "chest pain"), "affirmed") << "the ACS is ruled out, not the pain";
  EXPECT_EQ(status("Pulmonary embolism, ruled out by CTA.", "embolism"), "negated");
}

TEST(Assertion, NotFeltToBePresentNegates) {
  EXPECT_EQ(status("Pneumonia was not felt to be present on the repeat film.", "Pneumonia"), "negated");
  EXPECT_EQ(status("Osteoporosis has not been diagnosed; DEXA to be arranged.", "Osteoporosis"), "negated");
  EXPECT_EQ(status("No prior fractures, and she has never been diagnosed with osteoporosis.", "osteoporosis"), "negated")
      << "'never' reaches two words; 'diagnosed with' would end its scope";
  EXPECT_EQ(status("He was never diagnosed with asthma.", "asthma"), "negated");
  EXPECT_EQ(status("A lumbar disc herniation is possible but is not confirmed.", "disc herniation"), "uncertain") << "the doubt after the condition";
  EXPECT_EQ(status("GC/chlamydia NAAT sent.", "chlamydia"), "hypothetical") << "a test ordered names what it looks for";
  EXPECT_EQ(status("Had an ovarian cyst on ultrasound 3 years ago that resolved.", "ovarian cyst"), "historical");
}

TEST(Assertion, AResultAfterAListOfTestsNegatesEveryTest) {
  EXPECT_EQ(status("Rh positive, rubella immune, HIV/HBsAg/RPR negative.", "HIV"), "negated") << "items joined by slashes";
  EXPECT_EQ(status("Rapid influenza and COVID-19 negative.", "influenza"), "negated") << "a sentence that names a test";
  EXPECT_EQ(status("Respiratory viral PCR: rhinovirus positive; RSV, influenza and SARS-CoV-2 negative.", "influenza"), "negated");
  EXPECT_EQ(status("Rapid SARS-CoV-2 / influenza A/B PCR negative.", "SARS-CoV-2"), "negated");
  EXPECT_EQ(status("Rubella immune, HIV and hepatitis B negative.", "HIV"), "negated") << "a prenatal panel's results";
  EXPECT_EQ(status("Pneumonia, heart failure, troponin negative.", "Pneumonia"), "affirmed")
      << "no test named and no slashes: a list of conditions, then a result";
  EXPECT_EQ(status("Rapid strep negative; influenza positive.", "influenza"), "affirmed") << "a semicolon ends the list";
}

// "was negative" (backward) must not hide the "negative for" that follows it: the longest
// trigger at "was" is then the whole "was negative for".
TEST(Assertion, WasNegativeForNegatesWhatFollows) {
  EXPECT_EQ(status("The biopsy of the nodule was negative for malignancy.", "malignancy"), "negated");
  EXPECT_EQ(status("Both aspirates were negative for lymphoma.", "lymphoma"), "negated");
  EXPECT_EQ(status("The margin is negative for carcinoma.", "carcinoma"), "negated");
  EXPECT_EQ(status("The culture was negative.", "culture"), "missing") << "no mention: only the trigger's direction is tested above";
}

// "absent" before a noun names what is absent after it ("with absent variability"), not the
// condition before it. (And the labor and delivery complications are mentions.)
TEST(Assertion, WithAbsentNegatesNothingBeforeIt) {
  EXPECT_EQ(status("Category III fetal heart rate tracing - recurrent late decelerations with absent variability.",
                   "Category III fetal heart rate tracing"),
            "affirmed");
  EXPECT_EQ(status("Postoperative diagnoses: thin meconium-stained amniotic fluid; nuchal cord x1.", "nuchal cord"), "affirmed");
}

TEST(Assertion, AnOperationNamedBeforeTheWordsThatPutItAheadIsHypothetical) {
  EXPECT_EQ(status("Started on piperacillin-tazobactam; laparoscopic cholecystectomy is being planned once she is stable.",
                   "laparoscopic cholecystectomy"),
            "hypothetical");
}

TEST(Assertion, NoneOfDeniesWhatFollows) {
  EXPECT_EQ(status("Personal history: none of skin cancer. Family history: father with melanoma at 60.", "cancer"), "negated");
}

TEST(Assertion, ATestThatArguesAgainstAConditionNegatesIt) {
  EXPECT_EQ(status("Sodium corrected with NS over 48 h; urine studies argued against SIADH.", "SIADH"), "negated");
  EXPECT_EQ(status("The normal lactate argues against sepsis.", "sepsis"), "negated");
}

// "free of disease" negates the disease it names, not the finding that follows it.
TEST(Assertion, FreeOfDiseaseNegatesNothingAfterIt) {
  EXPECT_EQ(status("Free of disease until March, then a brain metastasis was found.", "metastasis"), "affirmed");
  EXPECT_EQ(status("The margins are free of carcinoma.", "carcinoma"), "negated") << "free of a named finding still negates it";
}

TEST(Assertion, ATriggerInsideParenthesesStaysInside) {
  EXPECT_EQ(status("Also anemia of CKD (Hgb 9.8, on no ESA), hyperlipidemia, gout.", "hyperlipidemia"), "affirmed");
  EXPECT_EQ(status("Also anemia of CKD (Hgb 9.8, on no ESA), hyperlipidemia, gout.", "gout"), "affirmed");
  EXPECT_EQ(status("Denies chest pain (no radiation) or dyspnea.", "dyspnea"), "negated") << "a trigger outside still reaches past them";
  EXPECT_EQ(status("Never smoker.", "smoker"), "negated");
  EXPECT_EQ(status("Former smoker, quit 20 years ago.", "smoker"), "historical");
  // A past time in the clause (an age, a decade of life, "old", "in the past") ...
  EXPECT_EQ(status("Had a perforated appendix at age 9.", "perforated appendix"), "historical");
  EXPECT_EQ(status("He had a spontaneous pneumothorax in his 20s.", "spontaneous pneumothorax"), "historical");
  EXPECT_EQ(status("Old lacunar infarct in the right thalamus.", "lacunar infarct"), "historical");
  EXPECT_EQ(status("A 72-year-old diabetic with cellulitis.", "cellulitis"), "affirmed") << "an age is no old finding";
  EXPECT_EQ(status("Gout attacks in the past, none this year.", "Gout"), "historical");
  // ... unless the clause keeps the condition current.
  EXPECT_EQ(status("Atrial fibrillation, first diagnosed in 2019, rate controlled.", "Atrial fibrillation"), "affirmed");
  EXPECT_EQ(status("Persistent atrial fibrillation despite cardioversion in 2022.", "atrial fibrillation"), "affirmed");
  EXPECT_EQ(status("Prior stroke with residual left hemiparesis.", "hemiparesis"), "affirmed");
  EXPECT_EQ(status("Prior stroke with residual left hemiparesis.", "stroke"), "historical");
  EXPECT_EQ(status("Nuclear stress test was negative for ischemia.", "ischemia"), "negated") << "'test was negative' still looks ahead";
  EXPECT_EQ(status("Chronic CHF (EF 60% on echo last year), hypothyroidism and hyperlipidemia.", "hyperlipidemia"), "affirmed")
      << "a two-way trigger at a parenthesis' end looks back only, and only inside it";
}

TEST(Assertion, PseudoTriggersDoNotNegate) {
  EXPECT_EQ(status("No increase in edema since yesterday.", "edema"), "affirmed");
  EXPECT_EQ(status("Gram negative sepsis.", "sepsis"), "affirmed");
  EXPECT_EQ(status("Not only dyspnea but also orthopnea.", "dyspnea"), "affirmed");
}

TEST(Assertion, NotPresentAfterTheConditionsNegatesThem) {
  EXPECT_EQ(status("No clinical source; pneumonia and line infection not present.", "pneumonia"), "negated");
  EXPECT_EQ(status("No clinical source; pneumonia and sepsis not present.", "sepsis"), "negated");
  EXPECT_EQ(status("C. diff not sent (no diarrhea).", "C. diff"), "negated") << "a test not sent finds nothing";
  EXPECT_EQ(status("2. Pneumonia - none clinically (clear lungs); counseled.", "Pneumonia"), "negated");
  EXPECT_EQ(status("Chest film shows pneumonia, not present on prior film.", "pneumonia"), "affirmed") << "new since";
}

TEST(Assertion, Uncertainty) {
  EXPECT_EQ(status("Cannot rule out pneumonia.", "pneumonia"), "uncertain");
  EXPECT_EQ(status("Rule out pulmonary embolism.", "pulmonary embolism"), "uncertain");
  EXPECT_EQ(status("Possible pneumonia in the right lower lobe.", "pneumonia"), "uncertain");
  EXPECT_EQ(status("Gastric biopsies for H. pylori were obtained from the antrum.", "H. pylori"), "uncertain") << "what a test looks for";
  EXPECT_EQ(status("Discussed that she is approaching ESRD; will revisit access planning.", "ESRD"), "hypothetical") << "not yet";
  EXPECT_EQ(status("BP - permissive hypertension first 24 h after the stroke.", "hypertension"), "hypothetical") << "a treatment target, no diagnosis";
  EXPECT_EQ(status("Images in the liver that could correspond to metastases.", "metastases"), "uncertain");
  EXPECT_EQ(status("Urine NAAT for gonorrhea and chlamydia sent.", "chlamydia"), "uncertain") << "what a test looks for";
  EXPECT_EQ(status("Chlamydia screen sent today.", "Chlamydia"), "uncertain");
  EXPECT_EQ(status("The mass could be a lymphoma.", "lymphoma"), "uncertain");
  EXPECT_EQ(status("Early antibiotics are needed in patients with pneumonia.", "pneumonia"), "hypothetical")
      << "patients in general, not this one";
}

TEST(Assertion, HistoricalHypotheticalAndFamily) {
  EXPECT_EQ(status("History of colon cancer.", "colon cancer"), "historical");
  EXPECT_EQ(status("Status post appendectomy.", "appendectomy"), "historical");
  EXPECT_EQ(status("The pneumonia has resolved.", "pneumonia"), "historical");
  EXPECT_EQ(status("She was admitted for diabetic ketoacidosis, which has since resolved.", "ketoacidosis"), "historical")
      << "'which' ends scopes, but not one it begins";
  EXPECT_EQ(status("He was admitted last year with an upper GI bleed.", "GI bleed"), "historical");
  EXPECT_EQ(status("She presented with a 24-hour history of fever and vomiting.", "fever"), "affirmed") << "a duration dates an onset";
  EXPECT_EQ(status("A two-week history of productive cough.", "cough"), "affirmed");
  EXPECT_EQ(status("Kawasaki disease as an infant.", "Kawasaki disease"), "historical");
  EXPECT_EQ(status("HISTORY: Chest pain radiating to the jaw.", "Chest pain"), "affirmed") << "a heading, not a history";
  EXPECT_EQ(status("68 y/o F POD2 s/p right TKA for primary osteoarthritis of the right knee.", "osteoarthritis"), "affirmed")
      << "days after this stay's operation, s/p speaks of this stay";
  EXPECT_EQ(status("Postoperative day 1 status post appendectomy for perforated appendicitis.", "appendicitis"), "affirmed");
  EXPECT_EQ(status("Remote s/p appendectomy for appendicitis.", "appendicitis"), "historical");
  EXPECT_EQ(status("Remote history: stroke.", "stroke"), "historical") << "'remote' still speaks";
  EXPECT_EQ(status("Return if fever develops.", "fever"), "hypothetical");
  EXPECT_EQ(status("Mother had breast cancer.", "breast cancer"), "family");
  EXPECT_EQ(status("Family history of colon cancer in his father.", "colon cancer"), "family");
}

// "Absent ankle jerks" is a reflex, not the index's "Jerks, myoclonic" (G25.3); "myoclonic jerks"
// still is.
TEST(Mentions, AnAnkleJerkIsAReflexAndMacerationWetSkin) {
  EXPECT_EQ(status("Neuro: decreased vibration at toes, absent ankle jerks, Romberg mildly positive.", "jerks"), "missing");
  EXPECT_EQ(status("Frequent myoclonic jerks of both arms.", "myoclonic jerks"), "affirmed");
  EXPECT_EQ(status("Interdigital maceration and scaling between the 4th and 5th toes.", "maceration"), "missing")
      << "wet skin, not the index's immersion foot (Maceration, wet feet T69.0-)";
}

// A subarachnoid hemorrhage is a condition of its own (I60.9), not the bleeding (R58) its
// aneurysm's sentence would hold as a symptom.
TEST(Mentions, ASubarachnoidHemorrhageIsItsOwnMention) {
  EXPECT_EQ(status("1. Aneurysmal subarachnoid hemorrhage, ruptured anterior communicating artery aneurysm.", "subarachnoid hemorrhage"),
            "affirmed");
}

TEST(Mentions, LongestMatchAbbreviationsAndPlurals) {
  EXPECT_EQ(status("HTN and DM2, on metformin.", "HTN"), "affirmed");
  EXPECT_EQ(status("HTN and DM2, on metformin.", "DM2"), "affirmed");
  EXPECT_EQ(status("Small bilateral pleural effusions.", "pleural effusions"), "affirmed");
  EXPECT_EQ(status("Invasive ductal carcinoma, grade 2.", "Invasive ductal carcinoma"), "affirmed");
  EXPECT_EQ(status("Chest pain at rest.", "Chest pain"), "affirmed");
}

// The concept of the first mention whose text contains `words` ("missing" if none does).
std::string concept_of(const std::string& sentence, const std::string& words) {
  const auto tokens = tokenize(sentence);
  for (const auto& m : engine().dictionary.match(tokens, sentence))
    if (sentence.substr(tokens[m.first].begin, tokens[m.last].end - tokens[m.first].begin).find(words) != std::string::npos) return m.term->code;
  return "missing";
}

TEST(Mentions, NoPhraseReadsAcrossALabelsColonOrAComma) {
  EXPECT_EQ(concept_of("Skin: dry patches on the elbows.", "Skin"), "missing") << "\"skin dry\" is no phrase across the colon";
  EXPECT_EQ(concept_of("Dry skin on the elbows.", "Dry skin"), "L85.3");
  EXPECT_EQ(concept_of("History of arterial hypertension, kidney transplant.", "hypertension"), "I10")
      << "no phrase reads across a comma: not 'hypertension, kidney' (I12.9)";
}

TEST(Mentions, AbbreviationsThatNameSomethingElseInTheirPhrase) {
  EXPECT_EQ(concept_of("Mild right CVA tenderness.", "CVA"), "R68.89") << "costovertebral angle, not a stroke";
  EXPECT_EQ(concept_of("History of CVA with left hemiparesis.", "CVA"), "I63.9");
  EXPECT_EQ(concept_of("Cap refill brisk.", "Cap"), "R68.89") << "capillary refill, not community-acquired pneumonia";
  EXPECT_EQ(concept_of("Continue glasses and hearing aids.", "aids"), "Z97.4") << "a device, not AIDS";
  EXPECT_EQ(concept_of("Secondhand smoke exposure at home.", "smoke"), "Z77.22");
}

TEST(Mentions, ChartSpellingsTheIndexDoesNotPrint) {
  EXPECT_EQ(concept_of("Acute urinary retention requiring a catheter.", "urinary retention"), "R33.9") << "Retention, urine";
  EXPECT_EQ(concept_of("Treated for Kawasaki disease as a toddler.", "Kawasaki disease"), "M30.3") << "Kawasaki's syndrome";
  EXPECT_EQ(concept_of("Sudden loss of vision in the right eye.", "loss of vision"), "H54.7") << "Loss > vision, visual";
  EXPECT_EQ(concept_of("CT showed an abscess of the liver.", "abscess of the liver"), "K75.0") << "Abscess > liver";
  EXPECT_EQ(concept_of("Examination of the eye was unremarkable.", "Examination of the eye"), "missing") << "a note's exam, not an encounter";
  EXPECT_EQ(concept_of("Known Charcot's syndrome.", "Charcot"), "I73.9") << "the index's own reading stays: Charcot's disease is A52.16";
  EXPECT_EQ(concept_of("Severe preeclampsia at 33 weeks.", "preeclampsia"), "O14.1") << "the index's 'Pre-eclampsia' without its hyphen";
  EXPECT_EQ(concept_of("Graves' disease, on methimazole.", "Graves"), "E05.00") << "see Hyperthyroidism, with, goiter";
  EXPECT_EQ(concept_of("6. GERD/esophageal dysmotility - continue PPI.", "esophageal dysmotility"), "K22.4") << "Dyskinesia > esophagus";
  EXPECT_EQ(concept_of("2. Heavy menstrual bleeding with regular cycles.", "Heavy menstrual bleeding"), "N92.0") << "Menorrhagia";
  EXPECT_EQ(concept_of("B. Skin, mid upper back: benign compound melanocytic nevus.", "melanocytic nevus"), "D22.9")
      << "a benign histology phrase the index does not print names its head noun's tumour (Nevus)";
  EXPECT_EQ(concept_of("Malignant melanoma in junctional nevus of the back.", "junctional nevus"), "8740/3") << "never a malignant one";
  EXPECT_EQ(concept_of("7. Mild volume overload - cautious diuresis.", "volume overload"), "E87.70") << "Overload > fluid";
  EXPECT_EQ(concept_of("Secundum ASD with RV volume overload, Qp:Qs 2.1.", "volume overload"), "missing")
      << "a heart chamber's load, not the body's fluid overload";
}

TEST(Mentions, TransaminaseElevationAndGbsCarriageAsChartsWriteThem) {
  EXPECT_EQ(status("5. Transaminase elevation - trend LFTs.", "Transaminase elevation"), "affirmed");
  EXPECT_EQ(status("Elevated transaminases on admission.", "Elevated transaminases"), "affirmed");
  EXPECT_EQ(status("4. GBS carrier, treated with intrapartum penicillin.", "GBS carrier"), "affirmed");
  EXPECT_EQ(status("Neuroleptic malignant syndrome after haloperidol.", "Neuroleptic malignant syndrome"), "affirmed");
  EXPECT_EQ(status("Elevated blood lead level of 12.", "Elevated blood lead level"), "affirmed");
  EXPECT_EQ(status("1. Elevated venous blood lead level (12 mcg/dL), no symptoms.", "Elevated venous blood lead level"), "affirmed");
  EXPECT_EQ(status("Acute rupture of the right quadriceps tendon after a fall.", "rupture of the right quadriceps tendon"), "affirmed");
  EXPECT_EQ(status("Insulinoma of the pancreatic tail.", "Insulinoma"), "affirmed");
  EXPECT_EQ(status("Latent tuberculosis infection, on rifampin.", "Latent tuberculosis infection"), "affirmed");
  EXPECT_EQ(status("- Bone marrow aspiration and biopsy, posterior iliac crest, percutaneous (HD 3).", "Bone marrow aspiration and biopsy"), "affirmed");
  EXPECT_EQ(status("1. Primary low transverse cesarean delivery via Pfannenstiel incision.", "Primary low transverse cesarean delivery"), "affirmed")
      << "the procedure (10D00Z1); a repeat one's phrase stays the scar's diagnosis (O34.21-)";
  EXPECT_EQ(status("6. Hx of latent TB treated with rifampin 5 yrs ago - completed.", "latent TB"), "historical") << "'hx of' is 'history of'";
  EXPECT_EQ(status("Macroprolactinoma with hyperprolactinemia.", "prolactinoma"), "missing") << "a whole word only";
}

TEST(ContextRules, CriteriaNotMetNegateTheConditionBeforeThem) {
  EXPECT_EQ(status("Sepsis criteria not met per attending assessment.", "Sepsis"), "negated");
  EXPECT_EQ(status("Severe sepsis criteria were not met.", "sepsis"), "negated");
  EXPECT_EQ(status("Sepsis, meeting criteria on arrival.", "Sepsis"), "affirmed");
}

TEST(ContextRules, LookedForAndNotFoundIsNegated) {
  EXPECT_EQ(status("Hiatal hernia was suspected but NOT found at laparoscopy.", "iatal hernia"), "negated");
  EXPECT_EQ(status("Hiatal hernia, not found on the prior study, is now seen.", "iatal hernia"), "affirmed") << "only 'but not found'";
}

TEST(ContextRules, WhatWouldCallForATreatmentIsHypothetical) {
  EXPECT_EQ(status("Stop if urine output falls and reassess for volume overload.", "volume overload"), "hypothetical");
  EXPECT_EQ(status("No indication for dialysis at present; indications reviewed with team (refractory K, acidosis, volume overload, uremia).",
                   "acidosis"),
            "hypothetical");
  EXPECT_EQ(status("INDICATIONS: Severe aortic stenosis with syncope.", "aortic stenosis"), "affirmed") << "an operative note's heading";
}

TEST(ContextRules, TheRisksAConsentNamesAreHypothetical) {
  EXPECT_EQ(status("Consent obtained (bleeding, infection, pneumothorax, re-expansion edema).", "pneumothorax"), "hypothetical");
  EXPECT_EQ(status("Informed consent was signed; risks of bleeding and pneumothorax were discussed.", "pneumothorax"), "hypothetical");
}

TEST(Mentions, HematologyAndPsychiatryAbbreviations) {
  EXPECT_EQ(concept_of("CLL, stable, followed by oncology.", "CLL"), "C91.10");
  EXPECT_EQ(concept_of("PTSD and GAD on sertraline.", "PTSD"), "F43.10");
  EXPECT_EQ(concept_of("Posttraumatic stress disorder.", "Posttraumatic"), "F43.10");
  EXPECT_EQ(concept_of("Platelets fell on heparin: HIT antibody sent.", "HIT"), "D75.829");
  EXPECT_EQ(concept_of("He was hit by a car.", "hit"), "missing") << "an English word in lower case";
  EXPECT_EQ(concept_of("Port-a-cath in place; site clean.", "Port"), "Z95.828");
  EXPECT_EQ(concept_of("INDICATION: Annual lung cancer screening.", "lung cancer screening"), "Z12.2") << "a screening, not the cancer";
  EXPECT_EQ(concept_of("Exposure to secondhand tobacco smoke at home.", "secondhand"), "Z77.22");
  EXPECT_EQ(concept_of("Second-degree burn of right palm.", "burn"), "T30.0") << "the coder walks 'Burn' with the site";
  EXPECT_EQ(concept_of("Posterior capsule opacification, left eye.", "Posterior capsule opacification"), "H26.49")
      << "a specified secondary cataract; the coder adds the side";
}

TEST(Mentions, ALineThatNamesAPersonHoldsNoCondition) {
  const std::string text = "CONSULTATION\nPatient: Cyrus B. Waterhouse-Ito     MRN 17\nSurgeon: J. Parkinson, MD\nCC: weak stream.";
  EXPECT_TRUE(on_a_name_line(text, text.find("Waterhouse")));
  EXPECT_TRUE(on_a_name_line(text, text.find("Parkinson")));
  EXPECT_FALSE(on_a_name_line(text, text.find("weak"))) << "CC: is the chief complaint";
  EXPECT_FALSE(on_a_name_line(text, text.find("CONSULTATION")));
  const NameLines lines(text);
  EXPECT_FALSE(lines.contains(text.find("Patient"))) << "the label itself is no name";
  EXPECT_TRUE(lines.contains(text.find("MRN"))) << "the whole line after the label";
  EXPECT_FALSE(lines.contains(text.find("CC:")));
  // Indented, any case, and on the text's last line without a newline after it.
  const std::string last = "Plan: rest\n   ELECTRONICALLY SIGNED: Dr. Alzheimer";
  EXPECT_TRUE(NameLines(last).contains(last.find("Alzheimer")));
  EXPECT_FALSE(NameLines(last).contains(last.find("rest")));
  EXPECT_FALSE(NameLines("").contains(0));
}

TEST(Mentions, OcrLineBreaksInsideATermStillMatch) {
  EXPECT_EQ(status("acute on chronic heart\nfailure", "heart\nfailure"), "affirmed");
}

TEST(ContextRules, BadFilesAreReported) {
  test::TempDir dir;
  test::write_file(dir / "rules.tsv", "no\tnegation\tsideways\n");
  ContextRules rules;
  try {
    rules.load_tsv((dir / "rules.tsv").string());
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("rules.tsv:1: unknown direction 'sideways'"), std::string::npos) << e.what();
  }
  // A category outside ConText's closed set is an error, not a trigger that sets nothing.
  test::write_file(dir / "categories.tsv", "no\tnegation\tforward\nmaybe\tdoubtful\tforward\n");
  try {
    rules.load_tsv((dir / "categories.tsv").string());
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("categories.tsv:2: unknown category 'doubtful'"), std::string::npos) << e.what();
  }
  TermDictionary terms;
  test::write_file(dir / "custom.tsv", "lonely phrase\n");
  EXPECT_THROW(terms.load_custom_tsv((dir / "custom.tsv").string(), "custom"), std::runtime_error);
}

TEST(Mentions, CustomTermListsAreMatched) {
  test::TempDir dir;
  test::write_file(dir / "cohort.tsv", "# research cohort\nlong covid\tpost_viral\tU09.9\nbrain fog\tsymptom\n");
  TermDictionary terms;
  terms.load_custom_tsv((dir / "cohort.tsv").string(), "cohort");
  const auto tokens = tokenize("Long COVID with brain fog.");
  const auto matches = terms.match(tokens);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].term->code, "U09.9");
  EXPECT_EQ(matches[0].term->category, "post_viral");
  EXPECT_EQ(matches[1].term->code, "symptom");
  EXPECT_EQ(matches[1].term->system, "cohort");
}

}  // namespace
}  // namespace chartflow::mentions
