#include "media_type.hpp"

#include <chartflow/utf8.hpp>

#include <algorithm>
#include <array>

namespace chartflow::host {
namespace {

struct Magic {
  std::string_view prefix;
  std::string_view type;
};

constexpr std::array kMagic = {
    Magic{"%PDF-", "application/pdf"},
    Magic{std::string_view("II*\0", 4), "image/tiff"},
    Magic{std::string_view("MM\0*", 4), "image/tiff"},
    Magic{"\x89PNG\r\n\x1a\n", "image/png"},
    Magic{"\xFF\xD8\xFF", "image/jpeg"},
    Magic{"GIF87a", "image/gif"},
    Magic{"GIF89a", "image/gif"},
    Magic{"BM", "image/bmp"},
    Magic{"MSH|", "application/hl7-v2"},
    Magic{std::string_view("PK\x03\x04", 4), "application/zip"},
    Magic{"\x1F\x8B", "application/gzip"},
    Magic{"\x7F" "ELF", "application/octet-stream"},
};

// "BM" followed by a plausible header: the DIB header sizes Windows and OS/2 bitmaps use.
bool is_bmp(std::string_view b) {
  if (b.size() < 26) return false;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(b[i])); };
  const unsigned dib = byte(14) | byte(15) << 8 | byte(16) << 16 | byte(17) << 24;
  return dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124;
}

bool has_utf16_bom(std::string_view b) { return b.starts_with("\xFF\xFE") || b.starts_with("\xFE\xFF"); }

}  // namespace

std::string sniff_media_type(std::string_view bytes) {
  // HL7 v2 files sometimes start with a byte-order mark or MLLP framing (0x0B).
  std::string_view start = bytes;
  if (start.starts_with("\xEF\xBB\xBF")) start.remove_prefix(3);
  if (start.starts_with("\x0B")) start.remove_prefix(1);
  for (const auto& m : kMagic) {
    if (m.type == "image/bmp" && !is_bmp(bytes)) continue;  // "BM" alone is too common in text
    if (start.starts_with(m.prefix)) return std::string(m.type);
  }
  if (has_utf16_bom(bytes) || utf16::guess_without_bom(bytes) != utf16::Guess::none) return "text/plain";
  const std::string_view head = bytes.substr(0, 64 * 1024);
  if (std::find(head.begin(), head.end(), '\0') != head.end()) return "application/octet-stream";
  return "text/plain";
}

}  // namespace chartflow::host
