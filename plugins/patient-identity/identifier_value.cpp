// Identifiers (MRN, account, encounter and other numbers): 3 to 20 letters, digits, "-", "." or
// "/", with at least one digit. The digit is what keeps words out: a registry reader once took
// "AND", "ACCESSIONED" and "LABELED" as MRNs after "medical record number" and merged 21
// patients into 3; no English word has a digit, and every MRN scheme in use does.
#include "values.hpp"

#include "common/words.hpp"

namespace chartflow::identity {
namespace {

using words::is_alnum;
using words::is_digit;

}  // namespace

CheckedValue check_identifier(std::string_view written, std::size_t at) {
  // Punctuation around the identifier is the chart's, not the identifier's: "(00-1234).", "#A12".
  std::size_t begin = 0, end = written.size();
  while (begin < end && !is_alnum(written[begin])) ++begin;
  while (end > begin && !is_alnum(written[end - 1])) --end;
  const std::string_view id = written.substr(begin, end - begin);
  if (id.empty()) return rejected(Rejection::empty);
  if (id.size() > 20) return rejected(Rejection::too_long);
  if (id.size() < 3) return rejected(Rejection::too_short);
  bool digit = false;
  for (const char c : id) {
    if (!is_alnum(c) && c != '-' && c != '.' && c != '/') return rejected(Rejection::characters);
    digit = digit || is_digit(c);
  }
  if (!digit) return rejected(Rejection::no_digit);
  return taken(std::string(id), at + begin, at + end);
}

}  // namespace chartflow::identity
