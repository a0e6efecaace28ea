#include "drg_payment_columns.hpp"

#include "../host/errors.hpp"

#include "payment.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace chartflow::cli {
namespace {

// The largest base rate taken (the FY 2026 national standardized amounts are some $7,000).
constexpr double kMaxBaseRate = 1'000'000;

std::optional<double> base_rate_of(const Args& args) {
  if (!args.has("base-rate")) return std::nullopt;
  const std::string text = args.value("base-rate");
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value <= 0 || value > kMaxBaseRate)
    throw UsageError("--base-rate '" + text + "' is not a dollar amount (a positive number such as 6500.25: the hospital's operating plus capital standardized amount)");
  return value;
}

std::string formatted(const char* format, double value) {
  char text[48];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// Mean lengths of stay as the file gives them, without trailing zeros (3.4, 12.25).
std::string days_text(double days) {
  std::string text = formatted("%.4f", days);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.push_back('0');
  return text;
}

}  // namespace

void PaymentColumns::check_usage(const Args& args) {
  if (args.has("base-rate") && !args.has("table5"))
    throw UsageError("--base-rate needs --table5 FILE: the payment is the Table 5 relative weight times the base rate");
  base_rate_of(args);
  if (args.has("table5") && args.value("table5").empty()) throw UsageError("--table5 needs a file: CMS's Table 5 as CSV or tab-separated text");
}

std::optional<PaymentColumns> PaymentColumns::from_args(const Args& args, const drg::Grouper& grouper) {
  if (!args.has("table5")) return std::nullopt;
  std::vector<int> drgs = grouper.drgs(430);
  const std::vector<int> later = grouper.drgs(431);
  drgs.insert(drgs.end(), later.begin(), later.end());
  std::sort(drgs.begin(), drgs.end());
  drgs.erase(std::unique(drgs.begin(), drgs.end()), drgs.end());
  try {
    drg::Table5 table = drg::Table5::read(args.value("table5"));
    table.require(drgs);
    return PaymentColumns(std::move(table), base_rate_of(args));
  } catch (const drg::Table5Error& e) {
    throw host::FatalError(e.what());
  }
}

std::string PaymentColumns::header() const {
  return std::string(",relative_weight,gmlos,amlos") + (base_rate_ ? ",transfer,payment_method,expected_payment" : "");
}

std::string PaymentColumns::cells(const ClaimRow& row, const drg::GroupResult& result) {
  const int drg = result.final.drg;
  const drg::Table5Row* t = result.final.return_code == drg::ReturnCode::ok && !drg::is_error_drg(drg) ? table_.find(drg) : nullptr;
  if (!t) return base_rate_ ? ",,,,,," : ",,,";  // no payable DRG
  ++weighted_;
  weight_sum_ += t->weight;
  std::string out = "," + formatted("%.4f", t->weight) + "," + days_text(t->gmlos) + "," + days_text(t->amlos);
  if (!base_rate_) return out;
  const std::optional<int> stay = row.length_of_stay < 0 ? std::nullopt : std::optional<int>(row.length_of_stay);
  const drg::PaymentEstimate p = drg::estimate_payment(*t, *base_rate_, row.claim.discharge_status, stay);
  out += "," + std::string(drg::to_string(p.transfer)) + "," + std::string(drg::to_string(p.method)) + ",";
  if (p.amount) {
    out += formatted("%.2f", *p.amount);
    payment_sum_ += *p.amount;
  } else {
    ++unpriced_transfers_;  // a transfer is paid per day: without length_of_stay, no estimate
  }
  return out;
}

std::string PaymentColumns::summary() const {
  std::string out = "; case-mix index " + (weighted_ ? formatted("%.4f", weight_sum_ / static_cast<double>(weighted_)) : std::string("-")) +
                    " over " + std::to_string(weighted_) + (weighted_ == 1 ? " claim" : " claims") + " with a weight";
  if (!base_rate_) return out;
  out += ", expected payment $" + formatted("%.2f", payment_sum_);
  if (unpriced_transfers_)
    out += " (" + std::to_string(unpriced_transfers_) + (unpriced_transfers_ == 1 ? " transfer" : " transfers") +
           " without length_of_stay left out)";
  return out;
}

}  // namespace chartflow::cli
