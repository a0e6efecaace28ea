// JsonText, the cursor writer behind the record's JSON: its text must be what nlohmann::json
// writes, whatever the string (escapes straddling its 8-byte blocks and 1 KB chunks, UTF-8,
// control characters), and writers made while another is alive must not share its scratch buffer.
#include "record/json_text.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::record {
namespace {

using nlohmann::json;

std::string written_string(std::string_view s) {
  std::string out = "prefix:";
  JsonText(out).string(s);
  return out;
}

TEST(JsonText, StringsAreEscapedAsNlohmannEscapesThem) {
  std::mt19937 rng(11);
  const std::string pieces[] = {"a", "word ", "\"", "\\", "\n", "\t", "\x01", "\x1f", "caf\xc3\xa9", "\xe2\x80\x94", "/", "\x7f"};
  for (std::size_t length : {0u, 1u, 7u, 8u, 9u, 15u, 16u, 17u, 1023u, 1024u, 1025u, 3000u}) {
    for (int round = 0; round < 20; ++round) {
      std::string s;
      while (s.size() < length) s += pieces[rng() % std::size(pieces)];
      EXPECT_EQ(written_string(s), "prefix:" + json(s).dump()) << "length " << s.size();
    }
  }
}

TEST(JsonText, ValuesAndItemsReadBackAsTheyWereWritten) {
  const json item = json::parse(R"({"id": "m1", "n": -42, "u": 18446744073709551615, "d": 0.25, "whole": 2.0,
    "big": 1e300, "flags": [true, false, null], "nested": {"a": [], "b": {}, "c": [{"x": "\u0001"}]}})");
  binary::Writer w;
  binary::write_json(w, item);
  binary::write_json(w, json::parse(R"({"id": "m2"})"));
  std::string out;
  JsonText(out).items(binary::Items(w.bytes(), w.count()));
  EXPECT_EQ(out, json::array({item, json::parse(R"({"id": "m2"})")}).dump());
}

TEST(JsonText, AWriterMadeWhileAnotherIsAliveWritesItsOwnText) {
  std::string outer_text, inner_text;
  {
    JsonText outer(outer_text);
    outer.string(std::string(5000, 'x'));  // grows the buffer it borrowed
    {
      JsonText inner(inner_text);
      inner.string("inner");
    }
    outer.put(',');
    outer.string("end");
  }
  EXPECT_EQ(inner_text, "\"inner\"");
  EXPECT_EQ(outer_text, "\"" + std::string(5000, 'x') + "\",\"end\"");
}

TEST(JsonText, MalformedBytesThrowFormatError) {
  binary::Writer w;
  binary::write_json(w, json::parse(R"({"text": "hello", "list": [1, 2, 3]})"));
  const std::string good(w.bytes());
  for (std::size_t cut = 0; cut < good.size(); ++cut) {
    std::string out;
    const std::string bytes = good.substr(0, cut);
    EXPECT_THROW(JsonText(out).items(binary::Items(bytes, 1)), binary::FormatError) << "cut at " << cut;
  }
}

}  // namespace
}  // namespace chartflow::record
