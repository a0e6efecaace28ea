// CMS-HCC V28 (PY2026) scoring, checked against scores worked out by hand from the shipped
// coefficient table (plugins/hcc-v28/data/v28_coefficients_2026.csv): every expected score below
// shows its arithmetic, with each factor as the table gives it. CMS publishes no expected-score
// test vectors, so these hand-worked cases are the reference.
#include "hcc.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace chartflow::hcc {
namespace {

namespace fs = std::filesystem;

fs::path data_dir() {
#ifdef CHARTFLOW_SOURCE_DIR
  return fs::path(CHARTFLOW_SOURCE_DIR) / "plugins/hcc-v28/data";
#else
  const char* root = std::getenv("CHARTFLOW_SOURCE_DIR");
  return fs::path(root ? root : ".") / "plugins/hcc-v28/data";
#endif
}

const Model& model() {
  static const Model loaded = Model::load(data_dir());
  return loaded;
}

Request request(int age, Sex sex, Segment segment, const std::vector<std::string>& codes) {
  Request r;
  r.beneficiary.age = age;
  r.beneficiary.sex = sex;
  r.beneficiary.segment = segment;
  for (std::size_t i = 0; i < codes.size(); ++i) r.diagnoses.push_back({codes[i], "ev" + std::to_string(i + 1)});
  return r;
}

// The score's terms must be exactly these variables with these factors, in this order.
void expect_terms(const Score& s, const std::vector<std::pair<std::string, double>>& expected) {
  ASSERT_TRUE(s.ok()) << s.message;
  std::vector<std::string> got_names;
  std::vector<std::string> want_names;
  for (const Term& t : s.terms) got_names.push_back(t.variable);
  for (const auto& [name, value] : expected) want_names.push_back(name);
  ASSERT_EQ(got_names, want_names);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_DOUBLE_EQ(s.terms[i].coefficient, expected[i].second) << expected[i].first;
  }
}

const HccOutcome* find_hcc(const Score& s, int hcc) {
  for (const HccOutcome& h : s.hccs) {
    if (h.hcc == hcc) return &h;
  }
  return nullptr;
}

TEST(HccV28, HierarchyDiabetesWithComplicationsDropsWithout) {
  // E11.22 (type 2 diabetes with CKD) -> HCC 37; E11.9 (without complications) -> HCC 38.
  // Hierarchy 37 -> 38: HCC 38 is dropped, one payment HCC is left.
  Score s = model().score(request(72, Sex::Female, Segment::CommunityNonDualAged, {"E11.22", "E11.9"}));
  // CNA_F70_74 0.395 + CNA_HCC37 0.166 + CNA_D1 0 = 0.561
  expect_terms(s, {{"CNA_F70_74", 0.395}, {"CNA_HCC37", 0.166}, {"CNA_D1", 0}});
  EXPECT_DOUBLE_EQ(s.raw_score, 0.561);
  EXPECT_EQ(s.payment_hccs, std::vector<int>{37});
  const HccOutcome* dropped = find_hcc(s, 38);
  ASSERT_NE(dropped, nullptr);
  EXPECT_EQ(dropped->fate, HccFate::DroppedByHierarchy);
  EXPECT_EQ(dropped->dropped_by, 37);
  ASSERT_EQ(dropped->evidence.size(), 1u);
  EXPECT_EQ(dropped->evidence[0].code, "E119");
  EXPECT_EQ(dropped->evidence[0].evidence_id, "ev2");
  EXPECT_EQ(find_hcc(s, 37)->evidence[0].evidence_id, "ev1");
}

TEST(HccV28, HierarchyEndStageHeartFailureDropsHeartFailure) {
  // I50.84 (end stage HF) -> HCC 222; I50.9 -> HCC 226, dropped by 222.
  Score s = model().score(request(78, Sex::Male, Segment::CommunityNonDualAged, {"I50.84", "I50.9"}));
  // CNA_M75_79 0.502 + CNA_HCC222 2.505 + CNA_D1 0 = 3.007 (without the hierarchy it would also
  // count CNA_HCC226 0.36)
  expect_terms(s, {{"CNA_M75_79", 0.502}, {"CNA_HCC222", 2.505}, {"CNA_D1", 0}});
  EXPECT_DOUBLE_EQ(s.raw_score, 3.007);
  EXPECT_EQ(find_hcc(s, 226)->dropped_by, 222);
}

