// ocr-tesseract: the reader stage for scanned images.
#include "engine/image_pages.hpp"
#include "engine/stage_support.hpp"

namespace chartflow::ocr {

class OcrReader {
 public:
  explicit OcrReader(const sdk::Context& context)
      : options_(ocr_options_from(context.config())), pool_(engine_options_from(context.config()), context.worker_count()) {
    // Leptonica reports problems on stderr; ours go through PageError into the quarantine.
    setMsgSeverity(L_SEVERITY_NONE);
    check_model_loads(pool_);
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    OcrDocument doc;
    try {
      const ImagePages pages(document.source_bytes(), options_.limits);
      doc = ocr_document(pages, pool_, options_);
    } catch (const PageError& e) {
      fail_document(e);
    }
    write_document(doc, output);
  }

 private:
  OcrOptions options_;
  EnginePool pool_;
};

}  // namespace chartflow::ocr

CHARTFLOW_PLUGIN(chartflow::ocr::OcrReader)
