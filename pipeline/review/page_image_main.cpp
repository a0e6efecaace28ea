// chartflow-page-image: one page of a scanned chart as a PNG, as it was scanned (no rotation or
// deskew), decoded by the same readers the OCR stage used, so the record's word boxes fall on
// its pixels. The workstation runs it as a child process for each page it shows: a decoder that
// crashes or hangs on a hostile file costs that one image, never the server, and poppler (GPL)
// stays out of the chartflow program.
//
//   chartflow-page-image --input FILE --page N [--pdf-dpi D] [--max-width W]   (PNG on stdout)
#include "engine/image_pages.hpp"
#include "engine/pix.hpp"

#ifdef CHARTFLOW_PAGE_IMAGE_PDF
#include "pdf_pages.hpp"
#endif

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

namespace {

using chartflow::ocr::adopt;
using chartflow::ocr::PixPtr;

constexpr std::size_t kMaxInputBytes = 1ull << 30;

int fail(const std::string& why, int status = 1) {
  std::cerr << "chartflow-page-image: " << why << "\n";
  return status;
}

bool is_pdf(const std::string& bytes) { return bytes.compare(0, 5, "%PDF-") == 0; }

std::unique_ptr<chartflow::ocr::PageSource> open_pages(const std::string& bytes, int pdf_dpi) {
  chartflow::ocr::Limits limits;
  if (is_pdf(bytes)) {
#ifdef CHARTFLOW_PAGE_IMAGE_PDF
    chartflow::pdf::PdfOptions options;
    options.render_dpi = pdf_dpi;
    return std::make_unique<chartflow::pdf::PdfPages>(bytes, limits, options);
#else
    (void)pdf_dpi;
    throw chartflow::ocr::PageError("this build has no PDF support (CHARTFLOW_WITH_PDF=OFF)");
#endif
  }
  return std::make_unique<chartflow::ocr::ImagePages>(bytes, limits);
}

// Large scans are shown at most `max_width` pixels wide (a browser shows no more); the boxes are
// drawn in the page's own coordinates, so the scale does not matter to them.
PixPtr fit(PixPtr pix, int max_width) {
  const int width = pixGetWidth(pix.get());
  if (max_width <= 0 || width <= max_width) return pix;
  const float scale = static_cast<float>(max_width) / static_cast<float>(width);
  PixPtr scaled = adopt(pixGetDepth(pix.get()) == 1 ? pixScaleToGray(pix.get(), scale) : pixScale(pix.get(), scale, scale));
  return scaled ? std::move(scaled) : std::move(pix);
}

}  // namespace

int main(int argc, char** argv) {
  std::string input;
  int page = 0, pdf_dpi = 150, max_width = 1800;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    try {
      if (key == "--input") input = value;
      else if (key == "--page") page = std::stoi(value);
      else if (key == "--pdf-dpi") pdf_dpi = std::stoi(value);
      else if (key == "--max-width") max_width = std::stoi(value);
      else return fail("unknown option " + key, 2);
    } catch (const std::exception&) {
      return fail(key + " needs a number", 2);
    }
  }
  if (input.empty() || page < 1 || pdf_dpi < 36 || pdf_dpi > 600) return fail("usage: --input FILE --page N [--pdf-dpi 36..600] [--max-width W]", 2);
  std::ifstream in(input, std::ios::binary);
  if (!in) return fail("cannot read the input file");
  std::string bytes;
  bytes.assign(std::istreambuf_iterator<char>(in), {});
  if (bytes.empty() || bytes.size() > kMaxInputBytes) return fail("the input file is empty or too large");
  try {
    const auto pages = open_pages(bytes, pdf_dpi);
    if (page > pages->page_count()) return fail("the file has " + std::to_string(pages->page_count()) + " pages", 3);
    PixPtr pix = fit(std::move(pages->load(page - 1).pix), max_width);
    if (!pix) return fail("the page could not be decoded");
    l_uint8* data = nullptr;
    size_t size = 0;
    if (pixWriteMem(&data, &size, pix.get(), IFF_PNG) != 0 || !data) return fail("the page could not be encoded as PNG");
    const bool written = std::fwrite(data, 1, size, stdout) == size && std::fflush(stdout) == 0;
    lept_free(data);
    return written ? 0 : fail("could not write the image");
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}
