// Assembly of the public GroupResult from the grouped claim state (results.cpp).
#pragma once

#include "claim_state.hpp"

namespace chartflow::drg::detail {

// Per-code results (diagnoses in claim order, procedures in claim order).
void fill_code_results(const Claim& claim, const ClaimState& state, const StageResult& initial,
                       const StageResult& final, GroupResult& out);

// final_drg_sdx_severity, hac_status and num_hac_categories (needs out.initial / out.final set).
void fill_claim_flags(const ClaimState& state, const StageResult& final, ReturnCode hac_return, GroupResult& out);

}  // namespace chartflow::drg::detail
