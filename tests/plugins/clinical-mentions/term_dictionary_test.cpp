// The mention dictionary's matching rules: ICD-O-3 acronyms only in capitals; histology phrasings
// of the shipped dictionary (synthetic sentences).
#include "clinical-mentions/term_dictionary.hpp"
#include "shipped_dictionary.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::mentions {
namespace {

using mentions_test::shipped_dictionary;

// The ICD-O-3 codes of the mentions found in `text`, in order.
std::vector<std::string> histologies(const TermDictionary& dictionary, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& m : dictionary.match(tokenize(text), text)) {
    if (m.term->system == "ICD-O-3") out.push_back(m.term->code);
    for (const auto& other : m.term->also)
      if (other.system == "ICD-O-3") out.push_back(other.code);
  }
  return out;
}

TEST(TermDictionary, AnIcdO3AcronymIsATumourOnlyInCapitals) {
  test::TempDir dir;
  test::write_file(dir / "terms.tsv", "settle\t8588/3\tSETTLE\tneoplasm\t\tICD-O-3\ndcis\t8500/2\tDCIS\tneoplasm\t\tICD-O-3\n"
                                      "adenocarcinoma\t8140/3\tAdenocarcinoma\tneoplasm\t\tICD-O-3\n");
  TermDictionary terms;
  terms.load_tsv((dir / "terms.tsv").string(), false);
  EXPECT_EQ(histologies(terms, "The sediment settles at the bottom of the tube."), std::vector<std::string>{});
  EXPECT_EQ(histologies(terms, "Thyroid: SETTLE."), std::vector<std::string>{"8588/3"});
  EXPECT_EQ(histologies(terms, "Breast: DCIS and adenocarcinoma."), (std::vector<std::string>{"8500/2", "8140/3"}));
  EXPECT_EQ(histologies(terms, "breast: dcis."), std::vector<std::string>{}) << "an acronym in lower case is a word, not the tumour";
  EXPECT_EQ(histologies(terms, "ADENOCARCINOMA and adenocarcinoma."), (std::vector<std::string>{"8140/3", "8140/3"})) << "other terms in any case";
  EXPECT_EQ(terms.match(tokenize("settles")).size(), 1u) << "without the text (callers that have none), as before";
}

TEST(TermDictionary, AnAcronymsLettersAreNeverPartedByAPeriod) {
  EXPECT_EQ(histologies(shipped_dictionary(), "A. ADENOCARCINOMA. B. ALL SURGICAL MARGINS ARE CLEAR."), std::vector<std::string>{"8140/3"})
      << "a list's letter before 'all' is no B lymphoblastic leukaemia";
  EXPECT_EQ(histologies(shipped_dictionary(), "Bone marrow: B-ALL."), std::vector<std::string>{"9826/3"});
  EXPECT_EQ(histologies(shipped_dictionary(), "Bone marrow: B ALL."), std::vector<std::string>{"9826/3"});
  EXPECT_EQ(histologies(shipped_dictionary(), "Received are specimen containers A to C. All are labelled."), std::vector<std::string>{})
      << "'C. All' is no c-ALL: the acronym's word of capitals is written in lower case";
  EXPECT_EQ(histologies(shipped_dictionary(), "Bone marrow: c-ALL."), std::vector<std::string>{"9836/3"}) << "its one-letter word may be lower case";
}

TEST(TermDictionary, ThePossessiveEponymOfLangerhansHistiocytosis) {
  EXPECT_EQ(histologies(shipped_dictionary(), "Bone lesion, curettage: Langerhans' histiocytosis."), std::vector<std::string>{"9751/3"});
  EXPECT_EQ(histologies(shipped_dictionary(), "Langerhans histiocytosis of the skull."), std::vector<std::string>{"9751/3"});
  EXPECT_EQ(histologies(shipped_dictionary(), "Langerhans cell histiocytosis."), std::vector<std::string>{"9751/3"});
}

// ICD-O-3.2 (cases diagnosed from 2021) makes a GIST, NOS malignant: 8936/3, not ICD-O-3.1's /1.
TEST(TermDictionary, AGistIsMalignant) {
  EXPECT_EQ(histologies(shipped_dictionary(), "Gastric biopsy: GIST, CD117 positive."), std::vector<std::string>{"8936/3"});
  EXPECT_EQ(histologies(shipped_dictionary(), "Gastrointestinal stromal tumour of the stomach."), std::vector<std::string>{"8936/3"});
}

