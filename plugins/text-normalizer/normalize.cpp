#include "normalize.hpp"

#include <chartflow/byte_scan.hpp>
#include <chartflow/utf8.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace chartflow::normalizer {
namespace {

// What one code point becomes: nullptr keeps it as is, "" removes it.
const char* replacement(char32_t cp) {
  switch (cp) {
    case 0x000B: case 0x000C: case 0x2028: case 0x2029: return "\n";
    case 0x00A0: case 0x202F: case 0x205F: case 0x3000: return " ";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: return "";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: return "-";
    case 0x2026: return "...";
    case 0xFB00: return "ff";
    case 0xFB01: return "fi";
    case 0xFB02: return "fl";
    case 0xFB03: return "ffi";
    case 0xFB04: return "ffl";
    default: break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return " ";
  if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return "";
  return nullptr;
}

// Bytes that stay as they are and need no look at their neighbours: printable ASCII, tab and
// newline, but not the hyphen (it may join a word broken across lines).
bool is_plain_ascii(char c) { return (c >= 0x20 && c < 0x7F && c != '-') || c == '\t' || c == '\n'; }

// Whether the eight bytes at `p` are all printable ASCII other than the hyphen: most of a chart,
// passed over a word at a time (tabs and newlines, also plain, go the byte-by-byte way).
bool all_plain(const char* p) {
  using namespace byte_scan;
  const std::uint64_t block = load(p);
  return !has_high(block) && !has_below(block, 0x20) && !has(block, 0x7F) && !has(block, '-');
}

bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha_ascii(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

class Builder {
 public:
  explicit Builder(Normalized& out) : out_(out) { out_.source_map.push_back({0, 0}); }
  // Appends `bytes` standing for source text starting at `source_offset`.
  void emit(std::string_view bytes, std::uint64_t source_offset) {
    const std::uint64_t at = out_.text.size();
    const auto& last = out_.source_map.back();
    if (last.second + (at - last.first) != source_offset) {
      if (last.first == at) out_.source_map.back().second = source_offset;
      else out_.source_map.push_back({at, source_offset});
    }
    out_.text.append(bytes);
  }

 private:
  Normalized& out_;
};

// Where the run of plain ASCII starting at `i` ends. Most of a chart is plain ASCII: a run of it
// is copied in one piece (a byte at a time was a tenth of the text pipeline's instructions).
std::size_t plain_run_end(std::string_view in, std::size_t i) {
  while (i + 8 <= in.size() && all_plain(in.data() + i)) i += 8;
  while (i < in.size() && is_plain_ascii(in[i])) ++i;
  return i;
}

// "hyper-\ntension" -> "hypertension": for a hyphen at `i` after a letter that ends its line,
// where the word goes on; only before a lower-case letter, so list dashes and "Type-\nII" style
// breaks are left alone (npos).
std::size_t hyphen_break_end(std::string_view in, std::size_t i) {
  if (i == 0 || !is_alpha_ascii(in[i - 1])) return std::string_view::npos;
  std::size_t j = i + 1;
  if (j < in.size() && in[j] == '\r') ++j;
  if (j >= in.size() || in[j] != '\n') return std::string_view::npos;
  ++j;
  while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
  return j < in.size() && is_lower_ascii(in[j]) ? j : std::string_view::npos;
}

// One character that is not plain ASCII, at `i`: its replacement, the ASCII of a full-width
// character, or itself. Returns its length in bytes.
std::size_t emit_character(Builder& builder, std::string_view in, std::size_t i, std::size_t& changes) {
  const char c = in[i];
  if (static_cast<unsigned char>(c) < 0x80) {
    if (const char* r = replacement(static_cast<unsigned char>(c))) {
      if (*r) builder.emit(r, i);
      ++changes;
    } else {
      builder.emit(in.substr(i, 1), i);
    }
    return 1;
  }
  std::size_t n = utf8::sequence_length(in, i);
  if (n == 0) n = 1;  // not expected (views are valid UTF-8); copy the byte through
  const char32_t cp = n > 1 ? utf8::decode(in, i, n) : static_cast<unsigned char>(c);
  if (const char* r = replacement(cp)) {
    if (*r) builder.emit(r, i);
    ++changes;
  } else if (cp >= 0xFF01 && cp <= 0xFF5E) {  // full-width ASCII
    const char ascii = static_cast<char>(cp - 0xFEE0);
    builder.emit(std::string_view(&ascii, 1), i);
    ++changes;
  } else {
    builder.emit(in.substr(i, n), i);
  }
  return n;
}

}  // namespace

Normalized normalize(std::string_view in, const Options& options) {
  Normalized out;
  out.text.reserve(in.size());
  Builder builder(out);
  std::size_t i = 0;
  while (i < in.size()) {
    if (const std::size_t run = plain_run_end(in, i); run > i) {
      builder.emit(in.substr(i, run - i), i);
      i = run;
      continue;
    }
    if (in[i] == '\r') {  // CRLF and lone CR become LF
      builder.emit("\n", i);
      i += (i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
      ++out.changes;
      continue;
    }
    if (in[i] == '-' && options.join_hyphenated_line_breaks)
      if (const std::size_t joined = hyphen_break_end(in, i); joined != std::string_view::npos) {
        i = joined;
        ++out.changes;
        continue;
      }
    i += emit_character(builder, in, i, out.changes);
  }
  return out;
}

std::uint64_t to_source_offset(const Normalized& normalized, std::uint64_t offset) {
  const auto& map = normalized.source_map;
  auto it = std::upper_bound(map.begin(), map.end(), offset, [](std::uint64_t o, const auto& bp) { return o < bp.first; });
  if (it == map.begin()) return offset;
  --it;
  return it->second + (offset - it->first);
}

}  // namespace chartflow::normalizer
