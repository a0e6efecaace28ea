// `chartflow hcc score`: scores with the hierarchy and interaction the model documentation works by
// hand (tests/plugins/hcc-v28 checks the arithmetic), and every kind of bad row named by line.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

TEST(HccCommand, ScoresEachBeneficiaryAndSaysWhatTheHierarchiesDropped) {
  const TempDir dir;
  write_file(dir / "b.csv",
             "id,age,sex,segment,orec,medicaid,codes\n"
             "a,72,F,CNA,0,0,E1122 E119 I5023\n"  // diabetes with and without complications; acute on chronic systolic heart failure (HCC 224)
             "b,70,M,CNA,0,0,\n"                  // demographics only
             "c,40,M,CNA,0,0,E119\n");            // an aged segment for a 40-year-old: an input error
  const auto r = run_chartflow("hcc score --beneficiaries " + quote(dir / "b.csv") + " --output " + quote(dir / "out.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string out = read_file(dir / "out.csv");
  EXPECT_NE(out.find("\n\"a\","), std::string::npos) << out;
  EXPECT_NE(out.find("HCC37 HCC224"), std::string::npos) << "diabetes with complications and heart failure kept: " << out;
  EXPECT_NE(out.find("HCC38<HCC37"), std::string::npos) << "diabetes without complications dropped by HCC 37: " << out;
  EXPECT_NE(out.find("DIABETES_HF_V28"), std::string::npos) << out;
  EXPECT_NE(out.find("\n\"b\",0."), std::string::npos) << "a demographic score alone: " << out;
  EXPECT_NE(out.find("\n\"c\",,"), std::string::npos) << out;
  EXPECT_NE(r.err.find("3 beneficiaries, 2 scored, 1 with an input error"), std::string::npos) << r.err;
}

TEST(HccCommand, BadRowsAreNamedByFileLineAndColumn) {
  const TempDir dir;
  write_file(dir / "sex.csv", "id,age,sex,segment,codes\nx,70,Q,CNA,E119\n");
  auto r = run_chartflow("hcc score --beneficiaries " + quote(dir / "sex.csv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("sex.csv:2: column 'sex': 'Q' is not M or F"), std::string::npos) << r.err;
  write_file(dir / "seg.csv", "id,age,sex,segment,codes\nx,70,M,XYZ,E119\n");
  r = run_chartflow("hcc score --beneficiaries " + quote(dir / "seg.csv"));
  EXPECT_NE(r.err.find("column 'segment': 'XYZ'"), std::string::npos) << r.err;
  write_file(dir / "hdr.csv", "id,age,sex,codes\nx,70,M,E119\n");
  r = run_chartflow("hcc score --beneficiaries " + quote(dir / "hdr.csv"));
  EXPECT_NE(r.err.find("the header has no 'segment' column"), std::string::npos) << r.err;
  EXPECT_EQ(run_chartflow("hcc score").exit_code, 2);
  r = run_chartflow("hcc score --beneficiaries " + quote(dir / "hdr.csv") + " --data " + quote(dir / "nowhere"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("CMS-HCC V28 tables are not at"), std::string::npos) << r.err;
}

TEST(HccCommand, PatientYearOptionsGivenToScoreAreRefusedNotIgnored) {
  const TempDir dir;
  write_file(dir / "b.csv", "id,age,sex,segment,codes\na,70,F,CNA,E119\n");
  const auto r = run_chartflow("hcc score --beneficiaries " + quote(dir / "b.csv") + " --year 2026");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--year is an option of `chartflow hcc patient-year`, not of `chartflow hcc score`"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace chartflow::test