// Reports write one word where ICD-O-3 writes two ("Adrenal cortical carcinoma"), and put the
// synonym of a renal cell carcinoma in parentheses inside its name.
TEST(TermDictionary, HistologyAsReportsWriteIt) {
  EXPECT_EQ(histologies(shipped_dictionary(), "Left adrenal, adrenalectomy: Adrenocortical carcinoma, low-grade."), std::vector<std::string>{"8370/3"});
  EXPECT_EQ(histologies(shipped_dictionary(), "HISTOLOGIC TYPE: Clear cell (conventional) renal carcinoma."), std::vector<std::string>{"8310/3"});
  EXPECT_EQ(histologies(shipped_dictionary(), "Diagnosis: diffuse large cell lymphoma, B-cell type."), std::vector<std::string>{"9680/3"});
  EXPECT_EQ(histologies(shipped_dictionary(), "Morphology in favor of large B-cell lymphoma."), std::vector<std::string>{"9680/3"});
}

TEST(TermDictionary, ShippedAcronymsThatAreEnglishWords) {
  EXPECT_EQ(histologies(shipped_dictionary(), "The fluid settles in the dependent portion."), std::vector<std::string>{});
  EXPECT_EQ(histologies(shipped_dictionary(), "A castle-shaped shadow."), std::vector<std::string>{});
}

// The ICD-10-CM codes of the mentions found in `text`, in order.
std::vector<std::string> diagnoses(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& m : shipped_dictionary().match(tokenize(text), text))
    if (m.term->system == "ICD-10-CM") out.push_back(m.term->code);
  return out;
}

TEST(TermDictionary, PeIsAnEmbolismButNotAnEarTubeOrAHeading) {
  EXPECT_EQ(diagnoses("CT angiogram confirms a PE."), std::vector<std::string>{"I26.99"});
  EXPECT_EQ(diagnoses("Bilateral myringotomies and insertion of PE tubes."), std::vector<std::string>{});
  EXPECT_EQ(diagnoses("PE: Vitals stable."), std::vector<std::string>{});
}

TEST(TermDictionary, AVeinsRefluxIsNoGastroesophagealReflux) {
  EXPECT_EQ(diagnoses("Right great saphenous vein reflux 3.2 seconds."), std::vector<std::string>{});
  EXPECT_EQ(diagnoses("Reflux controlled on omeprazole."), std::vector<std::string>{"K21.9"});
}

TEST(TermDictionary, AlsIsTheDiseaseButNotTheAmbulance) {
  EXPECT_EQ(diagnoses("1. ALS, bulbar-onset, progressive."), std::vector<std::string>{"G12.21"});
  EXPECT_EQ(diagnoses("Transferred by ALS ambulance to the sister campus."), std::vector<std::string>{});
  EXPECT_EQ(diagnoses("Pt also has als."), std::vector<std::string>{}) << "an acronym in lower case is no acronym";
}

TEST(TermDictionary, PhrasingsTheIndexDoesNotPrint) {
  // DRESS spelled out, a corneal ulcer (the index's "Ulcer > cornea"), a breast's fibrocystic changes
  // (the index's cystic mastopathy), a toxic liver injury (not a trauma).
  EXPECT_EQ(diagnoses("DRESS (drug reaction with eosinophilia and systemic symptoms) due to allopurinol."), std::vector<std::string>{"D72.12"});
  EXPECT_EQ(diagnoses("Central corneal ulcer, left eye."), std::vector<std::string>{"H16.00"});
  // The retina's adjective, as "hepatic" is the liver's: "retinal detachment" is "Detachment > retina".
  EXPECT_EQ(diagnoses("Macula-on rhegmatogenous retinal detachment, right eye."), std::vector<std::string>{"H33.2"});
  // (The cysts are a mention of their own, "Cyst (site from the sentence)": the coder finds no
  // organ in "apocrine" and codes nothing for them.)
  EXPECT_EQ(diagnoses("FIBROCYSTIC CHANGES (apocrine cysts, stromal fibrosis)."), (std::vector<std::string>{"N60.19", "T14.8XXA"}));
  EXPECT_EQ(diagnoses("Toxic liver injury from amoxicillin-clavulanate."), std::vector<std::string>{"K71.9"});
  // Heart failure by its ejection fraction: preserved is diastolic, reduced systolic (Coding Clinic 1Q 2016).
  EXPECT_EQ(diagnoses("Chronic HFpEF (EF 60%), compensated."), std::vector<std::string>{"I50.30"});
  EXPECT_EQ(diagnoses("HFrEF, EF 25%, on GDMT."), std::vector<std::string>{"I50.20"});
  EXPECT_EQ(diagnoses("Chronic periprosthetic joint infection, right total hip arthroplasty."), std::vector<std::string>{"T84.50XA"});
  // Hearing loss ("Loss, hearing - see Deafness" has no code of its own in the index).
  EXPECT_EQ(diagnoses("1. Sudden sensorineural hearing loss, right ear, idiopathic."), std::vector<std::string>{"H91.20"});
  EXPECT_EQ(diagnoses("Bilateral conductive hearing loss."), std::vector<std::string>{"H90.2"});
  EXPECT_EQ(diagnoses("1. Torsion of appendix testis, left."), std::vector<std::string>{"N44.03"});
  // A hospital's name is no eponym: "Alder Creek Hospital" is no Alder anomaly (D72.0).
  EXPECT_EQ(diagnoses("Nephrology Consultation, Alder Creek Hospital."), std::vector<std::string>{});
}