TEST(HccV28, HierarchiesFollowTheCmsStatementOrder) {
  // T86.40 -> HCC 62, I85.01 -> HCC 63, G93.1 -> HCC 202. The CMS macro drops 63 (62 -> 63)
  // before it reaches "63 -> 202", so 202 stays: a dropped parent drops nothing.
  Score s = model().score(request(70, Sex::Male, Segment::CommunityNonDualAged, {"T86.40", "I85.01", "G93.1"}));
  // CNA_M70_74 0.396 + CNA_HCC62 0.376 + CNA_HCC202 0.543 + CNA_D2 0 = 1.315
  expect_terms(s, {{"CNA_M70_74", 0.396}, {"CNA_HCC62", 0.376}, {"CNA_HCC202", 0.543}, {"CNA_D2", 0}});
  EXPECT_DOUBLE_EQ(s.raw_score, 1.315);
  EXPECT_EQ(find_hcc(s, 63)->dropped_by, 62);
}

TEST(HccV28, InteractionDiabetesAndHeartFailure) {
  // E11.9 -> HCC 38 (diabetes group), I50.9 -> HCC 226 (heart failure group): DIABETES_HF_V28.
  Score s = model().score(request(72, Sex::Female, Segment::CommunityNonDualAged, {"E11.9", "I50.9"}));
  // CNA_F70_74 0.395 + CNA_HCC38 0.166 + CNA_HCC226 0.36 + CNA_DIABETES_HF_V28 0.112 + CNA_D2 0 = 1.033
  expect_terms(s, {{"CNA_F70_74", 0.395}, {"CNA_HCC38", 0.166}, {"CNA_HCC226", 0.36},
                   {"CNA_DIABETES_HF_V28", 0.112}, {"CNA_D2", 0}});
  EXPECT_DOUBLE_EQ(s.raw_score, 1.033);
  EXPECT_DOUBLE_EQ(s.demographic_score, 0.395);
  EXPECT_DOUBLE_EQ(s.disease_score, 0.638);  // 0.166 + 0.36 + 0.112 + 0
  EXPECT_EQ(s.interactions, std::vector<std::string>{"DIABETES_HF_V28"});
  EXPECT_EQ(s.terms[3].hccs, (std::vector<int>{38, 226}));

  // Same beneficiary, full-benefit dual: the CFA factors.
  Score dual = model().score(request(72, Sex::Female, Segment::CommunityFullDualAged, {"E11.9", "I50.9"}));
  // CFA_F70_74 0.506 + CFA_HCC38 0.186 + CFA_HCC226 0.406 + CFA_DIABETES_HF_V28 0.183 + CFA_D2 0 = 1.281
  EXPECT_DOUBLE_EQ(dual.raw_score, 1.281);
}

TEST(HccV28, PaymentHccCountVariable) {
  // E66.01 and Z68.41 -> HCC 48 (one HCC, two codes), I48.0 -> 238, F03.90 -> 127,
  // K70.30 -> 64, J44.9 -> 280: five payment HCCs, no interaction among them.
  Request r = request(80, Sex::Male, Segment::CommunityNonDualAged,
                      {"E66.01", "Z68.41", "I48.0", "F03.90", "K70.30", "J44.9"});
  Score s = model().score(r);
  // CNA_M80_84 0.571 + HCC48 0.186 + HCC64 0.447 + HCC127 0.341 + HCC238 0.299 + HCC280 0.319
  //   + CNA_D5 0.05 = 2.213
  expect_terms(s, {{"CNA_M80_84", 0.571}, {"CNA_HCC48", 0.186}, {"CNA_HCC64", 0.447}, {"CNA_HCC127", 0.341},
                   {"CNA_HCC238", 0.299}, {"CNA_HCC280", 0.319}, {"CNA_D5", 0.05}});
  EXPECT_DOUBLE_EQ(s.raw_score, 2.213);
  EXPECT_EQ(s.payment_hcc_count, 5);
  EXPECT_EQ(s.count_variable, "D5");
  EXPECT_EQ(find_hcc(s, 48)->evidence.size(), 2u);

  // Without J44.9: four HCCs, D4 is 0 in CNA.
  r.diagnoses.pop_back();
  Score four = model().score(r);
  // 0.571 + 0.186 + 0.447 + 0.341 + 0.299 + CNA_D4 0 = 1.844
  EXPECT_DOUBLE_EQ(four.raw_score, 1.844);
  EXPECT_EQ(four.count_variable, "D4");
}

