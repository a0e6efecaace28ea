// Which subterms of a large index entry could match a chart's words at all: the Neoplasm Table's
// "Neoplasm" has hundreds of sites, and the walk tested each against every tumour's words. A
// subterm matches only when every word of one of its spellings is in the chart's bag, so each
// spelling is filed under its first word; the walk visits the subterms filed under the chart's
// words (and those it always visits), in their order, and skips the rest unread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace chartflow::coding {

class ChildrenByWord {
 public:
  // spellings_of(position): a child's spellings (word ids); always(position): a child the walk
  // visits whatever the words (a level it passes through).
  template <class SpellingsOf, class Always>
  ChildrenByWord(std::size_t count, SpellingsOf&& spellings_of, Always&& always) {
    for (std::uint32_t position = 0; position < count; ++position) {
      if (always(position)) {
        always_.push_back(position);
        continue;
      }
      for (const auto& spelling : spellings_of(position)) {
        if (spelling.empty()) {  // a spelling of no content words matches any bag
          always_.push_back(position);
          break;
        }
        by_word_.emplace_back(spelling.front(), position);
      }
    }
    std::sort(by_word_.begin(), by_word_.end());
  }

  // The positions of the children that may match `words` (sorted word ids), ascending, no repeats.
  void candidates(const std::vector<std::uint32_t>& words, std::vector<std::uint32_t>& out) const {
    out = always_;
    for (const std::uint32_t word : words) {
      auto it = std::lower_bound(by_word_.begin(), by_word_.end(), std::pair<std::uint32_t, std::uint32_t>{word, 0});
      for (; it != by_word_.end() && it->first == word; ++it) out.push_back(it->second);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }

 private:
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_word_;  // (a spelling's first word, child position), sorted
  std::vector<std::uint32_t> always_;
};

}  // namespace chartflow::coding
