// Tokens for dictionary and trigger matching: runs of letters and digits, lower-cased, plurals
// folded ("effusions" -> "effusion"), with their byte offsets in the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::mentions {

struct Token {
  std::size_t begin = 0, end = 0;
  std::string key;  // lower case, plural folded
};

std::vector<Token> tokenize(std::string_view text, std::size_t begin = 0, std::size_t end = std::string_view::npos);

// The keys of a phrase joined by single spaces ("Pleural Effusions" -> "pleural effusion").
std::string phrase_key(std::string_view phrase);

// The longest phrase of `table` (keyed by phrase_key) starting at token `first`, up to `longest`
// tokens: the table entry and the index of its last token, or nullptr.
template <class Table>
std::pair<const typename Table::mapped_type*, std::size_t> longest_at(const std::vector<Token>& tokens, std::size_t first,
                                                                      std::size_t longest, const Table& table) {
  const typename Table::mapped_type* best = nullptr;
  std::size_t best_last = first;
  std::string key;
  for (std::size_t j = first; j < tokens.size() && j - first < longest; ++j) {
    if (j > first) key += ' ';
    key += tokens[j].key;
    if (auto it = table.find(key); it != table.end()) best = &it->second, best_last = j;
  }
  return {best, best_last};
}

}  // namespace chartflow::mentions