TEST(HccV28, TenOrMorePaymentHccs) {
  // B20 -> 1, A41.9 -> 2, E66.01 -> 48, K70.30 -> 64, D57.00 -> 107, F03.90 -> 127, I48.0 -> 238,
  // L89.154 -> 379, D89.810 -> 454, Z93.1 -> 463: ten HCCs, no hierarchy or interaction among them.
  Score s = model().score(request(80, Sex::Male, Segment::CommunityNonDualAged,
                                  {"B20", "A41.9", "E66.01", "K70.30", "D57.00", "F03.90", "I48.0", "L89.154",
                                   "D89.810", "Z93.1"}));
  // HCCs: 0.301 + 0.5 + 0.186 + 0.447 + 0.457 + 0.341 + 0.299 + 1.965 + 1.068 + 0.673 = 6.237
  // CNA_M80_84 0.571 + 6.237 + CNA_D10P 0.728 = 7.536
  EXPECT_DOUBLE_EQ(s.raw_score, 7.536);
  EXPECT_EQ(s.payment_hcc_count, 10);
  EXPECT_EQ(s.count_variable, "D10P");
}

TEST(HccV28, OneCodeWithTwoHccs) {
  // B37.7 (candidal sepsis) maps to HCC 2 and HCC 6.
  Score s = model().score(request(70, Sex::Male, Segment::CommunityNonDualAged, {"B37.7"}));
  // CNA_M70_74 0.396 + CNA_HCC2 0.5 + CNA_HCC6 0.381 + CNA_D2 0 = 1.277
  EXPECT_DOUBLE_EQ(s.raw_score, 1.277);
  EXPECT_EQ(s.codes[0].hccs, (std::vector<int>{2, 6}));
}

TEST(HccV28, AgeEditDropsCopdUnder18) {
  // J44.9 is invalid under 18 (edit J449 age_max 17): no HCC at 16.
  Score young = model().score(request(16, Sex::Female, Segment::CommunityNonDualDisabled, {"J44.9"}));
  // CND_F0_34 0.238, nothing else
  expect_terms(young, {{"CND_F0_34", 0.238}});
  EXPECT_EQ(young.codes[0].status, CodeStatus::EditedOut);
  EXPECT_FALSE(young.codes[0].edit.empty());
  EXPECT_TRUE(young.hccs.empty());
  // At 40 it gives HCC 280: CND_F35_44 0.288 + CND_HCC280 0.209 + CND_D1 0 = 0.497
  Score adult = model().score(request(40, Sex::Female, Segment::CommunityNonDualDisabled, {"J44.9"}));
  EXPECT_DOUBLE_EQ(adult.raw_score, 0.497);
  EXPECT_EQ(adult.codes[0].status, CodeStatus::Mapped);
}

