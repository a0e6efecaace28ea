#include "image_decoders.hpp"

#include <csetjmp>
#include <cstdio>  // jpeglib.h needs FILE
#include <jpeglib.h>

#include <memory>
#include <string>
#include <vector>

namespace chartflow::ocr {
namespace {

// libjpeg reports a fatal error by calling error_exit, which must not return: it longjmps back
// to decode_jpeg. Warnings go to output_message, which by default prints them; here the first
// is kept for the page's notes.
struct ErrorManager {
  jpeg_error_mgr library;  // first, so libjpeg's pointer to it is a pointer to this
  std::jmp_buf jump;
  char error[JMSG_LENGTH_MAX] = "";
  char warning[JMSG_LENGTH_MAX] = "";
};

[[noreturn]] void on_error(j_common_ptr info) {
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  (*info->err->format_message)(info, errors->error);
  std::longjmp(errors->jump, 1);
}

void on_message(j_common_ptr info) {
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  if (!errors->warning[0]) (*info->err->format_message)(info, errors->warning);
}

// Everything a decode touches lives here, on the heap: a longjmp out of libjpeg leaves it intact
// (no automatic variable changed after setjmp), and the destructor releases it either way.
struct Decoder {
  jpeg_decompress_struct info{};
  ErrorManager errors{};
  bool created = false;
  PixPtr pix;
  l_uint8** rows = nullptr;         // Leptonica's byte view of `pix` while it is filled
  std::vector<JSAMPLE> scanline;    // one decoded row of colour or CMYK samples

  ~Decoder() {
    if (rows) pixCleanupByteProcessing(pix.get(), rows);
    if (created) jpeg_destroy_decompress(&info);
  }
};

l_uint8 grey(int r, int g, int b) { return static_cast<l_uint8>((3 * r + 5 * g + 2 * b + 5) / 10); }  // Leptonica's weights

// One decoded row into 8-bit grey. CMYK (as Adobe writes it, inverted) the way Leptonica reads it.
void to_grey(const Decoder& d, l_uint8* out) {
  const JSAMPLE* s = d.scanline.data();
  const int components = d.info.output_components;
  for (JDIMENSION x = 0; x < d.info.output_width; ++x, s += components) {
    if (components == 3) {
      out[x] = grey(s[0], s[1], s[2]);
    } else {
      const bool inverted = d.info.saw_Adobe_marker;
      const int c = inverted ? s[0] : 255 - s[0], m = inverted ? s[1] : 255 - s[1], y = inverted ? s[2] : 255 - s[2];
      const int k = inverted ? s[3] : 255 - s[3];
      out[x] = grey(c * k / 255, m * k / 255, y * k / 255);
    }
  }
}

void read_resolution(const jpeg_decompress_struct& info, LoadedPage& page) {
  if (info.density_unit == 1) page.dpi_x = info.X_density, page.dpi_y = info.Y_density;
  if (info.density_unit == 2)  // dots per centimetre
    page.dpi_x = static_cast<int>(info.X_density * 2.54 + 0.5), page.dpi_y = static_cast<int>(info.Y_density * 2.54 + 0.5);
}

// The decode proper. libjpeg may longjmp out of it, back to decode_jpeg: it holds nothing that
// would need destroying.
void decode(Decoder& d, std::string_view bytes, const Limits& limits) {
  jpeg_create_decompress(&d.info);
  d.created = true;
  jpeg_mem_src(&d.info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&d.info, TRUE);
  check_page_size(d.info.image_width, d.info.image_height, 1, limits);
  const J_COLOR_SPACE space = d.info.jpeg_color_space;
  d.info.out_color_space = space == JCS_GRAYSCALE ? JCS_GRAYSCALE : space == JCS_CMYK || space == JCS_YCCK ? JCS_CMYK : JCS_RGB;
  jpeg_start_decompress(&d.info);
  const auto width = static_cast<l_int32>(d.info.output_width), height = static_cast<l_int32>(d.info.output_height);
  d.pix = adopt(pixCreate(width, height, 8));
  if (!d.pix) throw PageError("page 1: out of memory for a " + std::to_string(width) + " x " + std::to_string(height) + " page", true);
  l_int32 w = 0, h = 0;
  d.rows = pixSetupByteProcessing(d.pix.get(), &w, &h);
  if (!d.rows) throw PageError("page 1: cannot set up the page image");
  const bool grey_already = d.info.out_color_space == JCS_GRAYSCALE;
  d.scanline.resize(grey_already ? 0 : static_cast<std::size_t>(width) * static_cast<std::size_t>(d.info.output_components));
  while (d.info.output_scanline < d.info.output_height) {
    l_uint8* row = d.rows[d.info.output_scanline];
    JSAMPROW target = grey_already ? row : d.scanline.data();
    jpeg_read_scanlines(&d.info, &target, 1);
    if (!grey_already) to_grey(d, row);
  }
  pixCleanupByteProcessing(d.pix.get(), d.rows);
  d.rows = nullptr;
  jpeg_finish_decompress(&d.info);
}

}  // namespace

LoadedPage decode_jpeg(std::string_view bytes, const Limits& limits) {
  const auto d = std::make_unique<Decoder>();
  d->info.err = jpeg_std_error(&d->errors.library);
  d->errors.library.error_exit = on_error;
  d->errors.library.output_message = on_message;
  if (setjmp(d->errors.jump)) throw PageError("page 1: JPEG is corrupt or truncated (" + library_message(d->errors.error) + ")");
  decode(*d, bytes, limits);
  LoadedPage page;
  read_resolution(d->info, page);
  pixSetResolution(d->pix.get(), page.dpi_x, page.dpi_y);
  if (d->errors.warning[0]) page.notes.push_back("JPEG decoder warning: " + library_message(d->errors.warning));
  page.pix = std::move(d->pix);
  return page;
}

}  // namespace chartflow::ocr
