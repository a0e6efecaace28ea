#include "media_type.hpp"

#include <chartflow/utf8.hpp>

#include <algorithm>
#include <array>
#include <vector>

namespace chartflow::host {
namespace {

struct Magic {
  std::string_view prefix;
  std::string_view type;
};

constexpr std::string_view kHl7 = "application/hl7-v2";

constexpr std::array kMagic = {
    Magic{"%PDF-", "application/pdf"},
    Magic{std::string_view("II*\0", 4), "image/tiff"},
    Magic{std::string_view("MM\0*", 4), "image/tiff"},
    Magic{"\x89PNG\r\n\x1a\n", "image/png"},
    Magic{"\xFF\xD8\xFF", "image/jpeg"},
    Magic{"GIF87a", "image/gif"},
    Magic{"GIF89a", "image/gif"},
    Magic{"BM", "image/bmp"},
    Magic{std::string_view("PK\x03\x04", 4), "application/zip"},
    Magic{"\x1F\x8B", "application/gzip"},
    Magic{"\x7F" "ELF", "application/octet-stream"},
};

// Segments a file of HL7 v2 may start with: a message header, a batch or file header, or (when
// the sender lost the header) the segments that come after it.
constexpr std::array<std::string_view, 28> kHl7Segments = {
    "MSH", "FHS", "BHS", "EVN", "PID", "PD1", "PV1", "PV2", "NK1", "ORC", "OBR", "OBX", "NTE", "SPM",
    "TQ1", "AL1", "DG1", "PR1", "GT1", "IN1", "MRG", "TXA", "MSA", "ERR", "SFT", "ROL", "CTI", "FT1"};

// "BM" followed by a plausible header: the DIB header sizes Windows and OS/2 bitmaps use.
bool is_bmp(std::string_view b) {
  if (b.size() < 26) return false;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(b[i])); };
  const unsigned dib = byte(14) | byte(15) << 8 | byte(16) << 16 | byte(17) << 24;
  return dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124;
}

bool has_utf16_bom(std::string_view b) { return b.starts_with("\xFF\xFE") || b.starts_with("\xFE\xFF"); }

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_upper_or_digit(char c) { return is_upper(c) || (c >= '0' && c <= '9'); }

// An HL7 segment line: a 3-character segment id, then the field separator.
bool is_segment_line(std::string_view line) {
  return line.size() >= 4 && is_upper(line[0]) && is_upper_or_digit(line[1]) && is_upper_or_digit(line[2]) && line[3] == '|';
}

bool starts_known_segment(std::string_view line) {
  return is_segment_line(line) && std::find(kHl7Segments.begin(), kHl7Segments.end(), line.substr(0, 3)) != kHl7Segments.end();
}

bool is_line_end(char c) { return c == '\r' || c == '\n' || c == '\x0B' || c == '\x1C'; }

// The first non-blank lines of `head` (leading spaces and tabs dropped), at most `count`.
std::vector<std::string_view> first_lines(std::string_view head, std::size_t count) {
  std::vector<std::string_view> lines;
  std::size_t i = 0;
  while (i < head.size() && lines.size() < count) {
    while (i < head.size() && (is_line_end(head[i]) || head[i] == ' ' || head[i] == '\t')) ++i;
    const std::size_t begin = i;
    while (i < head.size() && !is_line_end(head[i])) ++i;
    if (i > begin) lines.push_back(head.substr(begin, i - begin));
  }
  return lines;
}

// HL7 v2 by its shape rather than by "MSH|" at byte 0: exports start with blank lines, a BOM or
// MLLP framing, and a message that lost its MSH header still carries the identifiers (PID names,
// MRNs) that only the HL7 reader knows to leave out. Taking a note for HL7 quarantines it;
// taking HL7 for a note publishes those identifiers: so one line starting with a known segment
// id and '|' is enough, but prose ("PID 12 ...") never is, and in a longer file at least two of
// the first lines must be segments.
bool looks_like_hl7(std::string_view head) {
  // The first line decides most files: a note's first four characters are no segment id and '|',
  // and its (often very long) lines need not be split (a line shorter than four fails here too:
  // its line end is no letter, digit or '|').
  const std::size_t first = head.find_first_not_of(" \t\r\n\x0B\x1C");
  if (first == std::string_view::npos || !starts_known_segment(head.substr(first, 4))) return false;
  const auto lines = first_lines(head, 8);  // lines.front() starts at `first`: checked above
  if (lines.size() == 1 || lines.front().starts_with("MSH|")) return true;
  return std::count_if(lines.begin(), lines.end(), is_segment_line) >= 2;
}

}  // namespace

std::string sniff_media_type(std::string_view bytes) {
  const std::string_view start = bytes.substr(bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  for (const auto& m : kMagic) {
    if (m.type == "image/bmp" && !is_bmp(bytes)) continue;  // "BM" alone is too common in text
    if (start.starts_with(m.prefix)) return std::string(m.type);
  }
  if (looks_like_hl7(start.substr(0, 64 * 1024))) return std::string(kHl7);
  if (has_utf16_bom(bytes) || utf16::guess_without_bom(bytes) != utf16::Guess::none) return "text/plain";
  const std::string_view head = bytes.substr(0, 64 * 1024);
  if (head.find('\0') != std::string_view::npos) return "application/octet-stream";  // (memchr, not a byte loop)
  return "text/plain";
}

}  // namespace chartflow::host
