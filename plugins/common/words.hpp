// Whole-word search in chart text, shared by the coding and registry plugins (header-only).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vocabulary.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace chartflow::words {

// ASCII character classes, whatever the locale: chart bytes above 0x7F are never digits or letters.
inline constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline constexpr bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

// ASCII lower case, as std::tolower gives in the "C" locale the plugins run in, without a call
// into the locale for every byte (coding lowers every mention's sentence).
// By table, as is_word_char: these run on every byte of every chart the coder reads.
inline constexpr std::array<char, 256> kLower = [] {
  std::array<char, 256> table{};
  for (unsigned c = 0; c < 256; ++c) table[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return table;
}();
inline constexpr std::array<bool, 256> kWordChars = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0; c < 256; ++c) table[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return table;
}();

// Writes the `n` bytes at `in` to `out` in ASCII lower case (kLower), sixteen at a time: the coder
// lowers each mention's sentence and windows several times, a byte at a time by table was 3% of
// the text pipeline's instructions.
inline void lower_into(char* out, const char* in, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  // Signed compares: bytes of 0x80 and above (UTF-8) are negative, below 'A', and pass through.
  const __m128i before_a = _mm_set1_epi8('A' - 1), after_z = _mm_set1_epi8('Z' + 1), case_bit = _mm_set1_epi8(0x20);
  for (; i + 16 <= n; i += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
    const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(block, before_a), _mm_cmpgt_epi8(after_z, block));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), _mm_or_si128(block, _mm_and_si128(upper, case_bit)));
  }
#endif
  for (; i < n; ++i) out[i] = kLower[static_cast<unsigned char>(in[i])];
}

inline std::string lower(std::string_view text) {
  std::string out(text.size(), '\0');
  lower_into(out.data(), text.data(), text.size());
  return out;
}

inline bool is_word_char(char c) { return kWordChars[static_cast<unsigned char>(c)]; }

// Calls visit(word) for each run of letters and digits in `text`, in order.
template <class Visit>
void for_each_word(std::string_view text, Visit&& visit) {
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_char(text[i])) {
      ++i;
      continue;
    }
    const std::size_t from = i;
    while (i < text.size() && is_word_char(text[i])) ++i;
    visit(text.substr(from, i - from));
  }
}

// Whether `word` stands in `text` at `at` with no letter or digit on either side.
inline bool stands_at(std::string_view text, std::string_view word, std::size_t at) {
  if (word.empty() || at > text.size() || text.substr(at, word.size()) != word) return false;
  const std::size_t end = at + word.size();
  return (at == 0 || !is_word_char(text[at - 1])) && (end >= text.size() || !is_word_char(text[end]));
}

// Where `needle` first occurs in `text` at or after `from`, as string_view::find. That calls
// memchr for the needle's first letter and memcmp wherever it stands, and an "e" or an "s"
// stands every few bytes of a chart: the coder's whole-word searches spent a twentieth of the
// text pipeline there. This tests sixteen places at once for the first and the last letter
// (SSE2, in every x86-64 CPU) and compares the rest only where both stand; glibc's memmem was
// faster on whole charts but slower on sentences (it sets up a table per call).
inline std::size_t find_bytes(std::string_view text, std::string_view needle, std::size_t from = 0) {
  const std::size_t n = needle.size(), size = text.size();
  if (from > size) return std::string_view::npos;
  if (n == 0) return from;
  if (n > size - from) return std::string_view::npos;
  const char* s = text.data();
  const char* w = needle.data();
  const std::size_t last_start = size - n;
  const auto rest_matches = [&](std::size_t at) { return n <= 2 || std::memcmp(s + at + 1, w + 1, n - 2) == 0; };
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(w[0]), last = _mm_set1_epi8(w[n - 1]);
  for (; i + 15 <= last_start; i += 16) {  // the loads read s[i .. i + n + 14], all inside text
    const __m128i at_first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i at_last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + n - 1));
    auto both = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(at_first, first), _mm_cmpeq_epi8(at_last, last))));
    for (; both != 0; both &= both - 1)
      if (const std::size_t at = i + static_cast<std::size_t>(std::countr_zero(both)); rest_matches(at)) return at;
  }
#endif
  for (; i <= last_start; ++i)
    if (s[i] == w[0] && s[i + n - 1] == w[n - 1] && rest_matches(i)) return i;
  return std::string_view::npos;
}

