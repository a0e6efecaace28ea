#include "document_ocr.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <thread>

namespace chartflow::ocr {
namespace {

using Clock = std::chrono::steady_clock;

double score(const Recognition& r) { return r.mean_confidence * std::sqrt(static_cast<double>(r.characters) + 1); }

PageResult from_text_layer(const TextLayerPage& layer) {
  PageResult result;
  result.origin = "text-layer";
  result.page.width_px = layer.width, result.page.height_px = layer.height;
  result.page.dpi_x = result.page.dpi_y = result.page.dpi = layer.dpi;
  result.page.geometry = PageGeometry(layer.width, layer.height);
  int line = -1;
  for (const auto& w : layer.words) {
    if (w.starts_line || line < 0) ++line;
    RecognizedWord word{w.text, w.box, 1.0, 0, line, result.recognition.words.empty(), w.starts_line};
    result.recognition.characters += word.text.size();
    result.recognition.words.push_back(std::move(word));
  }
  result.recognition.mean_confidence = result.recognition.words.empty() ? 0 : 1.0;
  return result;
}

}  // namespace

PageResult ocr_page(const PageSource& source, int index, Engine& engine, const OcrOptions& options) {
  const auto started = Clock::now();
  if (auto layer = source.text_layer(index)) return from_text_layer(*layer);
  PageResult result;
  result.page = prepare_page(source.load(index), options.prepare, options.limits, index + 1);
  result.recognition = engine.recognize(result.page.gray.get(), static_cast<int>(result.page.dpi));
  // Orientation statistics can be unsure on sparse or noisy pages. When the text then reads
  // badly, try the other orientations and keep the one that reads best.
  constexpr double kConfidentOrientation = 12.0, kReadsWell = 0.70;
  if (options.prepare.detect_orientation && result.page.orientation_confidence < kConfidentOrientation &&
      result.recognition.mean_confidence < kReadsWell) {
    int best_turn = 0;
    Recognition best = std::move(result.recognition);
    for (int turn : {2, 1, 3}) {
      PixPtr turned = adopt(pixRotateOrth(result.page.gray.get(), turn));
      Recognition candidate = engine.recognize(turned.get(), static_cast<int>(result.page.dpi));
      if (score(candidate) > score(best) * 1.2) best = std::move(candidate), best_turn = turn;
      if (best.mean_confidence >= kReadsWell) break;
    }
    if (best_turn) {
      turn_prepared(result.page, best_turn);
      result.page.notes.push_back("orientation chosen by recognition confidence");
    }
    result.recognition = std::move(best);
  }
  result.page.gray.reset();
  result.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  return result;
}

namespace {

// Every page recognized, in order: on this worker's engine plus any the pool can spare right
// now, so one document uses every idle core and several documents never oversubscribe.
std::vector<PageResult> recognize_pages(const PageSource& source, EnginePool& pool, const OcrOptions& options) {
  const int count = source.page_count();
  std::vector<PageResult> results(static_cast<std::size_t>(count));
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;

  auto work = [&](Engine& engine) {
    for (int i = next++; i < count && !failed; i = next++) {
      try {
        results[static_cast<std::size_t>(i)] = ocr_page(source, i, engine, options);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };

  std::unique_ptr<Engine> own = pool.acquire();
  std::vector<std::unique_ptr<Engine>> borrowed;
  std::vector<std::thread> helpers;
  while (static_cast<int>(helpers.size()) + 1 < count) {
    std::unique_ptr<Engine> engine;
    try {
      engine = pool.try_acquire();
    } catch (...) {
      break;  // a second model failing to load is no reason to fail the document
    }
    if (!engine) break;
    borrowed.push_back(std::move(engine));
    helpers.emplace_back(work, std::ref(*borrowed.back()));
  }
  work(*own);
  for (auto& t : helpers) t.join();
  pool.release(std::move(own));
  for (auto& e : borrowed) pool.release(std::move(e));
  if (error) std::rethrow_exception(error);
  return results;
}

// Page `i` (0-based) appended to the document: its words (each with its box on the original
// image), its text span, and whether it needs a look.
void append_page(OcrDocument& doc, const PageResult& r, int i, const OcrOptions& options, const std::string& view_name) {
  if (i) doc.text += "\n\n";
  const std::size_t page_begin = doc.text.size();
  for (std::size_t k = 0; k < r.recognition.words.size(); ++k) {
    const RecognizedWord& w = r.recognition.words[k];
    if (k) doc.text += w.starts_block ? "\n\n" : w.starts_line ? "\n" : " ";
    const std::size_t begin = doc.text.size();
    doc.text += w.text;
    const Box box = r.page.geometry.to_original(w.box);
    doc.words.push_back({{"view", view_name},
                         {"begin", begin},
                         {"end", doc.text.size()},
                         {"page", i + 1},
                         {"box", {{"x", box.x}, {"y", box.y}, {"w", box.w}, {"h", box.h}}},
                         {"confidence", std::round(w.confidence * 1000) / 1000},
                         {"block", w.block},
                         {"line", w.line}});
  }
  std::vector<std::string> reasons;
  const double confidence = std::round(r.recognition.mean_confidence * 1000) / 1000;
  if (r.recognition.characters == 0) reasons.push_back("no text found on the page");
  else if (confidence < options.review_below)
    reasons.push_back("mean OCR confidence " + std::to_string(confidence).substr(0, 5) + " is below " +
                      std::to_string(options.review_below).substr(0, 4));
  const bool review = !reasons.empty();
  if (r.origin == "text-layer") ++doc.text_layer_pages;
  doc.pages_for_review += review;
  nlohmann::json page = {{"number", i + 1},
                         {"origin", r.origin},
                         {"width_px", r.page.width_px},
                         {"height_px", r.page.height_px},
                         {"dpi_x", std::round(r.page.dpi_x)},
                         {"dpi_y", std::round(r.page.dpi_y)},
                         {"rotation_deg", r.page.geometry.rotation_degrees()},
                         {"skew_deg", std::round(r.page.geometry.skew_degrees() * 100) / 100},
                         {"mean_confidence", confidence},
                         {"text_span", {{"view", view_name}, {"begin", page_begin}, {"end", doc.text.size()}}},
                         {"needs_review", review},
                         {"attributes", {{"words", r.recognition.words.size()}}}};
  if (review) page["review_reasons"] = reasons;
  if (!r.page.notes.empty()) page["attributes"]["notes"] = r.page.notes;
  doc.pages.push_back(std::move(page));
}

}  // namespace

OcrDocument ocr_document(const PageSource& source, EnginePool& pool, const OcrOptions& options, const std::string& view_name) {
  const std::vector<PageResult> results = recognize_pages(source, pool, options);
  OcrDocument doc;
  for (std::size_t i = 0; i < results.size(); ++i) append_page(doc, results[i], static_cast<int>(i), options, view_name);
  return doc;
}

}  // namespace chartflow::ocr
