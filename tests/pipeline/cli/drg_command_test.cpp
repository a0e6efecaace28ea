// `chartflow drg group` as a user meets it: hand-made claims whose DRGs follow from the MS-DRG v43
// definitions (heart failure 291-293 by CC/MCC, percutaneous cardiovascular procedures 321/322 by MCC or
// four arteries), invalid codes reported by the MCE and the grouper's return code without stopping the
// file, and every structural problem stopping it with the file, line and column named.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace chartflow::test {
namespace {

const fs::path kDataFolder = kSourceDir / "plugins/drg-grouper/data";

constexpr const char* kClaims =
    "id,discharge_date,age,sex,discharge_status,length_of_stay,pdx,poa_pdx,sdx,procedures\n"
    // Heart failure (acute on chronic systolic) alone, with a CC (acute kidney failure), with an MCC
    // (acute respiratory failure with hypoxia; type 2 diabetes is no CC) in grouper version 431.
    "hf,2025-11-03,78,F,01,4,I5023,Y,,\n"
    "hf-cc,2025-11-03,78,F,01,4,i50.23,Y,N17.9:Y,\n"
    "hf-mcc,20260415,78,female,1,4,I5023,Y,J9601:Y E119:Y,\n"
    // Coronary atherosclerosis with one drug-free stent, then stents in four arteries (DRG 321 without an MCC).
    "pci,2026-01-10,66,M,01,2,I2510,Y,E785:Y,02703DZ\n"
    "pci-4,2026-01-10,66,M,01,2,I2510,Y,E785:Y,02703DZ 02713DZ 02723DZ 02733DZ\n"
    // An invalid secondary code: an MCE edit, the DRG unchanged.
    "bad-sdx,2025-12-01,70,M,01,3,I5023,Y,XYZ99:Y N179:Y,\n"
    // A procedure code given as the principal diagnosis: invalid PDX, DRG 999.
    "pr-as-pdx,2025-12-01,70,M,01,3,02703DZ,,,\n"
    // Discharged before and after the dates MS-DRG v43 covers.
    "old,2024-06-15,70,M,01,3,I5023,Y,N179:Y,\n"
    "future,2026-10-01,70,M,01,3,I5023,Y,N179:Y,\n";

const std::vector<std::string> kExpected = {
    "id,version,mce_edit_type,mce_edits,initial_drg,final_drg,final_mdc,med_surg,return_code,severity,title,drivers,cc_mcc",
    "hf,430,NONE,,293,293,5,MEDICAL,OK,NON_CC,Heart Failure and Shock without CC/MCC,I5023:pdx,",
    "hf-cc,430,NONE,,292,292,5,MEDICAL,OK,CC,Heart Failure and Shock with CC,I5023:pdx N179:CC,N179:CC",
    "hf-mcc,431,NONE,,291,291,5,MEDICAL,OK,MCC,Heart Failure and Shock with MCC,I5023:pdx J9601:MCC,J9601:MCC",
    "pci,430,NONE,,322,322,5,SURGICAL,OK,NON_CC,Percutaneous Cardiovascular Procedures with Intraluminal Device "
    "without MCC,I2510:pdx 02703DZ:procedure,",
    "pci-4,430,NONE,,321,321,5,SURGICAL,OK,NON_CC,Percutaneous Cardiovascular Procedures with Intraluminal Device "
    "with MCC or 4+ Arteries/Intraluminal Devices,I2510:pdx 02703DZ:procedure 02713DZ:procedure 02723DZ:procedure "
    "02733DZ:procedure,",
    "bad-sdx,430,PREPAYMENT,INVALID_CODE=1,292,292,5,MEDICAL,OK,CC,Heart Failure and Shock with CC,I5023:pdx N179:CC,N179:CC",
    "pr-as-pdx,430,PREPAYMENT,INVALID_CODE=1,999,999,0,NONE,INVALID_PDX,NONE,Ungroupable,,",
    // The MCE edits any date from 1985 to the end of its year (2026-09-30); the grouper only its own versions'.
    "old,,NONE,,999,999,0,NONE,DISCHARGE_DATE_OUT_OF_RANGE,NONE,Ungroupable,,",
    "future,,INVALID_DISCHARGE_DATE,,999,999,0,NONE,DISCHARGE_DATE_OUT_OF_RANGE,NONE,Ungroupable,,",
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string tsv_of(std::string csv) {
  std::replace(csv.begin(), csv.end(), ',', '\t');
  return csv;
}

TEST(DrgCommand, GroupsHandMadeClaims) {
  const TempDir dir;
  write_file(dir / "claims.csv", kClaims);
  const auto r = run_chartflow("drg group --claims " + quote(dir / "claims.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines(r.out), kExpected);
  EXPECT_EQ(r.err,
            "chartflow drg group: 9 claims, 6 DRGs assigned, 3 with MCE edits, 3 grouper errors "
            "(DISCHARGE_DATE_OUT_OF_RANGE 2, INVALID_PDX 1)\n");
}

// A stage 4 pressure ulcer (L89.314, an MCC on the HAC 4 list) not present on admission drops the heart
// failure DRG from 291 to 293; present on admission it counts; without a POA indicator the final DRG is
// ungroupable; a hospital exempt from POA reporting keeps the MCC.
TEST(DrgCommand, HospitalAcquiredConditionFollowsPoa) {
  const TempDir dir;
  write_file(dir / "claims.csv",
             "id,discharge_date,age,sex,discharge_status,pdx,sdx,hospital_status\n"
             "not-poa,2025-11-03,78,F,01,I5023:Y,L89314:N,\n"
             "poa,2025-11-03,78,F,01,I5023:Y,L89314:Y,\n"
             "no-poa,2025-11-03,78,F,01,I5023:Y,L89314,\n"
             "exempt,2025-11-03,78,F,01,I5023:Y,L89314:N,exempt\n");
  const auto r = run_chartflow("drg group --claims " + quote(dir / "claims.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> expected = {
      kExpected[0],
      "not-poa,430,NONE,,291,293,5,MEDICAL,OK,NON_CC,Heart Failure and Shock without CC/MCC,I5023:pdx L89314:HAC,",
      "poa,430,NONE,,291,291,5,MEDICAL,OK,MCC,Heart Failure and Shock with MCC,I5023:pdx L89314:MCC,L89314:MCC",
      "no-poa,430,NONE,,291,999,0,NONE,HAC_MISSING_ONE_POA,NONE,Ungroupable,,",
      "exempt,430,NONE,,291,291,5,MEDICAL,OK,MCC,Heart Failure and Shock with MCC,I5023:pdx L89314:MCC,L89314:MCC",
  };
  EXPECT_EQ(lines(r.out), expected);
  EXPECT_EQ(r.err, "chartflow drg group: 4 claims, 3 DRGs assigned, 0 with MCE edits, 1 grouper error (HAC_MISSING_ONE_POA 1)\n");
}

// The same claims as gzip-compressed TSV, with the tables named by --data, written to --output.
TEST(DrgCommand, ReadsGzipTsvAndWritesTheOutputFile) {
  const TempDir dir;
  write_file(dir / "claims.tsv", tsv_of(kClaims));
  ASSERT_EQ(run_command("gzip " + quote(dir / "claims.tsv")).exit_code, 0);
  const auto r = run_chartflow("drg group --claims " + quote(dir / "claims.tsv.gz") + " --data " + quote(kDataFolder) +
                               " --output " + quote(dir / "drg.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("9 claims, 6 DRGs assigned"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("; wrote " + (dir / "drg.csv").string()), std::string::npos) << r.err;
  EXPECT_EQ(lines(read_file(dir / "drg.csv")), kExpected);
  for (const auto& entry : fs::directory_iterator(dir.path()))
    EXPECT_EQ(entry.path().string().find(".partial"), std::string::npos) << "no temporary file left: " << entry.path();
}

// CSV quoting: a quoted id with a comma, a quoted code list; an id a spreadsheet would run as a formula.
TEST(DrgCommand, QuotesCsvCells) {
  const TempDir dir;
  write_file(dir / "claims.csv",
             "ID,Discharge_Date,Age,Sex,Discharge_Status,PDX,SDX\n"
             "\"a, b\",20251103,78,U,20,I5023:Y,\"N179:Y  E119:Y\"\n"
             "=cmd,20251103,78,F,01,I5023:Y,\n");
  const auto r = run_chartflow("drg group --claims " + quote(dir / "claims.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 3u) << r.out;
  EXPECT_EQ(out[1], "\"a, b\",430,NONE,,292,292,5,MEDICAL,OK,CC,Heart Failure and Shock with CC,I5023:pdx N179:CC,N179:CC");
  EXPECT_EQ(out[2].rfind("\"'=cmd\",430,", 0), 0u) << out[2];
}

struct BadInput {
  const char* name;
  std::string content;
  std::string message;  // after "<file>:"
};

TEST(DrgCommand, StructuralProblemsStopWithFileLineAndColumn) {
  const std::string header = "id,discharge_date,age,sex,discharge_status,pdx\n";
  const std::string good = "ok,2025-11-03,78,F,01,I5023\n";
  const std::vector<BadInput> cases = {
      {"no-sex.csv", "id,discharge_date,age,discharge_status,pdx\n1,2025-11-03,78,01,I5023\n",
       "1: the header has no column 'sex' (required: discharge_date, age, sex, discharge_status, pdx;"},
      {"date.csv", header + good + "x,2025-13-03,78,F,01,I5023\n",
       "3: column 'discharge_date': '2025-13-03' is not a date (YYYY-MM-DD or YYYYMMDD)"},
      {"leap.csv", header + "x,20250229,78,F,01,I5023\n", "2: column 'discharge_date': '20250229' is not a date"},
      {"age.csv", header + good + good + "x,2025-11-03,old,F,01,I5023\n",
       "4: column 'age': 'old' is not an age in whole years"},
      {"sex.csv", header + "x,2025-11-03,78,X,01,I5023\n",
       "2: column 'sex': 'X' is not a sex (M, F or U; male, female or unknown)"},
      {"status.csv", header + "x,2025-11-03,78,F,home,I5023\n",
       "2: column 'discharge_status': 'home' is not a discharge status"},
      {"pdx.csv", header + good + "\nx,2025-11-03,78,F,01, \n",
       "4: column 'pdx': empty (every claim needs its principal diagnosis)"},
      {"width.csv", header + "x,2025-11-03,78,F,01,I5023,extra\n",
       "2: 7 fields, but the header has 6 (a comma inside a value needs quotes)"},
      {"quote.csv", header + "\"x,2025-11-03,78,F,01,I5023\n", "2: a quoted field is never closed"},
      {"empty.csv", "", " empty file, expected a header row"},
      {"status.tsv", tsv_of(header) + "x\t2025-11-03\t78\tF\t1x\tI5023\n",
       "2: column 'discharge_status': '1x' is not a discharge status"},
  };
  for (const BadInput& c : cases) {
    const TempDir dir;
    write_file(dir / c.name, c.content);
    const auto r = run_chartflow("drg group --claims " + quote(dir / c.name) + " --output " + quote(dir / "out.csv"));
    EXPECT_EQ(r.exit_code, 1) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find("chartflow: error: " + (dir / c.name).string() + ":" + c.message), std::string::npos)
        << c.name << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(dir / "out.csv")) << c.name << ": nothing is written";
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1) << c.name;
  }
  const TempDir dir;
  const auto missing = run_chartflow("drg group --claims " + quote(dir / "nowhere.csv"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find((dir / "nowhere.csv").string() + ": cannot open"), std::string::npos) << missing.err;
}

TEST(DrgCommand, DataFolderWithoutTheTablesNamesTheMissingFile) {
  const TempDir dir;
  write_file(dir / "claims.csv", kClaims);
  fs::create_directories(dir / "empty");
  const auto empty = run_chartflow("drg group --claims " + quote(dir / "claims.csv") + " --data " + quote(dir / "empty"));
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_NE(empty.err.find("DRG table " + (dir / "empty/msdrg/dx_codes.tsv.gz").string() + " is missing"), std::string::npos)
      << empty.err;
  // The grouper's tables without the MCE's.
  fs::create_directories(dir / "partial/msdrg");
  fs::copy(kDataFolder / "msdrg", dir / "partial/msdrg", fs::copy_options::recursive);
  const auto partial = run_chartflow("drg group --claims " + quote(dir / "claims.csv") + " --data " + quote(dir / "partial"));
  EXPECT_EQ(partial.exit_code, 1);
  EXPECT_NE(partial.err.find("DRG table " + (dir / "partial/mce/mce_i10dx_master.tsv.gz").string() + " is missing"),
            std::string::npos) << partial.err;
  const auto nowhere = run_chartflow("drg group --claims " + quote(dir / "claims.csv") + " --data " + quote(dir / "nowhere"));
  EXPECT_EQ(nowhere.exit_code, 1);
  EXPECT_NE(nowhere.err.find("--data " + (dir / "nowhere").string() + ": no such folder"), std::string::npos) << nowhere.err;
  for (const auto* r : {&empty, &partial, &nowhere}) {
    EXPECT_EQ(r->out, "");
    EXPECT_EQ(std::count(r->err.begin(), r->err.end(), '\n'), 1) << "one line: " << r->err;
  }
}

TEST(DrgCommand, UsageErrors) {
  const auto no_claims = run_chartflow("drg group");
  EXPECT_EQ(no_claims.exit_code, 2);
  EXPECT_NE(no_claims.err.find("drg group needs --claims FILE"), std::string::npos) << no_claims.err;
  const auto no_sub = run_chartflow("drg --claims x.csv");
  EXPECT_EQ(no_sub.exit_code, 2);
  EXPECT_NE(no_sub.err.find("chartflow drg group --claims FILE"), std::string::npos) << no_sub.err;
  const auto unknown = run_chartflow("drg regroup --claims x.csv");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown drg subcommand 'regroup'"), std::string::npos) << unknown.err;
  EXPECT_EQ(run_chartflow("drg group --claims x.csv --weights t5.csv").exit_code, 2) << "unknown option";
  const auto help = run_chartflow("--help");
  EXPECT_NE(help.out.find("chartflow drg group --claims FILE [--data DIR] [--output FILE.csv]"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::test
