// What the two OCR reader plugins (ocr-tesseract, pdf-reader) share on the SDK side: reading the
// OCR options from a stage config and writing an OCR'd document into the record.
#pragma once

#include "document_ocr.hpp"

#include <chartflow/sdk.hpp>

namespace chartflow::ocr {

inline OcrOptions ocr_options_from(const sdk::json& config) {
  OcrOptions o;
  o.prepare.detect_orientation = config.value("detect_orientation", true);
  o.prepare.deskew = config.value("deskew", true);
  o.prepare.deskew_min_degrees = config.value("deskew_min_degrees", 1.0);
  o.prepare.smooth_bilevel = config.value("smooth_bilevel", true);
  o.prepare.despeckle = config.value("despeckle", true);
  o.prepare.normalize_background = config.value("normalize_background", false);
  o.prepare.target_dpi = config.value("target_dpi", 300);
  o.review_below = config.value("review_below", 0.8);
  o.limits.max_pages = config.value("max_pages", 2000);
  o.limits.max_page_pixels = config.value("max_page_pixels", std::int64_t{150'000'000});
  return o;
}

inline EngineOptions engine_options_from(const sdk::json& config) {
  return {config.value("tessdata_dir", std::string()), config.value("language", std::string("eng"))};
}

// Loads one model now, so that a wrong language or tessdata folder fails start-up.
inline void check_model_loads(EnginePool& pool) {
  try {
    pool.release(pool.acquire());
  } catch (const std::exception& e) {
    throw sdk::ConfigError(e.what());
  }
}

// Turns a page error into the SDK error that quarantines the document with its reason.
[[noreturn]] inline void fail_document(const PageError& e) {
  if (e.is_limit()) throw sdk::LimitExceeded(e.what());
  throw sdk::InvalidInput(e.what());
}

inline void write_document(const OcrDocument& doc, sdk::Output& output) {
  const bool all_text_layer = !doc.pages.empty() && doc.text_layer_pages == doc.pages.size();
  output.add_view("raw", doc.text, {{"origin", all_text_layer ? "text-layer" : "ocr"}});
  output.add("pages", doc.pages);
  if (!doc.words.empty()) output.add("words", doc.words);
  if (doc.pages_for_review)
    output.warn("ocr-review", std::to_string(doc.pages_for_review) + " of " + std::to_string(doc.pages.size()) +
                                  " pages need review (see pages[].review_reasons)");
}

}  // namespace chartflow::ocr
