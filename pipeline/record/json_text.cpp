#include "json_text.hpp"

#include <chartflow/byte_scan.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace chartflow::record {
namespace {

using binary::FormatError;
using binary::Tag;

constexpr std::size_t kChunk = 1024;  // string bytes escaped per reservation (each may become 6)

// Whether any of the eight bytes in `block` is a control character, a quote or a backslash (the
// bytes JSON escapes); UTF-8 (bytes of 0x80 or more) passes through.
bool needs_escape(std::uint64_t block) {
  return byte_scan::has_below(block, 0x20) || byte_scan::has(block, '"') || byte_scan::has(block, '\\');
}

constexpr auto kEscaped = [] {  // the bytes JSON escapes, as needs_escape tests them a word at a time
  std::array<bool, 256> table{};
  for (unsigned c = 0; c < 256; ++c) table[c] = c < 0x20 || c == '"' || c == '\\';
  return table;
}();

// Writes a byte JSON escapes (kEscaped) as JSON writes it inside a string; returns the cursor after it.
char* escape(char* out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto pair = [&](char second) {
    out[0] = '\\', out[1] = second;
    return out + 2;
  };
  switch (c) {
    case '"': return pair('"');
    case '\\': return pair('\\');
    case '\b': return pair('b');
    case '\f': return pair('f');
    case '\n': return pair('n');
    case '\r': return pair('r');
    case '\t': return pair('t');
    default:
      std::memcpy(out, "\\u00", 4);
      out[4] = kHex[c >> 4], out[5] = kHex[c & 15];
      return out + 6;
  }
}

// Most bytes of a string's tail (or of a block that holds a newline) need no escape: stored inline.
inline char* plain_or_escaped(char* out, unsigned char c) {
  if (!kEscaped[c]) {
    *out = static_cast<char>(c);
    return out + 1;
  }
  return escape(out, c);
}

std::uint32_t u32_at(const char* p, const char* end) {
  if (end - p < 4) throw FormatError("binary value: truncated");
  return binary::detail::read_u32(p);
}

// The end of the container or string at `p` whose size field follows its tag (`header` bytes of
// header in all), checked against `end`.
const char* payload_end(const char* p, const char* end, std::size_t header) {
  const std::size_t bytes = u32_at(p + 1, end);
  if (static_cast<std::size_t>(end - p) < header || static_cast<std::size_t>(end - p) - header < bytes)
    throw FormatError("binary value: truncated");
  return p + header + bytes;
}

// The thread's scratch buffer, lent to one JsonText at a time (one made while another is alive
// starts with a buffer of its own).
std::string& scratch() {
  static thread_local std::string buffer;
  return buffer;
}

constexpr std::size_t kKeptScratch = 4u << 20;  // a larger buffer (a huge view's text) is freed, not kept

}  // namespace

JsonText::JsonText(std::string& out) : out_(out), buffer_(std::exchange(scratch(), {})) {
  if (buffer_.size() < 4096) buffer_.resize(4096);
  cursor_ = buffer_.data();
  limit_ = buffer_.data() + buffer_.size();
}

JsonText::~JsonText() {
  finish();
  if (buffer_.size() <= kKeptScratch && buffer_.size() > scratch().size()) scratch() = std::move(buffer_);
}

void JsonText::grow(std::size_t bytes) {
  const auto used = static_cast<std::size_t>(cursor_ - buffer_.data());
  buffer_.resize(std::max(buffer_.size() * 2, used + bytes));
  cursor_ = buffer_.data() + used;
  limit_ = buffer_.data() + buffer_.size();
}

void JsonText::finish() {
  out_.append(buffer_.data(), static_cast<std::size_t>(cursor_ - buffer_.data()));
  cursor_ = buffer_.data();
}

void JsonText::raw(std::string_view text) {
  need(text.size());
  std::memcpy(cursor_, text.data(), text.size());
  cursor_ += text.size();
}

void JsonText::escaped_chunk(const char* s, std::size_t n) {
  need(6 * n);
  char* out = cursor_;
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time, stored before they are tested (the reservation holds six output bytes
  // per input byte, so the store stays inside it): up to the first byte to escape they are the
  // output already. A chart's text has a line break every line; the eight-byte loop below redid
  // each block that held one byte by byte.
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), last_control = _mm_set1_epi8(0x1F);
  while (i + 16 <= n) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), block);
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(block, last_control), last_control);  // unsigned <= 0x1F
    const auto escapes = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)))));
    if (escapes == 0) {
      out += 16, i += 16;
      continue;
    }
    const auto plain = static_cast<std::size_t>(std::countr_zero(escapes));
    out += plain, i += plain;
    out = escape(out, static_cast<unsigned char>(s[i++]));
  }
