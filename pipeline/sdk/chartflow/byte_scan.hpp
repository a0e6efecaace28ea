// Tests on eight bytes at once (a 64-bit word), for the scans that pass over plain text looking
// for a few bytes: line breaks, sentence marks, parentheses, bytes JSON escapes. A byte-by-byte
// loop costs several instructions a byte; these cost a handful a word. Header-only.
#pragma once

#include <cstdint>
#include <cstring>

namespace chartflow::byte_scan {

inline constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

// The eight bytes at `p` (which must have eight readable bytes), in memory order.
inline std::uint64_t load(const char* p) noexcept {
  std::uint64_t block;
  std::memcpy(&block, p, 8);
  return block;
}

// Whether any byte of `block` is zero (exact: no false positives when asked "any?").
inline bool has_zero(std::uint64_t block) noexcept { return ((block - kOnes) & ~block & kHighs) != 0; }

// Whether any byte of `block` is `c`.
inline bool has(std::uint64_t block, unsigned char c) noexcept { return has_zero(block ^ (kOnes * c)); }

// Whether any byte of `block` is below `n` (n at most 0x80).
inline bool has_below(std::uint64_t block, unsigned char n) noexcept { return ((block - kOnes * n) & ~block & kHighs) != 0; }

// Whether any byte of `block` is 0x80 or above (not ASCII).
inline bool has_high(std::uint64_t block) noexcept { return (block & kHighs) != 0; }

}  // namespace chartflow::byte_scan
