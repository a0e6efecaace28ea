// The Table 5 reader (plugins/drg-grouper/core/table5.hpp): the synthetic FY 2026-layout fixture
// covers every DRG the grouper assigns; header texts, separators and encodings a spreadsheet may
// write are accepted; every bad file is one line naming the file (and line) and what to do.
#include "grouper.hpp"
#include "table5.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace chartflow::test {
namespace {

const fs::path kFixture = kSourceDir / "tests/fixtures/reimbursement/table5_synthetic/table5_synthetic.csv";
const fs::path kDataFolder = kSourceDir / "plugins/drg-grouper/data";

const std::string kHeader =
    "MS-DRG,FY 2026 Final Rule Post-Acute DRG,FY 2026 Final Rule Special Pay DRG,MDC,TYPE,MS-DRG Title,Weights,"
    "Geometric mean LOS,Arithmetic mean LOS\n";

std::vector<int> grouper_drgs() {
  static const drg::Grouper grouper(kDataFolder);
  std::vector<int> drgs = grouper.drgs(430);
  for (const int d : grouper.drgs(431))
    if (!std::binary_search(drgs.begin(), drgs.end(), d)) drgs.push_back(d);
  std::sort(drgs.begin(), drgs.end());
  return drgs;
}

// The message of reading `content` as a Table 5 ("" when it reads).
std::string error_of(const TempDir& dir, const std::string& name, const std::string& content) {
  write_file(dir / name, content);
  try {
    drg::Table5::read(dir / name);
  } catch (const drg::Table5Error& e) {
    return e.what();
  }
  return "";
}

TEST(Table5, TheSyntheticFixtureCoversEveryDrgTheGrouperAssigns) {
  const std::vector<int> drgs = grouper_drgs();
  EXPECT_EQ(drgs.size(), 772u);
  EXPECT_EQ(drgs.front(), 1);
  EXPECT_EQ(drgs.back(), 999);
  const drg::Table5 table = drg::Table5::read(kFixture);
  EXPECT_EQ(table.size(), 772u);
  EXPECT_TRUE(table.missing(drgs).empty());
  EXPECT_NO_THROW(table.require(drgs));
  const drg::Table5Row* hf = table.find(291);
  ASSERT_NE(hf, nullptr);
  EXPECT_EQ(hf->drg, 291);
  EXPECT_TRUE(hf->post_acute);
  EXPECT_FALSE(hf->special_pay);
  EXPECT_DOUBLE_EQ(hf->weight, 1.5);
  EXPECT_DOUBLE_EQ(hf->gmlos, 5.0);
  EXPECT_DOUBLE_EQ(hf->amlos, 6.2);
  EXPECT_EQ(hf->line, 234u) << "the title line, the header, then DRGs 001...";
  EXPECT_TRUE(table.find(321)->special_pay);
  EXPECT_EQ(table.find(0), nullptr);
  EXPECT_EQ(table.find(1000), nullptr);
}

TEST(Table5, HeaderTextsVaryByYearAndSpreadsheetsSaveTabsBomsAndCrLf) {
  const TempDir dir;
  // Another year's wording, columns in another order, tab-separated, a byte order mark, CRLF,
  // leading zeros left out, lower-case flags, spaces around numbers.
  write_file(dir / "t5.txt",
             "\xEF\xBB\xBF" "Table 5\r\n"
             "Relative Weight\tDRG\tFY 2019 Post-acute DRG\tFY 2019 Special pay DRG\tMS-DRG Title\tGMLOS\tAMLOS\r\n"
             "1.2345\t2\tyes\tno\tHeart Transplant or Implant of Heart Assist System without MCC\t 3.4 \t4.25\r\n"
             "\t\t\t\t\t\t\r\n"
             "0.0000\t999\tNo\tNo\tUngroupable\t0\t0\r\n");
  const drg::Table5 table = drg::Table5::read(dir / "t5.txt");
  ASSERT_NE(table.find(2), nullptr);
  EXPECT_DOUBLE_EQ(table.find(2)->weight, 1.2345);
  EXPECT_DOUBLE_EQ(table.find(2)->amlos, 4.25);
  EXPECT_TRUE(table.find(2)->post_acute);
  EXPECT_EQ(table.find(2)->line, 3u);
  EXPECT_EQ(table.missing({2, 998, 999}), std::vector<int>{}) << "the error DRGs may be absent";
  EXPECT_EQ(table.missing({1, 2, 3}), (std::vector<int>{1, 3}));
  // CSV with a quoted title holding commas and quotes, and a bare-CR (old Mac Excel) line end.
  write_file(dir / "t5.csv", kHeader + "001,No,No,PRE,SURG,\"Heart, \"\"Transplant\"\"\",26.3441,27.7,33.2\r002,No,No,PRE,SURG,x,1,2,3");
  const drg::Table5 csv = drg::Table5::read(dir / "t5.csv");
  EXPECT_EQ(csv.size(), 2u);
  EXPECT_DOUBLE_EQ(csv.find(1)->weight, 26.3441);
  EXPECT_EQ(csv.find(2)->line, 3u);
}

struct BadFile {
  const char* name;
  std::string content;
  std::string message;  // after "<file>"
};

TEST(Table5, EveryBadFileIsOneLineNamingTheFileAndLine) {
  const std::string row = "292,Yes,No,05,MED,Heart Failure and Shock with CC,1.0000,4.0,4.9\n";
  const std::vector<BadFile> cases = {
      {"empty.csv", "", ": is empty (expected CMS's Table 5 saved as CSV or tab-separated text)"},
      {"blank.csv", "\n \n,,\n", ": is empty"},
      {"claims.csv", "id,discharge_date,age,sex\n1,2025-11-03,78,F\n", ": not a CMS Table 5: no header row naming the MS-DRG and Weights columns"},
      {"no-flags.csv", "MS-DRG,MS-DRG Title,Weights,Geometric mean LOS,Arithmetic mean LOS\n" + row,
       ":1: the header has no column for Post-Acute DRG, Special Pay DRG (CMS's Table 5 has MS-DRG,"},
      {"two-weights.csv", "MS-DRG,Weights,FY 2025 Weights\n", ":1: two columns look like 'Weights' ('Weights' and 'FY 2025 Weights'): keep CMS's one"},
      {"header-only.csv", kHeader, ": has a header but no MS-DRG rows (is the file cut short?)"},
      {"weight.csv", kHeader + row + "293,No,No,05,MED,Heart Failure,0,7000,3.0,3.6\n",
       ":3: 10 cells, but the header has 9 (a comma inside a value needs quotes; numbers need no thousands separators)"},
      {"weight-text.csv", kHeader + "293,No,No,05,MED,Heart Failure,n/a,3.0,3.6\n",
       ":2: column 'Weights': 'n/a' is not a number (a relative weight, e.g. 1.2345)"},
      {"gmlos.csv", kHeader + "293,No,No,05,MED,Heart Failure,0.7,-3,3.6\n",
       ":2: column 'Geometric mean LOS': '-3' is not a number (days, e.g. 3.4)"},
      {"drg.csv", kHeader + row + "DRG 293,No,No,05,MED,x,0.7,3.0,3.6\n", ":3: column 'MS-DRG': 'DRG 293' is not an MS-DRG number (001 to 999)"},
      {"drg-range.csv", kHeader + "1000,No,No,05,MED,x,0.7,3.0,3.6\n", ":2: column 'MS-DRG': '1000' is not an MS-DRG number"},
      {"flag.csv", kHeader + "292,Maybe,No,05,MED,x,1.0,4.0,4.9\n",
       ":2: column 'FY 2026 Final Rule Post-Acute DRG': 'Maybe' is not Yes or No"},
      {"twice.csv", kHeader + row + row, ":3: MS-DRG 292 is listed twice (first on line 2)"},
      {"zero.csv", kHeader + "292,Yes,No,05,MED,x,0.0000,4.0,4.9\n", ":2: MS-DRG 292 has a weight of 0 (only the error DRGs 998 and 999 may)"},
      {"cut-row.csv", kHeader + row + "293,No,No,05,MED,Heart Fail", ":3: 6 cells, but the columns chartflow reads need 9 (the row is cut short)"},
      {"cut-quote.csv", kHeader + row + "293,No,No,05,MED,\"Heart Failure and", ":3: a quoted cell is never closed"},
      {"book.xlsx", std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "[Content_Types].xml",
       ": is an Excel workbook or a zip archive, not text: save the sheet as CSV (UTF-8) or tab-separated text"},
      {"old.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), ": is an Excel 97-2003 workbook, not text"},
      {"unicode.txt", std::string("\xFF\xFEM\0S\0-\0D\0R\0G\0", 14), ": is UTF-16 text (what Excel's \"Unicode Text\" writes)"},
      {"unicode-nobom.txt", std::string("M\0S\0-\0D\0R\0G\0", 12), ": is UTF-16 text"},
      {"binary.bin", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10), ": holds binary data, not text"},
  };
  for (const BadFile& c : cases) {
    const TempDir dir;
    const std::string message = error_of(dir, c.name, c.content);
    EXPECT_EQ(message.rfind((dir / c.name).string() + c.message, 0), 0u) << c.name << ": " << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << c.name << ": one line: " << message;
  }
  const TempDir dir;
  EXPECT_EQ(error_of(dir, "ok.csv", kHeader + row), "");
  try {
    drg::Table5::read(dir / "nowhere.csv");
    ADD_FAILURE() << "read a file that does not exist";
  } catch (const drg::Table5Error& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "nowhere.csv").string() + ": cannot open (does it exist, and may this user read it?)");
  }
  EXPECT_THROW(drg::Table5::read(dir.path()), drg::Table5Error) << "a folder";
}