#endif
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t block = byte_scan::load(s + i);
    if (!needs_escape(block)) {
      std::memcpy(out, &block, 8);
      out += 8;
      continue;
    }
    for (std::size_t k = 0; k < 8; ++k) out = plain_or_escaped(out, static_cast<unsigned char>(s[i + k]));
  }
  // The tail (and most keys and ids whole): copied and tested without a branch per byte, then
  // redone byte by byte only when it held something to escape.
  bool escapes = false;
  for (std::size_t k = i; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[k]);
    out[k - i] = static_cast<char>(c);
    escapes |= kEscaped[c];
  }
  if (!escapes) out += n - i;
  else
    for (; i < n; ++i) out = plain_or_escaped(out, static_cast<unsigned char>(s[i]));
  cursor_ = out;
}

void JsonText::string(std::string_view text) {
  put('"');
  for (std::size_t at = 0; at < text.size(); at += kChunk) escaped_chunk(text.data() + at, std::min(kChunk, text.size() - at));
  put('"');
}

void JsonText::value(const binary::Value& v) {
  const std::string_view bytes = v.bytes();
  write(bytes.data(), bytes.data() + bytes.size());
}

void JsonText::items(const binary::Items& items) {
  const char* p = items.bytes().data();
  const char* end = p + items.bytes().size();
  put('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) put(',');
    p = write(p, end);
  }
  put(']');
}

const char* JsonText::write(const char* p, const char* end) {
  if (p >= end) throw FormatError("binary value: truncated");
  const auto scalar = [&] {  // the 8 bytes after the tag
    if (end - p < 9) throw FormatError("binary value: truncated");
    return p + 1;
  };
  switch (static_cast<Tag>(*p)) {
    case Tag::null: raw("null"); return p + 1;
    case Tag::false_: raw("false"); return p + 1;
    case Tag::true_: raw("true"); return p + 1;
    case Tag::int64: case Tag::uint64: {
      const char* payload = scalar();
      std::uint64_t bits;
      std::memcpy(&bits, payload, 8);
      need(24);
      const auto result = static_cast<Tag>(*p) == Tag::int64 ? std::to_chars(cursor_, limit_, static_cast<std::int64_t>(bits))
                                                             : std::to_chars(cursor_, limit_, bits);
      cursor_ = result.ptr;
      return p + 9;
    }
    case Tag::double_: {
      double d;
      std::memcpy(&d, scalar(), 8);
      if (!std::isfinite(d)) {
        raw("null");  // as nlohmann::json writes NaN and infinities
        return p + 9;
      }
      need(40);
      char* start = cursor_;
      cursor_ = std::to_chars(cursor_, limit_, d).ptr;
      // keep it a float when read back
      if (std::string_view(start, static_cast<std::size_t>(cursor_ - start)).find_first_of(".e") == std::string_view::npos) raw(".0");
      return p + 9;
    }
    case Tag::string: {
      const char* stop = payload_end(p, end, 5);
      string({p + 5, static_cast<std::size_t>(stop - p - 5)});
      return stop;
    }
    case Tag::array: {
      const char* stop = payload_end(p, end, 9);
      const std::uint32_t count = u32_at(p + 5, end);
      const char* q = p + 9;
      put('[');
      for (std::uint32_t i = 0; i < count; ++i) {
        if (i) put(',');
        q = write(q, stop);
      }
      put(']');
      return stop;
    }
    case Tag::object: {
      const char* stop = payload_end(p, end, 9);
      const std::uint32_t count = u32_at(p + 5, end);
      const char* q = p + 9;
      put('{');
      for (std::uint32_t i = 0; i < count; ++i) {
        if (i) put(',');
        const std::uint32_t length = u32_at(q, stop);
        if (static_cast<std::size_t>(stop - q - 4) < length) throw FormatError("binary value: truncated key");
        string({q + 4, length});
        put(':');
        q = write(q + 4 + length, stop);
      }
      put('}');
      return stop;
    }
  }
  throw FormatError("binary value: unknown tag");
}

}  // namespace chartflow::record
