#include "host/media_type.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::host {
namespace {

TEST(MediaType, RecognisesMagicNumbers) {
  EXPECT_EQ(sniff_media_type("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(sniff_media_type(std::string("II*\0rest", 8)), "image/tiff");
  EXPECT_EQ(sniff_media_type(std::string("MM\0*rest", 8)), "image/tiff");
  EXPECT_EQ(sniff_media_type("\x89PNG\r\n\x1a\nxxxx"), "image/png");
  EXPECT_EQ(sniff_media_type("\xFF\xD8\xFF\xE0xxxx"), "image/jpeg");
  EXPECT_EQ(sniff_media_type("MSH|^~\\&|LAB|..."), "application/hl7-v2");
  EXPECT_EQ(sniff_media_type("\x0BMSH|^~\\&|LAB|"), "application/hl7-v2");
}

// HL7 that does not start with "MSH|" at byte 0 must still reach the HL7 reader: the text reader
// would publish every identifier its PID segment holds.
TEST(MediaType, Hl7AfterBlankLinesByteOrderMarkOrFraming) {
  EXPECT_EQ(sniff_media_type("\nMSH|^~\\&|LAB|FAC\rPID|1||900020^^^H^MR\r"), "application/hl7-v2");
  EXPECT_EQ(sniff_media_type("\r\n\r\n  \n\tMSH|^~\\&|LAB|FAC\r"), "application/hl7-v2");
  EXPECT_EQ(sniff_media_type("\xEF\xBB\xBF\r\nMSH|^~\\&|LAB|FAC\r"), "application/hl7-v2");
  EXPECT_EQ(sniff_media_type("\xEF\xBB\xBF\x0BMSH|^~\\&|LAB|FAC\r"), "application/hl7-v2");
  EXPECT_EQ(sniff_media_type("\n\x0BMSH|^~\\&|LAB|FAC\r"), "application/hl7-v2");
  EXPECT_EQ(sniff_media_type("FHS|^~\\&|LAB\rBHS|^~\\&|LAB\rMSH|^~\\&|LAB|FAC\r"), "application/hl7-v2");
}

TEST(MediaType, Hl7SegmentsWithoutTheirMshHeader) {
  EXPECT_EQ(sniff_media_type("PID|1||900020^^^H^MR||TEST^ALPHA\rOBR|1||S26-1\rOBX|1|TX|22637-3||text\r"), "application/hl7-v2");
  EXPECT_EQ(sniff_media_type("\n\nEVN|A01|20260310\nPID|1||900020^^^H^MR||TEST^ALPHA\nPV1|1|I\n"), "application/hl7-v2");
  EXPECT_EQ(sniff_media_type("OBX|1|TX|22637-3||one line only"), "application/hl7-v2");
  EXPECT_EQ(sniff_media_type("PID|1||900020^^^H^MR||TEST^ALPHA\r\nNTE|1||note\r\n"), "application/hl7-v2");
}

TEST(MediaType, NotesThatMentionSegmentsStayText) {
  EXPECT_EQ(sniff_media_type("PID 1: pelvic inflammatory disease, treated.\nPlan: follow up.\n"), "text/plain");
  EXPECT_EQ(sniff_media_type("PID: pelvic inflammatory disease\n"), "text/plain");
  EXPECT_EQ(sniff_media_type("OBX results reviewed | all normal\n"), "text/plain");
  EXPECT_EQ(sniff_media_type("MSH was discussed with the patient.\n"), "text/plain");
  // A pipe-separated table whose header happens to start with a segment id: one segment-like line
  // among several is not HL7.
  EXPECT_EQ(sniff_media_type("PID|NAME|DATE\n1|a|b\n2|c|d\n3|e|f\n"), "text/plain");
  EXPECT_EQ(sniff_media_type("Progress note\nPID|1||x\nOBX|1\n"), "text/plain");
}

TEST(MediaType, TextIsTextWhateverItsEncoding) {
  EXPECT_EQ(sniff_media_type("CHIEF COMPLAINT: chest pain\n"), "text/plain");
  EXPECT_EQ(sniff_media_type("caf\xE9\n"), "text/plain");
  EXPECT_EQ(sniff_media_type("\xEF\xBB\xBFHPI: ok"), "text/plain");
  EXPECT_EQ(sniff_media_type(std::string("\xFF\xFEH\0P\0I\0", 8)), "text/plain");
  EXPECT_EQ(sniff_media_type(std::string("H\0P\0I\0:\0 \0o\0k\0\n\0", 16)), "text/plain");
  EXPECT_EQ(sniff_media_type("BM is a common abbreviation"), "text/plain");
}

TEST(MediaType, BinaryIsNotText) {
  EXPECT_EQ(sniff_media_type(std::string("\x7F" "ELF\2\1\1\0\0\0", 10)), "application/octet-stream");
  EXPECT_EQ(sniff_media_type(std::string("abc\0\0\x13\x88xyz\0", 11)), "application/octet-stream");
  EXPECT_EQ(sniff_media_type(std::string("PK\x03\x04", 4)), "application/zip");
}

TEST(MediaType, NeverFailsOnRandomBytes) {
  std::mt19937 rng(1);
  for (int i = 0; i < 5000; ++i) {
    std::string bytes(rng() % 64, '\0');
    for (auto& b : bytes) b = static_cast<char>(rng());
    EXPECT_FALSE(sniff_media_type(bytes).empty());
  }
}

}  // namespace
}  // namespace chartflow::host
