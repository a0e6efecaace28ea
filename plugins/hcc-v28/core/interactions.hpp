// The V28 interaction variables (disease x disease, disabled x disease) and the payment-HCC
// count variable, computed from the payment HCCs left after hierarchies (CMS main macro).
#pragma once

#include "tables.hpp"

#include <optional>
#include <vector>

namespace chartflow::hcc {

struct ActiveInteraction {
  Interaction which = Interaction::DiabetesHf;
  std::vector<int> hccs;  // the payment HCCs of the groups that turned it on
};

// Every interaction that is on; the DISABLED_ ones only when `disabled` (CMS DISABL).
std::vector<ActiveInteraction> active_interactions(const HccSet& kept, bool disabled);

// The count slot: 0..8 for D1..D9, 9 for D10P; nullopt for no payment HCC.
std::optional<std::size_t> count_slot(int payment_hcc_count);
std::string count_name(std::size_t slot);  // "D3", "D10P"

}  // namespace chartflow::hcc
