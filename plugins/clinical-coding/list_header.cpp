// The specimen header a pathology report's item hangs from (list_header in coder.hpp).
#include "coder.hpp"

#include <cctype>
#include <cstring>

namespace chartflow::coding {

// A pathology report lists each part's findings under a header naming the site: "A. ASCENDING
// COLON, POLYP, COLD SNARE POLYPECTOMY:" then "   - TUBULAR ADENOMA, 0.8 CM." For a mention on
// such an item line (a dash or bullet first, or indented), the header line above it; empty otherwise. Looks
// back at most a dozen lines and stops at a blank one, so a long list costs little. An item line
// is short: one that runs on past kItemBytes is prose, and is not searched back to its start
// (a transcription in one 20 KB line cost a scan of it per mention).
std::string_view list_header(std::string_view text, std::size_t at) {
  constexpr std::size_t kItemBytes = 400;
  const auto line_start = [&](std::size_t pos) {
    const std::size_t floor = pos > kItemBytes ? pos - kItemBytes : 0;
    // (memrchr, not rfind: this runs for every mention, and rfind steps back a byte at a time.)
    const void* nl = pos == 0 ? nullptr : ::memrchr(text.data() + floor, '\n', pos - floor);
    if (nl) return static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1;
    return floor == 0 ? std::size_t{0} : std::string_view::npos;  // npos: longer than any item line
  };
  const auto first_char = [&](std::size_t from) {
    while (from < text.size() && (text[from] == ' ' || text[from] == '\t')) ++from;
    return from < text.size() ? text[from] : '\n';
  };
  // An item is a bulleted line or an indented one ("A. Skin, left dorsal forearm, shave biopsy:"
  // then "   SQUAMOUS CELL CARCINOMA IN SITU").
  const auto item = [&](std::size_t from) {
    const char c = first_char(from);
    return c == '-' || c == '*' || (c != '\n' && (text[from] == ' ' || text[from] == '\t'));
  };
  std::size_t start = line_start(at);
  if (start == std::string_view::npos) return {};
  // A specimen label on the mention's own line: "A. Skin, left upper back, excision: MALIGNANT
  // MELANOMA" (a letter or number, a period or parenthesis, the site, a colon before the mention).
  if (const std::string_view before = text.substr(start, at - start); before.size() > 3 && before.size() < 160) {
    const std::size_t label = before.find_first_not_of(" \t");
    const std::size_t colon = before.rfind(':');
    if (label != std::string_view::npos && colon != std::string_view::npos && colon > label + 3 &&
        std::isalnum(static_cast<unsigned char>(before[label])) && (before[label + 1] == '.' || before[label + 1] == ')') && before[label + 2] == ' ')
      return before.substr(label, colon + 1 - label);
  }
  if (!item(start)) return {};
  for (int lines = 0; start > 0 && lines < 12; ++lines) {
    const std::size_t end = start - 1;  // the '\n' ending the line above
    start = line_start(end);
    if (start == std::string_view::npos) return {};  // prose, no header line
    const char c = first_char(start);
    if (c == '\n') return {};  // a blank line ends the list
    if (item(start)) continue;
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    return !line.empty() && line.back() == ':' && line.size() < 300 ? line : std::string_view();
  }
  return {};
}

}  // namespace chartflow::coding
