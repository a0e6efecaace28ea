// Tokens for dictionary and trigger matching: runs of letters and digits, lower-cased, plurals
// folded ("effusions" -> "effusion"), with their byte offsets in the text.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/vocabulary.hpp"

namespace chartflow::mentions {

struct Token {
  std::size_t begin = 0, end = 0;
  std::string key;  // lower case, plural folded
};

std::vector<Token> tokenize(std::string_view text, std::size_t begin = 0, std::size_t end = std::string_view::npos);

// The keys of a phrase joined by single spaces ("Pleural Effusions" -> "pleural effusion").
std::string phrase_key(std::string_view phrase);

using chartflow::Vocabulary;

// The trie's edges, (node, word) packed in 64 bits -> child node, in one flat open-addressed
// table: a longest-match scan probes one or two adjacent slots per token, where a node-based map
// chased a heap node per probe (a cache miss each, a fifth of the mention stage).
class EdgeTable {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  std::uint32_t find(std::uint64_t key) const {
    if (slots_.empty()) return kNone;
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.child == kNone) return kNone;
      if (slot.key == key) return slot.child;
    }
  }
  // Adds key -> child; the key must not be in the table yet.
  void insert(std::uint64_t key, std::uint32_t child) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    place(key, child);
    ++size_;
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t child = kNone;
  };
  std::size_t slot_of(std::uint64_t key) const { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask_; }
  void place(std::uint64_t key, std::uint32_t child) {
    std::size_t i = slot_of(key);
    while (slots_[i].child != kNone) i = (i + 1) & mask_;
    slots_[i] = {key, child};
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old)
      if (slot.child != kNone) place(slot.key, slot.child);
  }

  std::vector<Slot> slots_;  // a power of two in size, at most half full
  std::size_t mask_ = 0, size_ = 0;
};

// Phrases (as token keys) to values, stored as a trie over word ids: a sentence's tokens are
// looked up in the vocabulary once (one string hash each), then every longest-match scan walks
// integer edges. Replaces a string-keyed map probed with every growing key at every token, which
// cost most of the mention stage's time.
template <class T>
class PhraseTable {
 public:
  static constexpr std::uint32_t kUnknown = Vocabulary::kUnknown;

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
  const Vocabulary& vocabulary() const noexcept { return vocabulary_; }

  // The word id of each token (kUnknown for words in no phrase), for longest_at.
  std::vector<std::uint32_t> word_ids(const std::vector<Token>& tokens) const {
    std::vector<std::uint32_t> ids(tokens.size(), kUnknown);
    for (std::size_t i = 0; i < tokens.size(); ++i)
      ids[i] = vocabulary_.find(tokens[i].key);
    return ids;
  }
  // The longest phrase starting at token `first` and ending before token `end`: the value and the
  // index of its last token, or nullptr.
  std::pair<const T*, std::size_t> longest_at(const std::vector<std::uint32_t>& ids, std::size_t first,
                                              std::size_t end = static_cast<std::size_t>(-1)) const {
    const T* best = nullptr;
    std::size_t best_last = first;
    std::uint32_t node = 0;
    for (std::size_t j = first; j < ids.size() && j < end && ids[j] != kUnknown; ++j) {
      // The first word from a dense array: most tokens start no phrase, and that probe into the
      // large edge table was a cache miss per token.
      node = j == first ? (ids[j] < root_child_.size() ? root_child_[ids[j]] : EdgeTable::kNone) : edges_.find(edge_key(node, ids[j]));
      if (node == EdgeTable::kNone) break;
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
      const std::string_view word = std::string_view(key).substr(start, space - start);
      start = space + 1;
      std::uint32_t w = vocabulary_.find(word);
      if (w == kUnknown) {
        if (!create) return kUnknown;
        w = vocabulary_.insert(word);
      }
      std::uint32_t child = edges_.find(edge_key(node, w));
      if (child == EdgeTable::kNone) {
        if (!create) return kUnknown;
        child = static_cast<std::uint32_t>(value_of_.size());
        edges_.insert(edge_key(node, w), child);
        value_of_.push_back(-1);
        if (node == 0) {
          if (root_child_.size() <= w) root_child_.resize(w + 1, EdgeTable::kNone);
          root_child_[w] = child;
        }
      }
      node = child;
    }
    return node;
  }

  Vocabulary vocabulary_;
  EdgeTable edges_;                                           // (node, word) -> child node
  std::vector<std::uint32_t> root_child_;                     // word -> the root's child, or kNone
  std::vector<std::int32_t> value_of_;                        // node -> index into values_, or -1
  std::deque<T> values_;                                      // stable addresses
};

}  // namespace chartflow::mentions
