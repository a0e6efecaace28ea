// Labels and the fields they head (plugins/patient-identity/labels.*, labelled_fields.*): which
// labels count, where a field starts (a line's start or after a gap) and where its value ends.
#include "patient-identity/labelled_fields.hpp"
#include "patient-identity/labels.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chartflow::identity {
namespace {

struct Field {
  IdentityKind kind;
  std::string label, value;
};

std::vector<Field> fields(std::string_view text) {
  std::vector<Field> out;
  for_each_labelled_field(text, [&](const LabelledField& f) {
    out.push_back({f.kind, std::string(text.substr(f.label_begin, f.label_end - f.label_begin)),
                   std::string(text.substr(f.value_begin, f.value_end - f.value_begin))});
  });
  return out;
}

std::optional<IdentityKind> label_kind(std::string_view text) {
  const auto m = match_label(text, 0, text.size());
  return m ? std::optional(m->kind) : std::nullopt;
}

TEST(Labels, EveryLabelOfTheBriefIsKnownWhateverItsCaseAndSpacing) {
  using K = IdentityKind;
  const std::vector<std::pair<std::string, K>> labelled = {
      {"MRN: 1", K::mrn},
      {"mrn :1", K::mrn},
      {"M.R.N.: 1", K::mrn},
      {"MR#: 1", K::mrn},
      {"MR # 1", K::mrn},
      {"Medical Record Number: 1", K::mrn},
      {"MEDICAL  RECORD  NO.: 1", K::mrn},
      {"Medical Record # 1", K::mrn},
      {"Med. Rec. No.: 1", K::mrn},
      {"Acct #: 1", K::account_number},
      {"Account Number: 1", K::account_number},
      {"Visit/Encounter No.: 1", K::encounter_number},
      {"Encounter #: 1", K::encounter_number},
      {"Visit Number: 1", K::encounter_number},
      {"Patient ID: 1", K::other_identifier},
      {"Accession number: 1", K::other_identifier},
      {"Member ID: 1", K::other_identifier},
      {"Name: x", K::patient_name},
      {"Patient Name: x", K::patient_name},
      {"PATIENT: x", K::patient_name},
      {"DOB: x", K::birth_date},
      {"D.O.B.: x", K::birth_date},
      {"Date of Birth: x", K::birth_date},
      {"date of  birth: x", K::birth_date},
      {"Sex: x", K::sex},
      {"Gender: x", K::sex},
      {"Admission Date: x", K::admission_date},
      {"Date of Admission: x", K::admission_date},
      {"Discharge Date: x", K::discharge_date},
      {"Date of Discharge: x", K::discharge_date},
      {"Attending: x", K::attending},
      {"Attending Physician: x", K::attending},
  };
  for (const auto& [text, kind] : labelled) EXPECT_EQ(label_kind(text), kind) << text;
}

TEST(Labels, ALabelNeedsItsSeparator) {
  // The real failure: "medical record number AND name were verified" gave the MRN "AND".
  for (const char* text : {"Medical record number AND name were verified", "medical record number and name", "MRN 12345", "DOB 01/02/1955",
                           "Patient is a 71-year-old woman", "Sex F", "Name of the facility: x", "Attending to the wound: x",
                           "Medical recordnumber: 1", "Patients: 4", "MRI: normal", "MR: moderate", "Visit: follow-up", "Chart review: x"})
    EXPECT_FALSE(label_kind(text)) << text;
}

TEST(Labels, TheLabelAsWrittenKeepsItsHashAndNumberWord) {
  const auto f = fields("Medical Record #: 123\nAcct # A1234\nVisit/Encounter No.: V1\nMRN#123");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].label, "Medical Record #");
  EXPECT_EQ(f[0].value, "123");
  EXPECT_EQ(f[1].label, "Acct #");
  EXPECT_EQ(f[1].value, "A1234");
  EXPECT_EQ(f[2].label, "Visit/Encounter No.");
  EXPECT_EQ(f[3].label, "MRN#");
  EXPECT_EQ(f[3].value, "123");
}

TEST(LabelledFields, TwoFieldsOnOneLineApartByAGap) {
  const auto f = fields("PATIENT: Synthetic Patient 0001          MRN: 00-000-0001\nMRN: 12345\tAcct: A99999\n");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].value, "Synthetic Patient 0001");
  EXPECT_EQ(f[1].kind, IdentityKind::mrn);
  EXPECT_EQ(f[1].value, "00-000-0001");
  EXPECT_EQ(f[2].value, "12345") << "a tab is a gap";
  EXPECT_EQ(f[3].value, "A99999");
}

TEST(LabelledFields, LabelsCountAtALinesStartOrAfterAGapOnly) {
  EXPECT_TRUE(fields("Seen today, MRN: 12345 confirmed").empty());
  EXPECT_TRUE(fields("Ref MRN: 12345").empty());
  EXPECT_EQ(fields("    MRN: 12345").size(), 1u) << "an indented label starts its line";
  EXPECT_EQ(fields("Some header text   MRN: 12345").size(), 1u);
  EXPECT_EQ(fields("\fMRN: 12345").size(), 1u) << "a page break ends a line";
}

TEST(LabelledFields, AValueRunsToTheLineEndOrTheNextGap) {
  auto f = fields("Name: Jane Public    Room: 12\nName: Ann  Lee\nDOB: 01/02/1955 Sex: F\nName: Jane Public    DOB: 01/02/1955   Sex: F");
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f[0].value, "Jane Public") << "an unknown label ends the value too";
  EXPECT_EQ(f[1].value, "Ann") << "a gap ends the value: what follows is another, unlabelled field";
  EXPECT_EQ(f[2].value, "01/02/1955 Sex: F") << "a label after one space is part of the value";
  EXPECT_EQ(f[3].value, "Jane Public");
  EXPECT_EQ(f[4].value, "01/02/1955");
  EXPECT_EQ(f[5].value, "F");
  f = fields("Name: ANN LEE      Age 26\nMRN: 123456   77 F\nPatient: Jo Public (SYNTHETIC)");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].value, "ANN LEE");
  EXPECT_EQ(f[1].value, "123456");
  EXPECT_EQ(f[2].value, "Jo Public (SYNTHETIC)") << "within a field, the value runs to the line end";
}

TEST(LabelledFields, AValueMayStartAfterAGapAndMayBeEmpty) {
  auto f = fields("MRN:        12345\nDOB:\nMRN:     Name: Ann Lee\nPatient Name:\nJohn Smith");
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[0].value, "12345");
  EXPECT_EQ(f[1].value, "");
  EXPECT_EQ(f[2].value, "");
  EXPECT_EQ(f[3].value, "Ann Lee");
  EXPECT_EQ(f[4].value, "") << "a value on the next line is not the label's";
}

TEST(LabelledFields, LongAndEmptyLinesAreFine) {
  EXPECT_TRUE(fields("").empty());
  EXPECT_TRUE(fields(std::string(1 << 20, ' ')).empty());
  EXPECT_TRUE(fields(std::string(1 << 20, ':')).empty());
  const auto f = fields("MRN:" + std::string(1 << 20, ' ') + "123");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].value, "123");
  EXPECT_EQ(fields("Medical" + std::string(1 << 20, ' ') + "Record #: 1").size(), 0u) << "a label's words stay close";
}

}  // namespace
}  // namespace chartflow::identity
