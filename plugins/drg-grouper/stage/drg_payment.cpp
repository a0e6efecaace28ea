#include "drg_payment.hpp"

#include "payment.hpp"

#include <cstdio>

namespace chartflow::drg::stage {
namespace {

using nlohmann::json;

std::string two_digits(int status) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d", status % 100);
  return text;
}

json payment_json(const PaymentEstimate& p, double base_rate) {
  json out = {{"base_rate", base_rate},
              {"full_payment", p.full_payment},
              {"transfer", to_string(p.transfer)},
              {"method", to_string(p.method)}};
  if (p.method == PaymentMethod::full) return out;
  out["per_diem"] = p.per_diem;
  if (p.amount) {
    out["days"] = p.days;
    out["capped"] = p.capped;
  }
  return out;
}

}  // namespace

PaymentMembers payment_members(const PaymentSettings& settings, const GroupResult& result, const Encounter& encounter) {
  PaymentMembers out;
  const int drg = result.final.drg;
  if (!settings.table5 || result.final.return_code != ReturnCode::ok || is_error_drg(drg)) return out;
  const Table5Row* row = settings.table5->find(drg);
  if (!row) return out;  // not reached: start-up checked the table covers every DRG the grouper assigns
  out.members["relative_weight"] = row->weight;
  out.members["gmlos"] = row->gmlos;
  out.members["amlos"] = row->amlos;
  if (!settings.base_rate) return out;
  const PaymentEstimate p = estimate_payment(*row, *settings.base_rate, encounter.discharge_status, encounter.length_of_stay);
  out.members["payment"] = payment_json(p, *settings.base_rate);
  if (p.amount) {
    out.members["expected_payment"] = *p.amount;
  } else {
    // A transfer is paid per day; without the admission date the days are unknown, and the full
    // payment would overstate it.
    out.review_reasons.push_back("discharge status " + two_digits(encounter.discharge_status) + " makes the stay " +
                                 (p.transfer == Transfer::acute ? "an acute" : "a post-acute") + " transfer for MS-DRG " +
                                 std::to_string(drg) + ", paid per day, but the length of stay is unknown (no admission date): no expected payment");
  }
  return out;
}

}  // namespace chartflow::drg::stage
