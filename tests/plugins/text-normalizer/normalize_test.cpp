#include "text-normalizer/normalize.hpp"

#include <chartflow/utf8.hpp>

#include <gtest/gtest.h>

#include <random>

namespace chartflow::normalizer {
namespace {

Normalized run(std::string_view text, bool join = true) { return normalize(text, Options{join}); }

TEST(Normalize, UnifiesLineBreaksSpacesQuotesAndDashes) {
  EXPECT_EQ(run("a\r\nb\rc\n").text, "a\nb\nc\n");
  EXPECT_EQ(run("BP\xC2\xA0" "120/80").text, "BP 120/80");
  EXPECT_EQ(run("\xE2\x80\x9Cno\xE2\x80\x9D \xE2\x80\x98x\xE2\x80\x99").text, "\"no\" 'x'");
  EXPECT_EQ(run("5\xE2\x80\x93" "10 mg \xE2\x80\x94 daily").text, "5-10 mg - daily");
  EXPECT_EQ(run("\xEF\xAC\x81" "ndings").text, "findings");
  EXPECT_EQ(run("\xEF\xBC\xA8\xEF\xBC\xB0\xEF\xBC\xA9").text, "HPI");
  EXPECT_EQ(run("zero\xE2\x80\x8Bwidth soft\xC2\xADhyphen").text, "zerowidth softhyphen");
  EXPECT_EQ(run("page\fbreak\x01").text, "page\nbreak");
}

TEST(Normalize, RejoinsWordsHyphenatedAcrossLineBreaks) {
  EXPECT_EQ(run("hyper-\ntension").text, "hypertension");
  EXPECT_EQ(run("hyper-\r\n   tension").text, "hypertension");
  EXPECT_EQ(run("Type-\nII diabetes").text, "Type-\nII diabetes") << "only before a lower-case letter";
  EXPECT_EQ(run("- item\n- item").text, "- item\n- item") << "list dashes stay";
  EXPECT_EQ(run("hyper-\ntension", false).text, "hyper-\ntension");
}

TEST(Normalize, KeepsCleanTextByteForByte) {
  const std::string clean = "CHIEF COMPLAINT: Chest pain.\n\nHPI: 54-year-old man, caf\xC3\xA9 owner.\n";
  const auto n = run(clean);
  EXPECT_EQ(n.text, clean);
  EXPECT_EQ(n.source_map.size(), 1u);
  EXPECT_EQ(n.changes, 0u);
}

TEST(Normalize, MapsEveryOffsetBackToTheSource) {
  const std::string source = "a\r\nhyper-\ntension \xE2\x80\x94 b\xEF\xAC\x81x";
  const auto n = run(source);
  EXPECT_EQ(n.text, "a\nhypertension - bfix");
  const auto at = [&](std::string_view needle) { return to_source_offset(n, n.text.find(needle)); };
  EXPECT_EQ(source.substr(at("hyper"), 5), "hyper");
  EXPECT_EQ(source.substr(at("tension"), 7), "tension");
  EXPECT_EQ(source.substr(at("- b"), 3), "\xE2\x80\x94");
  EXPECT_EQ(source.substr(at("x"), 1), "x");
  EXPECT_EQ(to_source_offset(n, n.text.size()), source.size());
}

// Fuzz-style: for any valid UTF-8 input the output is valid UTF-8, the map is sorted and in
// range, and every ASCII letter maps back to the same letter in the source. (Ligatures and
// full-width letters expand to letters that map to their source character, so they are
// checked in MapsEveryOffsetBackToTheSource instead.)
// Plain text is passed over eight bytes at a time: a hyphen or a DEL must be seen wherever it
// falls in a block.
TEST(Normalize, HyphensAndControlsAreSeenAtEveryPlaceInABlock) {
  for (std::size_t shift = 0; shift < 17; ++shift) {
    const std::string lead(shift, 'a');
    const auto out = run(lead + " hyper-\ntension \x7f end", true);
    EXPECT_EQ(out.text, lead + " hypertension  end") << shift;
  }
}

TEST(Normalize, RandomTextKeepsItsInvariants) {
  std::mt19937 rng(99);
  const std::vector<std::string> pieces = {"a", "Z", " ", "\n", "\r\n", "\r", "-", "-\n", "\t", "\xC2\xA0", "\xE2\x80\x94",
                                           "\xC3\xA9", "\xE2\x80\x8B", "\x01", "\xF0\x9F\x98\x80", "x-\n y"};
  for (int i = 0; i < 5000; ++i) {
    std::string source;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) source += pieces[rng() % pieces.size()];
    const auto out = run(source, i % 2 == 0);
    ASSERT_TRUE(utf8::is_valid(out.text)) << i;
    std::uint64_t last = 0;
    for (const auto& [offset, src] : out.source_map) {
      ASSERT_GE(offset, last);
      ASSERT_LE(offset, out.text.size());
      ASSERT_LE(src, source.size());
      last = offset;
    }
    for (std::size_t o = 0; o < out.text.size(); ++o) {
      const char c = out.text[o];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        const auto s = to_source_offset(out, o);
        ASSERT_LT(s, source.size());
        ASSERT_EQ(source[s], c) << "offset " << o << " in case " << i;
      }
    }
  }
}

}  // namespace
}  // namespace chartflow::normalizer
