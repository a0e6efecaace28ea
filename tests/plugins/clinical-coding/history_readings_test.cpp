// What a chart says of a condition it names as past (history_readings.cpp).
#include "clinical-coding/history_readings.hpp"
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::in_sentence;

TEST(HistoryReadings, ATreatmentThatGoesOnOrLiesDormant) {
  EXPECT_TRUE(treatment_goes_on(in_sentence("m1", "I10", "PMH: hypertension on lisinopril.", "hypertension")));
  EXPECT_FALSE(treatment_goes_on(in_sentence("m1", "I10", "PMH: hypertension; gout.", "hypertension")));
  EXPECT_TRUE(lies_dormant(in_sentence("m1", "M10.9", "PMH: gout - no flare in 3 years, no meds.", "gout")));
  EXPECT_TRUE(lies_dormant(in_sentence("m1", "G25.0", "PMH: Benign essential tremor (untreated). DXA normal.", "Benign essential tremor")));
  EXPECT_FALSE(lies_dormant(in_sentence("m1", "M10.9", "PMH: gout on allopurinol, no flare in 3 years.", "gout")));
}

TEST(HistoryReadings, ATreatmentThatEndedTheCondition) {
  EXPECT_TRUE(ended_by_treatment(in_sentence("m1", "E05.00", "Hypothyroidism after radioactive iodine for Graves disease years ago.", "Graves disease")));
  EXPECT_FALSE(ended_by_treatment(in_sentence("m1", "E05.00", "Graves disease on methimazole.", "Graves disease")));
  EXPECT_TRUE(ended_by_treatment(in_sentence("m1", "N18.6", "PMH: ESRD s/p kidney transplant as above.", "ESRD")));
  EXPECT_TRUE(ended_by_treatment(in_sentence("m1", "N18.6", "5 months s/p deceased-donor kidney transplant for ESRD.", "ESRD")));
  EXPECT_FALSE(ended_by_treatment(in_sentence("m1", "N18.6", "ESRD on hemodialysis MWF.", "ESRD")));
}

TEST(HistoryReadings, ACancerStillUnderTreatment) {
  EXPECT_TRUE(still_under_treatment(in_sentence("m1", "C50.919", "History of right breast cancer on adjuvant anastrozole - continue.", "breast cancer")));
  EXPECT_FALSE(still_under_treatment(in_sentence("m1", "C50.919", "History of breast cancer, completed adjuvant anastrozole.", "breast cancer")));
  // What the clause says last holds.
  EXPECT_TRUE(still_under_treatment(in_sentence(
      "m1", "C50.912", "Left breast cancer s/p lumpectomy and radiation, now in year 2 of planned 5 years of adjuvant anastrozole.", "breast cancer")));
  EXPECT_FALSE(still_under_treatment(in_sentence("m1", "C50.912", "Left breast cancer on tamoxifen until it was completed in 2019.", "breast cancer")));
}

TEST(HistoryReadings, AHistoryThatBearsOnTheEncounter) {
  EXPECT_TRUE(is_optional_history("Z80.0"));
  EXPECT_FALSE(is_optional_history("Z95.1"));
  EXPECT_TRUE(ties_history_to_encounter("Family history of colon cancer in sister under 50 - genetics referral for Lynch evaluation."));
  EXPECT_TRUE(ties_history_to_encounter("Screening colonoscopy; family history of colon cancer."));
  EXPECT_FALSE(ties_history_to_encounter("Sister with endometrial cancer at 58 (genetic testing negative)."));
}

TEST(HistoryReadings, AColonPolypsKind) {
  EXPECT_EQ(colon_polyp_history("3 tubular adenomas removed at colonoscopy 3 years ago."), "Z86.0101");
  EXPECT_EQ(colon_polyp_history("a sessile serrated lesion removed"), "Z86.0101");
  EXPECT_EQ(colon_polyp_history("hyperplastic polyps in the rectum"), "Z86.0102");
  EXPECT_EQ(colon_polyp_history("colon polyps"), "Z86.0100");
}

}  // namespace
}  // namespace chartflow::coding
