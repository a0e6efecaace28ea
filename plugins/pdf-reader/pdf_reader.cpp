// pdf-reader: the reader stage for PDF charts. Pages with a text layer give their text and word
// boxes directly; scanned pages are rendered and read by the same OCR engine as ocr-tesseract.
// Links poppler (GPL): see docs/dependencies.md before distributing it.
#include "pdf_pages.hpp"

#include "engine/document_ocr.hpp"

#include <chartflow/sdk.hpp>

namespace chartflow::pdf {

class PdfReader {
 public:
  explicit PdfReader(const sdk::Context& context)
      : pool_({context.config().value("tessdata_dir", std::string()), context.config().value("language", std::string("eng"))},
              context.worker_count()) {
    const auto& c = context.config();
    options_.prepare.detect_orientation = c.value("detect_orientation", true);
    options_.prepare.deskew = c.value("deskew", true);
    options_.prepare.deskew_min_degrees = c.value("deskew_min_degrees", 1.0);
    options_.review_below = c.value("review_below", 0.8);
    options_.limits.max_pages = c.value("max_pages", 2000);
    options_.limits.max_page_pixels = c.value("max_page_pixels", std::int64_t{150'000'000});
    pdf_.render_dpi = c.value("render_dpi", 300);
    pdf_.min_text_layer_chars = c.value("min_text_layer_chars", 20);
    setMsgSeverity(L_SEVERITY_NONE);
    silence_poppler();
    try {
      pool_.release(pool_.acquire());
    } catch (const std::exception& e) {
      throw sdk::ConfigError(e.what());
    }
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    ocr::OcrDocument doc;
    try {
      const PdfPages pages(document.source_bytes(), options_.limits, pdf_);
      doc = ocr::ocr_document(pages, pool_, options_);
    } catch (const ocr::PageError& e) {
      if (e.is_limit()) throw sdk::LimitExceeded(e.what());
      throw sdk::InvalidInput(e.what());
    }
    const bool all_text_layer = doc.text_layer_pages == doc.pages.size();
    output.add_view("raw", doc.text, {{"origin", all_text_layer ? "text-layer" : "ocr"}});
    output.add("pages", doc.pages);
    if (!doc.words.empty()) output.add("words", doc.words);
    if (doc.pages_for_review)
      output.warn("ocr-review", std::to_string(doc.pages_for_review) + " of " + std::to_string(doc.pages.size()) +
                                    " pages need review (see pages[].review_reasons)");
  }

 private:
  ocr::EnginePool pool_;
  ocr::OcrOptions options_;
  PdfOptions pdf_;
};

}  // namespace chartflow::pdf

CHARTFLOW_PLUGIN(chartflow::pdf::PdfReader)
