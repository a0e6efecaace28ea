// Pages of an image file held in memory: TIFF (single or multi-page; any compression libtiff
// reads, including CCITT G3/G4 fax), PNG, JPEG, BMP, GIF, WebP, PNM.
#pragma once

#include "page_source.hpp"

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
};

}  // namespace chartflow::ocr
