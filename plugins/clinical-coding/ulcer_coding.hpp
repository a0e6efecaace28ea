// A non-pressure chronic ulcer of the lower limb by site, side and depth (ulcer_coding.cpp).
#pragma once

#include "coder.hpp"

#include <optional>
#include <string>

namespace chartflow::coding {

struct UlcerReading {
  std::string code;  // L97.-, billable
  std::string rule;
};
// L97's fourth to sixth characters from the mention's sentence: the site ("left heel": heel and
// midfoot), the side and the depth the chart states ("limited to breakdown of skin", "with fat
// layer exposed", "necrosis of bone"). For a mention whose code is in L97.
std::optional<UlcerReading> lower_limb_ulcer_code(const MentionInput& m);

}  // namespace chartflow::coding