TEST(HccV28, SexEditOverridesHemophiliaInFemales) {
  // D66 maps to HCC 111 (hemophilia, male); the sex edit sends it to HCC 112 in females.
  Score female = model().score(request(70, Sex::Female, Segment::CommunityNonDualAged, {"D66"}));
  // CNA_F70_74 0.395 + CNA_HCC112 0.45 + CNA_D1 0 = 0.845
  expect_terms(female, {{"CNA_F70_74", 0.395}, {"CNA_HCC112", 0.45}, {"CNA_D1", 0}});
  EXPECT_EQ(female.codes[0].status, CodeStatus::Overridden);
  Score male = model().score(request(70, Sex::Male, Segment::CommunityNonDualAged, {"D66"}));
  // CNA_M70_74 0.396 + CNA_HCC111 4.639 + CNA_D1 0 = 5.035
  EXPECT_DOUBLE_EQ(male.raw_score, 5.035);
  EXPECT_EQ(male.codes[0].status, CodeStatus::Mapped);
}

TEST(HccV28, AgeEditOverridesBreastCancerUnder50) {
  // C50.911 maps to HCC 23; under 50 the edit gives HCC 22.
  Score young = model().score(request(45, Sex::Female, Segment::CommunityNonDualDisabled, {"C50.911"}));
  // CND_F45_54 0.34 + CND_HCC22 0.366 + CND_D1 0 = 0.706
  EXPECT_DOUBLE_EQ(young.raw_score, 0.706);
  EXPECT_EQ(young.payment_hccs, std::vector<int>{22});
  Score older = model().score(request(55, Sex::Female, Segment::CommunityNonDualDisabled, {"C50.911"}));
  // CND_F55_59 0.385 + CND_HCC23 0.233 + CND_D1 0 = 0.618
  EXPECT_DOUBLE_EQ(older.raw_score, 0.618);
}

TEST(HccV28, HeartAssistDeviceNeedsHeartFailure) {
  // Z95.811 -> HCC 223 counts only with another heart failure HCC (CMS heart rule).
  Score alone = model().score(request(70, Sex::Male, Segment::CommunityNonDualAged, {"Z95.811"}));
  // CNA_M70_74 0.396 only
  expect_terms(alone, {{"CNA_M70_74", 0.396}});
  EXPECT_EQ(find_hcc(alone, 223)->fate, HccFate::DroppedHeartRule);
  Score with_hf = model().score(request(70, Sex::Male, Segment::CommunityNonDualAged, {"Z95.811", "I50.9"}));
  // 223 kept and drops 226: CNA_M70_74 0.396 + CNA_HCC223 2.505 + CNA_D1 0 = 2.901
  EXPECT_DOUBLE_EQ(with_hf.raw_score, 2.901);
  EXPECT_EQ(find_hcc(with_hf, 226)->dropped_by, 223);
}

TEST(HccV28, NewEnrolleeIsDemographicOnly) {
  Request r = request(66, Sex::Female, Segment::NewEnrollee, {"I50.9"});
  Score s = model().score(r);
  // NE_NMCAID_NORIGDIS_NEF66 0.532; the diagnosis is reported but not scored
  expect_terms(s, {{"NE_NMCAID_NORIGDIS_NEF66", 0.532}});
  EXPECT_FALSE(s.uses_diagnoses);
  EXPECT_EQ(s.payment_hccs, std::vector<int>{226});
  EXPECT_TRUE(s.count_variable.empty());

  // Originally disabled (OREC 1), 67, Medicaid: NE_MCAID_ORIGDIS_NEM67 1.959
  r = request(67, Sex::Male, Segment::NewEnrollee, {});
  r.beneficiary.entitlement = EntitlementReason::Disability;
  r.beneficiary.medicaid = true;
  EXPECT_DOUBLE_EQ(model().score(r).raw_score, 1.959);

  // At 64 entitled by age, CMS uses the 65 cell: NE_NMCAID_NORIGDIS_NEM65 0.567;
  // entitled by disability he stays in 60-64: NE_NMCAID_NORIGDIS_NEM60_64 1.057.
  r = request(64, Sex::Male, Segment::NewEnrollee, {});
  expect_terms(model().score(r), {{"NE_NMCAID_NORIGDIS_NEM65", 0.567}});
  r.beneficiary.entitlement = EntitlementReason::Disability;
  expect_terms(model().score(r), {{"NE_NMCAID_NORIGDIS_NEM60_64", 1.057}});

  // C-SNP new enrollee, 72, Medicaid: SNPNE_MCAID_NORIGDIS_NEF70_74 1.634
  r = request(72, Sex::Female, Segment::SnpNewEnrollee, {});
  r.beneficiary.medicaid = true;
  EXPECT_DOUBLE_EQ(model().score(r).raw_score, 1.634);
}

