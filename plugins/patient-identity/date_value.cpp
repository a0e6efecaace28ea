// Birth, admission and discharge dates: a date as charts write it (common/chart_dates), perhaps
// followed by a time of day, that is a real calendar date. A birth date must also be from 1900
// on, not in the future, and have its century written: "01/02/25" could be 1925 or 2025.
#include "common/chart_dates.hpp"
#include "common/words.hpp"
#include "values.hpp"

namespace chartflow::identity {
namespace {

using words::is_digit;

std::size_t skip_spaces(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at;
}

// Whether `rest` is nothing or a time of day: " 14:30", " at 2:30 PM", " @ 14:30:05".
bool is_time_or_nothing(std::string_view rest) {
  std::size_t p = skip_spaces(rest, 0);
  if (p == rest.size()) return true;
  if (rest.substr(p, 2) == "at" || rest.substr(p, 2) == "At") p = skip_spaces(rest, p + 2);
  else if (rest[p] == '@') p = skip_spaces(rest, p + 1);
  // Two digits at rest[at] making a number below `limit` ("59" minutes).
  const auto two_digits = [&](std::size_t at, int limit) {
    if (at + 1 >= rest.size() || !is_digit(rest[at]) || !is_digit(rest[at + 1])) return false;
    return (rest[at] - '0') * 10 + (rest[at + 1] - '0') < limit;
  };
  int hour = 0;
  std::size_t hour_digits = 0;
  for (; p < rest.size() && is_digit(rest[p]) && hour_digits < 3; ++p, ++hour_digits) hour = hour * 10 + (rest[p] - '0');
  if (hour_digits == 0 || hour_digits > 2 || hour > 23 || p >= rest.size() || rest[p] != ':' || !two_digits(p + 1, 60)) return false;
  p += 3;
  if (p < rest.size() && rest[p] == ':' && two_digits(p + 1, 60)) p += 3;
  p = skip_spaces(rest, p);
  for (const std::string_view meridiem : {"AM", "PM", "am", "pm", "A.M.", "P.M.", "a.m.", "p.m."})
    if (rest.substr(p) == meridiem) return true;
  return p == rest.size();
}

}  // namespace

CheckedValue check_date(std::string_view written, std::size_t at, IdentityKind kind, std::string_view today) {
  const auto date = charts::read_written_date(written);
  if (!date || !is_time_or_nothing(written.substr(date->length))) return rejected(Rejection::not_a_date);
  int year = date->year;
  if (date->two_digit_year) {
    if (kind == IdentityKind::birth_date) return rejected(Rejection::two_digit_year);
    year = charts::four_digit_year(year);  // an encounter's date: this century or the last one's end
  }
  if (year < 1900) return rejected(Rejection::before_1900);
  auto iso = charts::iso_date(year, date->month, date->day);
  if (!iso) return rejected(Rejection::impossible_date);
  if (kind == IdentityKind::birth_date && *iso > today) return rejected(Rejection::in_the_future);  // ISO dates sort as text
  return taken(std::move(*iso), at, at + date->length);
}

}  // namespace chartflow::identity
