// Where page images come from: image files (Leptonica) or rendered PDF pages (poppler).
#pragma once

#include "geometry.hpp"
#include "pix.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace chartflow::ocr {

struct Limits {
  int max_pages = 2000;
  std::int64_t max_page_pixels = 150'000'000;  // e.g. 12000 x 12500: far above any sane scan
};

// A page that cannot be read: corrupt, truncated, over a limit. Quarantines its document.
class PageError : public std::runtime_error {
 public:
  PageError(std::string message, bool limit = false) : std::runtime_error(std::move(message)), limit_(limit) {}
  bool is_limit() const noexcept { return limit_; }

 private:
  bool limit_;
};

// Refuses a page of `width` x `height` pixels (page `page`, 1-based) that has none or more than
// `limits.max_page_pixels`, before anything that size is allocated.
void check_page_size(std::int64_t width, std::int64_t height, int page, const Limits& limits);

struct LoadedPage {
  PixPtr pix;
  int dpi_x = 0, dpi_y = 0;  // 0 when the file does not say
  std::vector<std::string> notes;  // what the decoder doubted, for the page's notes
};

// A page whose text is already known (a PDF page with a text layer): no OCR needed.
struct TextLayerPage {
  struct Word {
    std::string text;
    Box box;  // in page units (points for PDF), origin top-left
    bool starts_line = false;
  };
  int width = 0, height = 0;  // in the same units
  double dpi = 72;
  std::vector<Word> words;
};

class PageSource {
 public:
  virtual ~PageSource() = default;
  virtual int page_count() const = 0;
  // Loads page `index` (0-based). Must be safe to call from several threads at once.
  virtual LoadedPage load(int index) const = 0;
  // The page's own text, when it has one worth using instead of OCR.
  virtual std::optional<TextLayerPage> text_layer(int /*index*/) const { return std::nullopt; }
};

}  // namespace chartflow::ocr
