// Adjectives for the patient who has a condition (patient_descriptors.cpp), with the shipped list
// and dictionary, on synthetic sentences.
#include "clinical-mentions/patient_descriptors.hpp"
#include "clinical-mentions/term_dictionary.hpp"
#include "shipped_dictionary.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace chartflow::mentions {
namespace {

using mentions_test::kMentionsDir;
using mentions_test::shipped_dictionary;

const PatientDescriptors& shipped_descriptors() {
  static const PatientDescriptors d = [] {
    PatientDescriptors p;
    p.load_tsv((kMentionsDir / "patient_descriptors.tsv").string());
    return p;
  }();
  return d;
}

// The codes of the descriptors found in `text` (one sentence), in order; with `dictionary`, its
// matches come first and keep their tokens.
std::vector<std::string> codes(const std::string& text, const TermDictionary* dictionary = nullptr) {
  const auto tokens = tokenize(text);
  std::vector<Match> matches = dictionary ? dictionary->match(tokens, text) : std::vector<Match>{};
  shipped_descriptors().add(matches, tokens, text);
  std::vector<std::string> out;
  for (const auto& m : matches) out.push_back(m.term->code);
  return out;
}

using Codes = std::vector<std::string>;

TEST(PatientDescriptors, AnAdjectiveForThePatientNamesTheCondition) {
  EXPECT_EQ(codes("He is diabetic and hypertensive."), (Codes{"E11.9", "I10"}));
  EXPECT_EQ(codes("A 64-year-old diabetic male with chest pain"), Codes{"E11.9"});
  EXPECT_EQ(codes("She is a known asthmatic, on albuterol."), Codes{"J45.909"});
  EXPECT_EQ(codes("PMH: Diabetic, hypothyroid on levothyroxine."), (Codes{"E11.9", "E03.9"}));
  EXPECT_EQ(codes("He was hypoxic to 84% and tachycardic on arrival."), (Codes{"R09.02", "R00.0"}));
  EXPECT_EQ(codes("The patient became septic"), Codes{"A41.9"});
}

TEST(PatientDescriptors, NotWhereItNamesSomethingElse) {
  EXPECT_EQ(codes("He follows a diabetic diet."), Codes{}) << "a diet, not the disease";
  EXPECT_EQ(codes("Diabetic foot exam was normal."), Codes{});
  EXPECT_EQ(codes("She was hypertensive to 190/100 on arrival."), Codes{}) << "a reading (R03.0), not the disease";
  EXPECT_EQ(codes("He was hypertensive on arrival."), Codes{});
  EXPECT_EQ(codes("A non-diabetic male."), Codes{});
  EXPECT_EQ(codes("Pre-diabetic, diet controlled."), Codes{}) << "prediabetes is R73.03";
  EXPECT_EQ(codes("Heart tachycardic, regular."), Codes{}) << "the heart on exam, not the patient";
  EXPECT_EQ(codes("AKI: prerenal/septic; creatinine 2.6."), Codes{}) << "the injury's cause";
  EXPECT_EQ(codes("Splenic infarct, likely septic embolic."), Codes{});
  EXPECT_EQ(codes("He is markedly hypertensive, 175/104 and pulse 117."), Codes{}) << "a blood pressure";
  EXPECT_EQ(codes("Blood pressure response: Hypertensive."), Codes{}) << "a stress test's reading";
  EXPECT_EQ(codes("PMH: Diabetic, hypertensive."), (Codes{"E11.9", "I10"})) << "a history list still names both";
}

TEST(PatientDescriptors, ADictionaryPhraseKeepsItsReading) {
  const TermDictionary& dictionary = shipped_dictionary();
  EXPECT_EQ(codes("He was in septic shock.", &dictionary), Codes{"R65.21"});
  EXPECT_EQ(codes("She is morbidly obese and diabetic.", &dictionary), (Codes{"E66.01", "E11.9"}));
}

TEST(PatientDescriptors, AMalformedListNamesItsFileAndLine) {
  test::TempDir dir;
  PatientDescriptors p;
  test::write_file(dir / "a.tsv", "diabetic\tE11.9\n");
  EXPECT_THROW(
      try { p.load_tsv((dir / "a.tsv").string()); } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("a.tsv:1"), std::string::npos) << e.what();
        throw;
      },
      std::runtime_error);
  test::write_file(dir / "b.tsv", "known diabetic\tE11.9\tDiabetes\tdiagnosis\n");
  EXPECT_THROW(p.load_tsv((dir / "b.tsv").string()), std::runtime_error) << "one word only";
  test::write_file(dir / "c.tsv", "diabetic\tE11.9\tDiabetes\tdiagnosis\nDiabetic\tE10.9\tType 1\tdiagnosis\n");
  EXPECT_THROW(p.load_tsv((dir / "c.tsv").string()), std::runtime_error) << "listed twice";
  test::write_file(dir / "d.tsv", "hypertensive\tI10\tHypertension\tdiagnosis\t\treadings\n");
  EXPECT_THROW(p.load_tsv((dir / "d.tsv").string()), std::runtime_error) << "an unknown flag";
}

}  // namespace
}  // namespace chartflow::mentions
