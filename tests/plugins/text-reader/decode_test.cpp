#include "text-reader/decode.hpp"

#include <chartflow/sdk.hpp>
#include <chartflow/utf8.hpp>

#include <gtest/gtest.h>

#include <random>

namespace chartflow::text_reader {
namespace {

std::string reason(std::string_view bytes, bool allow_1252 = true) {
  try {
    decode(bytes, allow_1252);
  } catch (const sdk::InvalidInput& e) {
    return e.what();
  }
  return "";
}

TEST(Decode, Utf8PassesThroughUnchanged) {
  const auto d = decode("Temp 38.5\xC2\xB0" "C, caf\xC3\xA9\n", true);
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_EQ(d.text, "Temp 38.5\xC2\xB0" "C, caf\xC3\xA9\n");
}

TEST(Decode, ByteOrderMarksAreHonoured) {
  EXPECT_EQ(decode("\xEF\xBB\xBFHPI", true).text, "HPI");
  EXPECT_EQ(decode("\xEF\xBB\xBFHPI", true).encoding, "utf-8-bom");
  const auto le = decode(std::string("\xFF\xFEH\0\xE9\0", 6), true);
  EXPECT_EQ(le.encoding, "utf-16le");
  EXPECT_EQ(le.text, "H\xC3\xA9");
  const auto be = decode(std::string("\xFE\xFF\0H\xD8\x3D\xDE\x00", 8), true);
  EXPECT_EQ(be.encoding, "utf-16be");
  EXPECT_EQ(be.text, "H\xF0\x9F\x98\x80");
}

TEST(Decode, Utf16WithoutBomIsRecognised) {
  const std::string text = "Chief complaint: cough\n";
  std::string le;
  for (char c : text) le += std::string{c, '\0'};
  EXPECT_EQ(decode(le, true).text, text);
  EXPECT_EQ(decode(le, true).encoding, "utf-16le");
}

TEST(Decode, BrokenUtf16IsRefusedNotGarbled) {
  EXPECT_NE(reason(std::string("\xFF\xFEH\0I", 5)).find("odd number of bytes"), std::string::npos);
  EXPECT_NE(reason(std::string("\xFF\xFE\x3D\xD8", 4)).find("truncated"), std::string::npos);
  EXPECT_NE(reason(std::string("\xFF\xFE\x00\xDC" "a\0", 6)).find("unpaired surrogate"), std::string::npos);
}

TEST(Decode, Windows1252IsConvertedOrRefusedAsConfigured) {
  const auto d = decode("caf\xE9 \x93quoted\x94 \x80" "5\n", true);
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.text, "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC" "5\n");
  EXPECT_NE(reason("caf\xE9\n", false).find("legacy_encoding is 'reject'"), std::string::npos);
  EXPECT_NE(reason("bad \x81 byte\n").find("undefined in Windows-1252"), std::string::npos);
}

TEST(Decode, OtherEncodingsAreRefusedRatherThanGarbled) {
  // Shift-JIS: most bytes are 8-bit, which Windows-1252 text never is.
  const std::string sjis = "\x8A\xB3\x8E\xD2\x82\xCD\x93\xAA\x92\xC9\x82\xF0\x91\x69\x82\xA6\x82\xE9";
  EXPECT_NE(reason(sjis).find("not Windows-1252 text either"), std::string::npos) << reason(sjis);
}

TEST(Decode, BinaryIsRefused) {
  EXPECT_NE(reason(std::string("abc\0def", 7)).find("NUL"), std::string::npos);
  std::string controls = "text";
  for (int i = 0; i < 20; ++i) controls += "\x01\x02\x03";
  EXPECT_NE(reason(controls).find("control characters"), std::string::npos);
}

// The binary check counts characters and control characters eight bytes at a time where it can:
// the count must be the byte-by-byte one, whatever the blocks hold (controls, DEL, UTF-8, NUL).
TEST(Decode, BinaryCheckCountsAsAByteByByteCountDoes) {
  const std::string pieces[] = {"plain text ", "\n", "\t", "\x01", "\x7f", "caf\xc3\xa9", "\xe2\x80\x94", "x", "\x1b", "~"};
  std::mt19937 rng(9);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (std::size_t k = 0, n = rng() % 60; k < n; ++k) text += pieces[rng() % (round % 3 == 0 ? std::size(pieces) : 4)];
    if (round % 50 == 0) text += std::string(1, '\0') + "after";  // between characters, as a NUL in a file
    std::size_t chars = 0, controls = 0;
    bool nul = false;
    for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      if ((c & 0xC0) == 0x80) continue;
      ++chars;
      nul = nul || c == 0;
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F) ++controls;
    }
    const std::string why = reason(text);
    if (nul) EXPECT_NE(why.find("NUL"), std::string::npos) << round << " " << why;
    else if (controls * 100 > chars) EXPECT_EQ(why, "binary content: " + std::to_string(controls) + " control characters in " + std::to_string(chars) + "; this does not look like a text file") << round;
    else EXPECT_EQ(why, "") << round;
  }
}

// Fuzz-style: random bytes either decode to valid UTF-8 or are refused with a reason.
TEST(Decode, RandomBytesAlwaysGiveValidUtf8OrAReason) {
  std::mt19937 rng(42);
  for (int i = 0; i < 20000; ++i) {
    std::string bytes(rng() % 80, '\0');
    const int mode = i % 3;
    for (auto& b : bytes) b = static_cast<char>(mode == 0 ? rng() : mode == 1 ? 0x20 + rng() % 0x60 : (rng() % 4 ? 'a' + rng() % 26 : rng()));
    try {
      const auto d = decode(bytes, i % 2 == 0);
      ASSERT_TRUE(utf8::is_valid(d.text)) << i;
    } catch (const sdk::InvalidInput& e) {
      ASSERT_GT(std::string(e.what()).size(), 10u);
    }
  }
}

}  // namespace
}  // namespace chartflow::text_reader
