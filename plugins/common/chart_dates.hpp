// Dates a chart states under a label ("Discharge Date: 03/14/2026", "DOS: 2026-03-14", "Date of
// procedure: March 7, 2026"): the date of service that decides the code set version, the
// specimen date a registry takes as the date of diagnosis, the birth and admission dates the
// identity stage reads. Shared by the coding, registry and patient-identity plugins (compiled
// into each).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::charts {

// YYYY-MM-DD of the first labelled date found, preferring discharge, then service, visit,
// procedure (or operation), specimen, then admission dates; nullopt when the text labels none (or the date is not a real calendar date).
std::optional<std::string> find_date_of_service(std::string_view text);

// A real calendar date in YYYY-MM-DD form.
bool is_iso_date(std::string_view date);

// A date as a chart writes it, at the very start of `text`: "03/14/2026", "3-14-26", "03.14.2026",
// "2026-03-14", "March 7, 2026", "Mar. 7 2026", "7 March 2026", "07-Mar-2026". Numbers are kept
// as written: a two-digit year stays two digits, because which century it means is the caller's
// decision (a birth date cannot be guessed, an admission date can). Whether the date is a real
// calendar date is not checked here (see iso_date). `length` is the bytes the date takes.
struct WrittenDate {
  int year = 0, month = 0, day = 0;
  bool two_digit_year = false;
  std::size_t length = 0;
};
std::optional<WrittenDate> read_written_date(std::string_view text);

// The year a chart means by a two-digit one, as find_date_of_service reads it: "26" is 2026,
// "85" is 1985.
int four_digit_year(int two_digit_year);

// YYYY-MM-DD when year, month and day make a real calendar date (from 1900 on), else nullopt.
std::optional<std::string> iso_date(int year, int month, int day);

}  // namespace chartflow::charts
