// pdf-reader: the reader stage for PDF charts. Pages with a text layer give their text and word
// boxes directly; scanned pages are rendered and read by the same OCR engine as ocr-tesseract.
// Links poppler (GPL): see docs/dependencies.md before distributing it.
#include "pdf_pages.hpp"

#include "engine/stage_support.hpp"

namespace chartflow::pdf {

class PdfReader {
 public:
  explicit PdfReader(const sdk::Context& context)
      : options_(ocr::ocr_options_from(context.config())), pool_(ocr::engine_options_from(context.config()), context.worker_count()) {
    pdf_.render_dpi = context.config().value("render_dpi", 300);
    pdf_.min_text_layer_chars = context.config().value("min_text_layer_chars", 20);
    setMsgSeverity(L_SEVERITY_NONE);
    silence_poppler();
    ocr::check_model_loads(pool_);
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    ocr::OcrDocument doc;
    try {
      const PdfPages pages(document.source_bytes(), options_.limits, pdf_);
      doc = ocr::ocr_document(pages, pool_, options_);
    } catch (const ocr::PageError& e) {
      ocr::fail_document(e);
    }
    ocr::write_document(doc, output);
  }

 private:
  ocr::OcrOptions options_;
  ocr::EnginePool pool_;
  PdfOptions pdf_;
};

}  // namespace chartflow::pdf

CHARTFLOW_PLUGIN(chartflow::pdf::PdfReader)
