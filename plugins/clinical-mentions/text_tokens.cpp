#include "text_tokens.hpp"

#include <cctype>
#include <string_view>

namespace chartflow::mentions {
namespace {

// ASCII letters and digits, and every byte of a multi-byte UTF-8 character. A table instead of
// std::isalnum/std::tolower: those go through the C locale on every byte.
constexpr bool is_word(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string fold(std::string word) {
  for (auto& c : word) c = lower(c);
  // Plurals: "effusions" -> "effusion", "ies" -> "y"; not "diabetes", "mellitus", "pelvis", "glass".
  const std::size_t n = word.size();
  if (n > 4 && word.ends_with("ies")) return word.substr(0, n - 3) + "y";
  if (n > 4 && word.back() == 's' && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is") &&
      !word.ends_with("es"))
    return word.substr(0, n - 1);
  // "seizures", "strokes", "nodes", "nodules", "stones" lose their s; "diabetes", "herpes",
  // "varices", "menses", "rashes" keep it (only these consonants before -es are plural endings).
  if (n > 5 && word.ends_with("es") && std::string_view("rkdbvgln").find(word[n - 3]) != std::string_view::npos)
    return word.substr(0, n - 1);
  return word;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Token> tokens;
  end = std::min(end, text.size());
  std::size_t i = begin;
  while (i < end) {
    while (i < end && !is_word(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < end && is_word(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) tokens.push_back({start, i, fold(std::string(text.substr(start, i - start)))});

    // Possessive "'s" is no word of its own: "Parkinson's disease" matches "parkinson disease".
    if (i + 1 < end && text[i] == '\'' && (text[i + 1] == 's' || text[i + 1] == 'S') &&
        (i + 2 >= end || !is_word(static_cast<unsigned char>(text[i + 2]))))
      i += 2;
  }
  return tokens;
}

std::string phrase_key(std::string_view phrase) {
  std::string key;
  for (const auto& t : tokenize(phrase)) {
    if (!key.empty()) key += ' ';
    key += t.key;
  }
  return key;
}

}  // namespace chartflow::mentions
