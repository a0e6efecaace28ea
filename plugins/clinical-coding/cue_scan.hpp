// Where fixed cue words begin words of a lower-case text, found in one pass: a chart is read
// for a few dozen cues ("due to", "overdos", "vaccin") before any sentence is tokenized, and one
// std::string::find per cue over the whole text cost more than the coding it saved.
#pragma once

#include <array>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace chartflow::coding {

class CueScanner {
 public:
  // Cues in groups (the drug cues, the vaccine words, ...); every cue starts with a lower-case
  // ASCII letter.
  CueScanner(std::initializer_list<std::initializer_list<std::string_view>> groups) {
    unsigned group = 0;
    for (const auto& cues : groups) {
      for (const std::string_view cue : cues) {
        if (cue.empty() || cue[0] < 'a' || cue[0] > 'z') continue;
        const auto letter = static_cast<std::size_t>(cue[0] - 'a');
        by_letter_[letter].push_back({cue, group});
        if (cue.size() == 1) second_[letter].fill(true);
        else second_[letter][static_cast<unsigned char>(cue[1])] = true;
      }
      ++group;
    }
  }

  // Calls on_hit(offset, group) for each word start of `lowered` where a cue begins.
  // Word by word: a word's first two letters rule out almost every cue, and its other bytes are
  // skipped without a look (a byte-by-byte test for word starts was 3% of the text pipeline).
  template <class OnHit>
  void scan(std::string_view lowered, OnHit&& on_hit) const {
    const std::size_t n = lowered.size();
    for (std::size_t i = 0; i < n;) {
      const char c = lowered[i];
      if (!is_word(c)) {
        ++i;
        continue;
      }
      if (c >= 'a' && c <= 'z') {
        const auto letter = static_cast<std::size_t>(c - 'a');
        if (i + 1 < n ? second_[letter][static_cast<unsigned char>(lowered[i + 1])] : !by_letter_[letter].empty())
          for (const auto& [cue, group] : by_letter_[letter])
            if (starts_here(lowered, i, cue)) {
              on_hit(i, group);
              break;
            }
      }
      while (i < n && is_word(lowered[i])) ++i;
    }
  }

 private:
  // Compared in place: a call to memcmp per word start cost more than the comparison.
  static bool starts_here(std::string_view text, std::size_t at, std::string_view cue) {
    if (text.size() - at < cue.size()) return false;
    for (std::size_t k = 1; k < cue.size(); ++k)
      if (text[at + k] != cue[k]) return false;
    return true;
  }
  // A table rather than three range tests: this runs on every byte of the chart.
  static constexpr std::array<bool, 256> kWordBytes = [] {
    std::array<bool, 256> table{};
    for (unsigned c = 0; c < 256; ++c) table[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    return table;
  }();
  static bool is_word(char c) { return kWordBytes[static_cast<unsigned char>(c)]; }
  struct Cue {
    std::string_view text;
    unsigned group;
  };
  std::array<std::vector<Cue>, 26> by_letter_{};
  std::array<std::array<bool, 256>, 26> second_{};  // by first letter: the bytes a cue's second may be
};

}  // namespace chartflow::coding
