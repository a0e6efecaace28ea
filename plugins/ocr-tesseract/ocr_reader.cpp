// ocr-tesseract: the reader stage for scanned images.
#include "engine/document_ocr.hpp"
#include "engine/image_pages.hpp"

#include <chartflow/sdk.hpp>

namespace chartflow::ocr {

OcrOptions options_from(const sdk::json& config) {
  OcrOptions o;
  o.prepare.target_dpi = config.value("target_dpi", 300);
  o.prepare.detect_orientation = config.value("detect_orientation", true);
  o.prepare.deskew = config.value("deskew", true);
  o.prepare.deskew_min_degrees = config.value("deskew_min_degrees", 1.0);
  o.prepare.smooth_bilevel = config.value("smooth_bilevel", true);
  o.prepare.despeckle = config.value("despeckle", true);
  o.prepare.normalize_background = config.value("normalize_background", false);
  o.review_below = config.value("review_below", 0.8);
  o.limits.max_pages = config.value("max_pages", 2000);
  o.limits.max_page_pixels = config.value("max_page_pixels", std::int64_t{150'000'000});
  return o;
}

EngineOptions engine_options_from(const sdk::json& config) {
  return {config.value("tessdata_dir", std::string()), config.value("language", std::string("eng"))};
}

class OcrReader {
 public:
  explicit OcrReader(const sdk::Context& context)
      : options_(options_from(context.config())), pool_(engine_options_from(context.config()), context.worker_count()) {
    silence_leptonica();
    try {
      pool_.release(pool_.acquire());  // load the model now: a wrong language fails start-up, not every document
    } catch (const std::exception& e) {
      throw sdk::ConfigError(e.what());
    }
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    OcrDocument doc;
    try {
      const ImagePages pages(document.source_bytes(), options_.limits);
      doc = ocr_document(pages, pool_, options_);
    } catch (const PageError& e) {
      if (e.is_limit()) throw sdk::LimitExceeded(e.what());
      throw sdk::InvalidInput(e.what());
    }
    output.add_view("raw", doc.text, {{"origin", "ocr"}});
    output.add("pages", doc.pages);
    if (!doc.words.empty()) output.add("words", doc.words);
    if (doc.pages_for_review)
      output.warn("ocr-review", std::to_string(doc.pages_for_review) + " of " + std::to_string(doc.pages.size()) +
                                    " pages need review (see pages[].review_reasons)");
  }

 private:
  static void silence_leptonica() {
    // Leptonica reports problems on stderr; ours go through PageError into the quarantine.
    setMsgSeverity(L_SEVERITY_NONE);
  }

  OcrOptions options_;
  EnginePool pool_;
};

}  // namespace chartflow::ocr

CHARTFLOW_PLUGIN(chartflow::ocr::OcrReader)
