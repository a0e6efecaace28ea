// The document-type classifier (plugins/common/document_type.*): title first, then sections,
// and the setting its codes follow.
#include "common/document_type.hpp"

#include <gtest/gtest.h>

namespace chartflow::charts {
namespace {

DocumentTypeGuess classify(std::string_view text, std::vector<SectionSeen> sections = {}) { return classify_document(text, sections); }

TEST(DocumentType, TheTitleOnTheFirstLinesDecides) {
  const auto d = classify("\n\nDISCHARGE SUMMARY\nPatient: Test\nHOSPITAL COURSE: ...");
  EXPECT_EQ(d.type, DocumentType::discharge_summary);
  EXPECT_EQ(d.setting, Setting::inpatient);
  EXPECT_STREQ(loinc_code(d.type), "18842-5");
  EXPECT_EQ(d.begin, 2u) << "the span is the title's";
  EXPECT_EQ(classify("EMERGENCY DEPARTMENT NOTE\nChief complaint: ...").type, DocumentType::emergency);
  EXPECT_EQ(classify("OPERATIVE REPORT\nPreoperative diagnosis: ...").type, DocumentType::operative);
}

TEST(DocumentType, TheEarliestTitleWinsAndTheLongerPhraseAtOnePlace) {
  EXPECT_EQ(classify("SURGICAL PATHOLOGY REPORT\nConsultation requested by Dr. X").type, DocumentType::pathology);
  EXPECT_EQ(classify("PATHOLOGY CONSULTATION\n...").type, DocumentType::pathology);
  EXPECT_EQ(classify("CONSULTATION\nReason for consultation: pathology review").type, DocumentType::consult);
}

TEST(DocumentType, SectionsDecideWhenThereIsNoTitle) {
  const auto d = classify("Patient seen.\n", {{"hospital_course", 10}, {"discharge_diagnosis", 50}});
  EXPECT_EQ(d.type, DocumentType::discharge_summary);
  EXPECT_EQ(d.end, d.begin) << "no title span";
  EXPECT_EQ(classify("x", {{"gross_description", 1}}).type, DocumentType::pathology);
  EXPECT_EQ(classify("Nothing telling here.").type, DocumentType::other);
  EXPECT_EQ(classify("Nothing telling here.").setting, Setting::outpatient);
}

TEST(DocumentType, AHeadingOrAListItemIsNoTitle) {
  const std::string heading = "ADMISSION DIAGNOSIS: Upper respiratory illness.\nDISCHARGE DIAGNOSIS: Same.\nBRIEF HISTORY AND PHYSICAL: A one-month-old.";
  EXPECT_EQ(classify(heading, {{"admission_diagnosis", 0}, {"discharge_diagnosis", 48}}).type, DocumentType::discharge_summary)
      << "'BRIEF HISTORY AND PHYSICAL:' is a heading";
  const std::string item = "DISCHARGE DIAGNOSES:\n1.  CNS lymphoma.\nPROCEDURES:\n4.  Wound consult.\nHISTORY OF PRESENT ILLNESS: ...";
  EXPECT_EQ(classify(item, {{"discharge_diagnosis", 0}, {"history_of_present_illness", 70}}).type, DocumentType::discharge_summary)
      << "'4. Wound consult.' is an item of a list";
  EXPECT_EQ(classify("DATE OF ADMISSION: 01/02/2026\nDATE OF DISCHARGE: 01/05/2026\nADMITTING DIAGNOSES: 1. Anemia.", {{"admission_diagnosis", 60}}).type,
            DocumentType::discharge_summary)
      << "the stay's two dates";
}

TEST(DocumentType, TheTopOfTheNoteOverridesATypesUsualSetting) {
  EXPECT_EQ(classify("CONSULT NOTE - Cardiology Clinic\n...").setting, Setting::outpatient);
  EXPECT_EQ(classify("CONSULT NOTE\nInpatient consult requested").setting, Setting::inpatient);
  EXPECT_EQ(classify("OPERATIVE NOTE - Same-day surgery center\n").setting, Setting::outpatient);
  EXPECT_EQ(classify("ADMISSION HISTORY AND PHYSICAL\nAdmit: 03/09\nChief Complaint: confusion; Na 118 on outpatient labs.").setting,
            Setting::inpatient)
      << "an admission named at the top outweighs 'outpatient labs'";
}

TEST(DocumentType, EveryTypeHasANameALoincCodeAndParsesBack) {
  for (int i = 0; i <= static_cast<int>(DocumentType::other); ++i) {
    const auto type = static_cast<DocumentType>(i);
    EXPECT_EQ(parse_type(type_name(type)), type);
    EXPECT_NE(std::string(loinc_code(type)).find('-'), std::string::npos);
  }
  EXPECT_FALSE(parse_type("letter"));
}

TEST(DocumentType, EmptyAndBinaryTextAreOther) {
  EXPECT_EQ(classify("").type, DocumentType::other);
  EXPECT_EQ(classify(std::string(5000, '\n')).type, DocumentType::other);
  EXPECT_EQ(classify(std::string("\xff\xfe\x00\x01", 4)).type, DocumentType::other);
}

}  // namespace
}  // namespace chartflow::charts
