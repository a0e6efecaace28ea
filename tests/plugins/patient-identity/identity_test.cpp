// The identity a chart states (plugins/patient-identity/identity.*, identity_items.*): one item
// per distinct labelled value, conflicts between values of single-valued kinds, what is refused,
// what is written in each value policy, and that no value reaches a diagnostic.
#include "patient-identity/identity.hpp"
#include "patient-identity/identity_items.hpp"
#include "patient-identity/sha256.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace chartflow::identity {
namespace {

using json = nlohmann::json;

const std::string kHeader =
    "DISCHARGE SUMMARY\n\n"
    "PATIENT: Synthetic Patient 0001          MRN: 00-000-0001\n"
    "ADMISSION DATE: 03/02/2026               DISCHARGE DATE: 03/06/2026\n"
    "ATTENDING: Dr. A. Example, MD\n";

IdentityFindings find(std::string_view text) { return find_identity(text, test::kTodayIso); }

std::vector<const IdentityItem*> of_kind(const IdentityFindings& f, IdentityKind kind) {
  std::vector<const IdentityItem*> out;
  for (const auto& item : f.items)
    if (item.kind == kind) out.push_back(&item);
  return out;
}

std::string written(std::string_view text, const IdentityItem& item) { return std::string(text.substr(item.begin, item.end - item.begin)); }

json items_json(const IdentityFindings& f, ValuePolicy policy) {
  binary::Writer writer;
  write_items(f, policy, writer);
  return binary::to_json(binary::Items(writer.bytes(), writer.count()));
}

std::string all_messages(const IdentityFindings& f) {
  std::string out;
  for (const auto& n : notices_for(f)) out += n.code + ": " + n.message + "\n";
  return out;
}

TEST(Identity, TheChartHeaderGivesOneItemPerLabelledValue) {
  const auto f = find(kHeader);
  ASSERT_EQ(f.items.size(), 5u);
  const std::vector<std::tuple<IdentityKind, std::string, std::string, std::string>> expected = {
      {IdentityKind::patient_name, "PATIENT", "Synthetic Patient 0001", "Synthetic Patient 0001"},
      {IdentityKind::mrn, "MRN", "00-000-0001", "00-000-0001"},
      {IdentityKind::admission_date, "ADMISSION DATE", "2026-03-02", "03/02/2026"},
      {IdentityKind::discharge_date, "DISCHARGE DATE", "2026-03-06", "03/06/2026"},
      {IdentityKind::attending, "ATTENDING", "Dr. A. Example, MD", "Dr. A. Example, MD"},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& [kind, label, value, as_written] = expected[i];
    EXPECT_EQ(f.items[i].kind, kind) << i;
    EXPECT_EQ(f.items[i].label, label);
    EXPECT_EQ(f.items[i].value, value);
    EXPECT_EQ(written(kHeader, f.items[i]), as_written) << "the span is the value as written";
    EXPECT_FALSE(f.items[i].conflict);
  }
  EXPECT_EQ(f.items[1].type, IdentifierType::medical_record);
  EXPECT_TRUE(f.rejected.empty());
  EXPECT_TRUE(notices_for(f).empty());
}

TEST(Identity, EveryKindOfTheBrief) {
  const std::string text =
      "Medical Record Number: 12345678\n"
      "Acct #: A123456\n"
      "Visit/Encounter No.: V0012345\n"
      "Accession #: S26-01234\n"
      "Patient Name: Public, Jane\n"
      "Date of Birth: 01/02/1955\n"
      "Gender: Female\n"
      "Date of Admission: 3/2/26\n"
      "Date of Discharge: Mar. 6, 2026\n"
      "Attending Physician: Dr. A. Example, MD\n";
  const json items = items_json(find(text), ValuePolicy::keep);
  ASSERT_EQ(items.size(), 10u) << items.dump(1);
  const std::vector<std::tuple<std::string, std::string, std::string, std::string>> expected = {
      {"mrn", "12345678", "Medical Record Number", "MR"},
      {"account_number", "A123456", "Acct #", "AN"},
      {"encounter_number", "V0012345", "Visit/Encounter No.", "VN"},
      {"other_identifier", "S26-01234", "Accession #", "ACSN"},
      {"patient_name", "Public, Jane", "Patient Name", ""},
      {"birth_date", "1955-01-02", "Date of Birth", ""},
      {"sex", "female", "Gender", ""},
      {"admission_date", "2026-03-02", "Date of Admission", ""},
      {"discharge_date", "2026-03-06", "Date of Discharge", ""},
      {"attending", "Dr. A. Example, MD", "Attending Physician", ""},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& [kind, value, label, type] = expected[i];
    const json& item = items[i];
    EXPECT_EQ(item["id"], "pi" + std::to_string(i + 1));
    EXPECT_EQ(item["view"], "normalized");
    EXPECT_EQ(item["kind"], kind);
    EXPECT_EQ(item["value"], value);
    EXPECT_EQ(item["value_sha256"], sha256_hex(value));
    EXPECT_EQ(item["label"], label);
    EXPECT_EQ(item.value("identifier_type", ""), type) << kind;
    const bool single = kind != "other_identifier" && kind != "admission_date" && kind != "discharge_date" && kind != "attending";
    EXPECT_EQ(item.contains("conflict"), single) << kind;
    EXPECT_EQ(item["attributes"]["occurrences"], 1);
  }
}

TEST(Identity, TheRegistryReadersFailuresGiveNoItem) {
  const std::string text =
      "The medical record number AND name were verified.\n"
      "medical record number and name were verified\n"
      "Medical record number AND\n"
      "MRN: ACCESSIONED\n"
      "MRN: LABELED\n"
      "Medical Record Number: AND\n";
  const auto f = find(text);
  EXPECT_TRUE(f.items.empty());
  ASSERT_EQ(f.rejected.size(), 1u);
  EXPECT_EQ(f.rejected[0].kind, IdentityKind::mrn);
  EXPECT_EQ(f.rejected[0].why, Rejection::no_digit);
  EXPECT_EQ(f.rejected[0].count, 3u);
  const auto notices = notices_for(f);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].severity, Severity::info);
  EXPECT_EQ(notices[0].code, "identity-value-rejected");
  EXPECT_EQ(notices[0].message, "3 mrn values not taken: no digit (a word, not an identifier)");
}

