// Pages of a PDF held in memory, through poppler: a page with a text layer gives its text and
// word boxes directly; a scanned page is rendered to an image for OCR.
#pragma once

#include "engine/page_source.hpp"

#include <memory>
#include <mutex>
#include <string_view>

namespace poppler {
class document;
}

namespace chartflow::pdf {

struct PdfOptions {
  int render_dpi = 300;
  int min_text_layer_chars = 20;  // fewer non-space characters: treat the page as scanned
};

class PdfPages : public ocr::PageSource {
 public:
  // Throws ocr::PageError for damaged, encrypted or over-limit files.
  PdfPages(std::string_view bytes, const ocr::Limits& limits, const PdfOptions& options);
  ~PdfPages() override;
  int page_count() const override { return pages_; }
  ocr::LoadedPage load(int index) const override;
  std::optional<ocr::TextLayerPage> text_layer(int index) const override;

 private:
  std::unique_ptr<poppler::document> document_;
  ocr::Limits limits_;
  PdfOptions options_;
  int pages_ = 0;
  mutable std::mutex mutex_;  // poppler documents are not thread-safe
};

// Routes poppler's error messages away from stderr (once per process).
void silence_poppler();

}  // namespace chartflow::pdf
