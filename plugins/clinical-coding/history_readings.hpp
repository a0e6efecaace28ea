// What a chart says of a condition it names as past: whether a treatment ended it or goes on,
// whether it lies dormant, and whether a history code bears on this encounter (mention_coding.cpp
// reads them for a historical mention).
#pragma once

#include "coder.hpp"

#include <string_view>

namespace chartflow::coding {

// Personal (Z86, Z87) and family (Z80-Z84) history codes, coded only when they bear on the encounter.
bool is_optional_history(std::string_view code);
// The sentence ties a history to this encounter (the screening or referral it prompts, the risk it raises).
bool ties_history_to_encounter(std::string_view sentence);
// A personal history of colon polyps (Z86.010-) by the kind the sentence names.
std::string colon_polyp_history(std::string_view sentence);
// The clause after a condition says its treatment goes on ("on lisinopril", "managed by cardiology").
bool treatment_goes_on(const MentionInput& m);
// The clause after a chronic condition of the history says it lies dormant and untreated.
bool lies_dormant(const MentionInput& m);
// A treatment ended the past condition (Graves disease ablated, ESRD ended by a kidney transplant).
bool ended_by_treatment(const MentionInput& m);
// A past cancer still under therapy directed at it, current by I.C.2.d.
bool still_under_treatment(const MentionInput& m);

}  // namespace chartflow::coding
