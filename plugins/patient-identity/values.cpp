#include "values.hpp"

namespace chartflow::identity {

// No value of any kind is longer (a name of five words with a title and credentials is far
// shorter): a longer one is refused before any work on it.
constexpr std::size_t kMaxWrittenValue = 160;

std::string_view rejection_reason(Rejection rejection) {
  switch (rejection) {
    case Rejection::empty: return "no value after the label";
    case Rejection::too_long: return "longer than such a value is";
    case Rejection::too_short: return "shorter than 3 characters";
    case Rejection::characters: return "characters such a value does not have";
    case Rejection::no_digit: return "no digit (a word, not an identifier)";
    case Rejection::word_count: return "not 2 to 5 name words";
    case Rejection::not_capitalized: return "a word that is not capitalized";
    case Rejection::placeholder: return "a placeholder or narrative word, not a name";
    case Rejection::not_a_date: return "not a date";
    case Rejection::two_digit_year: return "a two-digit year (its century would be a guess)";
    case Rejection::impossible_date: return "not a real calendar date";
    case Rejection::before_1900: return "before 1900";
    case Rejection::in_the_future: return "in the future";
    case Rejection::unknown_sex: return "not F, M, female, male, other or unknown";
  }
  return "not plausible";
}

CheckedValue check_value(IdentityKind kind, std::string_view written, std::size_t at, std::string_view today) {
  if (written.empty()) return rejected(Rejection::empty);
  if (written.size() > kMaxWrittenValue) return rejected(Rejection::too_long);
  switch (shape_of(kind)) {
    case ValueShape::identifier: return check_identifier(written, at);
    case ValueShape::person_name: return check_person_name(written, at, kind);
    case ValueShape::date: return check_date(written, at, kind, today);
    case ValueShape::sex: return check_sex(written, at);
  }
  return rejected(Rejection::characters);
}

}  // namespace chartflow::identity
