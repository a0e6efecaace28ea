// Tesseract recognisers, created once and reused across pages and documents (loading a model
// costs far more than reading a page), handed out from a pool.
#pragma once

#include "geometry.hpp"
#include "pix.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tesseract {
class TessBaseAPI;
}

namespace chartflow::ocr {

struct EngineOptions {
  std::string tessdata_dir;  // empty: Tesseract's default (Debian: /usr/share/tesseract-ocr/5/tessdata)
  std::string language = "eng";
};

struct RecognizedWord {
  std::string text;  // UTF-8
  Box box;           // on the prepared image
  double confidence = 0;  // 0..1
  int block = 0, line = 0;
  bool starts_block = false, starts_line = false;
};

struct Recognition {
  std::vector<RecognizedWord> words;
  double mean_confidence = 0;  // character-weighted, 0..1
  std::size_t characters = 0;
};

class Engine {
 public:
  explicit Engine(const EngineOptions& options);  // throws std::runtime_error when the model cannot load
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  Recognition recognize(PIX* gray, int dpi);

 private:
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

class EnginePool {
 public:
  EnginePool(EngineOptions options, unsigned capacity);
  ~EnginePool();
  // An engine, created if fewer than `capacity` exist, otherwise waiting for one to be released.
  std::unique_ptr<Engine> acquire();
  // An idle engine or a new one within capacity, or nullptr: never waits.
  std::unique_ptr<Engine> try_acquire();
  void release(std::unique_ptr<Engine> engine);

 private:
  EngineOptions options_;
  unsigned capacity_;
  unsigned created_ = 0;
  std::vector<std::unique_ptr<Engine>> idle_;
  std::mutex mutex_;
  std::condition_variable released_;
};

}  // namespace chartflow::ocr
