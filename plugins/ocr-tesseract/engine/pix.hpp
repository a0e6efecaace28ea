// Owning handle for Leptonica images.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>

namespace chartflow::ocr {

struct PixDeleter {
  void operator()(PIX* pix) const noexcept { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

inline PixPtr adopt(PIX* pix) { return PixPtr(pix); }

}  // namespace chartflow::ocr
