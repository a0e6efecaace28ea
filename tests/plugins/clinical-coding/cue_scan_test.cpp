// The one-pass cue scanner must find exactly what a search for each cue at every word start
// finds: random lower-case texts built from cue fragments, digits, accents and punctuation.
#include "clinical-coding/cue_scan.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace chartflow::coding {
namespace {

bool is_word(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80; }

// The first cue (in group order) starting at each word start that begins with a letter.
std::vector<std::pair<std::size_t, unsigned>> naive_scan(std::string_view text, const std::vector<std::vector<std::string_view>>& groups) {
  std::vector<std::pair<std::size_t, unsigned>> hits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] < 'a' || text[i] > 'z' || (i > 0 && is_word(text[i - 1]))) continue;
    bool hit = false;
    for (unsigned g = 0; g < groups.size() && !hit; ++g)
      for (const auto cue : groups[g])
        if (cue[0] == text[i] && text.substr(i).starts_with(cue)) {
          hits.push_back({i, g});
          hit = true;
          break;
        }
  }
  return hits;
}

TEST(CueScanner, FindsWhatASearchAtEveryWordStartFinds) {
  const std::vector<std::vector<std::string_view>> groups = {{"due to", "overdos", "ran out", "d", "side effect"}, {"vaccin", "mmr", "td booster", "tdap"}};
  const CueScanner scanner{{"due to", "overdos", "ran out", "d", "side effect"}, {"vaccin", "mmr", "td booster", "tdap"}};
  const std::string pieces[] = {"due", " to", "over", "dos", "ran", " out", "vacc", "in", "mmr", "td", " booster", "ap", "side", " effect",
                                "d", "x", "3", " ", "-", ",", "\xc3\xa9", "\n", "e"};
  std::mt19937 rng(5);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (std::size_t k = 0, n = rng() % 25; k < n; ++k) text += pieces[rng() % std::size(pieces)];
    std::vector<std::pair<std::size_t, unsigned>> found;
    scanner.scan(text, [&](std::size_t at, unsigned group) { found.push_back({at, group}); });
    ASSERT_EQ(found, naive_scan(text, groups)) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace chartflow::coding
