#include "clinical-sections/section_finder.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::sections {
namespace {

const SectionFinder& finder() {
  static const SectionFinder f = [] {
    SectionFinder s;
    s.add_dictionary(nlohmann::json::parse(test::read_file(test::kSourceDir / "plugins/clinical-sections/sections.json")), "sections.json");
    return s;
  }();
  return f;
}

// "category:header words" for each section found.
std::vector<std::string> found(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& s : finder().find(text)) out.push_back(s.category + ":" + std::string(text.substr(s.header_begin, s.header_end - s.header_begin)));
  return out;
}

using V = std::vector<std::string>;

TEST(SectionFinder, UpperAndMixedCaseWithColon) {
  EXPECT_EQ(found("CHIEF COMPLAINT: chest pain\nHistory of Present Illness: 54 yo man\n"),
            (V{"chief_complaint:CHIEF COMPLAINT", "history_of_present_illness:History of Present Illness"}));
}

// "ASSESSMENT (consult):": a known header with a remark in parentheses is that header.
TEST(SectionFinder, AHeaderWithARemarkInParentheses) {
  EXPECT_EQ(found("ASSESSMENT (consult): Autoimmune hepatitis.\nFinal impression: Autoimmune hepatitis type 1.\n"),
            (V{"assessment:ASSESSMENT (consult)", "assessment:Final impression"}));
  EXPECT_EQ(found("Wound (right buttock): 6 x 4 cm.\n"), V{}) << "an unknown word before the remark is no header";
}

TEST(SectionFinder, ProcedureNotesNameTheirDiagnosesAndIndicationsTheirOwnWay) {
  EXPECT_EQ(found("PREPROCEDURE DIAGNOSIS: change in bowel habit\nPOSTPROCEDURE DIAGNOSIS: proctosigmoiditis\nREASON FOR CATHETERIZATION: STEMI\n"),
            (V{"preoperative_diagnosis:PREPROCEDURE DIAGNOSIS", "postoperative_diagnosis:POSTPROCEDURE DIAGNOSIS", "indications:REASON FOR CATHETERIZATION"}));
  EXPECT_EQ(found("Preop Dx: Primary osteoarthritis, right hip.\nPostop Dx: Same.\nDischarge Dx: OA.\n"),
            (V{"preoperative_diagnosis:Preop Dx", "postoperative_diagnosis:Postop Dx", "discharge_diagnosis:Discharge Dx"}));
  EXPECT_EQ(found("MDM / ASSESSMENT:\n1. Closed fracture of the fifth metacarpal.\n"), (V{"assessment:MDM / ASSESSMENT"}));
  EXPECT_EQ(found("Post-procedure impression:\n1. Schatzki ring.\n"), (V{"postoperative_diagnosis:Post-procedure impression"}));
}

TEST(SectionFinder, EdAndObstetricNotesNameTheirSectionsTheirOwnWay) {
  EXPECT_EQ(found("ED DIAGNOSES:\n1. Ruptured left tubal ectopic pregnancy\nPAST OB HISTORY: SVD 3 years ago\nLABOR AND DELIVERY COURSE: SVD\n"),
            (V{"diagnosis:ED DIAGNOSES", "past_medical_history:PAST OB HISTORY", "hospital_course:LABOR AND DELIVERY COURSE"}));
}

TEST(SectionFinder, APatientsNotificationIsEducation) {
  EXPECT_EQ(found("IMPRESSION: Heterogeneously dense breasts.\nDense breast notification: Dense tissue raises the risk of breast cancer.\n"),
            (V{"assessment:IMPRESSION", "patient_education:Dense breast notification"}));
}

TEST(SectionFinder, AnUnknownHeadingEndsAHistoryOrList) {
  EXPECT_EQ(found("FH: Mother - type 2 DM.\n\nLABOR AND DELIVERY: Spontaneous labor.\nEXAM ON ADMISSION: T 39.7.\nADMISSION PLAN: induction.\n"),
            (V{"family_history:FH", "hospital_course:LABOR AND DELIVERY", "physical_exam:EXAM ON ADMISSION", "plan:ADMISSION PLAN"}));
  EXPECT_EQ(found("FH: Mother - type 2 DM.\nFETAL TRACING: category I.\n"), (V{"family_history:FH", "other:FETAL TRACING"}))
      << "an unknown heading with text after it ends a family history, not to read the stay as a relative's";
  EXPECT_EQ(found("ASSESSMENT:\nHTN CONTROL: continue lisinopril.\n"), (V{"assessment:ASSESSMENT"}))
      << "an assessment's problem headings stay in it";
}

TEST(SectionFinder, TwoHeadersOfOneKindJoined) {
  EXPECT_EQ(found("IMPRESSION / DIAGNOSIS: Mitral valve prolapse.\n"), (V{"assessment:IMPRESSION / DIAGNOSIS"}));
  EXPECT_EQ(found("ASSESSMENT AND EVALUATION:\n1. Septicemia with septic shock.\n"), (V{"assessment:ASSESSMENT AND EVALUATION"}));
  EXPECT_EQ(found("FAMILY HISTORY AND SOCIAL HISTORY: Diabetes in her father. She smokes.\n"), V{})
      << "two kinds: the family's conditions must not make the patient's smoking a relative's";
}