TEST(Identity, TwoMrnsAreAConflictWithAWarningNamingTheKindOnly) {
  const std::string text = kHeader + "\nMRN: 00-000-0002\nDOB: 01/02/1955\nDOB: 01/03/1955\nAdmission Date: 03/04/2026\n";
  const auto f = find(text);
  const auto mrns = of_kind(f, IdentityKind::mrn);
  ASSERT_EQ(mrns.size(), 2u);
  EXPECT_TRUE(mrns[0]->conflict && mrns[1]->conflict);
  ASSERT_EQ(of_kind(f, IdentityKind::birth_date).size(), 2u);
  EXPECT_TRUE(of_kind(f, IdentityKind::birth_date)[0]->conflict);
  EXPECT_FALSE(of_kind(f, IdentityKind::patient_name)[0]->conflict);
  const auto admissions = of_kind(f, IdentityKind::admission_date);
  ASSERT_EQ(admissions.size(), 2u);
  EXPECT_FALSE(admissions[0]->conflict) << "a chart may state two admissions";
  const auto notices = notices_for(f);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].severity, Severity::warning);
  EXPECT_EQ(notices[0].code, "identity-conflict");
  EXPECT_EQ(notices[0].message, "2 different MRNs; 2 different birth dates: the chart may mix patients or encounters");
  const json items = items_json(f, ValuePolicy::keep);
  for (const json& item : items) {
    if (item["kind"] == "admission_date") {
      EXPECT_FALSE(item.contains("conflict")) << item.dump();
    }
  }
}

TEST(Identity, AHeaderRepeatedOnEveryPageGivesOneItemPerValue) {
  std::string text;
  for (int page = 0; page < 3; ++page) text += kHeader + "Page " + std::to_string(page + 1) + " of 3\nHOSPITAL COURSE: Improved.\n\f";
  const auto f = find(text);
  ASSERT_EQ(f.items.size(), 5u);
  for (const auto& item : f.items) {
    EXPECT_EQ(item.occurrences, 3u);
    EXPECT_LT(item.end, kHeader.size()) << "the span is the first occurrence's";
    EXPECT_FALSE(item.conflict);
  }
  EXPECT_EQ(items_json(f, ValuePolicy::keep)[1]["attributes"]["occurrences"], 3);
  EXPECT_TRUE(f.conflicts.empty());
}

TEST(Identity, NarrativeIsNeverRead) {
  const std::string text =
      "HISTORY OF PRESENT ILLNESS:\n"
      "The patient is a 71-year-old woman with a history of hypertension. She is female.\n"
      "Medical record number and name were verified. Her birth date is 01/02/1955 and her MRN 12345.\n"
      "HISTORY: 66-year-old man referred by his primary care physician.\n"
      "58 yo male with COPD. Sex was not recorded. Admitted 07/02 from the ED.\n";
  const auto f = find(text);
  EXPECT_TRUE(f.items.empty());
  EXPECT_TRUE(f.rejected.empty()) << all_messages(f);
}

TEST(Identity, ALabelledNarrativeIsRefusedNotTaken) {
  const auto f = find("Patient: is a 71-year-old woman\nSex: see above\nName: unknown\n");
  EXPECT_TRUE(f.items.empty());
  EXPECT_EQ(f.rejected.size(), 2u) << all_messages(f);
}

