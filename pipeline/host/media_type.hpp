#pragma once

#include <string>
#include <string_view>

namespace chartflow::host {

// Media type of an input from its first bytes (magic numbers; HL7 v2 by its segment lines, after
// any blank lines, BOM or MLLP byte, with or without its MSH header), falling back to
// "text/plain" for content without NUL bytes and "application/octet-stream" for anything else.
// The file name's extension is never trusted over the content: a .txt full of binary is not text.
std::string sniff_media_type(std::string_view bytes);

}  // namespace chartflow::host
