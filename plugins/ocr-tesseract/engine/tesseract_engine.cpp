#include "tesseract_engine.hpp"

#include <chartflow/utf8.hpp>

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <stdexcept>

namespace chartflow::ocr {

Engine::Engine(const EngineOptions& options) : api_(std::make_unique<tesseract::TessBaseAPI>()) {
  const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
  if (api_->Init(datapath, options.language.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
    throw std::runtime_error("cannot load the Tesseract model for language '" + options.language + "' from " +
                             (datapath ? options.tessdata_dir : std::string("the default tessdata folder")));
  // Tesseract's own diagnostics would go to stderr, outside our PHI-free logging.
  api_->SetVariable("debug_file", "/dev/null");
  api_->SetPageSegMode(tesseract::PSM_AUTO);
}

Engine::~Engine() {
  if (api_) api_->End();
}

Recognition Engine::recognize(PIX* gray, int dpi) {
  Recognition out;
  api_->SetImage(gray);
  api_->SetSourceResolution(dpi);
  if (api_->Recognize(nullptr) != 0) {
    api_->Clear();
    throw std::runtime_error("Tesseract could not recognise the page");
  }
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  int block = -1, line = -1;
  double weighted = 0;
  if (it) {
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      const bool starts_block = it->IsAtBeginningOf(tesseract::RIL_BLOCK);
      const bool starts_line = it->IsAtBeginningOf(tesseract::RIL_TEXTLINE);
      if (starts_block) ++block;
      if (starts_line) ++line;
      std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!text || text[0] == 0) continue;
      RecognizedWord word;
      word.text = text.get();
      if (!utf8::is_valid(word.text)) continue;  // never expected; never let it into a view
      int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
      it->BoundingBox(tesseract::RIL_WORD, &x1, &y1, &x2, &y2);
      word.box = {x1, y1, x2 - x1, y2 - y1};
      word.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0, 0.0, 1.0);
      word.block = std::max(block, 0), word.line = std::max(line, 0);
      word.starts_block = starts_block, word.starts_line = starts_line;
      weighted += word.confidence * static_cast<double>(word.text.size());
      out.characters += word.text.size();
      out.words.push_back(std::move(word));
    } while (it->Next(tesseract::RIL_WORD));
  }
  out.mean_confidence = out.characters ? weighted / static_cast<double>(out.characters) : 0;
  api_->Clear();
  return out;
}

EnginePool::EnginePool(EngineOptions options, unsigned capacity) : options_(std::move(options)), capacity_(std::max(1u, capacity)) {}
EnginePool::~EnginePool() = default;

std::unique_ptr<Engine> EnginePool::try_acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto engine = std::move(idle_.back());
      idle_.pop_back();
      return engine;
    }
    if (created_ >= capacity_) return nullptr;
    ++created_;
  }
  try {
    return std::make_unique<Engine>(options_);  // created outside the lock: it takes a while
  } catch (...) {
    std::lock_guard lock(mutex_);
    --created_;
    throw;
  }
}

std::unique_ptr<Engine> EnginePool::acquire() {
  if (auto engine = try_acquire()) return engine;
  std::unique_lock lock(mutex_);
  released_.wait(lock, [&] { return !idle_.empty(); });
  auto engine = std::move(idle_.back());
  idle_.pop_back();
  return engine;
}

void EnginePool::release(std::unique_ptr<Engine> engine) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(engine));
  }
  released_.notify_one();
}

}  // namespace chartflow::ocr
