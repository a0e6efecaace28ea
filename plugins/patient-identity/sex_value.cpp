// Sex, as FHIR AdministrativeGender (female, male, other, unknown): only the words and letters
// that say one of those; anything else ("see chart", "71") is not taken.
#include "values.hpp"

#include <array>
#include <utility>

namespace chartflow::identity {

CheckedValue check_sex(std::string_view written, std::size_t at) {
  std::string_view word = written;
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);  // "F."
  std::string lower(word);
  for (auto& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kWords = {{
      {"f", "female"}, {"female", "female"}, {"m", "male"}, {"male", "male"}, {"o", "other"},
      {"other", "other"}, {"u", "unknown"}, {"unk", "unknown"}, {"unknown", "unknown"},
  }};
  for (const auto& [as_written, gender] : kWords)
    if (lower == as_written) return taken(std::string(gender), at, at + word.size());
  return rejected(Rejection::unknown_sex);
}

}  // namespace chartflow::identity
