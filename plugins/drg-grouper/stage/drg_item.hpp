// The one reimbursement.drg item of an inpatient record, as the manifest's item_schema describes
// it: the claim as grouped, initial and final DRG, the codes that drove the final DRG, CC/MCC use,
// POA per diagnosis with its basis, MCE edits, what-if hints, the relative weight and payment
// estimate when the stage has a Table 5, and the review reasons; or, for a record that could not
// be grouped, why.
#pragma once

#include "claim_builder.hpp"
#include "drg_catalog.hpp"
#include "drg_payment.hpp"
#include "record_inputs.hpp"
#include "what_if.hpp"

#include "grouper.hpp"
#include "mce.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace chartflow::drg::stage {

struct DrgItemInput {
  std::string id;
  InpatientBasis basis = InpatientBasis::not_inpatient;
  const RecordInputs* inputs = nullptr;
  const ClaimDraft* draft = nullptr;
  // Set when the record was grouped (draft->not_grouped is empty).
  const GroupResult* result = nullptr;
  const MceResult* mce = nullptr;
  const std::vector<WhatIf>* what_if = nullptr;
  const PaymentSettings* payment = nullptr;  // the stage's Table 5 and base rate, when configured
};

nlohmann::json drg_item(const DrgItemInput& input, const DrgCatalog& catalog);

// What the grouper and the MCE found that a coder must look at (no chart text: codes and names).
std::vector<std::string> outcome_review_reasons(const ClaimDraft& draft, const GroupResult& result, const MceResult& mce);

}  // namespace chartflow::drg::stage
