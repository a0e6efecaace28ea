// Evidence spans followed back to the page: through the normalized view's source map to the OCR
// words and their boxes, and cut to whole UTF-8 characters when quoted.
#include "test_support.hpp"

#include "review/evidence_map.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

using nlohmann::json;

json record() {
  // raw: "Dx: carci-\nnoma of breast"; normalisation joined the hyphenated word (2 bytes fewer).
  const std::string raw = "Dx: carci-\nnoma of breast";
  const std::string normalized = "Dx: carcinoma of breast";
  json words = json::array();
  const auto word = [&](std::size_t b, std::size_t e, int x) {
    words.push_back({{"view", "raw"}, {"begin", b}, {"end", e}, {"page", 1}, {"box", {{"x", x}, {"y", 10}, {"w", 40}, {"h", 12}}}});
  };
  word(0, 3, 10);    // Dx:
  word(4, 10, 60);   // carci-
  word(11, 15, 110); // noma
  word(16, 18, 160); // of
  word(19, 25, 210); // breast
  return {{"views", {{{"name", "raw"}, {"text", raw}},
                     {{"name", "normalized"}, {"text", normalized}, {"derived_from", "raw"}, {"source_map", {{0, 0}, {9, 11}}}}}},
          {"words", words}};
}

TEST(EvidenceMap, FollowsTheSourceMapToTheWordsOnThePage) {
  const review::EvidenceMap map(record());
  // "carcinoma" in the normalized view covers "carci-" and "noma" in the raw one.
  const review::Span carcinoma{"normalized", 4, 13};
  EXPECT_EQ(map.text(carcinoma), "carcinoma");
  const auto raw = map.to_view(carcinoma, "raw");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->begin, 4u);
  EXPECT_EQ(raw->end, 15u);
  const auto boxes = map.boxes(carcinoma);
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_EQ(boxes[0].x, 60);
  EXPECT_EQ(boxes[1].x, 110);
  // "breast", after the join, is shifted by two bytes.
  const auto breast = map.boxes({"normalized", 17, 23});
  ASSERT_EQ(breast.size(), 1u);
  EXPECT_EQ(breast[0].x, 210);
  EXPECT_EQ(map.page_of({"normalized", 17, 23}), 1);
}

TEST(EvidenceMap, UnknownViewsAndTypedChartsGiveNoBoxes) {
  const review::EvidenceMap map(record());
  EXPECT_TRUE(map.boxes({"nope", 0, 3}).empty());
  EXPECT_EQ(map.text({"nope", 0, 3}), "");
  json typed = {{"views", {{{"name", "normalized"}, {"text", "Hypertension."}}}}};
  EXPECT_TRUE(review::EvidenceMap(typed).boxes({"normalized", 0, 12}).empty());
}

TEST(EvidenceMap, QuotesCutOnCharacterBoundaries) {
  json r = {{"views", {{{"name", "normalized"}, {"text", "Caf\xC3\xA9 au lait macules"}}}}};
  const review::EvidenceMap map(r);
  EXPECT_EQ(map.text({"normalized", 0, 4}), "Caf");  // never half of the é
  EXPECT_EQ(map.text({"normalized", 0, 100}, 4), "Caf");
  EXPECT_EQ(map.text({"normalized", 0, 5}), "Caf\xC3\xA9");
}

TEST(EvidenceMap, ParsesOnlyWellFormedSpans) {
  EXPECT_TRUE(review::parse_span({{"view", "raw"}, {"begin", 1}, {"end", 2}}));
  EXPECT_FALSE(review::parse_span({{"view", "raw"}, {"begin", 3}, {"end", 2}}));
  EXPECT_FALSE(review::parse_span({{"view", "raw"}, {"begin", -1}, {"end", 2}}));
  EXPECT_FALSE(review::parse_span({{"view", 1}, {"begin", 1}, {"end", 2}}));
  EXPECT_FALSE(review::parse_span(json::array()));
}

}  // namespace
}  // namespace chartflow::test
