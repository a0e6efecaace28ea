// Intervertebral disc displacement by region and level (disc_coding.cpp).
#pragma once

#include "coder.hpp"

#include <optional>
#include <string>

namespace chartflow::coding {

// A mention the vocabulary reads as a displaced (herniated, protruding) intervertebral disc.
bool is_disc_displacement(const MentionInput& m);

struct DiscReading {
  std::string code;  // M50.- or M51.-, billable
  std::string rule;
};
// The code for the level or region the mention's sentence names ("L4-L5", "C5-6", "lumbar"),
// with radiculopathy or myelopathy when the sentence says so; nullopt when it names none (a
// coder asks which disc rather than guess one).
std::optional<DiscReading> disc_displacement_code(const MentionInput& m);

}  // namespace chartflow::coding
