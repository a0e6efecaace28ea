// The columns `chartflow drg group --table5 FILE [--base-rate DOLLARS]` adds to each claim's row
// (docs/drg.md): the final DRG's relative weight and mean lengths of stay from the user's CMS
// Table 5, and with a base rate the transfer status, payment method and estimated base payment.
// Keeps the totals for the summary line (case-mix index, payments).
#pragma once

#include "args.hpp"
#include "claims_csv.hpp"

#include "grouper.hpp"
#include "table5.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace chartflow::cli {

class PaymentColumns {
 public:
  // Throws UsageError for --base-rate without --table5 or not a dollar amount; call before any work.
  static void check_usage(const Args& args);
  // Reads --table5 and checks it has a row for every DRG `grouper` can assign; nullopt without
  // --table5. Throws host::FatalError naming the file (and line).
  static std::optional<PaymentColumns> from_args(const Args& args, const drg::Grouper& grouper);

  std::string header() const;  // ",relative_weight,gmlos,amlos" and ",transfer,payment_method,expected_payment"
  // The row's cells, each after a comma; adds to the totals.
  std::string cells(const ClaimRow& row, const drg::GroupResult& result);
  // "; case-mix index 1.2345 over 3 claims, expected payment $12345.67", for the summary line.
  std::string summary() const;

 private:
  PaymentColumns(drg::Table5 table, std::optional<double> base_rate) : table_(std::move(table)), base_rate_(base_rate) {}

  drg::Table5 table_;
  std::optional<double> base_rate_;
  std::size_t weighted_ = 0, unpriced_transfers_ = 0;
  double weight_sum_ = 0, payment_sum_ = 0;
};

}  // namespace chartflow::cli
