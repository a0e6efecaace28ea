// PNG and JPEG pages, decoded with libpng and libjpeg directly. Leptonica gives neither library
// an error or warning handler, so they printed raw lines ("libpng warning: iCCP: known incorrect
// sRGB profile", "Premature end of JPEG file") on stderr, outside the structured, PHI-free logs
// and breaking `--log-format json`. Here errors become the page's reason and warnings a note on
// the page; nothing is printed.
#pragma once

#include "page_source.hpp"

#include <string>
#include <string_view>

namespace chartflow::ocr {

// Decodes a PNG (checked against `limits` before its pixels are allocated): 1-bit images stay
// black-and-white (1 bpp, as Leptonica gives them), others become 8-bit grey composed on white.
// Throws PageError.
LoadedPage decode_png(std::string_view bytes, const Limits& limits);

// Decodes a JPEG (checked against `limits` before its pixels are allocated) to 8-bit grey, colour
// greyed with Leptonica's weights as before. Throws PageError.
LoadedPage decode_jpeg(std::string_view bytes, const Limits& limits);

// A decoder library's message, for a reason or a note: printable ASCII, with whatever it quotes
// from the file (an ICC profile's name, a text chunk's keyword) left out.
std::string library_message(const char* message);

}  // namespace chartflow::ocr
