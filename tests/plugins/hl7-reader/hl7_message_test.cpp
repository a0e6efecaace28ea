// The HL7 v2 reader's parser: structure, escapes, the ways files frame messages, and malformed
// or hostile input (each refused with a reason, never a crash).
#include "hl7-reader/hl7_message.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::hl7 {
namespace {

const std::string kMessage =
    "MSH|^~\\&|LAB|FAC|REG|ST|20260310||ORU^R01^ORU_R01|1|P|2.5.1\r"
    "PID|1||900020^^^H^MR~123^^^SSA^SS||TEST^BETA\r"
    "OBR|1||S26-1^LAB|11529-5^Surgical pathology report^LN|||20260309\r"
    "OBX|1|FT|22637-3^Final diagnosis^LN|1|Line one\\.br\\A \\T\\ B \\F\\ C \\S\\ D \\R\\ E \\E\\ F \\X41\\||||||F\r";

TEST(Hl7Message, FieldsComponentsAndEscapes) {
  const auto messages = parse_messages(kMessage);
  ASSERT_EQ(messages.size(), 1u);
  const Message& m = messages[0];
  EXPECT_EQ(m.segments.size(), 4u);
  const Segment* msh = m.first("MSH");
  ASSERT_NE(msh, nullptr);
  EXPECT_EQ(m.component(*msh, 9, 1), "ORU");
  EXPECT_EQ(m.component(*msh, 9, 2), "R01");
  EXPECT_EQ(m.component(*msh, 12, 1), "2.5.1");
  const Segment* pid = m.first("PID");
  EXPECT_EQ(m.repetitions(*pid, 3).size(), 2u);
  EXPECT_EQ(m.component(*pid, 3, 1), "900020");
  const Segment* obx = m.first("OBX");
  EXPECT_EQ(m.decode(obx->field(5)), "Line one\nA & B | C ^ D ~ E \\ F A");
}

TEST(Hl7Message, FramingsAndSeveralMessages) {
  std::string lf = kMessage;
  std::replace(lf.begin(), lf.end(), '\r', '\n');
  EXPECT_EQ(parse_messages(lf)[0].segments.size(), 4u);
  std::string printed;  // the "<CR>" of printed documentation
  for (char c : kMessage) printed += c == '\r' ? std::string("<CR>\n") : std::string(1, c);
  EXPECT_EQ(parse_messages(printed)[0].segments.size(), 4u);
  const std::string framed = "\x0B" + kMessage + "\x1C\r";
  EXPECT_EQ(parse_messages(framed)[0].segments.size(), 4u) << "MLLP framing";
  const std::string two = kMessage + "\r\n" + kMessage;
  EXPECT_EQ(parse_messages(two).size(), 2u);
}

// Exports and hand-edited files start with blank lines or indent segments; batch files wrap
// messages in FHS/BHS ... BTS/FTS.
TEST(Hl7Message, LeadingWhitespaceBlankLinesAndBatchEnvelopes) {
  for (const std::string& prefix : {std::string("\n"), std::string("\r\n\r\n  \n\t"), std::string("\xEF\xBB\xBF\r\n"),
                                    std::string("\xEF\xBB\xBF\x0B"), std::string("  ")}) {
    const std::string bytes = prefix + kMessage;
    const auto messages = parse_messages(bytes);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].segments.size(), 4u);
    EXPECT_EQ(messages[0].segments[0].offset, prefix.size());
  }
  std::string indented = kMessage;
  for (std::size_t at = indented.find('\r'); at + 1 < indented.size(); at = indented.find('\r', at + 3)) indented.insert(at + 1, "  ");
  EXPECT_EQ(parse_messages(indented)[0].component(*parse_messages(indented)[0].first("PID"), 3, 1), "900020");
  const std::string batch = "FHS|^~\\&|LAB\rBHS|^~\\&|LAB\r" + kMessage + "BTS|1\rFTS|1\r";
  const auto messages = parse_messages(batch);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].segments.size(), 4u);
}

TEST(Hl7Message, SegmentsWithoutMshAreRefusedAsSuch) {
  const std::string bytes = "\nPID|1||900020^^^H^MR||TEST^ALPHA\rOBX|1|TX|22637-3||Final text\r";
  try {
    parse_messages(bytes);
    FAIL() << "segments without MSH were parsed";
  } catch (const Hl7Error& e) {
    const std::string reason = e.what();
    EXPECT_NE(reason.find("HL7 message has no MSH segment"), std::string::npos) << reason;
    EXPECT_NE(reason.find("segment 1 (PID) at byte offset 1"), std::string::npos) << reason;
  }
}

