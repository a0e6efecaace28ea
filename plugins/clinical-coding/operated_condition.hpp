// The condition an inpatient stay's operation treated (operated_condition.cpp).
#pragma once

#include "coder.hpp"

#include <vector>

namespace chartflow::coding {

// Whether a definitive procedure (one of definitive_procedures) works on the body system an
// ICD-10-CM code's condition is in: a cholecystectomy (0FT4) on cholelithiasis (K80), a knee
// replacement (0SRC) on osteoarthritis of the knee (M17).
bool operates_on(const ProposedCode& procedure, const ProposedCode& diagnosis);

// The definitive procedures of the stay, for operates_on.
std::vector<const ProposedCode*> definitive_procedures(const std::vector<ProposedCode>& px);

}  // namespace chartflow::coding
