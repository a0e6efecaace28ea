// The frames of a GIF as pages, read with giflib. Leptonica reads only a GIF's first frame (after
// decoding every frame into memory), which silently dropped pages 2..N of multi-page GIF faxes.
// Here the file's structure is walked once without decoding pixels (frame count and sizes checked
// against the limits), and pages are composed as a viewer shows them.
#pragma once

#include "page_source.hpp"

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace chartflow::ocr {

class GifFrames {
 public:
  // Throws PageError for a corrupt or truncated file, or a page or page count over `limits`.
  GifFrames(std::string_view bytes, const Limits& limits);
  ~GifFrames();
  GifFrames(const GifFrames&) = delete;
  GifFrames& operator=(const GifFrames&) = delete;

  int count() const { return static_cast<int>(frames_.size()); }
  // Frame `index` (0-based) as a viewer shows it, composed on the canvas. 1 bpp when the file's
  // colours are only black and white (fax), else 8-bit grey. Safe from several threads at once.
  PixPtr frame(int index) const;

 private:
  struct Frame {
    int left = 0, top = 0, width = 0, height = 0;
    int disposal = 0;      // GIF89 disposal mode
    int transparent = -1;  // transparent colour index, -1 for none
  };
  struct Cursor;
  int first_to_compose(int index) const;
  std::unique_ptr<Cursor> open_cursor() const;
  PixPtr compose(Cursor& cursor, int index) const;

  std::string_view bytes_;
  int width_ = 0, height_ = 0;  // the canvas: the logical screen, grown to hold every frame
  bool bilevel_ = true;
  std::vector<Frame> frames_;
  // Pages are mostly asked for in order: the next one continues the composition where the last
  // stopped instead of starting again from the first frame (delta-encoded GIFs would be O(n^2)).
  mutable std::mutex mutex_;
  mutable std::unique_ptr<Cursor> cursor_;
};

}  // namespace chartflow::ocr