// "SOCIAL:" heads a social history as "Social History:" does: the smoking it states is no
// allergy's of the line before.
TEST(SectionFinder, SocialAloneIsASocialHistory) {
  EXPECT_EQ(found("ALLERGIES: NKDA.\nSOCIAL: Widower, former smoker quit 20 years ago.\n"),
            (V{"allergies:ALLERGIES", "social_history:SOCIAL"}));
}

// A case report's "Personal history" is the patient's past illnesses (the antecedentes personales
// of a Spanish report), as ICD-10-CM's "personal history of" is: no social history.
TEST(SectionFinder, PersonalHistoryIsThePastMedicalHistory) {
  EXPECT_EQ(found("Personal history: prostatic adenocarcinoma, peptic ulcer.\nSocial history: lives alone.\n"),
            (V{"past_medical_history:Personal history", "social_history:Social history"}));
}

TEST(SectionFinder, HeaderAloneOnItsLineWithoutColon) {
  EXPECT_EQ(found("PAST MEDICAL HISTORY\nHypertension.\n\nMedications\nLisinopril 10 mg daily.\n"),
            (V{"past_medical_history:PAST MEDICAL HISTORY", "medications:Medications"}));
}

TEST(SectionFinder, NumberedHeaders) {
  EXPECT_EQ(found("1. CHIEF COMPLAINT: cough\n2) HPI: three days\nIV. Assessment and Plan:\nPneumonia.\n"),
            (V{"chief_complaint:CHIEF COMPLAINT", "history_of_present_illness:HPI", "assessment_and_plan:Assessment and Plan"}));
}

TEST(SectionFinder, ShortAbbreviationsNeedAColon) {
  EXPECT_EQ(found("S: feels better\nO: afebrile\nA: resolving pneumonia\nP: stop antibiotics\n"),
            (V{"history_of_present_illness:S", "physical_exam:O", "assessment:A", "plan:P"}));
  EXPECT_TRUE(found("A\nP\n").empty()) << "a lone letter is not a header";
}

TEST(SectionFinder, SentencesThatStartLikeHeadersAreNotHeaders) {
  EXPECT_TRUE(found("Plan to discharge tomorrow if afebrile.\nAssessment of the wound shows healing.\n").empty());
  EXPECT_TRUE(found("exam was limited by pain\n").empty()) << "lower-case line is prose";
}

TEST(SectionFinder, BulletedItemsAreNotSections) {
  EXPECT_EQ(found("PHYSICAL EXAM\n\xE2\x80\xA2 Examination: no edema.\n- General Examination: supple neck.\n"),
            (V{"physical_exam:PHYSICAL EXAM"}));
}

TEST(SectionFinder, DashSeparatedHeader) {
  EXPECT_EQ(found("HPI - 3 days of fever\n"), (V{"history_of_present_illness:HPI"}));
}

TEST(SectionFinder, SectionsRunToTheNextHeader) {
  const std::string text = "HPI: fever.\nMore fever.\n\nPLAN: rest.\n";
  const auto s = finder().find(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(text.substr(s[0].begin, s[0].end - s[0].begin), "HPI: fever.\nMore fever.");
  EXPECT_EQ(text.substr(s[1].begin, s[1].end - s[1].begin), "PLAN: rest.");
  EXPECT_EQ(s[0].loinc, "10164-2");
}

TEST(SectionFinder, UnknownCapitalisedHeadersCloseTheSectionBefore) {
  EXPECT_EQ(found("HPI: fever.\nTOXICOLOGY SCREEN:\nnegative\n"), (V{"history_of_present_illness:HPI", "other:TOXICOLOGY SCREEN"}));
  EXPECT_EQ(found("HPI: fever.\nLEFT BREAST, CORE BIOPSY:\n"), (V{"history_of_present_illness:HPI"})) << "a specimen line is not a header";
}

TEST(SectionFinder, PathologyFinalDiagnosis) {
  EXPECT_EQ(found("GROSS DESCRIPTION: two cores.\nFINAL DIAGNOSIS:\nCarcinoma.\n"),
            (V{"gross_description:GROSS DESCRIPTION", "pathology_final_diagnosis:FINAL DIAGNOSIS"}));
  EXPECT_EQ(found("FINAL DIAGNOSIS:\nPneumonia.\n"), (V{"discharge_diagnosis:FINAL DIAGNOSIS"}));
}

TEST(SectionFinder, OcrMisreadHeadersAreRecognised) {
  EXPECT_EQ(found("ANUSTHESIA: general\nESTIMATED BI.OOD LOSS: minimal\nPREOPERATIVE, DIAGNOSIS: appendicitis\n"),
            (V{"anesthesia:ANUSTHESIA", "estimated_blood_loss:ESTIMATED BI.OOD LOSS", "preoperative_diagnosis:PREOPERATIVE, DIAGNOSIS"}));
}

TEST(SectionFinder, UserDictionariesExtendTheBuiltIn) {
  SectionFinder f = finder();
  f.add_dictionary(nlohmann::json::parse(R"({"categories": {"tumor_board": {"headers": ["tumor board discussion"]}}})"), "extra");
  const auto s = f.find("TUMOR BOARD DISCUSSION: surgery first\n");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].category, "tumor_board");
  EXPECT_THROW(f.add_dictionary(nlohmann::json::parse(R"({"categories": {"x": {}}})"), "bad"), std::invalid_argument);
}

}  // namespace
}  // namespace chartflow::sections
