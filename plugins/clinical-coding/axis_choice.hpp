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

// The sides a mention's sentence names.
struct TextSides {
  bool left = false, right = false, bilateral = false;
};

struct ChildChoice {
  std::string code;
  std::string why;  // for the rule a coder reads: "right (text)", "named in the text", "unspecified (the text says no more)", ...
};

// Which of `children` (non-empty) completes their parent for a sentence (`context`, lower case):
// the side it names, else the subdivision it names (child_named_by_text), else the one that says
// least ("unspecified", "without complications", the residual .9), else the first.
ChildChoice choose_child(const CodeSet& set, const std::vector<std::string>& children, const std::string& context, TextSides sides);

}  // namespace chartflow::coding
