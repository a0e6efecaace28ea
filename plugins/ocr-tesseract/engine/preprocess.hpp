// Turns a scanned page into what Tesseract reads best: 8-bit grey, square pixels at about
// 300 dpi, upright, deskewed. Every step is measured by the OCR benchmark; see docs/ocr.md.
#pragma once

#include "geometry.hpp"
#include "page_source.hpp"

#include <string>
#include <vector>

namespace chartflow::ocr {

struct PrepareOptions {
  int target_dpi = 300;   // pages above max_dpi are brought down to this
  int max_dpi = 400;
  bool detect_orientation = true;
  bool deskew = true;
  // Smaller skews are left to Tesseract, which reads them as well: on the dev set, straightening
  // pages skewed under a degree cost 0.1-0.15 s per page and changed no CER.
  double deskew_min_degrees = 1.0;
  bool smooth_bilevel = true;
  bool despeckle = true;
  bool normalize_background = false;
};

struct PreparedPage {
  PixPtr gray;                 // what the recogniser reads
  PageGeometry geometry;       // maps its boxes back to the scan
  int width_px = 0, height_px = 0;   // of the scan
  double dpi_x = 0, dpi_y = 0;       // of the scan (estimated when the file does not say)
  double dpi = 0;                    // of the prepared image
  bool dpi_estimated = false;
  double orientation_confidence = 0;  // Leptonica's up/left confidence for the chosen turn
  std::vector<std::string> notes;     // what was done or doubted, for review reasons
};

// Throws PageError when the page, once resampled, would be over `limits` (page_number: 1-based,
// for the reason).
PreparedPage prepare_page(LoadedPage page, const PrepareOptions& options, const Limits& limits, int page_number);

// Rotates a prepared page by further quarter turns (used when recognition says the
// orientation guess was wrong).
void turn_prepared(PreparedPage& page, int quads);

}  // namespace chartflow::ocr
