// The binary item form (chartflow/binary.hpp): round trips with JSON, the JSON text the host writes
// from it, and malformed bytes, which must give FormatError and never a crash or an out-of-bounds
// read (a fuzz loop over truncations, bit flips and random bytes).
#include "record/binary_json.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::record {
namespace {

using nlohmann::json;

const json kSample = json::parse(R"({"id": "m1", "begin": 0, "end": 18446744073709551615, "neg": -42, "score": 0.9,
  "whole": 1.0, "text": "caf\u00e9 \"quoted\" \\ tab\t nl\n ctl\u0001", "flags": [true, false, null],
  "nested": {"a": [], "b": {}, "c": [{"x": 1}]}})");

binary::Writer written(const json& j) {
  binary::Writer w;
  binary::write_json(w, j);
  return w;
}

TEST(BinaryItems, RoundTripsThroughJsonUnchanged) {
  const auto w = written(kSample);
  ASSERT_TRUE(w.complete());
  EXPECT_EQ(w.count(), 1u);
  const binary::Value v(w.bytes().data(), w.bytes().data() + w.bytes().size());
  EXPECT_EQ(v.byte_size(), w.bytes().size());
  EXPECT_EQ(binary::to_json(v), kSample);
  EXPECT_EQ(v["end"].as_uint(), 18446744073709551615ull);
  EXPECT_EQ(v["neg"].as_int(), -42);
  EXPECT_EQ(v.string_or("missing", "fallback"), "fallback");
  EXPECT_EQ(v["nested"]["c"].size(), 1u);
  EXPECT_THROW(v["neg"].as_uint(), binary::FormatError);
  EXPECT_THROW(v["id"].as_double(), binary::FormatError);
}

TEST(BinaryItems, FindAllReadsTheFirstOfEachMemberAndLeavesAbsentOnesEmpty) {
  binary::Writer w;
  w.begin_object().member("id", "m1").member("begin", 3).member("id", "again").member("end", 9).end_object();
  const binary::Value v(w.bytes().data(), w.bytes().data() + w.bytes().size());
  const auto [end, missing, id, begin] = v.find_all<4>({"end", "missing", "id", "begin"});
  ASSERT_TRUE(end && id && begin);
  EXPECT_EQ(end->as_uint(), 9u);
  EXPECT_FALSE(missing);
  EXPECT_EQ(id->as_string(), "m1") << "the first of a repeated member, as find() gives";
  EXPECT_EQ(begin->as_uint(), 3u);
  // Not an object: nothing found, nothing thrown.
  const auto [none] = v["id"].find_all<1>({"id"});
  EXPECT_FALSE(none);
}

TEST(BinaryItems, JsonTextIsWhatNlohmannParsesBackToTheSameValue) {
  const auto w = written(kSample);
  const binary::Items items(w.bytes(), 1);
  const std::string text = to_json_text(items);
  EXPECT_EQ(json::parse(text), json::array({kSample}));
  EXPECT_NE(text.find("1.0"), std::string::npos) << "a whole double stays a double";
  EXPECT_NE(text.find("\\u0001"), std::string::npos);
}

TEST(BinaryItems, StampingReplacesTheProducer) {
  json item = {{"id", "s1"}, {"producer", "liar"}, {"begin", 1}};
  const auto w = written(item);
  std::string out;
  append_stamped(out, binary::Value(w.bytes().data(), w.bytes().data() + w.bytes().size()), "sections");
  item["producer"] = "sections";
  EXPECT_EQ(binary::to_json(binary::Value(out.data(), out.data() + out.size())), item);
}

TEST(BinaryItems, WriterRefusesUnbalancedUse) {
  binary::Writer w;
  EXPECT_THROW(w.key("x"), std::logic_error);
  w.begin_object();
  EXPECT_THROW(w.value(1), std::logic_error) << "a value in an object needs a key";
  EXPECT_THROW(w.end_array(), std::logic_error);
  EXPECT_FALSE(w.complete());
}

TEST(BinaryItems, Utf8CheckCoversKeysAndNestedStrings) {
  const auto sample = written(kSample);
  EXPECT_TRUE(strings_are_utf8(binary::Value(sample.bytes().data(), sample.bytes().data() + sample.bytes().size())));
  binary::Writer w;
  w.begin_object().key("a").begin_array().value(std::string_view("ok\xff", 3)).end_array().end_object();
  EXPECT_FALSE(strings_are_utf8(binary::Value(w.bytes().data(), w.bytes().data() + w.bytes().size())));
}

// Reads everything a host would read from untrusted bytes; only FormatError may come out.
void read_all(std::string_view bytes, std::size_t count) {
  try {
    for (const binary::Value v : binary::Items(bytes, count)) {
      std::string text;
      append_json(text, v);
      (void)strings_are_utf8(v);
      (void)v.find("id");
    }
  } catch (const binary::FormatError&) {
  }
}

TEST(BinaryItemsFuzz, MalformedBytesNeverCrashOrReadOutOfBounds) {
  const std::string good = written(kSample).bytes();
  std::mt19937 rng(7);
  for (std::size_t cut = 0; cut < good.size(); ++cut) read_all(std::string_view(good).substr(0, cut), 1);  // every truncation
  for (int round = 0; round < 20000; ++round) {
    std::string bytes = good;
    for (int flips = 1 + static_cast<int>(rng() % 4); flips > 0; --flips) bytes[rng() % bytes.size()] = static_cast<char>(rng());
    read_all(bytes, 1 + rng() % 3);
  }
  for (int round = 0; round < 5000; ++round) {
    std::string bytes(rng() % 64, '\0');
    for (auto& b : bytes) b = static_cast<char>(rng() % 12);  // mostly valid tags, random sizes
    read_all(bytes, rng() % 4);
  }
  SUCCEED();
}

}  // namespace
}  // namespace chartflow::record