TEST(TermDictionary, AClotIsNoArterialEmbolism) {
  EXPECT_EQ(diagnoses("One varix with a red wale sign and an adherent clot."), std::vector<std::string>{"I83.90"}) << "the varix, no embolism";
  EXPECT_EQ(diagnoses("No personal history of blood clots."), std::vector<std::string>{"I82.90"}) << "the patient's word for a thrombosis";
  EXPECT_EQ(diagnoses("Uterus exteriorized, cleared of clots and debris."), std::vector<std::string>{});
  EXPECT_EQ(diagnoses("Cystoscopy: a large clot of the bladder."), std::vector<std::string>{"N32.89"});
}

TEST(TermDictionary, ASubstanceInducedPsychosisIsNoSharedPsychoticDisorder) {
  const auto shared = [](const std::vector<std::string>& codes) { return std::find(codes.begin(), codes.end(), "F24") != codes.end(); };
  EXPECT_FALSE(shared(diagnoses("Methamphetamine use disorder with methamphetamine-induced psychotic disorder with delusions.")));
  EXPECT_FALSE(shared(diagnoses("Steroid-induced psychosis, resolving.")));
  EXPECT_TRUE(shared(diagnoses("Induced psychotic disorder (folie a deux) with her sister.")));
}

TEST(TermDictionary, DepressionOnAnEcgIsNoMoodDisorder) {
  const auto mood = [](const std::vector<std::string>& codes) {
    return std::any_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("F3"); });
  };
  EXPECT_FALSE(mood(diagnoses("ST elevation in II, III, aVF with reciprocal depression in I and aVL.")));
  EXPECT_FALSE(mood(diagnoses("Lateral ST depression on the ECG.")));
  EXPECT_FALSE(mood(diagnoses("Repeat dilated exam with scleral depression in 4-6 weeks.")));
  EXPECT_TRUE(mood(diagnoses("History of depression, on sertraline.")));
}

TEST(TermDictionary, OncologyAcronymsNameTheirCancer) {
  EXPECT_EQ(diagnoses("Stage IV NSCLC, on pembrolizumab."), std::vector<std::string>{"C34.90"});
  EXPECT_EQ(diagnoses("Fourth-line treatment for CTCL."), std::vector<std::string>{"C84.A0"});
  EXPECT_EQ(diagnoses("HCC in segment VI."), std::vector<std::string>{"C22.0"});
  EXPECT_EQ(diagnoses("25-hydroxyvitamin D (25-HCC) was normal."), std::vector<std::string>{}) << "a chemical glued to its number";
}

TEST(TermDictionary, DiabetesAfterATransplantIsOtherSpecified) {
  EXPECT_EQ(diagnoses("Post-transplant diabetes mellitus on insulin glargine."), std::vector<std::string>{"E13.9"});
  EXPECT_EQ(diagnoses("NODAT, on tacrolimus."), std::vector<std::string>{"E13.9"});
}

// A honeybee is a bee: the index's "Bee sting" (T63.44-), as charts spell it.
TEST(TermDictionary, AHoneybeeStingIsABeeSting) {
  EXPECT_EQ(diagnoses("Anaphylaxis due to honeybee sting."), (std::vector<std::string>{"T78.2", "T63.44"}));
  EXPECT_EQ(diagnoses("Honey bee stings to the arm."), std::vector<std::string>{"T63.44"});
}

