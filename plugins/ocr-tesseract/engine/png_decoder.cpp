#include "image_decoders.hpp"

#include <png.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace chartflow::ocr {
namespace {

constexpr std::size_t kSignature = 8;

std::uint32_t be32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24 | static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 | static_cast<unsigned char>(b[at + 3]);
}

// The resolution a pHYs chunk declares (0 when absent or not in metres), found by walking the
// chunks before the image data: the simplified API does not expose it.
void read_resolution(std::string_view bytes, LoadedPage& page) {
  for (std::size_t at = kSignature; at + 12 <= bytes.size();) {
    const std::uint32_t length = be32(bytes, at);
    const std::string_view type = bytes.substr(at + 4, 4);
    if (type == "IDAT" || type == "IEND" || length > bytes.size() - at - 12) return;
    if (type == "pHYs" && length == 9 && bytes[at + 16] == 1) {
      constexpr double kInchesPerMetre = 0.0254;
      page.dpi_x = static_cast<int>(std::lround(be32(bytes, at + 8) * kInchesPerMetre));
      page.dpi_y = static_cast<int>(std::lround(be32(bytes, at + 12) * kInchesPerMetre));
      return;
    }
    at += 12 + length;
  }
}

struct ImageGuard {
  png_image* image;
  ~ImageGuard() { png_image_free(image); }
};

}  // namespace

std::string library_message(const char* message) {
  std::string out;
  bool quoted = false;
  for (const char* c = message; *c; ++c) {
    if (*c == '\'') {
      quoted = !quoted;
      if (quoted) out += "'...'";
    } else if (!quoted && *c >= 0x20 && *c < 0x7F) {
      out += *c;
    }
  }
  return out;
}

LoadedPage decode_png(std::string_view bytes, const Limits& limits) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  const ImageGuard guard{&image};
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
    throw PageError("page 1: PNG is corrupt or truncated (" + library_message(image.message) + ")");
  check_page_size(image.width, image.height, 1, limits);
  // Bit depth: byte 24, in IHDR (which libpng has just checked).
  const bool bilevel = bytes.size() > 24 && bytes[24] == 1;
  image.format = PNG_FORMAT_GRAY;
  LoadedPage page;
  page.pix = adopt(pixCreate(static_cast<l_int32>(image.width), static_cast<l_int32>(image.height), 8));
  if (!page.pix) throw PageError("page 1: out of memory for a " + std::to_string(image.width) + " x " + std::to_string(image.height) + " page", true);
  // libpng writes the rows straight into the Pix: Leptonica's byte view of an 8-bit image.
  l_int32 w = 0, h = 0;
  l_uint8** rows = pixSetupByteProcessing(page.pix.get(), &w, &h);
  if (!rows) throw PageError("page 1: cannot set up the page image");
  const png_color white{255, 255, 255};
  const int done = png_image_finish_read(&image, &white, rows[0], pixGetWpl(page.pix.get()) * 4, nullptr);
  pixCleanupByteProcessing(page.pix.get(), rows);
  if (!done) throw PageError("page 1: PNG image data is corrupt or truncated (" + library_message(image.message) + ")");
  if (image.warning_or_error & PNG_IMAGE_WARNING) page.notes.push_back("PNG decoder warning: " + library_message(image.message));
  if (bilevel)
    if (PixPtr binary = adopt(pixConvertTo1(page.pix.get(), 128))) page.pix = std::move(binary);
  read_resolution(bytes, page);
  pixSetResolution(page.pix.get(), page.dpi_x, page.dpi_y);
  return page;
}

}  // namespace chartflow::ocr
