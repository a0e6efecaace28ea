// Clinical-trial candidates: biomarker results read from report wording, criteria files checked
// field by field, and only tumours meeting every criterion, with their evidence, from a real run.
#include "test_support.hpp"

#include "registry/trial_candidates.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace chartflow::test {
namespace {

using registry::Biomarker;
using registry::BiomarkerResult;

BiomarkerResult result_of(const std::string& text, Biomarker marker) {
  for (const auto& f : registry::find_biomarkers(text))
    if (f.marker == marker) return f.result;
  ADD_FAILURE() << "no " << registry::biomarker_name(marker) << " in: " << text;
  return BiomarkerResult::equivocal;
}

TEST(Biomarkers, ReadsTheWaysReportsStateThem) {
  EXPECT_EQ(result_of("Estrogen receptor (ER): Positive (95%).", Biomarker::er), BiomarkerResult::positive);
  EXPECT_EQ(result_of("ER negative, PR negative.", Biomarker::pr), BiomarkerResult::negative);
  EXPECT_EQ(result_of("Progesterone receptor is positive", Biomarker::pr), BiomarkerResult::positive);
  EXPECT_EQ(result_of("HER2 (IHC): 3+", Biomarker::her2), BiomarkerResult::positive);
  EXPECT_EQ(result_of("HER2 (IHC): 1+", Biomarker::her2), BiomarkerResult::negative);
  EXPECT_EQ(result_of("HER2/neu: 2+", Biomarker::her2), BiomarkerResult::equivocal);
  EXPECT_EQ(result_of("HER-2 not amplified by FISH", Biomarker::her2), BiomarkerResult::negative);
  // Said twice, differently: equivocal, for a person to read.
  EXPECT_EQ(result_of("ER: positive. Addendum: ER negative on repeat.", Biomarker::er), BiomarkerResult::equivocal);
  EXPECT_TRUE(registry::find_biomarkers("The patient's ERCP was unremarkable; PR department notified.").empty());
}

TEST(TrialCriteria, UnknownFieldsAndBadValuesAreNamed) {
  TempDir dir;
  const auto refused = [&](const std::string& text, const std::string& says) {
    write_file(dir / "c.json", text);
    try {
      registry::read_criteria(dir / "c.json");
      ADD_FAILURE() << "accepted " << text;
    } catch (const registry::CohortError& e) {
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  };
  refused("[]", "expected {\"name\"");
  refused(R"({"criteria": {"colour": ["blue"]}})", "criteria.colour: unknown criterion");
  refused(R"({"criteria": {"biomarkers": {"KRAS": "positive"}}})", "unknown biomarker 'KRAS'");
  refused(R"({"criteria": {"biomarkers": {"ER": "yes"}}})", "criteria.biomarkers.ER must be positive, negative or equivocal");
  refused(R"({"criteria": {"age": {"min": "eighteen"}}})", "criteria.age.min must be a whole number");
  refused(R"({"criteria": {"diagnosis_date": {"from": "2026-02-30"}}})", "criteria.diagnosis_date.from");
  refused(R"({"criteria": {"sex": "f"}})", "criteria.sex must be");
  write_file(dir / "c.json", R"({"name": "x", "criteria": {"site": ["C50"], "age": {"min": 18}, "biomarkers": {"HER2": "negative"}}})");
  const auto c = registry::read_criteria(dir / "c.json");
  EXPECT_EQ(c.sites, std::vector<std::string>{"C50"});
  EXPECT_EQ(*c.min_age, 18);
  ASSERT_EQ(c.biomarkers.size(), 1u);
}

TEST(TrialCandidates, OnlyTumoursMeetingEveryCriterionWithTheirEvidence) {
  TempDir dir;
  const std::string report =
      "SURGICAL PATHOLOGY REPORT\n\nPATIENT: Synthetic Patient %N%          MRN: 00-000-%N%\nDOB: 03/14/1961          SEX: Female\n"
      "Date of procedure: 03/09/2026\n\nFINAL DIAGNOSIS:\nLEFT BREAST, CORE BIOPSY: INVASIVE DUCTAL CARCINOMA, GRADE 2.\n\n"
      "BIOMARKERS:\nEstrogen receptor (ER): Positive (95%).\nHER2 (IHC): %HER2%.\n";
  const auto write = [&](const std::string& n, const std::string& her2) {
    std::string r = std::regex_replace(report, std::regex("%N%"), n);
    write_file(dir / "in" / ("r" + n + ".txt"), std::regex_replace(r, std::regex("%HER2%"), her2));
  };
  write("0061", "1+ (negative)");
  write("0062", "3+ (positive)");
  write("0063", "not done");
  const auto run = run_chartflow("run --config '" + (kSourceDir / "tests/fixtures/registry/pipeline.json").string() + "' --input '" +
                                 (dir / "in").string() + "' --output '" + (dir / "out").string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  write_file(dir / "c.json", R"({"name": "HR+ HER2- breast", "criteria": {"site": ["C50"], "behavior": ["3"], "sex": "female",
      "age": {"min": 18, "max": 75}, "diagnosis_date": {"from": "2026-01-01"}, "biomarkers": {"ER": "positive", "HER2": "negative"}}})");
  std::size_t seen = 0;
  const auto found = registry::find_candidates(dir / "out", registry::read_criteria(dir / "c.json"), seen);
  EXPECT_EQ(seen, 3u);
  ASSERT_EQ(found.size(), 1u);  // HER2 3+ is positive; HER2 "not done" is no result: never a guess
  EXPECT_EQ(found[0].patient, "00-000-0061");
  EXPECT_EQ(found[0].matched["HER2"]["value"], "negative");
  EXPECT_NE(found[0].matched["HER2"]["evidence"].get<std::string>().find("1+"), std::string::npos);
  EXPECT_EQ(found[0].matched["age"]["value"], 64);
  EXPECT_NE(found[0].matched["site"]["value"].get<std::string>().find("C50"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::test
