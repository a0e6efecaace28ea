// UTF-8 helpers shared by the host and plugins (header-only; needs only byte_scan.hpp).
#pragma once

#include "byte_scan.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace chartflow::utf8 {

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 when it is malformed
// (overlong forms, surrogates and code points above U+10FFFF are malformed, as in RFC 3629).
inline std::size_t sequence_length(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n;
  std::uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// True when `text` is well-formed UTF-8; otherwise `error_offset` gets the first bad byte.
inline bool is_valid(std::string_view text, std::size_t* error_offset = nullptr) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= text.size() && !byte_scan::has_high(byte_scan::load(text.data() + i))) i += 8;
    if (i >= text.size()) break;
    const std::size_t n = sequence_length(text, i);
    if (n == 0) {
      if (error_offset) *error_offset = i;
      return false;
    }
    i += n;
  }
  return true;
}

// True when `offset` does not split a multi-byte sequence (offset == size is a boundary).
inline bool is_boundary(std::string_view text, std::size_t offset) noexcept {
  if (offset >= text.size()) return offset == text.size();
  return (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

// Appends the UTF-8 encoding of a code point (U+FFFD for invalid ones).
inline void append(std::string& out, std::uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the code point at text[i] (which must start a well-formed sequence of length n).
inline std::uint32_t decode(std::string_view text, std::size_t i, std::size_t n) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i + k])); };
  switch (n) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

}  // namespace chartflow::utf8

namespace chartflow::utf16 {

enum class Guess { none, little_endian, big_endian };

// Recognises UTF-16 text without a byte-order mark by its zero bytes: mostly-ASCII text in
// UTF-16LE has a NUL in nearly every odd byte and almost none in the even ones (BE: the other way).
inline Guess guess_without_bom(std::string_view bytes) noexcept {
  const std::size_t n = (bytes.size() < 4096 ? bytes.size() : 4096) & ~static_cast<std::size_t>(1);
  if (n < 8) return Guess::none;
  // UTF-16 text of Latin script is half NUL bytes: with none at all (every UTF-8 chart) it is not.
  if (!__builtin_memchr(bytes.data(), 0, n)) return Guess::none;
  std::size_t even_zero = 0, odd_zero = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even_zero += bytes[i] == '\0';
    odd_zero += bytes[i + 1] == '\0';
  }
  const std::size_t pairs = n / 2;
  if (odd_zero * 10 >= pairs * 7 && even_zero * 20 <= pairs) return Guess::little_endian;
  if (even_zero * 10 >= pairs * 7 && odd_zero * 20 <= pairs) return Guess::big_endian;
  return Guess::none;
}

}  // namespace chartflow::utf16
