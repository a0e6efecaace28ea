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
      for (const std::string_view cue : cues)
        if (!cue.empty() && cue[0] >= 'a' && cue[0] <= 'z') by_letter_[static_cast<std::size_t>(cue[0] - 'a')].push_back({cue, group});
      ++group;
    }
  }

  // Calls on_hit(offset, group) for each word start of `lowered` where a cue begins.
  template <class OnHit>
  void scan(std::string_view lowered, OnHit&& on_hit) const {
    for (std::size_t i = 0; i < lowered.size(); ++i) {
      const char c = lowered[i];
      if (c < 'a' || c > 'z' || (i > 0 && is_word(lowered[i - 1]))) continue;
      for (const auto& [cue, group] : by_letter_[static_cast<std::size_t>(c - 'a')])
        if (starts_here(lowered, i, cue)) {
          on_hit(i, group);
          break;
        }
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
  static bool is_word(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80; }
  struct Cue {
    std::string_view text;
    unsigned group;
  };
  std::array<std::vector<Cue>, 26> by_letter_{};
};

}  // namespace chartflow::coding
