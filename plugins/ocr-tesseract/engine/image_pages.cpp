#include "image_pages.hpp"

#include "image_decoders.hpp"

#include <cstdio>
#include <string>

namespace chartflow::ocr {
namespace {

const l_uint8* data(std::string_view bytes) { return reinterpret_cast<const l_uint8*>(bytes.data()); }

bool is_tiff(int format) { return L_FORMAT_IS_TIFF(format); }

// Formats decoded with their libraries directly (image_decoders.hpp), not through Leptonica.
bool decoded_here(int format) { return format == IFF_PNG || format == IFF_JFIF_JPEG; }

// Walks the chain of TIFF image directories (classic TIFF) and checks each lies inside the file.
// libtiff stops quietly at a directory past the end of a truncated file, which would drop the
// last pages of a chart without a word; this turns that into an error.
void check_tiff_directories(std::string_view bytes) {
  if (bytes.size() < 8 || (bytes.substr(0, 2) != "II" && bytes.substr(0, 2) != "MM")) return;
  const bool little = bytes[0] == 'I';
  const auto u16 = [&](std::size_t at) {
    const auto b0 = static_cast<unsigned char>(bytes[at]), b1 = static_cast<unsigned char>(bytes[at + 1]);
    return static_cast<std::uint32_t>(little ? (b1 << 8 | b0) : (b0 << 8 | b1));
  };
  const auto u32 = [&](std::size_t at) {
    return little ? (u16(at + 2) << 16 | u16(at)) : (u16(at) << 16 | u16(at + 2));
  };
  if (u16(2) != 42) return;  // BigTIFF and others: left to libtiff
  std::uint64_t offset = u32(4);
  for (int page = 1; offset != 0; ++page) {
    if (page > 100000) throw PageError("TIFF directory chain loops");
    if (offset + 2 > bytes.size())
      throw PageError("TIFF is truncated: the directory of page " + std::to_string(page) + " lies beyond the end of the file");
    const std::uint64_t end = offset + 2 + 12ull * u16(offset) + 4;
    if (end > bytes.size())
      throw PageError("TIFF is truncated: the directory of page " + std::to_string(page) + " is cut off");
    offset = u32(static_cast<std::size_t>(end - 4));
  }
}

int count_tiff_pages(std::string_view bytes) {
  check_tiff_directories(bytes);
  // libtiff reads from a FILE*; fmemopen gives one over our buffer without copying it.
  FILE* file = fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb");
  if (!file) throw PageError("cannot open the TIFF data");
  l_int32 count = 0;
  const l_ok failed = tiffGetCount(file, &count);
  std::fclose(file);
  if (failed || count <= 0) throw PageError("not a readable TIFF file (no image directory found)");
  return count;
}

}  // namespace

void check_page_size(std::int64_t w, std::int64_t h, int page, const Limits& limits) {
  if (w <= 0 || h <= 0) throw PageError("page " + std::to_string(page) + " has no pixels (corrupt image header)");
  if (w * h > limits.max_page_pixels)
    throw PageError("page " + std::to_string(page) + " is " + std::to_string(w) + " x " + std::to_string(h) +
                        " pixels, over the limit of " + std::to_string(limits.max_page_pixels) + " (max_page_pixels)",
                    true);
}

ImagePages::ImagePages(std::string_view bytes, const Limits& limits) : bytes_(bytes), limits_(limits) {
  if (bytes.size() < 8) throw PageError("image file is truncated (" + std::to_string(bytes.size()) + " bytes)");
  if (findFileFormatBuffer(data(bytes), &format_) || format_ == IFF_UNKNOWN) throw PageError("unknown image format");
  if (format_ == IFF_PS || format_ == IFF_LPDF) throw PageError("PostScript and PDF are not images; use the PDF reader");
  if (format_ == IFF_GIF) gif_ = std::make_unique<GifFrames>(bytes, limits);
  pages_ = is_tiff(format_) ? count_tiff_pages(bytes) : gif_ ? gif_->count() : 1;
  if (pages_ > limits.max_pages)
    throw PageError("document has " + std::to_string(pages_) + " pages, over the limit of " + std::to_string(limits.max_pages) +
                        " (max_pages)",
                    true);
  // GIF, PNG and JPEG sizes are checked by their own decoders before any pixel is allocated
  // (Leptonica decodes a whole GIF to read its header, and lets libjpeg print while it reads one).
  if (!is_tiff(format_) && !gif_ && !decoded_here(format_)) {
    l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    if (pixReadHeaderMem(data(bytes), bytes.size(), &format, &w, &h, &bps, &spp, &cmap))
      throw PageError("image header is corrupt or truncated");
    check_page_size(w, h, 1, limits);
  }
}

LoadedPage ImagePages::load(int index) const {
  LoadedPage page;
  if (is_tiff(format_)) {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
    if (readHeaderMemTiff(data(bytes_), bytes_.size(), index, &w, &h, &bps, &spp, &res, &cmap, &format))
      throw PageError("page " + std::to_string(index + 1) + ": TIFF directory is corrupt or truncated");
    check_page_size(w, h, index + 1, limits_);
    page.pix = adopt(pixReadMemTiff(data(bytes_), bytes_.size(), index));
  } else if (gif_) {
    page.pix = gif_->frame(index);
  } else if (format_ == IFF_PNG) {
    page = decode_png(bytes_, limits_);
  } else if (format_ == IFF_JFIF_JPEG) {
    page = decode_jpeg(bytes_, limits_);
  } else {
    page.pix = adopt(pixReadMem(data(bytes_), bytes_.size()));
  }
  if (!page.pix) throw PageError("page " + std::to_string(index + 1) + ": image data is corrupt or truncated");
  l_int32 w = 0, h = 0, d = 0;
  pixGetDimensions(page.pix.get(), &w, &h, &d);
  check_page_size(w, h, index + 1, limits_);
  pixGetResolution(page.pix.get(), &page.dpi_x, &page.dpi_y);
  return page;
}

}  // namespace chartflow::ocr
