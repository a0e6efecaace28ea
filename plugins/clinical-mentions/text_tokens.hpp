// Tokens for dictionary and trigger matching: runs of letters and digits, lower-cased, plurals
// folded ("effusions" -> "effusion"), with their byte offsets in the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
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

// Every proper word prefix of the phrases in a table ("acute kidney" for "acute kidney
// injury"), so a longest-match scan stops as soon as no longer phrase can start the way the
// tokens do: one or two hash lookups per token instead of one per possible length.
class PhrasePrefixes {
 public:
  void add(const std::string& key) {
    for (std::size_t space = key.find(' '); space != std::string::npos; space = key.find(' ', space + 1)) prefixes_.insert(key.substr(0, space));
  }
  bool contains(const std::string& key) const { return prefixes_.contains(key); }

 private:
  std::unordered_set<std::string> prefixes_;
};

// The longest phrase of `table` (keyed by phrase_key) starting at token `first`: the table
// entry and the index of its last token, or nullptr.
template <class Table>
std::pair<const typename Table::mapped_type*, std::size_t> longest_at(const std::vector<Token>& tokens, std::size_t first,
                                                                      const PhrasePrefixes& prefixes, const Table& table) {
  const typename Table::mapped_type* best = nullptr;
  std::size_t best_last = first;
  std::string key;
  for (std::size_t j = first; j < tokens.size(); ++j) {
    if (j > first) key += ' ';
    key += tokens[j].key;
    if (auto it = table.find(key); it != table.end()) best = &it->second, best_last = j;
    if (!prefixes.contains(key)) break;
  }
  return {best, best_last};
}

}  // namespace chartflow::mentions