TEST(HccV28, InstitutionalSegment) {
  // 82, Medicaid, I50.9 -> 226, J44.9 -> 280 (HF x chronic lung interaction).
  Request r = request(82, Sex::Male, Segment::Institutional, {"I50.9", "J44.9"});
  r.beneficiary.medicaid = true;
  Score s = model().score(r);
  // INS_M80_84 1.238 + INS_LTIMCAID 0.13 + INS_HCC226 0.217 + INS_HCC280 0.312
  //   + INS_HF_CHR_LUNG_V28 0.145 + INS_D2 0 = 2.042
  expect_terms(s, {{"INS_M80_84", 1.238}, {"INS_LTIMCAID", 0.13}, {"INS_HCC226", 0.217}, {"INS_HCC280", 0.312},
                   {"INS_HF_CHR_LUNG_V28", 0.145}, {"INS_D2", 0}});
  EXPECT_DOUBLE_EQ(s.raw_score, 2.042);
  EXPECT_DOUBLE_EQ(s.demographic_score, 1.368);  // 1.238 + 0.13

  // Disabled (50, OREC 1) with heart failure: the DISABLED_HF_V28 interaction.
  r = request(50, Sex::Female, Segment::Institutional, {"I50.9"});
  r.beneficiary.entitlement = EntitlementReason::Disability;
  s = model().score(r);
  // INS_F45_54 1.031 + INS_HCC226 0.217 + INS_DISABLED_HF_V28 0.488 + INS_D1 0 = 1.736
  EXPECT_DOUBLE_EQ(s.raw_score, 1.736);
  EXPECT_TRUE(s.disabled);

  // Originally disabled, now 70: INS_F70_74 1.119 + INS_ORIGDS 0 = 1.119
  r = request(70, Sex::Female, Segment::Institutional, {});
  r.beneficiary.entitlement = EntitlementReason::Disability;
  expect_terms(model().score(r), {{"INS_F70_74", 1.119}, {"INS_ORIGDS", 0}});
}

TEST(HccV28, OriginallyDisabledCommunity) {
  Request r = request(70, Sex::Female, Segment::CommunityNonDualAged, {});
  r.beneficiary.entitlement = EntitlementReason::Disability;
  // CNA_F70_74 0.395 + CNA_OriginallyDisabled_Female 0.228 = 0.623
  Score s = model().score(r);
  expect_terms(s, {{"CNA_F70_74", 0.395}, {"CNA_OriginallyDisabled_Female", 0.228}});
  EXPECT_TRUE(s.originally_disabled);
}

TEST(HccV28, UnknownAndMalformedCodes) {
  Score s = model().score(request(72, Sex::Female, Segment::CommunityNonDualAged,
                                  {"XYZ", "", "0DTJ4ZZ", "I10", "U99.9", " e11.9 ", "e1.19"}));
  ASSERT_TRUE(s.ok()) << s.message;
  ASSERT_EQ(s.codes.size(), 7u);
  EXPECT_EQ(s.codes[0].status, CodeStatus::Malformed);
  EXPECT_EQ(s.codes[1].status, CodeStatus::Malformed);
  EXPECT_EQ(s.codes[2].status, CodeStatus::Malformed);  // an ICD-10-PCS code
  EXPECT_EQ(s.codes[3].status, CodeStatus::NoHcc);      // valid, no payment HCC
  EXPECT_EQ(s.codes[4].status, CodeStatus::NoHcc);      // well-formed, unknown
  EXPECT_EQ(s.codes[5].status, CodeStatus::Mapped);
  EXPECT_EQ(s.codes[5].code, "E119");
  EXPECT_EQ(s.codes[6].code, "E119");                 // dots are dropped wherever they are
  // CNA_F70_74 0.395 + CNA_HCC38 0.166 + CNA_D1 0 = 0.561
  EXPECT_DOUBLE_EQ(s.raw_score, 0.561);
}