TEST(Identity, HashWritesNoValueButItsHashKindLabelAndSpan) {
  const auto f = find(kHeader);
  const json kept = items_json(f, ValuePolicy::keep), hashed = items_json(f, ValuePolicy::hash);
  ASSERT_EQ(hashed.size(), kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    EXPECT_FALSE(hashed[i].contains("value")) << hashed[i].dump();
    json without_value = kept[i];
    without_value.erase("value");
    EXPECT_EQ(hashed[i], without_value);
  }
  EXPECT_EQ(hashed[1]["value_sha256"], "03267d4d1c6d38266e62b9d81bd979156295078b4e9608904f6aef1c897baaf9");  // of "00-000-0001"
  const std::string dump = hashed.dump();
  for (const char* value : {"00-000-0001", "Synthetic Patient", "2026-03-02", "Example"}) EXPECT_EQ(dump.find(value), std::string::npos) << value;
  EXPECT_EQ(parse_value_policy("hash"), ValuePolicy::hash);
  EXPECT_EQ(parse_value_policy("keep"), ValuePolicy::keep);
  EXPECT_FALSE(parse_value_policy("drop"));
}

TEST(Identity, DatesAreNormalizedAndImpossibleOnesRefusedWithTheirReason) {
  const auto f = find(
      "DOB: 02/30/1955\nDOB: 01/02/2030\nDOB: 01/02/55\nDOB: 01/02/1890\nDate of Birth: March 7, 1950\n"
      "Admission Date: 02/29/2025\nDischarge Date: 2026-03-06 14:30\n");
  ASSERT_EQ(f.items.size(), 2u);
  EXPECT_EQ(f.items[0].value, "1950-03-07");
  EXPECT_EQ(f.items[1].value, "2026-03-06");
  const std::string messages = all_messages(f);
  for (const char* reason : {"1 birth_date value not taken: not a real calendar date", "1 birth_date value not taken: in the future",
                             "1 birth_date value not taken: a two-digit year (its century would be a guess)",
                             "1 birth_date value not taken: before 1900", "1 admission_date value not taken: not a real calendar date"})
    EXPECT_NE(messages.find(reason), std::string::npos) << reason << " in\n" << messages;
}

TEST(Identity, TwoFieldsOnALineAndLabelsOnlyAtALinesStartOrAfterAGap) {
  const std::string text =
      "Name: Jane Public    DOB: 01/02/1955   Sex: F\n"
      "MRN: 12345\tAcct: A99999\n"
      "Seen today, Encounter #: 555555 confirmed\n"
      "Header text   Encounter #: 777777\n";
  const auto f = find(text);
  std::vector<std::string> values;
  for (const auto& item : f.items) values.push_back(item.value);
  EXPECT_EQ(values, (std::vector<std::string>{"Jane Public", "1955-01-02", "female", "12345", "A99999", "777777"}));
}

TEST(Identity, NoValueEverReachesADiagnostic) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "MRN: 55-" + std::to_string(1000 + i) + "\nName: Zed" + std::string(1, static_cast<char>('a' + i % 26)) + " Quux\n";
  text += "MRN: SECRETWORD\nDOB: 02/31/1961\nSex: Zorro\nName: Zorro Zorro Zorro Zorro Zorro Zorro\n";
  const auto f = find(text);
  const std::string messages = all_messages(f);
  for (const char* phi : {"55-1", "Zed", "Quux", "SECRETWORD", "1961", "02/31", "Zorro"}) EXPECT_EQ(messages.find(phi), std::string::npos) << phi;
  EXPECT_NE(messages.find("identity-conflict: more than 32 different MRNs; 26 different patient names"), std::string::npos) << messages;
  EXPECT_NE(messages.find("identity-truncated: more than 32 different MRNs; only the first 32 are listed"), std::string::npos) << messages;
}

TEST(Identity, NastyInputsStayLinearAndBounded) {
  const auto started = std::chrono::steady_clock::now();
  std::string repeated;
  repeated.reserve(50u << 20);
  while (repeated.size() < (50u << 20)) repeated += "MRN: 123 \n";
  auto f = find(repeated);
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].occurrences, repeated.size() / 10);

  std::string one_line;
  while (one_line.size() < (1u << 20)) one_line += "MRN: 123 ";
  f = find(one_line);
  EXPECT_TRUE(f.items.empty()) << "one value running to the line's end, far too long";
  ASSERT_EQ(f.rejected.size(), 1u);
  EXPECT_EQ(f.rejected[0].why, Rejection::too_long);

  std::string gaps;
  while (gaps.size() < (1u << 20)) gaps += "MRN: 1  ";
  f = find(gaps);
  ASSERT_EQ(f.rejected.size(), 1u);
  EXPECT_EQ(f.rejected[0].count, gaps.size() / 8) << "each field after a gap on its own";

  std::string distinct;
  for (int i = 0; distinct.size() < (4u << 20); ++i) distinct += "MRN: " + std::to_string(100000 + i) + "\n";
  f = find(distinct);
  EXPECT_EQ(f.items.size(), kMaxValuesPerKind);
  EXPECT_EQ(all_messages(f).size() < 1000, true);

  EXPECT_TRUE(find("").items.empty());
  EXPECT_TRUE(find(std::string(1 << 20, '\0')).items.empty());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  RecordProperty("seconds", std::to_string(seconds));
}

}  // namespace
}  // namespace chartflow::identity
