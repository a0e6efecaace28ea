#include "payment.hpp"

#include <algorithm>
#include <cmath>

namespace chartflow::drg {
namespace {

// MS-DRG 789, "Neonates, Died or Transferred to Another Acute Care Facility": its weight already
// prices the transfer, so CMS pays it in full.
constexpr int kNeonateTransferDrg = 789;

double cents(double dollars) { return std::round(dollars * 100.0) / 100.0; }

}  // namespace

Transfer transfer_of(int discharge_status) {
  switch (discharge_status) {
    case 2:   // short-term general hospital
    case 66:  // critical access hospital
    case 82:  // 02 with a planned acute care readmission
    case 94:  // 66 with a planned readmission
      return Transfer::acute;
    case 3:   // skilled nursing facility
    case 5:   // designated cancer center or children's hospital (both excluded from IPPS)
    case 6:   // home under a home health agency
    case 50:  // hospice, home (post-acute since FY 2019)
    case 51:  // hospice, medical facility
    case 62:  // inpatient rehabilitation facility or unit
    case 63:  // long-term care hospital
    case 65:  // psychiatric hospital or unit
    case 83: case 85: case 86: case 90: case 91: case 93:  // the same with a planned readmission
      return Transfer::post_acute;
    default:
      return Transfer::none;
  }
}

std::string_view to_string(Transfer value) {
  switch (value) {
    case Transfer::acute: return "acute";
    case Transfer::post_acute: return "post_acute";
    case Transfer::none: break;
  }
  return "none";
}

std::string_view to_string(PaymentMethod value) {
  switch (value) {
    case PaymentMethod::per_diem: return "per_diem";
    case PaymentMethod::special_pay: return "special_pay";
    case PaymentMethod::full: break;
  }
  return "full";
}

PaymentEstimate estimate_payment(const Table5Row& row, double base_rate, int discharge_status, std::optional<int> length_of_stay) {
  PaymentEstimate p;
  p.transfer = transfer_of(discharge_status);
  const double full = row.weight * base_rate;
  p.full_payment = cents(full);
  const bool adjusted = row.drg != kNeonateTransferDrg && row.gmlos > 0 &&
                        (p.transfer == Transfer::acute || (p.transfer == Transfer::post_acute && row.post_acute));
  if (!adjusted) {
    p.amount = p.full_payment;
    return p;
  }
  // A special-pay DRG's costs come early in the stay, so half of it is paid up front (412.4(f)).
  p.method = p.transfer == Transfer::post_acute && row.special_pay ? PaymentMethod::special_pay : PaymentMethod::per_diem;
  const double per_diem = full / row.gmlos;
  p.per_diem = cents(per_diem);
  if (!length_of_stay) return p;
  // A stay of less than a day is paid as one; the first day is paid twice (412.4(f)(1)).
  p.days = std::max(*length_of_stay, 1);
  const double graduated = per_diem * (p.days + 1);
  const double amount = p.method == PaymentMethod::special_pay ? 0.5 * full + 0.5 * graduated : graduated;
  p.capped = amount >= full;
  p.amount = cents(std::min(amount, full));
  return p;
}

}  // namespace chartflow::drg
