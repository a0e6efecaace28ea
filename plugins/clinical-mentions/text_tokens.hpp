// Tokens for dictionary and trigger matching: runs of letters and digits, lower-cased, plurals
// folded ("effusions" -> "effusion"), with their byte offsets in the text.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
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

// Phrases (as token keys) to values, stored as a trie over word ids: a sentence's tokens are
// looked up in the vocabulary once (one string hash each), then every longest-match scan walks
// integer edges. Replaces a string-keyed map probed with every growing key at every token, which
// cost most of the mention stage's time.
template <class T>
class PhraseTable {
 public:
  static constexpr std::uint32_t kUnknown = 0xFFFFFFFFu;

  // The value stored under `key` ("pleural effusion"), or nullptr.
  T* find(const std::string& key) {
    const std::uint32_t node = walk(key, false);
    return node == kUnknown || value_of_[node] < 0 ? nullptr : &values_[static_cast<std::size_t>(value_of_[node])];
  }
  // The value stored under `key`, default-constructed if new. `key` must not be empty.
  T& operator[](const std::string& key) {
    const std::uint32_t node = walk(key, true);
    if (value_of_[node] < 0) {
      value_of_[node] = static_cast<std::int32_t>(values_.size());
      values_.emplace_back();
    }
    return values_[static_cast<std::size_t>(value_of_[node])];
  }
  std::size_t size() const noexcept { return values_.size(); }

  // The word id of each token (kUnknown for words in no phrase), for longest_at.
  std::vector<std::uint32_t> word_ids(const std::vector<Token>& tokens) const {
    std::vector<std::uint32_t> ids(tokens.size(), kUnknown);
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (auto it = vocabulary_.find(tokens[i].key); it != vocabulary_.end()) ids[i] = it->second;
    return ids;
  }
  // The longest phrase starting at token `first`: the value and the index of its last token, or nullptr.
  std::pair<const T*, std::size_t> longest_at(const std::vector<std::uint32_t>& ids, std::size_t first) const {
    const T* best = nullptr;
    std::size_t best_last = first;
    std::uint32_t node = 0;
    for (std::size_t j = first; j < ids.size() && ids[j] != kUnknown; ++j) {
      auto edge = edges_.find(edge_key(node, ids[j]));
      if (edge == edges_.end()) break;
      node = edge->second;
      if (value_of_[node] >= 0) best = &values_[static_cast<std::size_t>(value_of_[node])], best_last = j;
    }
    return {best, best_last};
  }

 private:
  static std::uint64_t edge_key(std::uint32_t node, std::uint32_t word) { return (std::uint64_t{node} << 32) | word; }

  std::uint32_t walk(const std::string& key, bool create) {
    if (value_of_.empty()) value_of_.push_back(-1);  // the root
    std::uint32_t node = 0;
    for (std::size_t start = 0; start <= key.size();) {
      const std::size_t space = std::min(key.find(' ', start), key.size());
      const std::string word = key.substr(start, space - start);
      start = space + 1;
      auto w = vocabulary_.find(word);
      if (w == vocabulary_.end()) {
        if (!create) return kUnknown;
        w = vocabulary_.emplace(word, static_cast<std::uint32_t>(vocabulary_.size())).first;
      }
      auto edge = edges_.find(edge_key(node, w->second));
      if (edge == edges_.end()) {
        if (!create) return kUnknown;
        edge = edges_.emplace(edge_key(node, w->second), static_cast<std::uint32_t>(value_of_.size())).first;
        value_of_.push_back(-1);
      }
      node = edge->second;
    }
    return node;
  }

  std::unordered_map<std::string, std::uint32_t> vocabulary_;
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;  // (node, word) -> child node
  std::vector<std::int32_t> value_of_;                        // node -> index into values_, or -1
  std::deque<T> values_;                                      // stable addresses
};

}  // namespace chartflow::mentions