// Where `word` (one or more words) stands in `text` with no letter or digit on either side,
// searching from `from`; npos when it does not. Case-sensitive: lower both first.
inline std::size_t find(std::string_view text, std::string_view word, std::size_t from = 0) {
  if (word.empty()) return std::string_view::npos;
  for (std::size_t at = find_bytes(text, word, from); at != std::string_view::npos; at = find_bytes(text, word, at + 1))
    if (stands_at(text, word, at)) return at;
  return std::string_view::npos;
}

inline bool contains(std::string_view text, std::string_view word) { return find(text, word) != std::string_view::npos; }

// Whether `text` holds any of `candidates` as a whole word or phrase (text and candidates alike in
// lower case).
inline bool contains_any(std::string_view text, std::span<const std::string_view> candidates) {
  for (const std::string_view c : candidates)
    if (contains(text, c)) return true;
  return false;
}
inline bool contains_any(std::string_view text, std::initializer_list<std::string_view> candidates) {
  return contains_any(text, std::span<const std::string_view>(candidates.begin(), candidates.size()));
}
// Whether `text`, whatever its case, holds any of `candidates` (in lower case) as a whole word or phrase.
inline bool says_any(std::string_view text, std::span<const std::string_view> candidates) { return contains_any(lower(text), candidates); }

// `text` cut at each `separator` ("a + b" at " + "), the pieces in order (one piece without one).
inline std::vector<std::string> split(std::string_view text, std::string_view separator) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t at; (at = text.find(separator, from)) != std::string_view::npos; from = at + separator.size())
    out.emplace_back(text.substr(from, at - from));
  out.emplace_back(text.substr(from));
  return out;
}

// Every place a fixed set of phrases (lower case) stands as whole words in a text, found in one
// pass over the text's words: for dozens of phrases over a whole chart, one search per phrase
// stopped at every letter its phrase begins with, and cost a twentieth of the text pipeline.
class PhraseFinder {
 public:
  PhraseFinder() = default;
  explicit PhraseFinder(std::vector<std::string> phrases) : phrases_(std::move(phrases)) {
    for (std::size_t i = 0; i < phrases_.size(); ++i) {
      const std::string_view phrase = phrases_[i];
      std::size_t end = 0;
      while (end < phrase.size() && is_word_char(phrase[end])) ++end;
      if (end == 0) unindexed_.push_back(i);  // begins with no letter or digit: searched alone
      else {
        const std::uint32_t word = first_word_ids_.insert(phrase.substr(0, end));
        if (word >= by_first_word_.size()) by_first_word_.resize(word + 1);
        by_first_word_[word].push_back(i);
        first_words_[static_cast<unsigned char>(phrase[0])] |= std::uint64_t{1} << std::min<std::size_t>(end, 63);
      }
    }
  }
  // (phrase index, offset) of each occurrence, ordered by phrase and then by offset: the order
  // one words::find loop per phrase gives.
  std::vector<std::pair<std::size_t, std::size_t>> find_all(std::string_view text) const {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    if (!by_first_word_.empty())
      for_each_word(text, [&](std::string_view word) {
        // Most of a chart's words begin no phrase: told by first letter and length, without a hash.
        if ((first_words_[static_cast<unsigned char>(word[0])] >> std::min<std::size_t>(word.size(), 63) & 1) == 0) return;
        const std::uint32_t id = first_word_ids_.find(word);
        if (id == Vocabulary::kUnknown) return;
        const auto at = static_cast<std::size_t>(word.data() - text.data());
        for (const std::size_t i : by_first_word_[id])
          if (stands_at(text, phrases_[i], at)) out.emplace_back(i, at);
      });
    for (const std::size_t i : unindexed_)
      for (std::size_t at = find(text, phrases_[i]); at != std::string_view::npos; at = find(text, phrases_[i], at + 1)) out.emplace_back(i, at);
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::vector<std::string> phrases_;
  Vocabulary first_word_ids_;                            // phrases' first words (a flat table: every chart word asks it)
  std::vector<std::vector<std::size_t>> by_first_word_;  // by first word id: the phrases it begins
  std::vector<std::size_t> unindexed_;
  std::array<std::uint64_t, 256> first_words_{};  // by a first word's first byte: bit n for its length n (63: longer)
};

}  // namespace chartflow::words
