// Whether what follows a label is a plausible value of its kind, and its normalized form. A value
// that is not plausible is never taken: these values decide which patient a chart is filed
// under, so a wrong one costs more than a missing one.
#pragma once

#include "identity_kind.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::identity {

enum class Rejection : std::uint8_t {
  empty,
  too_long,
  too_short,
  characters,
  no_digit,
  word_count,
  not_capitalized,
  placeholder,
  not_a_date,
  two_digit_year,
  impossible_date,
  before_1900,
  in_the_future,
  unknown_sex,
};

// Why a value was not taken, in words a diagnostic can carry (never the value).
std::string_view rejection_reason(Rejection rejection);

struct CheckedValue {
  std::optional<Rejection> rejected;
  std::string value;               // the normalized value, when taken
  std::size_t begin = 0, end = 0;  // where the value is written in the text
};

// `written` is a field's value as the text has it, starting at offset `at` of the text; `today`
// (YYYY-MM-DD) is the latest birth date taken.
CheckedValue check_value(IdentityKind kind, std::string_view written, std::size_t at, std::string_view today);

// The checks of each shape (check_value picks one by the kind).
CheckedValue check_identifier(std::string_view written, std::size_t at);
CheckedValue check_person_name(std::string_view written, std::size_t at, IdentityKind kind);
CheckedValue check_date(std::string_view written, std::size_t at, IdentityKind kind, std::string_view today);
CheckedValue check_sex(std::string_view written, std::size_t at);

inline CheckedValue rejected(Rejection why) { return {why, {}, 0, 0}; }
inline CheckedValue taken(std::string value, std::size_t begin, std::size_t end) { return {std::nullopt, std::move(value), begin, end}; }

}  // namespace chartflow::identity
