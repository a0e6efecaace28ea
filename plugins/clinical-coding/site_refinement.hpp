// The part of an organ a chart names, read into the code: "small cell carcinoma, RUL" is C34.11
// (upper lobe, right bronchus or lung), not C34.90 (unspecified part of unspecified lung).
#pragma once

#include "code_set.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace chartflow::coding {

// `context` (lower case) with the lobe abbreviations charts use spelled out ("rul" -> "right
// upper lobe"), so the title words of a site can be found in it.
std::string with_site_abbreviations(std::string context);

// Whether `text` names both of a paired part ("both knees", "both lower extremities"): the
// index's and the Tabular's "bilateral".
bool says_both_sides(std::string_view text);

// For a billable code titled with an unspecified part or site ("unspecified part of ... lung",
// "unspecified site of ... breast"): the code of its category whose title adds only words the
// context states ("upper lobe", "upper-outer quadrant"), for the side the text names (`side`:
// "left", "right", "bilateral" or empty; a sibling naming no side may stand for any); the one
// adding most such words, then naming the text's side; nullopt on a tie or when none does.
std::optional<std::string> site_sibling(const CodeSet& set, const std::string& code, const std::string& context, std::string_view side);

}  // namespace chartflow::coding
