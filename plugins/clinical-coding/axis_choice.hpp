// Which subdivision of a non-billable code the text names: "stage 3 pressure ulcer of the
// sacrum" completes the index's L89.15- as L89.153 (stage 3), not L89.159 (unspecified stage).
#pragma once

#include "code_set.hpp"

#include <optional>
#include <string>
#include <vector>

namespace chartflow::coding {

// Of `children` (the subdivisions of one code), the one whose distinguishing title words (those
// not in every sibling's title: "stage 3", "with hemorrhage") all stand in `context` (a mention's
// sentence); the one with most such words when several do; nullopt on a tie or when none does.
// Words are compared as the index compares them (WordBag), so "stage III" is "stage 3".
std::optional<std::string> child_named_by_text(const CodeSet& set, const std::vector<std::string>& children, std::string_view context);

}  // namespace chartflow::coding
