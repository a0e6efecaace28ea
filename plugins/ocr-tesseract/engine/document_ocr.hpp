// OCR of a whole document: pages prepared and recognised in parallel on the engines the pool
// can spare, streamed (a page's image lives only while it is being read), and assembled into
// one text view with per-page geometry and per-word boxes.
#pragma once

#include "page_source.hpp"
#include "preprocess.hpp"
#include "tesseract_engine.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace chartflow::ocr {

struct OcrOptions {
  PrepareOptions prepare;
  Limits limits;
  double review_below = 0.80;  // pages whose mean confidence is lower are flagged for review
};

struct OcrDocument {
  std::string text;
  nlohmann::json pages = nlohmann::json::array();  // record "pages" items
  nlohmann::json words = nlohmann::json::array();  // record "words" items
  std::size_t pages_for_review = 0;
  std::size_t text_layer_pages = 0;
};

// Throws PageError for a page that cannot be read.
OcrDocument ocr_document(const PageSource& source, EnginePool& pool, const OcrOptions& options,
                         const std::string& view_name = "raw");

// One page, prepared and recognised (exposed for the benchmark and tests).
struct PageResult {
  PreparedPage page;  // its image is released after recognition
  Recognition recognition;
  std::string origin = "ocr";  // or "text-layer"
  double milliseconds = 0;
};
PageResult ocr_page(const PageSource& source, int index, Engine& engine, const OcrOptions& options);

}  // namespace chartflow::ocr
