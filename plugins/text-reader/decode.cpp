#include "decode.hpp"

#include <chartflow/byte_scan.hpp>
#include <chartflow/sdk.hpp>
#include <chartflow/utf8.hpp>

#include <algorithm>
#include <cstdint>

namespace chartflow::text_reader {
namespace {

using sdk::InvalidInput;

// Windows-1252 bytes 0x80-0x9F; 0 marks the five bytes the code page leaves undefined.
constexpr char32_t kWindows1252High[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

std::string decode_utf16(std::string_view bytes, bool little_endian) {
  if (bytes.size() % 2) throw InvalidInput("UTF-16 text has an odd number of bytes: the file is truncated");
  std::string out;
  out.reserve(bytes.size());
  const auto unit = [&](std::size_t i) {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return static_cast<char32_t>(little_endian ? (b << 8 | a) : (a << 8 | b));
  };
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 2 >= bytes.size()) throw InvalidInput("UTF-16 text ends inside a surrogate pair: the file is truncated");
      const char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) throw InvalidInput("UTF-16 text has an unpaired surrogate at byte " + std::to_string(i));
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      throw InvalidInput("UTF-16 text has an unpaired surrogate at byte " + std::to_string(i));
    }
    utf8::append(out, cp);
  }
  return out;
}

std::string decode_windows_1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80 || c >= 0xA0) {
      utf8::append(out, c);
    } else if (const char32_t cp = kWindows1252High[c - 0x80]) {
      utf8::append(out, cp);
    } else {
      throw InvalidInput("not UTF-8, and byte " + std::to_string(i) +
                         " is undefined in Windows-1252; convert the file to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)");
    }
  }
  return out;
}

// Whether all eight bytes are printable ASCII (0x20-0x7E): most of a chart, counted a word at a time.
bool all_printable(std::uint64_t block) {
  return !byte_scan::has_high(block) && !byte_scan::has_below(block, 0x20) && !byte_scan::has(block, 0x7F);
}

// Text of charts has letters, digits, punctuation and line breaks; a NUL or many other control
// characters mean binary content that happens to decode.
void reject_binary(std::string_view text) {
  std::size_t controls = 0, chars = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size()) {
      if (all_printable(byte_scan::load(text.data() + i))) {
        chars += 8, i += 8;
        continue;
      }
    }
    for (const std::size_t stop = std::min(i + 8, text.size()); i < stop; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if ((c & 0xC0) == 0x80) continue;  // continuation byte
      ++chars;
      if (c == 0) throw InvalidInput("binary content: the text holds NUL characters; this is not a text file");
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F) ++controls;
    }
  }
  if (controls * 100 > chars)
    throw InvalidInput("binary content: " + std::to_string(controls) + " control characters in " + std::to_string(chars) +
                       "; this does not look like a text file");
}

}  // namespace

Decoded decode(std::string_view bytes, bool allow_windows_1252) {
  Decoded d;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    d.encoding = "utf-8-bom";
    bytes.remove_prefix(3);
  } else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const bool le = bytes[0] == '\xFF';
    d.encoding = le ? "utf-16le" : "utf-16be";
    d.text = decode_utf16(bytes.substr(2), le);
  } else if (const auto guess = utf16::guess_without_bom(bytes); guess != utf16::Guess::none) {
    const bool le = guess == utf16::Guess::little_endian;
    d.encoding = le ? "utf-16le" : "utf-16be";
    d.text = decode_utf16(bytes, le);
  }
  if (d.encoding.empty() || d.encoding == "utf-8-bom") {
    std::size_t bad = 0;
    if (utf8::is_valid(bytes, &bad)) {
      if (d.encoding.empty()) d.encoding = "utf-8";
      d.text.assign(bytes);
    } else if (!allow_windows_1252) {
      throw InvalidInput("not valid UTF-8 (first bad byte at offset " + std::to_string(bad) +
                         ") and legacy_encoding is 'reject'; convert the file to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)");
    } else {
      // Windows-1252 text is mostly ASCII; a high share of 8-bit bytes means another
      // encoding (or binary), which decoding as 1252 would garble.
      std::size_t high = 0;
      for (unsigned char c : bytes) high += c >= 0x80;
      if (high * 100 > bytes.size() * 30)
        throw InvalidInput("not UTF-8, and " + std::to_string(high * 100 / bytes.size()) +
                           "% of bytes are 8-bit: not Windows-1252 text either; convert the file to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)");
      d.encoding = "windows-1252";
      d.text = decode_windows_1252(bytes);
    }
  }
  reject_binary(d.text);
  return d;
}

}  // namespace chartflow::text_reader
