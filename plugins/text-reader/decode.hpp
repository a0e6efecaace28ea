// Decoding a text file's bytes to UTF-8 without ever guessing silently.
#pragma once

#include <string>
#include <string_view>

namespace chartflow::text_reader {

struct Decoded {
  std::string text;      // UTF-8
  std::string encoding;  // utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252
};

// Throws chartflow::sdk::InvalidInput with a reason a user can act on when the bytes are not
// text this reader can decode faithfully.
Decoded decode(std::string_view bytes, bool allow_windows_1252);

}  // namespace chartflow::text_reader
