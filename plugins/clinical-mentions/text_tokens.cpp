#include "text_tokens.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace chartflow::mentions {
namespace {

// ASCII letters and digits, and every byte of a multi-byte UTF-8 character. A table instead of
// std::isalnum/std::tolower: those go through the C locale on every byte.
constexpr auto kWordBytes = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0; c < 256; ++c) table[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
  return table;
}();
constexpr bool is_word(unsigned char c) { return kWordBytes[c]; }
constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Latin-1 letters with diacritics (U+00C0-U+00FF, two bytes in UTF-8) to their base letter:
// OCR reads specks over letters as accents ("carcínoma", "adenocarcinôma"), and no English
// clinical term needs one. Other characters stay as they are.
std::string without_accents(const std::string& word) {
  static constexpr std::string_view base = "AAAAAAACEEEEIIII" "DNOOOOO_OUUUUY__" "aaaaaaaceeeeiiii" "dnooooo_ouuuuy_y";
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c == 0xC3 && i + 1 < word.size()) {
      const auto next = static_cast<unsigned char>(word[i + 1]);
      if (next >= 0x80 && next <= 0xBF && base[next - 0x80] != '_') {
        out += base[next - 0x80];
        ++i;
        continue;
      }
    }
    out += word[i];
  }
  return out;
}

// The key of the word `text`: lower case, accents and plurals folded (one copy per token, made
// while lower-casing: tokenizing is a fifth of the mention stage).
void fold_into(std::string& word, std::string_view text) {
  word.assign(text);
  bool accented = false;
  for (char& c : word) {
    accented |= c == '\xC3';
    c = lower(c);
  }
  if (accented) {
    word = without_accents(word);
    for (auto& c : word) c = lower(c);
  }
  // Plurals: "effusions" -> "effusion", "ies" -> "y"; not "diabetes", "mellitus", "pelvis", "glass".
  const std::size_t n = word.size();
  if (n > 4 && word.ends_with("ies")) {
    word.resize(n - 3);
    word += 'y';
  } else if (n > 4 && word.back() == 's' && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is") &&
             !word.ends_with("es")) {
    word.pop_back();
  } else if (n > 5 && word.ends_with("es") && std::string_view("rkdbvgln").find(word[n - 3]) != std::string_view::npos) {
    // "seizures", "strokes", "nodes", "nodules", "stones" lose their s; "diabetes", "herpes",
    // "varices", "menses", "rashes" keep it (only these consonants before -es are plural endings).
    word.pop_back();
  }
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Token> tokens;
  end = std::min(end, text.size());
  if (end > begin) tokens.reserve((end - begin) / 5 + 4);  // about one word per five bytes of clinical text
  std::size_t i = begin;
  while (i < end) {
    while (i < end && !is_word(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < end && is_word(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) {
      Token& token = tokens.emplace_back(Token{start, i, {}});
      fold_into(token.key, text.substr(start, i - start));
    }

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