// A reason goes into the quarantine entry and the summary: it says where (segment, field, byte
// offset), never what the message holds there.
TEST(Hl7Message, ReasonsNameThePlaceNeverTheContent) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {kMessage + "Doe Jane was seen\r", "segment 5 at byte offset " + std::to_string(kMessage.size())},
      {kMessage + "JANE DOE|x\r", "segment 5 at byte offset"},
      {"MSHDOE^J|A\r", "field separator (MSH-1) at byte offset 3"},
      {"MSH|^~DOE|A\r", "escape character (MSH-2.3) at byte offset 6"},
      {"MSH|^~\\~|DOE^JANE\r", "segment 1 (MSH) at byte offset 0: MSH uses the same character"},
      {"\r\nMSH|^~\r", "segment 1 (MSH) at byte offset 2"},
  };
  for (const auto& [bytes, place] : cases) {
    try {
      parse_messages(bytes);
      ADD_FAILURE() << "parsed: " << bytes;
    } catch (const Hl7Error& e) {
      const std::string reason = e.what();
      EXPECT_NE(reason.find(place), std::string::npos) << reason;
      for (const char* content : {"Doe", "DOE", "JANE", "Jane"}) EXPECT_EQ(reason.find(content), std::string::npos) << reason;
    }
  }
}

TEST(Hl7Message, FieldOffsetsPointIntoTheFile) {
  const auto messages = parse_messages(kMessage);
  const Segment& obx = messages[0].segments[3];
  EXPECT_EQ(obx.where(), "segment 4 (OBX) at byte offset " + std::to_string(kMessage.find("OBX|")));
  EXPECT_EQ(obx.field_offset(5), kMessage.find("Line one"));
  EXPECT_EQ(obx.field_offset(0), obx.offset);
  const Segment& msh = messages[0].segments[0];
  EXPECT_EQ(msh.field(1), "|");
  EXPECT_EQ(msh.field(2), "^~\\&");
  EXPECT_EQ(msh.field_offset(2), 4u);
  EXPECT_EQ(msh.field_count(), 13u);
  EXPECT_EQ(obx.field(40), "");
  EXPECT_EQ(obx.field_offset(40), obx.offset + obx.line.size());
}

TEST(Hl7Message, MalformedInputIsRefusedWithAReason) {
  const auto error = [](std::string_view bytes) {
    try {
      parse_messages(bytes);
    } catch (const Hl7Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error(""), "");
  EXPECT_NE(error("PID|1||123\r").find("has no MSH segment"), std::string::npos);
  EXPECT_NE(error("MSH|^~\r").find("too short"), std::string::npos);
  EXPECT_NE(error("MSH|^^\\&|A\r").find("same character"), std::string::npos);
  EXPECT_NE(error("MSHa^~\\&|A\r").find("is a letter, digit or space"), std::string::npos);
  EXPECT_NE(error(kMessage + "obx|1\r").find("not a segment id"), std::string::npos);
  std::string many = kMessage;
  for (int i = 0; i < 20; ++i) many += "NTE|1||x\r";
  EXPECT_NO_THROW(parse_messages(many));
  EXPECT_THROW(parse_messages(many, 10), Hl7Error);
}

TEST(Hl7Message, MutatedMessagesNeverCrash) {
  std::mt19937 rng(5);
  const std::string alphabet = "|^~\\&\r\nMSHOBXPID0123456789 .<>CR\x0B\x1C";
  int parsed = 0, refused = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string bytes = kMessage;
    const int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % (bytes.size() + 1);
      switch (rng() % 3) {
        case 0: bytes.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        case 1: if (at < bytes.size()) bytes.erase(at, 1 + rng() % 8); break;
        default: if (at < bytes.size()) bytes[at] = static_cast<char>(rng() % 256);
      }
    }
    if (i % 10 == 0) bytes.resize(rng() % (bytes.size() + 1));  // truncated
    try {
      for (const auto& m : parse_messages(bytes))
        for (const auto& s : m.segments)
          for (std::size_t f = 0; f < s.field_count() + 2; ++f) (void)m.decode(s.field(f)), (void)m.component(s, f, 2);
      ++parsed;
    } catch (const Hl7Error&) {
      ++refused;
    }
  }
  EXPECT_GT(parsed, 100);
  EXPECT_GT(refused, 100);
}

}  // namespace
}  // namespace chartflow::hl7
