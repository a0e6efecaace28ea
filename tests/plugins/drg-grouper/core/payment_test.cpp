// The payment estimate (plugins/drg-grouper/core/payment.hpp), worked out by hand with made-up
// weights and a base rate of $6,000: the full payment, a transfer paid per diem, one capped at the
// full payment, a special-pay DRG, and the stays the transfer rules leave alone.
#include "payment.hpp"

#include <gtest/gtest.h>

namespace chartflow::drg {
namespace {

constexpr double kBaseRate = 6000;

Table5Row row(int drg, bool post_acute, bool special_pay, double weight, double gmlos) {
  Table5Row r;
  r.drg = drg, r.post_acute = post_acute, r.special_pay = special_pay, r.weight = weight, r.gmlos = gmlos, r.amlos = gmlos + 1;
  return r;
}

const Table5Row kPostAcute = row(291, true, false, 1.5, 5.0);   // full $9,000; per diem $1,800
const Table5Row kSpecialPay = row(321, true, true, 3.0, 3.0);   // full $18,000; per diem $6,000
const Table5Row kOther = row(293, false, false, 0.7, 3.0);      // full $4,200; per diem $1,400

TEST(Payment, ADischargeHomeIsTheWeightTimesTheBaseRate) {
  const PaymentEstimate p = estimate_payment(kPostAcute, kBaseRate, 1, 2);
  EXPECT_EQ(p.transfer, Transfer::none);
  EXPECT_EQ(p.method, PaymentMethod::full);
  EXPECT_DOUBLE_EQ(p.full_payment, 9000.00);  // 1.5 x 6,000
  EXPECT_DOUBLE_EQ(p.amount.value_or(-1), 9000.00);
  EXPECT_FALSE(p.capped);
  // The length of stay does not matter, and need not be known.
  EXPECT_DOUBLE_EQ(estimate_payment(kPostAcute, kBaseRate, 20, std::nullopt).amount.value_or(-1), 9000.00) << "died";
}

TEST(Payment, AnEarlyPostAcuteTransferIsPaidPerDiemWithTheFirstDayTwice) {
  // To a SNF after 2 days: 9,000 / 5 = 1,800 a day, x (2 + 1) = 5,400.
  const PaymentEstimate p = estimate_payment(kPostAcute, kBaseRate, 3, 2);
  EXPECT_EQ(p.transfer, Transfer::post_acute);
  EXPECT_EQ(p.method, PaymentMethod::per_diem);
  EXPECT_DOUBLE_EQ(p.per_diem, 1800.00);
  EXPECT_EQ(p.days, 2);
  EXPECT_FALSE(p.capped);
  EXPECT_DOUBLE_EQ(p.amount.value_or(-1), 5400.00);
}

TEST(Payment, ALateTransferIsCappedAtTheFullPayment) {
  // Home health after 6 days: 1,800 x 7 = 12,600, more than the full 9,000.
  const PaymentEstimate p = estimate_payment(kPostAcute, kBaseRate, 6, 6);
  EXPECT_EQ(p.method, PaymentMethod::per_diem);
  EXPECT_TRUE(p.capped);
  EXPECT_DOUBLE_EQ(p.amount.value_or(-1), 9000.00);
  // Exactly at GMLOS - 1 days the graduated amount reaches the full payment: 1,800 x 5.
  const PaymentEstimate at = estimate_payment(kPostAcute, kBaseRate, 62, 4);
  EXPECT_TRUE(at.capped);
  EXPECT_DOUBLE_EQ(at.amount.value_or(-1), 9000.00);
}

TEST(Payment, ASpecialPayDrgGetsHalfUpFrontAndHalfPerDiem) {
  // To rehabilitation after 1 day: 18,000 / 3 = 6,000 a day; 0.5 x 18,000 + 0.5 x 6,000 x (1 + 1) = 15,000.
  const PaymentEstimate p = estimate_payment(kSpecialPay, kBaseRate, 62, 1);
  EXPECT_EQ(p.method, PaymentMethod::special_pay);
  EXPECT_DOUBLE_EQ(p.full_payment, 18000.00);
  EXPECT_DOUBLE_EQ(p.per_diem, 6000.00);
  EXPECT_DOUBLE_EQ(p.amount.value_or(-1), 15000.00);
  EXPECT_FALSE(p.capped);
  // After 2 days: 9,000 + 0.5 x 6,000 x 3 = 18,000: capped.
  EXPECT_TRUE(estimate_payment(kSpecialPay, kBaseRate, 62, 2).capped);
  // An acute transfer of the same DRG is paid by the ordinary per diem: 6,000 x 2 = 12,000.
  const PaymentEstimate acute = estimate_payment(kSpecialPay, kBaseRate, 2, 1);
  EXPECT_EQ(acute.method, PaymentMethod::per_diem);
  EXPECT_DOUBLE_EQ(acute.amount.value_or(-1), 12000.00);
}

TEST(Payment, AnAcuteTransferAdjustsAnyDrgAndASameDayStayCountsAsOneDay) {
  // To another hospital after 1 day, a DRG that is not post-acute: 4,200 / 3 = 1,400 x 2 = 2,800.
  const PaymentEstimate p = estimate_payment(kOther, kBaseRate, 2, 1);
  EXPECT_EQ(p.transfer, Transfer::acute);
  EXPECT_DOUBLE_EQ(p.amount.value_or(-1), 2800.00);
  // Transferred the day of admission (0 days): paid as one day.
  const PaymentEstimate same_day = estimate_payment(kOther, kBaseRate, 66, 0);
  EXPECT_EQ(same_day.days, 1);
  EXPECT_DOUBLE_EQ(same_day.amount.value_or(-1), 2800.00);
}

TEST(Payment, PostAcuteCareAfterADrgThatIsNotPostAcuteIsPaidInFull) {
  const PaymentEstimate p = estimate_payment(kOther, kBaseRate, 3, 1);
  EXPECT_EQ(p.transfer, Transfer::post_acute);
  EXPECT_EQ(p.method, PaymentMethod::full);
  EXPECT_DOUBLE_EQ(p.amount.value_or(-1), 4200.00);
  // DRG 789's weight already prices the neonate's transfer.
  const PaymentEstimate neonate = estimate_payment(row(789, false, false, 1.2, 2.0), kBaseRate, 2, 1);
  EXPECT_EQ(neonate.method, PaymentMethod::full);
  EXPECT_DOUBLE_EQ(neonate.amount.value_or(-1), 7200.00);
}

TEST(Payment, ATransferWithoutALengthOfStayHasNoAmount) {
  const PaymentEstimate p = estimate_payment(kPostAcute, kBaseRate, 6, std::nullopt);
  EXPECT_EQ(p.method, PaymentMethod::per_diem);
  EXPECT_DOUBLE_EQ(p.full_payment, 9000.00);
  EXPECT_DOUBLE_EQ(p.per_diem, 1800.00);
  EXPECT_FALSE(p.amount.has_value()) << "never the full payment in its place";
}

TEST(Payment, DischargeStatusesMapToTheTransferRules) {
  for (const int s : {2, 66, 82, 94}) EXPECT_EQ(transfer_of(s), Transfer::acute) << s;
  for (const int s : {3, 5, 6, 50, 51, 62, 63, 65, 83, 85, 86, 90, 91, 93}) EXPECT_EQ(transfer_of(s), Transfer::post_acute) << s;
  for (const int s : {1, 4, 7, 20, 21, 30, 43, 61, 64, 69, 70, 81, 84, 87, 88, 89, 92, 95}) EXPECT_EQ(transfer_of(s), Transfer::none) << s;
  EXPECT_EQ(to_string(Transfer::post_acute), "post_acute");
  EXPECT_EQ(to_string(PaymentMethod::special_pay), "special_pay");
}

TEST(Payment, AmountsAreRoundedToTheCent) {
  // 1.2345 x 6,543.21 = 8,077.5927; per diem / 3.3 = 2,447.7554; x (1 + 1) = 4,895.5108: each rounded once.
  const PaymentEstimate p = estimate_payment(row(100, true, false, 1.2345, 3.3), 6543.21, 3, 1);
  EXPECT_DOUBLE_EQ(p.full_payment, 8077.59);
  EXPECT_DOUBLE_EQ(p.per_diem, 2447.76);
  EXPECT_DOUBLE_EQ(p.amount.value_or(-1), 4895.51);
}

}  // namespace
}  // namespace chartflow::drg
