// What counts as a plausible value of each kind, and its normalized form and span
// (plugins/patient-identity/*_value.cpp).
#include "patient-identity/values.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::identity {
namespace {

std::string value_of(IdentityKind kind, std::string_view written) {
  const CheckedValue v = check_value(kind, written, 0, test::kTodayIso);
  return v.rejected ? "rejected: " + std::string(rejection_reason(*v.rejected)) : v.value;
}

std::optional<Rejection> why(IdentityKind kind, std::string_view written) { return check_value(kind, written, 0, test::kTodayIso).rejected; }

TEST(Identifiers, TakenAsWrittenWithoutSurroundingPunctuation) {
  EXPECT_EQ(value_of(IdentityKind::mrn, "00-000-0001"), "00-000-0001");
  EXPECT_EQ(value_of(IdentityKind::account_number, "A123456"), "A123456");
  EXPECT_EQ(value_of(IdentityKind::encounter_number, "V.2026/001"), "V.2026/001");
  const CheckedValue v = check_identifier("(00-1234).", 100);
  EXPECT_EQ(v.value, "00-1234");
  EXPECT_EQ(v.begin, 101u);
  EXPECT_EQ(v.end, 108u);
}

TEST(Identifiers, WordsAreNeverIdentifiers) {
  // The registry reader's failure: these became MRNs and merged 21 patients into 3.
  for (const char* word : {"AND", "ACCESSIONED", "LABELED", "unknown", "N/A", "pending", "see above"})
    EXPECT_TRUE(why(IdentityKind::mrn, word)) << word;
  EXPECT_EQ(why(IdentityKind::mrn, "ACCESSIONED"), Rejection::no_digit);
  EXPECT_EQ(why(IdentityKind::mrn, "12"), Rejection::too_short);
  EXPECT_EQ(why(IdentityKind::mrn, "123456789012345678901"), Rejection::too_long);
  EXPECT_EQ(why(IdentityKind::mrn, "12 345"), Rejection::characters);
  EXPECT_EQ(why(IdentityKind::mrn, "12345 (old)"), Rejection::characters);
  EXPECT_EQ(why(IdentityKind::mrn, "12_345"), Rejection::characters);
  EXPECT_EQ(why(IdentityKind::mrn, "--"), Rejection::empty);
  EXPECT_EQ(why(IdentityKind::mrn, ""), Rejection::empty);
}

TEST(Names, AsWrittenWithSpacesCollapsed) {
  EXPECT_EQ(value_of(IdentityKind::patient_name, "Jane  Q.   Public"), "Jane Q. Public");
  EXPECT_EQ(value_of(IdentityKind::patient_name, "PUBLIC, JANE"), "PUBLIC, JANE");
  EXPECT_EQ(value_of(IdentityKind::patient_name, "O'Brien, Mary-Kate"), "O'Brien, Mary-Kate");
  EXPECT_EQ(value_of(IdentityKind::patient_name, "Jos\xC3\xA9 \xC3\x81lvarez"), "Jos\xC3\xA9 \xC3\x81lvarez");
  EXPECT_EQ(value_of(IdentityKind::patient_name, "Ludwig van Beethoven"), "Ludwig van Beethoven");
  EXPECT_EQ(value_of(IdentityKind::patient_name, "Mrs. Jane Public Jr."), "Mrs. Jane Public Jr.");
  EXPECT_EQ(value_of(IdentityKind::attending, "Dr. A. Example, MD"), "Dr. A. Example, MD");
  EXPECT_EQ(value_of(IdentityKind::attending, "B. Imaginary, MD, FACP"), "B. Imaginary, MD, FACP");
  const CheckedValue v = check_person_name("Ann   Lee", 10, IdentityKind::patient_name);
  EXPECT_EQ(v.begin, 10u);
  EXPECT_EQ(v.end, 19u);
}

TEST(Names, ASyntheticPatientsNumberIsPartOfTheNameButAnAgeIsNot) {
  EXPECT_EQ(value_of(IdentityKind::patient_name, "Synthetic Patient 0001"), "Synthetic Patient 0001");
  EXPECT_EQ(why(IdentityKind::patient_name, "John Smith 71"), Rejection::characters);
  EXPECT_EQ(why(IdentityKind::patient_name, "John 0001 Smith"), Rejection::characters);
  EXPECT_EQ(why(IdentityKind::attending, "Synthetic Doctor 0001"), Rejection::characters) << "only a patient may be numbered";
  EXPECT_EQ(why(IdentityKind::patient_name, "Patient 0001"), Rejection::word_count);
}

TEST(Names, PlaceholdersSentencesAndOtherNonNamesAreRefused) {
  EXPECT_EQ(why(IdentityKind::patient_name, "unknown"), Rejection::placeholder);
  EXPECT_EQ(why(IdentityKind::patient_name, "N/A"), Rejection::placeholder);
  EXPECT_EQ(why(IdentityKind::patient_name, "see above"), Rejection::placeholder);
  EXPECT_EQ(why(IdentityKind::patient_name, "UNKNOWN, UNKNOWN"), Rejection::placeholder);
  EXPECT_EQ(why(IdentityKind::patient_name, "Elderly Male"), Rejection::placeholder);
  EXPECT_EQ(why(IdentityKind::patient_name, "RESTING COMFORTABLY"), Rejection::placeholder);
  EXPECT_EQ(why(IdentityKind::patient_name, "Seen And Examined"), Rejection::placeholder);
  EXPECT_EQ(why(IdentityKind::patient_name, "is a 71-year-old woman"), Rejection::placeholder);
  EXPECT_EQ(why(IdentityKind::patient_name, "resting comfortably"), Rejection::placeholder);
  EXPECT_EQ(why(IdentityKind::patient_name, "jane public"), Rejection::not_capitalized);
  EXPECT_EQ(why(IdentityKind::patient_name, "Cher"), Rejection::word_count);
  EXPECT_EQ(why(IdentityKind::patient_name, "Ann Bea Cat Dee Eve Fay"), Rejection::word_count);
  EXPECT_EQ(why(IdentityKind::patient_name, "Wraith, Cordelia (SYNTHETIC)"), Rejection::characters);
  EXPECT_EQ(why(IdentityKind::patient_name, "Jane Public DOB: 01/02/1955"), Rejection::characters);
  EXPECT_EQ(why(IdentityKind::attending, "Dr. K. Fake, Hepatology / Hospital Medicine"), Rejection::characters);
}

TEST(Dates, NormalizedToIsoWithTheSpanOfTheDate) {
  EXPECT_EQ(value_of(IdentityKind::birth_date, "01/02/1955"), "1955-01-02");
  EXPECT_EQ(value_of(IdentityKind::birth_date, "March 7, 1950"), "1950-03-07");
  EXPECT_EQ(value_of(IdentityKind::admission_date, "3/2/26"), "2026-03-02") << "an encounter's two-digit year is this century's";
  EXPECT_EQ(value_of(IdentityKind::admission_date, "02/29/2024"), "2024-02-29");
  EXPECT_EQ(value_of(IdentityKind::discharge_date, "2030-01-01"), "2030-01-01") << "only birth dates are bounded by today";
  const CheckedValue v = check_date("2026-03-02 14:30", 5, IdentityKind::admission_date, test::kTodayIso);
  EXPECT_EQ(v.value, "2026-03-02");
  EXPECT_EQ(v.begin, 5u);
  EXPECT_EQ(v.end, 15u) << "the time is not part of the value";
  for (const char* with_time : {"03/02/2026 at 2:30 PM", "03/02/2026 @ 14:30:05", "03/02/2026 9:05 a.m."})
    EXPECT_EQ(value_of(IdentityKind::admission_date, with_time), "2026-03-02") << with_time;
}

TEST(Dates, ImpossibleAndUnlikelyDatesAreRefused) {
  EXPECT_EQ(why(IdentityKind::birth_date, "02/30/1955"), Rejection::impossible_date);
  EXPECT_EQ(why(IdentityKind::birth_date, "13/01/1955"), Rejection::impossible_date);
  EXPECT_EQ(why(IdentityKind::admission_date, "02/29/2025"), Rejection::impossible_date);
  EXPECT_EQ(why(IdentityKind::birth_date, "01/02/2030"), Rejection::in_the_future);
  EXPECT_EQ(why(IdentityKind::birth_date, "12/02/2026"), Rejection::in_the_future);
  EXPECT_FALSE(why(IdentityKind::birth_date, "12/01/2026")) << "born today";
  EXPECT_EQ(why(IdentityKind::birth_date, "01/02/1890"), Rejection::before_1900);
  EXPECT_EQ(why(IdentityKind::birth_date, "01/02/55"), Rejection::two_digit_year);
  EXPECT_EQ(why(IdentityKind::birth_date, "yesterday"), Rejection::not_a_date);
  EXPECT_EQ(why(IdentityKind::birth_date, "02/02/19XX"), Rejection::not_a_date);
  EXPECT_EQ(why(IdentityKind::birth_date, "01/02/1955 (age 71)"), Rejection::not_a_date);
  EXPECT_EQ(why(IdentityKind::birth_date, "01/02/1955 Sex: F"), Rejection::not_a_date);
  EXPECT_EQ(why(IdentityKind::admission_date, "04/02/2025 via ED"), Rejection::not_a_date);
  EXPECT_EQ(why(IdentityKind::admission_date, "03/02/2026 25:00"), Rejection::not_a_date);
}

TEST(Sex, FhirAdministrativeGender) {
  EXPECT_EQ(value_of(IdentityKind::sex, "F"), "female");
  EXPECT_EQ(value_of(IdentityKind::sex, "F."), "female");
  EXPECT_EQ(value_of(IdentityKind::sex, "Female"), "female");
  EXPECT_EQ(value_of(IdentityKind::sex, "MALE"), "male");
  EXPECT_EQ(value_of(IdentityKind::sex, "m"), "male");
  EXPECT_EQ(value_of(IdentityKind::sex, "Other"), "other");
  EXPECT_EQ(value_of(IdentityKind::sex, "Unknown"), "unknown");
  const CheckedValue v = check_sex("F.", 7);
  EXPECT_EQ(v.begin, 7u);
  EXPECT_EQ(v.end, 8u);
  for (const char* other : {"Woman", "X", "71", "F (per patient)", "see chart", "F/M"})
    EXPECT_EQ(why(IdentityKind::sex, other), Rejection::unknown_sex) << other;
}

TEST(Values, OverlongValuesAreRefusedBeforeAnyWork) {
  for (const auto kind : {IdentityKind::mrn, IdentityKind::patient_name, IdentityKind::birth_date, IdentityKind::sex})
    EXPECT_EQ(why(kind, std::string(200, 'A')), Rejection::too_long);
}

}  // namespace
}  // namespace chartflow::identity
