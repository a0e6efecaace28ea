// ICD-10 codes as 64-bit keys: up to 8 characters packed big-endian, so comparing keys orders codes like
// strings and a code costs one integer compare or hash instead of a string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chartflow::drg::detail {

using CodeKey = std::uint64_t;
inline constexpr CodeKey kNoCode = 0;

// Normalizes as claims write codes: dots and spaces dropped, letters upper-cased. kNoCode when the result
// is empty, longer than 8 characters or holds a character no ICD-10 code (or cluster id "Z@nnnn") has.
inline CodeKey pack_code(std::string_view raw) {
  CodeKey key = 0;
  int length = 0;
  for (char c : raw) {
    if (c == '.' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@';
    if (!ok || length == 8) return kNoCode;
    key |= static_cast<CodeKey>(static_cast<unsigned char>(c)) << (56 - 8 * length);
    ++length;
  }
  return key;
}

inline std::string unpack_code(CodeKey key) {
  std::string text;
  for (int i = 0; i < 8; ++i) {
    const char c = static_cast<char>((key >> (56 - 8 * i)) & 0xFF);
    if (c == 0) break;
    text.push_back(c);
  }
  return text;
}

// The first character of a packed code (0 for kNoCode).
inline char first_char(CodeKey key) { return static_cast<char>(key >> 56); }

struct CodeKeyHash {
  std::size_t operator()(CodeKey key) const noexcept {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return static_cast<std::size_t>(key);
  }
};

}  // namespace chartflow::drg::detail
