// Whole-word search in chart text, shared by the coding and registry plugins (header-only).
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace chartflow::words {

inline std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Where `word` (one or more words) stands in `text` with no letter or digit on either side,
// searching from `from`; npos when it does not. Case-sensitive: lower both first.
inline std::size_t find(std::string_view text, std::string_view word, std::size_t from = 0) {
  if (word.empty()) return std::string_view::npos;
  const auto is_word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t at = text.find(word, from); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if ((at == 0 || !is_word_char(text[at - 1])) && (end >= text.size() || !is_word_char(text[end]))) return at;
  }
  return std::string_view::npos;
}

inline bool contains(std::string_view text, std::string_view word) { return find(text, word) != std::string_view::npos; }

}  // namespace chartflow::words
