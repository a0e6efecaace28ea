// Dates as charts write them (plugins/common/chart_dates.*): read_written_date keeps the numbers
// as written and leaves the calendar check and the century of a two-digit year to its caller.
#include "common/chart_dates.hpp"

#include <gtest/gtest.h>

namespace chartflow::charts {
namespace {

std::string iso_of(std::string_view written) {
  const auto d = read_written_date(written);
  if (!d) return "none";
  const int year = d->two_digit_year ? four_digit_year(d->year) : d->year;
  return iso_date(year, d->month, d->day).value_or("impossible");
}

TEST(ChartDates, EveryWayAChartWritesADate) {
  EXPECT_EQ(iso_of("03/14/2026"), "2026-03-14");
  EXPECT_EQ(iso_of("3/4/2026"), "2026-03-04");
  EXPECT_EQ(iso_of("03-14-2026"), "2026-03-14");
  EXPECT_EQ(iso_of("03.14.2026"), "2026-03-14");
  EXPECT_EQ(iso_of("2026-03-14"), "2026-03-14");
  EXPECT_EQ(iso_of("2026/03/14"), "2026-03-14");
  EXPECT_EQ(iso_of("March 7, 2026"), "2026-03-07");
  EXPECT_EQ(iso_of("Mar. 7 2026"), "2026-03-07");
  EXPECT_EQ(iso_of("SEPT 30, 1999"), "1999-09-30");
  EXPECT_EQ(iso_of("7 March 2026"), "2026-03-07");
  EXPECT_EQ(iso_of("07-Mar-2026"), "2026-03-07");
}

TEST(ChartDates, TheLengthIsTheDatesAndTheYearStaysAsWritten) {
  const auto d = read_written_date("3/14/26 14:30");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->length, 7u);
  EXPECT_TRUE(d->two_digit_year);
  EXPECT_EQ(d->year, 26);
  EXPECT_EQ(four_digit_year(26), 2026);
  EXPECT_EQ(four_digit_year(85), 1985);
}

TEST(ChartDates, WhatIsNoDate) {
  for (const char* text : {"", "yesterday", "03/14", "03/14/202", "03/14/20261", "2026-03", "03/14-2026", "03/14/2026x", "Marchy 7, 2026",
                           "19XX", "12/20/20XX", "1234567890"})
    EXPECT_FALSE(read_written_date(text)) << text;
}

TEST(ChartDates, ImpossibleDatesHaveTheShapeButNoIsoDate) {
  EXPECT_EQ(iso_of("02/30/2026"), "impossible");
  EXPECT_EQ(iso_of("13/01/2026"), "impossible");
  EXPECT_EQ(iso_of("02/29/2025"), "impossible");
  EXPECT_EQ(iso_of("02/29/2024"), "2024-02-29");
  EXPECT_EQ(iso_of("01/01/1899"), "impossible") << "chart dates start in 1900";
  EXPECT_FALSE(iso_date(20260, 1, 1));
}

TEST(ChartDates, DateOfServiceIsUnchanged) {
  EXPECT_EQ(find_date_of_service("Admission Date: 03/02/2026\nDischarge Date: 03/05/2026"), "2026-03-05");
  EXPECT_EQ(find_date_of_service("DOS: 3/14/26"), "2026-03-14");
  EXPECT_EQ(find_date_of_service("Date of procedure: March 7, 2026"), "2026-03-07");
  EXPECT_FALSE(find_date_of_service("Discharge date: 02/30/2026"));
}

}  // namespace
}  // namespace chartflow::charts
