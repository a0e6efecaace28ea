// Words to dense ids (shared by the mention and coding plugins; header-only).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow {

// Words to dense ids in one flat open-addressed table: a lookup touches one slot (hash and id
// side by side) and compares strings only on a full hash match. A node-based map chased a chain
// of heap nodes per token, which was a tenth of the whole text pipeline's time.
class Vocabulary {
 public:
  static constexpr std::uint32_t kUnknown = 0xFFFFFFFFu;

  std::uint32_t find(std::string_view word) const {
    if (slots_.empty()) return kUnknown;
    const std::uint64_t h = hash(word);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == kUnknown) return kUnknown;
      if (slot.hash == h && words_[slot.id] == word) return slot.id;
    }
  }
  std::uint32_t insert(std::string_view word) {
    if (const std::uint32_t id = find(word); id != kUnknown) return id;
    if ((words_.size() + 1) * 2 > slots_.size()) grow();
    const auto id = static_cast<std::uint32_t>(words_.size());
    words_.emplace_back(word);
    place(hash(word), id);
    return id;
  }
  std::size_t size() const noexcept { return words_.size(); }
  void clear() {
    slots_.clear();
    words_.clear();
    mask_ = 0;
  }
  const std::string& word(std::uint32_t id) const { return words_[id]; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t id = kUnknown;
  };
  // Eight bytes at a time, then a final mix for the low bits the slot index takes: a chart's words
  // are short, and std::hash (a call into libstdc++'s Murmur per token) was a fiftieth of the
  // text pipeline. Slots only: ids are assigned in insertion order whatever the hash.
  static std::uint64_t hash(std::string_view word) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ word.size();
    const char* p = word.data();
    std::size_t n = word.size();
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t block;
      std::memcpy(&block, p, 8);
      h = (h ^ block) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
    }
    if (n > 0) {
      std::uint64_t block = 0;
      std::memcpy(&block, p, n);
      h = (h ^ block) * 0xC4CEB9FE1A85EC53ull;
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 33);
  }
  void place(std::uint64_t h, std::uint32_t id) {
    std::size_t i = h & mask_;
    while (slots_[i].id != kUnknown) i = (i + 1) & mask_;
    slots_[i] = {h, id};
  }
  void grow() {
    slots_.assign(std::max<std::size_t>(64, slots_.size() * 2), Slot{});
    mask_ = slots_.size() - 1;
    for (std::uint32_t id = 0; id < words_.size(); ++id) place(hash(words_[id]), id);
  }

  std::vector<Slot> slots_;  // a power of two in size, at most half full
  std::size_t mask_ = 0;
  std::vector<std::string> words_;  // by id
};

}  // namespace chartflow
