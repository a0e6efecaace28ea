// Decisions as CSV, and the agreement between chartflow's proposals and the coders' final codes.
#pragma once

#include "review_state.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace chartflow::review {

std::string decisions_csv(const std::vector<Decision>& decisions);

// Over reviewed documents: how many proposals were accepted, edited or rejected, with precision
// per code and per rule path, and the codes coders had to add (what chartflow missed).
nlohmann::json proposal_agreement(const std::vector<ReviewState>& reviewed);

}  // namespace chartflow::review
