// CSV cells for the files chartflow writes for people (case lists, decision exports, trial
// candidates, statistics). Header-only, standard library only, like the rest of the SDK.
#pragma once

#include <string>
#include <string_view>

namespace chartflow::sdk {

// A quoted cell (RFC 4180); line breaks and tabs become spaces so every row stays on one line. A
// cell a spreadsheet would run as a formula (= + - @ first: chart text or a file name such as
// "=HYPERLINK(...)") gets a leading apostrophe, so it opens as the text it is.
inline std::string csv_cell(std::string_view s) {
  std::string out = "\"";
  if (!s.empty() && std::string_view("=+-@").find(s.front()) != std::string_view::npos) out += '\'';
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else out += c;
  }
  return out + "\"";
}

// A cell for machine-read CSV (claims, case mix): quoted only when it must be (RFC 4180), line
// breaks become spaces. `from_a_person`: text a user typed (a claim id), which gets csv_cell's
// leading apostrophe when a spreadsheet would run it as a formula.
inline std::string csv_field(std::string_view s, bool from_a_person = false) {
  const bool formula = from_a_person && !s.empty() && std::string_view("=+-@").find(s.front()) != std::string_view::npos;
  if (!formula && s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = formula ? "\"'" : "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out += c == '\n' || c == '\r' ? ' ' : c;
  }
  return out + "\"";
}

}  // namespace chartflow::sdk
