// An estimate of the Medicare base MS-DRG payment of one stay: the DRG's relative weight (CMS's
// Table 5) times the hospital's base rate (the user's figure: its operating plus capital
// standardized amount), with the transfer adjustment of 42 CFR 412.4. Nothing else of IPPS
// pricing (outliers, IME, DSH, wage index, new technology, readmission or HAC penalties): see
// docs/drg.md. Pure arithmetic, no I/O.
#pragma once

#include "table5.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace chartflow::drg {

// What the UB-04 patient discharge status makes of a stay for payment.
enum class Transfer : std::uint8_t {
  none,        // a discharge: home, died, left against advice, ...
  acute,       // 412.4(b): to another acute hospital or a critical access hospital (02, 66; planned readmission 82, 94); any DRG
  post_acute,  // 412.4(c): to SNF, home health, hospice, or a hospital excluded from IPPS (03, 05, 06, 50, 51, 62, 63, 65;
               // planned readmission 83, 85, 86, 90, 91, 93); only for the DRGs Table 5 marks post-acute
};
Transfer transfer_of(int discharge_status);

enum class PaymentMethod : std::uint8_t {
  full,         // weight x base rate
  per_diem,     // transfer: per diem x (days + 1), at most the full payment
  special_pay,  // post-acute transfer of a special-pay DRG: half the full payment + half of per diem x (days + 1), at most the full payment
};

std::string_view to_string(Transfer value);       // "none", "acute", "post_acute"
std::string_view to_string(PaymentMethod value);  // "full", "per_diem", "special_pay"

struct PaymentEstimate {
  Transfer transfer = Transfer::none;
  PaymentMethod method = PaymentMethod::full;
  double full_payment = 0;  // weight x base rate
  double per_diem = 0;      // full payment / GMLOS, for the per-diem methods
  int days = 0;             // the days paid per diem: the length of stay, at least 1
  bool capped = false;      // the per-diem amount reached the full payment, which is paid
  // Dollars, rounded to the cent; empty when the method is per diem and the length of stay is unknown.
  std::optional<double> amount;
};

// `row` is the final DRG's Table 5 row (not an error DRG); `length_of_stay` in days, when known.
PaymentEstimate estimate_payment(const Table5Row& row, double base_rate, int discharge_status, std::optional<int> length_of_stay);

}  // namespace chartflow::drg
