// Pages of an image file held in memory: TIFF (single or multi-page; any compression libtiff
// reads, including CCITT G3/G4 fax), GIF (every frame a page), PNG, JPEG, BMP, WebP, PNM.
#pragma once

#include "gif_frames.hpp"
#include "page_source.hpp"

#include <memory>
#include <string_view>

namespace chartflow::ocr {

class ImagePages : public PageSource {
 public:
  // Checks the header (format, page count, page sizes against `limits`); throws PageError.
  ImagePages(std::string_view bytes, const Limits& limits);
  int page_count() const override { return pages_; }
  LoadedPage load(int index) const override;

 private:
  std::string_view bytes_;
  Limits limits_;
  int format_ = 0;
  int pages_ = 0;
  std::unique_ptr<GifFrames> gif_;  // every frame of a GIF is a page
};

}  // namespace chartflow::ocr