TEST(TermDictionary, WordsQuotedToLikenAFeelingAreNoCondition) {
  EXPECT_EQ(diagnoses("Left scrotal heaviness and a \"bag of worms\" sensation, worse after standing."), std::vector<std::string>{});
  EXPECT_EQ(diagnoses("Pinworms seen on tape test."), std::vector<std::string>{"B80"});
}

TEST(TermDictionary, CapitalsHyphenedToMoreCapitalsBeginAName) {
  // The Movement Disorder Society's rating scale, not myelodysplastic syndrome.
  EXPECT_EQ(diagnoses("MDS-UPDRS part III: 19 (ON state)."), std::vector<std::string>{});
  EXPECT_EQ(diagnoses("Transfusion-dependent MDS, on azacitidine."), std::vector<std::string>{"D46.9"});
  EXPECT_EQ(diagnoses("HIV-AIDS on treatment."), (std::vector<std::string>{"B20", "B20"})) << "both halves conditions";
}

TEST(TermDictionary, AccentsFoldInTheShippedTerms) {
  // The vocabulary spells "Guillain-Barré"; a chart typed in ASCII writes "Barre".
  EXPECT_EQ(diagnoses("Guillain-Barre syndrome."), std::vector<std::string>{"G61.0"});
  EXPECT_EQ(diagnoses("Guillain-Barré syndrome."), std::vector<std::string>{"G61.0"});
  EXPECT_EQ(diagnoses("Cafe owner."), std::vector<std::string>{}) << "no cafe-au-lait spots";
}

TEST(TermDictionary, IndexPhrasesWithADanglingFunctionWordAreGone) {
  EXPECT_EQ(diagnoses("Pupils constrict on exposure to light."), std::vector<std::string>{});
  EXPECT_EQ(diagnoses("Date of examination: 3/4."), std::vector<std::string>{});
  EXPECT_EQ(diagnoses("Gout in the left great toe."), std::vector<std::string>{"M10.9"}) << "gout, not gout due to renal impairment (M10.30)";
  EXPECT_EQ(diagnoses("Good light reflex. Oxygen consumption measured. Bleeders were cauterized. Cortrosyn stimulation test."),
            std::vector<std::string>{});
  EXPECT_EQ(diagnoses("EKG shows LVH."), std::vector<std::string>{"I51.7"});
  EXPECT_EQ(diagnoses("Mitral valve prolapse."), std::vector<std::string>{"I34.1"});
  EXPECT_EQ(diagnoses("He lives with daily nursing aids and wears a knee cap."), std::vector<std::string>{}) << "English words in lower case";
  EXPECT_EQ(diagnoses("History of AIDS and CAP."), (std::vector<std::string>{"B20", "J18.9"})) << "the abbreviations in capitals";
  EXPECT_EQ(diagnoses("Clostridium difficile enteritis, improved. Cervical dysplasia. Oral thrush."),
            (std::vector<std::string>{"A04.72", "N87.9", "B37.0"}));
  EXPECT_EQ(diagnoses("Brought to the Shock Room. Some low density in the liver. Menses have been regular."),
            (std::vector<std::string>{"Z04.9", "R93.89"})) << "a place, a measurement and a normal cycle: no shock, dense breasts or menstrual disorder";
  EXPECT_EQ(diagnoses("We will give a tetanus diphtheria booster."), std::vector<std::string>{"Z23"}) << "the vaccine, not tetanus (A35)";
  EXPECT_EQ(diagnoses("The splinter continues to break off; she is able to bend her thumb."), std::vector<std::string>{});
  EXPECT_EQ(diagnoses("Normal Glasgow Coma Scale."), std::vector<std::string>{"R40.24"}) << "the score read whole, not a coma (R40.20)";
  EXPECT_EQ(diagnoses("The infrapatellar fat pad was incised at the greater tuberosity; femorotibial articulation preserved; the catheter "
                      "crossed the aortic arch. Good granulation tissue. Mild slowing of conduction velocity."),
            std::vector<std::string>{});
  EXPECT_EQ(diagnoses("BI-RADS 2: Benign."), std::vector<std::string>{}) << "a report's assessment category, no fatty breast density (R92.31)";
}

}  // namespace
}  // namespace chartflow::mentions