TEST(HccV28, BadDemographicsGiveClearErrors) {
  auto error_of = [](Request r) { return model().score(r); };
  Request r = request(-1, Sex::Female, Segment::CommunityNonDualDisabled, {"E11.9"});
  Score s = error_of(r);
  EXPECT_EQ(s.error, InputError::NegativeAge);
  EXPECT_NE(s.message.find("negative"), std::string::npos);
  EXPECT_TRUE(s.terms.empty());
  EXPECT_EQ(s.raw_score, 0);

  r = request(70, Sex::Unknown, Segment::CommunityNonDualAged, {});
  EXPECT_EQ(error_of(r).error, InputError::UnknownSex);
  EXPECT_NE(error_of(r).message.find("sex"), std::string::npos);

  r = request(200, Sex::Male, Segment::Institutional, {});
  EXPECT_EQ(error_of(r).error, InputError::AgeOutOfRange);

  r = request(50, Sex::Male, Segment::CommunityNonDualAged, {});  // aged segment under 65
  EXPECT_EQ(error_of(r).error, InputError::AgeOutsideSegment);
  r = request(70, Sex::Male, Segment::CommunityFullDualDisabled, {});
  EXPECT_EQ(error_of(r).error, InputError::AgeOutsideSegment);

  r = request(70, Sex::Male, Segment::CommunityNonDualAged, {});
  r.beneficiary.age.reset();
  EXPECT_EQ(error_of(r).error, InputError::MissingAge);
  r.beneficiary.birth_date = Date{1950, 2, 30};
  r.beneficiary.as_of = Date{2026, 2, 1};
  EXPECT_EQ(error_of(r).error, InputError::InvalidDate);
  r.beneficiary.birth_date = Date{2026, 3, 1};
  EXPECT_EQ(error_of(r).error, InputError::BirthAfterAsOf);

  r = request(70, Sex::Male, Segment::CommunityNonDualAged, {});
  r.adjustments.normalization_factor = 0;
  EXPECT_EQ(error_of(r).error, InputError::InvalidAdjustment);
  r.adjustments.normalization_factor.reset();
  r.adjustments.coding_adjustment = 1.5;
  EXPECT_EQ(error_of(r).error, InputError::InvalidAdjustment);
}

TEST(HccV28, AgeFromBirthDate) {
  Request r = request(0, Sex::Female, Segment::CommunityNonDualAged, {});
  r.beneficiary.age.reset();
  r.beneficiary.as_of = Date{2026, 2, 1};  // CMS: February 1 of the payment year
  r.beneficiary.birth_date = Date{1956, 2, 2};  // 70th birthday not reached: 69 -> CNA_F65_69 0.33
  Score s = model().score(r);
  EXPECT_EQ(s.age, 69);
  EXPECT_DOUBLE_EQ(s.raw_score, 0.33);
  r.beneficiary.birth_date = Date{1956, 2, 1};  // 70 on the day -> CNA_F70_74 0.395
  EXPECT_DOUBLE_EQ(model().score(r).raw_score, 0.395);

  // Born on February 29: the birthday is reached on March 1 of a common year.
  r.beneficiary.segment = Segment::Institutional;
  r.beneficiary.birth_date = Date{1960, 2, 29};
  r.beneficiary.as_of = Date{2025, 2, 28};
  EXPECT_EQ(model().score(r).age, 64);
  r.beneficiary.as_of = Date{2025, 3, 1};
  EXPECT_EQ(model().score(r).age, 65);
}