TEST(Table5, ATableWithoutADrgTheGrouperAssignsListsThem) {
  const TempDir dir;
  const std::string row = "292,Yes,No,05,MED,Heart Failure and Shock with CC,1.0000,4.0,4.9\n";
  write_file(dir / "short.csv", kHeader + row);
  const drg::Table5 table = drg::Table5::read(dir / "short.csv");
  EXPECT_EQ(table.missing(grouper_drgs()).size(), 769u) << "772 less 292, 998 and 999";
  try {
    table.require(grouper_drgs());
    ADD_FAILURE() << "a table of one DRG covers the grouper";
  } catch (const drg::Table5Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind((dir / "short.csv").string() + ": missing 769 MS-DRGs the grouper can assign: 001, 002, 003, 004, 005, ", 0), 0u)
        << message;
    EXPECT_NE(message.find(" and 739 more (every MS-DRG of v43 needs its row"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
  }
  // Three DRGs missing: all named.
  std::string lines = read_file(kFixture);
  for (const char* drop : {"\r\n040,", "\r\n292,", "\r\n981,"}) {
    const auto at = lines.find(drop);
    ASSERT_NE(at, std::string::npos) << drop;
    lines.erase(at, lines.find("\r\n", at + 2) - at);
  }
  write_file(dir / "three.csv", lines);
  try {
    drg::Table5::read(dir / "three.csv").require(grouper_drgs());
    ADD_FAILURE() << "three DRGs missing";
  } catch (const drg::Table5Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind((dir / "three.csv").string() + ": missing 3 MS-DRGs the grouper can assign: 040, 292, 981 (", 0), 0u)
        << e.what();
  }
}

}  // namespace
}  // namespace chartflow::test
