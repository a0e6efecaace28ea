// `chartflow drg group` as a user meets it: hand-made claims whose DRGs follow from the MS-DRG v43
// definitions (heart failure 291-293 by CC/MCC, percutaneous cardiovascular procedures 321/322 by MCC or
// four arteries), invalid codes reported by the MCE and the grouper's return code without stopping the
// file, and every structural problem stopping it with the file, line and column named; with a synthetic
// Table 5, weights and payments worked out by hand, and a bad Table 5 stopping it in one line.
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

const fs::path kTable5 = kSourceDir / "tests/fixtures/reimbursement/table5_synthetic/table5_synthetic.csv";

// Payments worked out by hand from the synthetic Table 5's made-up weights (291: 1.5, GMLOS 5,
// post-acute; 292: 1.0; 293: 0.7, GMLOS 3, not post-acute; 321: 3.0, GMLOS 3, special pay) at a
// base rate of $6,000.
constexpr const char* kTransferClaims =
    "id,discharge_date,age,sex,discharge_status,length_of_stay,pdx,sdx,procedures\n"
    // Home: the full payment, 1.0 x 6,000.
    "home,2025-11-03,78,F,01,4,I5023:Y,N179:Y,\n"
    // To a SNF after 2 days: 9,000 / 5 = 1,800 a day, x (2 + 1) = 5,400.
    "snf,2025-11-03,78,F,03,2,I5023:Y,J9601:Y,\n"
    // Home health after 6 days: 1,800 x 7 = 12,600, capped at the full 9,000.
    "home-health,2025-11-03,78,F,06,6,I5023:Y,J9601:Y,\n"
    // Rehabilitation after 1 day, special pay: 0.5 x 18,000 + 0.5 x 6,000 x 2 = 15,000.
    "rehab,2026-01-10,66,M,62,1,I2510:Y,E785:Y,02703DZ 02713DZ 02723DZ 02733DZ\n"
    // Another hospital after 1 day, any DRG: 4,200 / 3 x 2 = 2,800.
    "acute,2025-11-03,78,F,02,1,I5023:Y,,\n"
    // A SNF after a DRG that is not post-acute: the full 4,200.
    "snf-293,2025-11-03,78,F,03,1,I5023:Y,,\n"
    // A transfer without a length of stay: no payment.
    "no-stay,2025-11-03,78,F,03,,I5023:Y,J9601:Y,\n"
    // No payable DRG.
    "pr-as-pdx,2025-12-01,70,M,01,3,02703DZ,,\n";

