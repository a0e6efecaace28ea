// The index walk visits only the subterms ChildrenByWord names for a chart's words: it must name
// every subterm a spelling could match (through any one of the chart's words) and the ones the
// walk always visits, in order and once each.
#include "clinical-coding/children_by_word.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace chartflow::coding {
namespace {

using Spellings = std::vector<std::vector<std::uint32_t>>;

TEST(ChildrenByWord, NamesTheSubtermsAChartWordCanReachInOrder) {
  // Child 0 "liver" (7); 1 "colon, sigmoid" (3 5) or "sigmoid" (5); 2 a level always visited;
  // 3 "with" (no content words: matches any bag); 4 "lung" (9); 5 "colon" (3).
  const std::vector<Spellings> children = {{{7}}, {{3, 5}, {5}}, {{11}}, {{}}, {{9}}, {{3}}};
  const ChildrenByWord index(children.size(), [&](std::size_t p) -> const Spellings& { return children[p]; },
                             [](std::size_t p) { return p == 2; });
  std::vector<std::uint32_t> out;
  index.candidates({3, 5}, out);  // "sigmoid colon": both spellings of child 1, and child 5
  EXPECT_EQ(out, (std::vector<std::uint32_t>{1, 2, 3, 5}));
  index.candidates({9}, out);
  EXPECT_EQ(out, (std::vector<std::uint32_t>{2, 3, 4}));
  index.candidates({}, out);
  EXPECT_EQ(out, (std::vector<std::uint32_t>{2, 3}));
  index.candidates({42}, out);  // a word no subterm has
  EXPECT_EQ(out, (std::vector<std::uint32_t>{2, 3}));
}

}  // namespace
}  // namespace chartflow::coding
