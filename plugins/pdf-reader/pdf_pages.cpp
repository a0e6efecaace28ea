#include "pdf_pages.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <chartflow/utf8.hpp>

#include <cmath>
#include <cstring>

namespace chartflow::pdf {

using ocr::PageError;

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

PdfPages::PdfPages(std::string_view bytes, const ocr::Limits& limits, const PdfOptions& options) : limits_(limits), options_(options) {
  silence_poppler();
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) throw PageError("PDF is too large to read", true);
  std::lock_guard lock(mutex_);
  document_.reset(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document_) throw PageError("PDF is damaged or not a PDF (poppler could not open it)");
  if (document_->is_locked()) throw PageError("PDF is encrypted with a password; decrypt it first (e.g. qpdf --decrypt)");
  pages_ = document_->pages();
  if (pages_ <= 0) throw PageError("PDF has no pages (damaged or truncated)");
  if (pages_ > limits.max_pages)
    throw PageError("document has " + std::to_string(pages_) + " pages, over the limit of " + std::to_string(limits.max_pages) +
                        " (max_pages)",
                    true);
}

PdfPages::~PdfPages() {
  std::lock_guard lock(mutex_);
  document_.reset();
}

std::optional<ocr::TextLayerPage> PdfPages::text_layer(int index) const {
  std::lock_guard lock(mutex_);
  std::unique_ptr<poppler::page> page(document_->create_page(index));
  if (!page) throw PageError("page " + std::to_string(index + 1) + " of the PDF is damaged");
  const auto boxes = page->text_list();
  std::size_t visible = 0;
  for (const auto& box : boxes)
    for (char c : box.text().to_utf8()) visible += !std::isspace(static_cast<unsigned char>(c));
  if (visible < static_cast<std::size_t>(options_.min_text_layer_chars)) return std::nullopt;

  const poppler::rectf size = page->page_rect();
  ocr::TextLayerPage layer;
  layer.width = static_cast<int>(std::lround(size.width()));
  layer.height = static_cast<int>(std::lround(size.height()));
  double last_y = -1e9, last_h = 0;
  for (const auto& box : boxes) {
    const auto bytes = box.text().to_utf8();
    std::string text(bytes.begin(), bytes.end());
    if (text.empty() || !utf8::is_valid(text)) continue;
    const poppler::rectf r = box.bbox();
    ocr::TextLayerPage::Word word;
    word.text = std::move(text);
    word.box = {static_cast<int>(std::lround(r.x())), static_cast<int>(std::lround(r.y())), static_cast<int>(std::lround(r.width())),
                static_cast<int>(std::lround(r.height()))};
    // A new line when the word's vertical centre moves by more than half a line.
    const double centre = r.y() + r.height() / 2;
    word.starts_line = std::fabs(centre - last_y) > std::max(1.0, last_h / 2);
    last_y = centre, last_h = r.height();
    layer.words.push_back(std::move(word));
  }
  return layer;
}

ocr::LoadedPage PdfPages::load(int index) const {
  std::lock_guard lock(mutex_);
  std::unique_ptr<poppler::page> page(document_->create_page(index));
  if (!page) throw PageError("page " + std::to_string(index + 1) + " of the PDF is damaged");
  const poppler::rectf size = page->page_rect();
  double dpi = options_.render_dpi;
  const double pixels = size.width() * size.height() * (dpi / 72) * (dpi / 72);
  if (!(pixels > 0)) throw PageError("page " + std::to_string(index + 1) + " has no area");
  if (pixels > static_cast<double>(limits_.max_page_pixels))
    throw PageError("page " + std::to_string(index + 1) + " would be " + std::to_string(static_cast<long long>(pixels)) +
                        " pixels at " + std::to_string(static_cast<int>(dpi)) + " dpi, over the limit of " +
                        std::to_string(limits_.max_page_pixels) + " (max_page_pixels)",
                    true);
  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0)
    throw PageError("page " + std::to_string(index + 1) + " of the PDF could not be rendered");
  ocr::LoadedPage loaded;
  loaded.pix = ocr::adopt(pixCreate(image.width(), image.height(), 8));
  if (!loaded.pix) throw PageError("out of memory rendering page " + std::to_string(index + 1), true);
  const int wpl = pixGetWpl(loaded.pix.get());
  l_uint32* data = pixGetData(loaded.pix.get());
  for (int y = 0; y < image.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(image.const_data() + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row());
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < image.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  loaded.dpi_x = loaded.dpi_y = static_cast<int>(dpi);
  pixSetResolution(loaded.pix.get(), loaded.dpi_x, loaded.dpi_y);
  return loaded;
}

}  // namespace chartflow::pdf