TEST(DrgCommand, Table5AddsWeightsAndABaseRateAPaymentWithTheTransferAdjustment) {
  const TempDir dir;
  write_file(dir / "claims.csv", kTransferClaims);
  const auto r = run_chartflow("drg group --claims " + quote(dir / "claims.csv") + " --table5 " + quote(kTable5) + " --base-rate 6000");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string hf = "Heart Failure and Shock with MCC,I5023:pdx J9601:MCC,J9601:MCC,1.5000,5.0,6.2,post_acute,per_diem,";
  const std::vector<std::string> expected = {
      kExpected[0] + ",relative_weight,gmlos,amlos,transfer,payment_method,expected_payment",
      "home,430,NONE,,292,292,5,MEDICAL,OK,CC,Heart Failure and Shock with CC,I5023:pdx N179:CC,N179:CC,1.0000,4.0,4.9,none,full,6000.00",
      "snf,430,NONE,,291,291,5,MEDICAL,OK,MCC," + hf + "5400.00",
      "home-health,430,NONE,,291,291,5,MEDICAL,OK,MCC," + hf + "9000.00",
      "rehab,430,NONE,,321,321,5,SURGICAL,OK,NON_CC,Percutaneous Cardiovascular Procedures with Intraluminal Device with MCC or 4+ "
      "Arteries/Intraluminal Devices,I2510:pdx 02703DZ:procedure 02713DZ:procedure 02723DZ:procedure 02733DZ:procedure,,"
      "3.0000,3.0,3.9,post_acute,special_pay,15000.00",
      "acute,430,NONE,,293,293,5,MEDICAL,OK,NON_CC,Heart Failure and Shock without CC/MCC,I5023:pdx,,0.7000,3.0,3.6,acute,per_diem,2800.00",
      "snf-293,430,NONE,,293,293,5,MEDICAL,OK,NON_CC,Heart Failure and Shock without CC/MCC,I5023:pdx,,0.7000,3.0,3.6,post_acute,full,4200.00",
      "no-stay,430,NONE,,291,291,5,MEDICAL,OK,MCC," + hf,
      "pr-as-pdx,430,PREPAYMENT,INVALID_CODE=1,999,999,0,NONE,INVALID_PDX,NONE,Ungroupable,,,,,,,,",
  };
  EXPECT_EQ(lines(r.out), expected);
  // (1.0 + 1.5 x 3 + 3.0 + 0.7 x 2) / 7 = 1.4143; 6,000 + 5,400 + 9,000 + 15,000 + 2,800 + 4,200 = 42,400.
  EXPECT_EQ(r.err,
            "chartflow drg group: 8 claims, 7 DRGs assigned, 1 with MCE edits, 1 grouper error (INVALID_PDX 1); case-mix index 1.4143 "
            "over 7 claims with a weight, expected payment $42400.00 (1 transfer without length_of_stay left out)\n");

  // Weights alone without a base rate.
  const auto weights = run_chartflow("drg group --claims " + quote(dir / "claims.csv") + " --table5 " + quote(kTable5));
  ASSERT_EQ(weights.exit_code, 0) << weights.err;
  const auto out = lines(weights.out);
  ASSERT_EQ(out.size(), 9u);
  EXPECT_EQ(out[0], kExpected[0] + ",relative_weight,gmlos,amlos");
  EXPECT_EQ(out[1], "home,430,NONE,,292,292,5,MEDICAL,OK,CC,Heart Failure and Shock with CC,I5023:pdx N179:CC,N179:CC,1.0000,4.0,4.9");
  EXPECT_EQ(out[8], "pr-as-pdx,430,PREPAYMENT,INVALID_CODE=1,999,999,0,NONE,INVALID_PDX,NONE,Ungroupable,,,,,");
  EXPECT_NE(weights.err.find("; case-mix index 1.4143 over 7 claims with a weight\n"), std::string::npos) << weights.err;
}

TEST(DrgCommand, ABadTable5StopsTheCommandWithOneLine) {
  const TempDir dir;
  write_file(dir / "claims.csv", kTransferClaims);
  write_file(dir / "twice.csv", read_file(kTable5) + "292,Yes,No,05,MED,Heart Failure and Shock with CC,1.0000,4.0,4.9\r\n");
  write_file(dir / "short.csv", "MS-DRG\tPost-Acute DRG\tSpecial Pay DRG\tWeights\tGeometric mean LOS\tArithmetic mean LOS\n292\tYes\tNo\t1\t4\t4.9\n");
  write_file(dir / "book.xlsx", std::string("PK\x03\x04\x14\x00", 6));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"twice.csv", ":775: MS-DRG 292 is listed twice (first on line 235)"},
      {"short.csv", ": missing 769 MS-DRGs the grouper can assign: 001, 002,"},
      {"book.xlsx", ": is an Excel workbook or a zip archive, not text"},
      {"nowhere.csv", ": cannot open"},
  };
  for (const auto& [name, message] : cases) {
    const auto r = run_chartflow("drg group --claims " + quote(dir / "claims.csv") + " --table5 " + quote(dir / name) + " --base-rate 6000 --output " +
                                 quote(dir / "out.csv"));
    EXPECT_EQ(r.exit_code, 1) << name << ": " << r.err;
    EXPECT_EQ(r.err.rfind("chartflow: error: " + (dir / name).string() + message, 0), 0u) << name << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
    EXPECT_FALSE(fs::exists(dir / "out.csv")) << name << ": nothing is written";
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
  const auto rate_alone = run_chartflow("drg group --claims x.csv --base-rate 6000");
  EXPECT_EQ(rate_alone.exit_code, 2);
  EXPECT_NE(rate_alone.err.find("--base-rate needs --table5 FILE"), std::string::npos) << rate_alone.err;
  for (const char* rate : {"abc", "-5", "0", "$6,000", "6000x"}) {
    const auto bad = run_chartflow(std::string("drg group --claims x.csv --table5 t5.csv --base-rate ") + quote(rate));
    EXPECT_EQ(bad.exit_code, 2) << rate;
    EXPECT_NE(bad.err.find("--base-rate '" + std::string(rate) + "' is not a dollar amount"), std::string::npos) << bad.err;
  }
  const auto help = run_chartflow("--help");
  EXPECT_NE(help.out.find("chartflow drg group --claims FILE [--data DIR] [--output FILE.csv]"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::test
