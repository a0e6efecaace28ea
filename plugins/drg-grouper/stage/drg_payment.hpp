// What the user's Table 5 (option `table5`) and base rate (option `base_rate`) add to a grouped
// reimbursement.drg item: the final DRG's relative weight and mean lengths of stay, and the
// estimated base payment with its transfer adjustment (core/payment.hpp), or a review reason
// saying why the payment could not be estimated.
#pragma once

#include "encounter.hpp"

#include "grouper.hpp"
#include "table5.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace chartflow::drg::stage {

struct PaymentSettings {
  std::optional<Table5> table5;     // without it the item gets no weight and no payment
  std::optional<double> base_rate;  // dollars; without it, weights only
};

struct PaymentMembers {
  nlohmann::json members = nlohmann::json::object();  // relative_weight, gmlos, amlos, expected_payment, payment
  std::vector<std::string> review_reasons;             // codes and numbers only, no chart text
};

// Nothing for a stay without a payable DRG (return code not OK, or 998/999).
PaymentMembers payment_members(const PaymentSettings& settings, const GroupResult& result, const Encounter& encounter);

}  // namespace chartflow::drg::stage
