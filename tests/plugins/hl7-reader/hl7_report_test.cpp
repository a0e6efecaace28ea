// The HL7 reader's report text: sections under headings, identifiers kept or left out, reasons
// that never quote the message, and messages of many megabytes read in one pass.
#include "hl7-reader/hl7_report.hpp"

#include <gtest/gtest.h>

namespace chartflow::hl7 {
namespace {

const std::string kHeader = "MSH|^~\\&|LAB|FAC|REG|ST|20260310||ORU^R01^ORU_R01|1|P|2.5.1\r";
const std::string kPatient = "PID|1||900020^^^H^MR~123^^^SSA^SS||TEST^BETA||19550101|F\r";
const std::string kOrder = "OBR|1||S26-1^LAB|11529-5^Surgical pathology report^LN|||20260309\r";

std::string report(const std::string& bytes) { return report_text(parse_messages(bytes)); }

ReportError report_error(const std::string& bytes) {
  try {
    report(bytes);
  } catch (const ReportError& e) {
    return e;
  }
  return ReportError(ReportProblem::no_text, "no error");
}

TEST(Hl7Report, SectionsUnderHeadingsWithoutNames) {
  const std::string text = report(kHeader + kPatient + kOrder + "OBX|1|FT|22637-3^Final diagnosis^LN|1|Carcinoma\\.br\\of breast||||||F\r" +
                                  "OBX|2|TX|22634-0^Gross^LN||Received fresh\r");
  EXPECT_NE(text.find("MRN: 900020\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Accession number: S26-1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Date of procedure: 03/09/2026\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nFINAL DIAGNOSIS (PART 1):\nCarcinoma\nof breast\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nGROSS DESCRIPTION:\nReceived fresh\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("BETA"), std::string::npos) << "the patient's name was copied";
  EXPECT_EQ(text.find("123"), std::string::npos) << "the SSN was copied";
}

TEST(Hl7Report, OtherMessageTypesAreNamedOnlyByTheirCodes) {
  ReportError e = report_error("MSH|^~\\&|A|B|C|D|2026||ADT^A01|1|P|2.5.1\r" + kPatient);
  EXPECT_EQ(e.problem(), ReportProblem::unsupported_type);
  EXPECT_STREQ(e.what(), "HL7 message type ADT^A01: only ORU^R01 pathology reports are read");
  e = report_error("MSH|^~\\&|A|B|C|D|2026||Jane Doe^x|1|P|2.5.1\r" + kPatient);
  EXPECT_EQ(e.problem(), ReportProblem::unsupported_type);
  EXPECT_EQ(std::string(e.what()).find("Jane"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("segment 1 (MSH) at byte offset 0, field 9"), std::string::npos) << e.what();
}

TEST(Hl7Report, TextThatIsNotUtf8IsRefusedWithItsPlace) {
  const std::string bytes = kHeader + kPatient + kOrder + "OBX|1|TX|22637-3||Jos\xE9 seen\r";
  const ReportError e = report_error(bytes);
  EXPECT_EQ(e.problem(), ReportProblem::bad_encoding);
  const std::string expected = "segment 4 (OBX) at byte offset " + std::to_string(bytes.find("OBX|")) + ", field 5 at byte offset " +
                               std::to_string(bytes.find("Jos"));
  EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  EXPECT_EQ(std::string(e.what()).find("Jos"), std::string::npos) << e.what();
}

TEST(Hl7Report, MessagesWithoutTextAreRefused) {
  const ReportError e = report_error(kHeader + kPatient + kOrder + "OBX|1|ED|22637-3||^application^pdf^Base64^AAAA\r");
  EXPECT_EQ(e.problem(), ReportProblem::no_text);
}

// A 10 MB OBX-5, and the same text in 100 000 segments: each read in one pass (they once took
// gigabytes, copied per segment, per field and per character). Memory is measured outside the
// tests (docs/operations.md); the CLI test runs one under a worker memory limit.
TEST(Hl7Report, MessagesOfTenMegabytesAreRead) {
  std::string big = kHeader + kPatient + kOrder + "OBX|1|TX|22637-3^Final diagnosis^LN||";
  const std::string sentence = "Invasive ductal carcinoma, grade 2, margins clear \\T\\ negative.\\.br\\";
  while (big.size() < 10'000'000) big += sentence;
  big += "||||||F\r";
  std::string text = report(big);
  EXPECT_GT(text.size(), 9'000'000u);
  EXPECT_NE(text.find("margins clear & negative.\nInvasive"), std::string::npos);

  std::string many = kHeader + kPatient + kOrder;
  for (int i = 0; i < 99'990; ++i) many += "OBX|" + std::to_string(i + 1) + "|TX|22635-7^Microscopic^LN||Sheets of atypical cells, mitoses seen.\r";
  text = report(many);
  EXPECT_GT(text.size(), 3'900'000u);
  EXPECT_EQ(text.find("MICROSCOPIC DESCRIPTION:"), text.rfind("MICROSCOPIC DESCRIPTION:")) << "one heading for the section";
}

TEST(Hl7Report, ALoneEscapeCharacterIsKeptAsText) {
  EXPECT_NE(report(kHeader + kOrder + "OBX|1|TX|22637-3||Total 5 \\ 6\r").find("Total 5 \\ 6\n"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::hl7
