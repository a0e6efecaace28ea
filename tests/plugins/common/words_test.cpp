// Whole-word search (plugins/common/words.hpp): PhraseFinder must find exactly what one
// words::find loop per phrase finds, in the same order.
#include "common/words.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace chartflow::words {
namespace {

std::vector<std::pair<std::size_t, std::size_t>> by_one_search_each(const std::vector<std::string>& phrases, std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < phrases.size(); ++i)
    for (std::size_t at = find(text, phrases[i]); at != std::string_view::npos; at = find(text, phrases[i], at + 1)) out.emplace_back(i, at);
  return out;
}

// find_bytes tests sixteen places at a time: it must give what string_view::find gives for every
// needle length (one and two letters are matched by their first and last letter alone), at every
// start, near the text's end and past it.
TEST(FindBytes, AgreesWithStringViewFind) {
  std::mt19937 random(7);
  const std::string letters = "aeb s";  // few letters: many partial matches
  for (int round = 0; round < 3000; ++round) {
    std::string text(random() % 70, ' '), needle(1 + random() % 20, ' ');
    for (auto& c : text) c = letters[random() % letters.size()];
    for (auto& c : needle) c = letters[random() % letters.size()];
    if (round % 3 == 0 && text.size() >= needle.size()) text.replace(text.size() - needle.size(), needle.size(), needle);  // at the very end
    for (std::size_t from = 0; from <= text.size() + 1; ++from)
      ASSERT_EQ(find_bytes(text, needle, from), std::string_view(text).find(needle, from)) << "text '" << text << "' needle '" << needle << "' from " << from;
  }
  EXPECT_EQ(find_bytes("abc", "", 1), 1u);
  EXPECT_EQ(find_bytes("abc", "", 4), std::string_view::npos);
  EXPECT_EQ(find_bytes("", "a"), std::string_view::npos);
}

// lower works sixteen bytes at a time: it must give the table's answer for every byte value
// (UTF-8 bytes and the neighbours of 'A' and 'Z' unchanged or lowered as the table says) at every
// length and alignment.
TEST(Lower, AgreesWithTheTableForEveryByte) {
  std::mt19937 random(11);
  for (int round = 0; round < 2000; ++round) {
    std::string text(random() % 80, ' ');
    for (auto& c : text) c = static_cast<char>(random() % 256);
    const std::size_t from = text.empty() ? 0 : random() % text.size();
    const std::string_view view = std::string_view(text).substr(from);
    std::string expected(view);
    for (auto& c : expected) c = kLower[static_cast<unsigned char>(c)];
    ASSERT_EQ(lower(view), expected) << "round " << round;
  }
  std::string all(256, ' ');
  for (unsigned c = 0; c < 256; ++c) all[c] = static_cast<char>(c);
  const std::string lowered = lower(all);
  for (unsigned c = 0; c < 256; ++c) EXPECT_EQ(static_cast<unsigned char>(lowered[c]), c >= 'A' && c <= 'Z' ? c + 32 : c) << c;
}

TEST(PhraseFinder, FindsWholeWordsOnlyInPhraseThenTextOrder) {
  const std::vector<std::string> phrases{"infected", "occluded", "infection", "s/p", "-related", "e. coli"};
  const PhraseFinder finder(phrases);
  const std::string text = "infected graft; uninfected port, occluded stent; infected-looking site; s/p repair; e. coli; infected";
  const auto found = finder.find_all(text);
  EXPECT_EQ(found, by_one_search_each(phrases, text));
  ASSERT_EQ(found.size(), 6u);
  EXPECT_EQ(found[0], std::make_pair(std::size_t{0}, std::size_t{0}));
  EXPECT_EQ(found[1].second, text.find("infected-looking"));
  EXPECT_EQ(found[2].first, 0u);
  EXPECT_EQ(found[3], std::make_pair(std::size_t{1}, text.find("occluded")));
}

TEST(PhraseFinder, EmptyTextAndNoPhrases) {
  EXPECT_TRUE(PhraseFinder({"a"}).find_all("").empty());
  EXPECT_TRUE(PhraseFinder().find_all("anything at all").empty());
  EXPECT_TRUE(PhraseFinder({""}).find_all("anything").empty());
}

// Random texts over a small alphabet hit the boundary cases (phrases inside words, repeats,
// overlaps, phrases at either end) that hand-written texts miss.
TEST(PhraseFinder, AgreesWithOneSearchPerPhraseOnRandomText) {
  const std::vector<std::string> phrases{"ab", "ab ab", "b", "ba-ab", "a b", "-b", "abab"};
  const PhraseFinder finder(phrases);
  std::mt19937 random(7);
  const std::string alphabet = "ab -.";
  for (int round = 0; round < 2000; ++round) {
    std::string text(random() % 24, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    ASSERT_EQ(finder.find_all(text), by_one_search_each(phrases, text)) << "text: '" << text << "'";
  }
}

}  // namespace
}  // namespace chartflow::words