TEST(HccV28, PaymentAdjustmentsOnlyWhenGiven) {
  Request r = request(72, Sex::Female, Segment::CommunityNonDualAged, {"E11.9", "I50.9"});
  Score plain = model().score(r);
  EXPECT_FALSE(plain.normalized_score.has_value());
  EXPECT_FALSE(plain.payment_score.has_value());
  // Illustrative values (not CMS's): raw 1.033 / 1.067, then x (1 - 0.059).
  r.adjustments.normalization_factor = 1.067;
  r.adjustments.coding_adjustment = 0.059;
  Score s = model().score(r);
  ASSERT_TRUE(s.normalized_score && s.payment_score);
  EXPECT_DOUBLE_EQ(s.raw_score, 1.033);
  EXPECT_NEAR(*s.normalized_score, 1.033 / 1.067, 1e-12);
  EXPECT_NEAR(*s.payment_score, 1.033 / 1.067 * 0.941, 1e-12);
}

TEST(HccV28, ScoresFromSeveralThreadsAgree) {
  const Request r = request(80, Sex::Male, Segment::CommunityNonDualAged, {"E66.01", "I48.0", "F03.90", "K70.30"});
  std::vector<double> scores(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < 200; ++n) scores[i] = model().score(r).raw_score;
    });
  }
  for (std::thread& t : threads) t.join();
  for (double score : scores) EXPECT_DOUBLE_EQ(score, 1.844);  // as in PaymentHccCountVariable
}

TEST(HccV28, ModelLookups) {
  EXPECT_EQ(model().coefficient("CNA_HCC37"), 0.166);
  EXPECT_FALSE(model().coefficient("CNA_HCC999").has_value());
  EXPECT_EQ(model().label(226), "Heart Failure, Except End-Stage and Acute");
  EXPECT_TRUE(model().label(3).empty());  // not a payment HCC
  EXPECT_EQ(community_segment(DualStatus::PartialDual, 64), Segment::CommunityPartialDualDisabled);
  EXPECT_EQ(community_segment(DualStatus::NonDual, 65), Segment::CommunityNonDualAged);
  EXPECT_EQ(to_string(Segment::SnpNewEnrollee), "SNPNE");
}

TEST(HccV28, ProposedPy2027Coefficients) {
  ModelFiles files;
  files.coefficients = "v28_coefficients_2027_proposed.csv";
  Model proposed = Model::load(data_dir(), files);
  // PY2027 proposed: CNA_F70_74 0.378 + CNA_HCC37 0.155 + CNA_D1 0 = 0.533
  Score s = proposed.score(request(72, Sex::Female, Segment::CommunityNonDualAged, {"E11.22"}));
  EXPECT_DOUBLE_EQ(s.raw_score, 0.533);
}

// A copy of the data folder with one line appended to one file.
fs::path broken_copy(const std::string& file, const std::string& line) {
  fs::path dir = fs::temp_directory_path() / ("hcc_v28_broken_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(data_dir())) fs::copy_file(entry.path(), dir / entry.path().filename());
  fs::permissions(dir / file, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(dir / file, std::ios::app) << line << "\n";
  return dir;
}

std::string load_error(const fs::path& dir) {
  try {
    Model::load(dir);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(HccV28, MalformedTableLineNamesFileAndLine) {
  // The coefficient file has a header and 1,237 rows: the appended line is line 1239.
  fs::path dir = broken_copy("v28_coefficients_2026.csv", "CNA_HCC37x,0.1");
  std::string error = load_error(dir);
  EXPECT_NE(error.find("v28_coefficients_2026.csv:1239"), std::string::npos) << error;
  EXPECT_NE(error.find("CNA_HCC37x"), std::string::npos) << error;
  fs::remove_all(dir);

  dir = broken_copy("v28_dx_to_hcc_2026.csv", "E119,9999");  // 8,183 rows + header: line 8185
  error = load_error(dir);
  EXPECT_NE(error.find("v28_dx_to_hcc_2026.csv:8185"), std::string::npos) << error;
  fs::remove_all(dir);

  EXPECT_THROW(Model::load(fs::temp_directory_path() / "no_such_hcc_data_dir"), std::runtime_error);
}

}  // namespace
}  // namespace chartflow::hcc
