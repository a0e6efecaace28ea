#include "preprocess.hpp"

#include <algorithm>
#include <cmath>

namespace chartflow::ocr {
namespace {

PixPtr binarize(PIX* gray) {
  // A quick global threshold is enough for finding orientation and skew.
  return adopt(pixConvertTo1(gray, 160));
}

// Which clockwise quarter turns make the text upright, from Leptonica's text-orientation
// statistics (ascenders and descenders of Roman text). Returns 0 when unsure.
int orientation_turns(PIX* binary, double& confidence) {
  l_float32 upconf = 0, leftconf = 0;
  if (pixOrientDetect(binary, &upconf, &leftconf, 0, 0)) return 0;
  const double up = std::fabs(upconf), left = std::fabs(leftconf);
  constexpr double kMinConfidence = 6.0, kMinRatio = 2.0;
  if (up >= kMinConfidence && up >= kMinRatio * left) {
    confidence = up;
    return upconf > 0 ? 0 : 2;
  }
  if (left >= kMinConfidence && left >= kMinRatio * up) {
    confidence = left;
    // leftconf > 0: text reads upward (rotated 90 counter-clockwise): turn it clockwise.
    return leftconf > 0 ? 1 : 3;
  }
  confidence = std::max(up, left);
  return 0;
}

// How a page is resampled. Square pixels: fax standard mode is 204 x 98 dpi; the short axis is
// stretched to match the long one. Pages far above the target resolution are brought down to it
// (faster, no less accurate). Low-resolution pages are NOT enlarged: on 150 dpi scans, enlarging
// to 300 dpi raised the character error rate from 1.9% to 15% (docs/ocr.md has the measurements).
struct Resampling {
  double sx = 1, sy = 1;
  double dpi = 0;  // of the resampled page
};

Resampling plan_resampling(double dpi_x, double dpi_y, const PrepareOptions& options) {
  Resampling r;
  const double dpi = std::max(dpi_x, dpi_y);
  if (std::fabs(dpi_x - dpi_y) >= 1) r.sx = dpi / dpi_x, r.sy = dpi / dpi_y;
  if (dpi > options.max_dpi) r.sx *= options.target_dpi / dpi, r.sy *= options.target_dpi / dpi;
  r.dpi = std::round(std::max(r.sx * dpi_x, r.sy * dpi_y));
  return r;
}

// The pixel limit holds for the page as it is read, not only as the file stores it: a 10 KB fax
// TIFF declaring 50 x 400 dpi is stretched 8x to square its pixels (it once took 2.65 GB and
// 40 s). Checked before anything that size is allocated.
void check_resampled_size(const PreparedPage& out, const Resampling& r, const Limits& limits, int page) {
  // Rounded as Leptonica's scalers round.
  const std::int64_t w = std::lround(out.width_px * r.sx), h = std::lround(out.height_px * r.sy);
  if (w * h <= limits.max_page_pixels) return;
  const auto dpi = [](double v) { return std::to_string(static_cast<long long>(std::lround(v))); };
  throw PageError("page " + std::to_string(page) + " is " + std::to_string(out.width_px) + " x " + std::to_string(out.height_px) +
                      " pixels at " + dpi(out.dpi_x) + " x " + dpi(out.dpi_y) + " dpi, and would be " + std::to_string(w) + " x " +
                      std::to_string(h) + " pixels (" + std::to_string(w * h) + ") once resampled to square pixels at " + dpi(r.dpi) +
                      " dpi, over the limit of " + std::to_string(limits.max_page_pixels) +
                      " (max_page_pixels in the stage's config: raise it if such pages are expected; a resolution this "
                      "far from square is often a wrong header)",
                  true);
}

// Black-and-white scans have jagged, stair-stepped strokes (worse once fax lines are stretched);
// two passes of a 3x3 box filter round them. Fax CER 0.32% -> 0.16%, standard-mode fax 2.9% ->
// 0.8%. Isolated specks (scanner dust, noise) read as stray punctuation and accents: dark
// components no bigger than a speck at this resolution (1 px at 150 dpi, 2 px at 300 dpi) are
// removed: 150 dpi JPEG scans 1.9% -> 1.0%, noisy 300 dpi scans 0.6% -> 0.3%.
void clean_up(PixPtr& gray, bool bilevel, double dpi, const PrepareOptions& options) {
  if (bilevel && options.smooth_bilevel) {
    for (int pass = 0; pass < 2; ++pass)
      if (PixPtr smooth = adopt(pixBlockconvGray(gray.get(), nullptr, 1, 1))) gray = std::move(smooth);
  }
  if (options.despeckle) {
    const int speck = std::max(1, static_cast<int>(std::lround(dpi / 150.0)));
    if (PixPtr ink = adopt(pixConvertTo1(gray.get(), 160)))
      if (PixPtr specks = adopt(pixSelectBySize(ink.get(), speck, speck, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, nullptr)))
        pixPaintThroughMask(gray.get(), specks.get(), 0, 0, 255);
  }
  if (options.normalize_background) {
    if (PixPtr normalized = adopt(pixBackgroundNormSimple(gray.get(), nullptr, nullptr))) gray = std::move(normalized);
  }
}

// Orientation and skew are found on a binarised copy at full resolution (on a halved copy,
// Leptonica misread one sideways page in six: CER 0.26% -> 14%).
void orient_and_deskew(PixPtr& gray, PreparedPage& out, const PrepareOptions& options) {
  PixPtr binary = binarize(gray.get());
  if (options.detect_orientation && binary) {
    const int turns = orientation_turns(binary.get(), out.orientation_confidence);
    if (turns) {
      gray = adopt(pixRotateOrth(gray.get(), turns));
      binary = adopt(pixRotateOrth(binary.get(), turns));
      out.geometry.quarter_turns_clockwise(turns);
    }
  }
  if (options.deskew && binary) {
    l_float32 angle = 0, confidence = 0;
    if (pixFindSkew(binary.get(), &angle, &confidence) == 0 && confidence >= 2.5 && std::fabs(angle) >= options.deskew_min_degrees) {
      const double radians = angle * M_PI / 180.0;
      if (PixPtr straight = adopt(pixRotate(gray.get(), static_cast<float>(radians), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0))) {
        gray = std::move(straight);
        out.geometry.rotate_clockwise(radians);
      }
    }
  }
}

}  // namespace

PreparedPage prepare_page(LoadedPage page, const PrepareOptions& options, const Limits& limits, int page_number) {
  PreparedPage out;
  l_int32 w = 0, h = 0, d = 0;
  pixGetDimensions(page.pix.get(), &w, &h, &d);
  out.width_px = w, out.height_px = h;
  out.geometry = PageGeometry(w, h);
  out.notes = std::move(page.notes);
  out.dpi_x = page.dpi_x, out.dpi_y = page.dpi_y;
  if (out.dpi_x < 50 || out.dpi_y < 50 || out.dpi_x > 2400 || out.dpi_y > 2400) {
    // No usable resolution in the file: assume a US letter page width.
    out.dpi_x = out.dpi_y = std::clamp(std::round(std::min(w, h) / 8.5), 70.0, 1200.0);
    out.dpi_estimated = true;
    out.notes.push_back("resolution missing from the file; estimated " + std::to_string(static_cast<int>(out.dpi_x)) + " dpi");
  }
  const Resampling resampling = plan_resampling(out.dpi_x, out.dpi_y, options);
  check_resampled_size(out, resampling, limits, page_number);
  out.dpi = resampling.dpi;

  const bool bilevel = d == 1;  // fax and other black-and-white scans
  PixPtr gray = adopt(pixConvertTo8(page.pix.get(), 0));
  page.pix.reset();  // the scan itself is no longer needed
  if (!gray) throw PageError("cannot convert the page to grey");
  if (const double sx = resampling.sx, sy = resampling.sy; sx != 1 || sy != 1) {
    gray = adopt(sx >= 1 && sy >= 1 ? pixScaleGrayLI(gray.get(), static_cast<float>(sx), static_cast<float>(sy))
                                    : pixScale(gray.get(), static_cast<float>(sx), static_cast<float>(sy)));
    if (!gray) throw PageError("cannot rescale the page");
    out.geometry.scale(sx, sy);
  }
  clean_up(gray, bilevel, out.dpi, options);
  orient_and_deskew(gray, out, options);
  out.gray = std::move(gray);
  return out;
}

void turn_prepared(PreparedPage& page, int quads) {
  page.gray = adopt(pixRotateOrth(page.gray.get(), quads));
  page.geometry.quarter_turns_clockwise(quads);
}

}  // namespace chartflow::ocr
