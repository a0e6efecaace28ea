// Person names (the patient's, the attending's): 2 to 5 capitalized name words of letters and
// . ' - (Latin letters with accents too), "Last, First" allowed, kept as written with their
// spaces collapsed. Titles (Dr., Mrs.), generational suffixes (Jr., III) and, after the name,
// credentials (MD, PA-C) are kept in the value but not counted as name words.
//
// Digits: a name has none, except that a patient's name may end in a number of 4 to 6 digits,
// as test and synthetic patients are named ("Synthetic Patient 0001") and some registration
// systems number unidentified patients ("Trauma Alpha 1023"). A shorter number is more likely an
// age ("John Smith 71"), so it is refused.
#include "values.hpp"

#include <array>
#include <vector>

namespace chartflow::identity {
namespace {

struct Token {
  std::size_t begin, end;  // in `written`
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The token without the trailing "," of "Last," or "." of "Jr.", lower-cased, for the word lists.
std::string bare(std::string_view token) {
  while (!token.empty() && (token.back() == ',' || token.back() == '.')) token.remove_suffix(1);
  return lower_ascii(token);
}

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& words, std::string_view word) {
  for (const auto w : words)
    if (w == word) return true;
  return false;
}

constexpr auto kTitles = std::to_array<std::string_view>({"dr", "doctor", "prof", "mr", "mrs", "ms", "miss", "mx", "sir"});
constexpr auto kGenerations = std::to_array<std::string_view>({"jr", "sr", "ii", "iii", "iv", "v"});
constexpr auto kCredentials = std::to_array<std::string_view>({"md",   "do",   "phd",  "np",   "pa",   "pa-c", "rn",  "aprn", "dnp",
                                                           "fnp",  "fnp-c", "crnp", "facp", "facs", "facc", "mbbs", "dpm", "dds",
                                                           "dmd",  "mph",  "msn",  "cnm",  "crna", "faap", "facog", "mbchb"});
// Lower-case words that belong inside names ("Ludwig van Beethoven").
constexpr auto kParticles = std::to_array<std::string_view>({"van", "von", "de",  "del", "della", "der", "den", "di",  "da", "du",
                                                         "la",  "le",  "dos", "das", "bin",   "ibn", "al",  "ter", "ten", "y"});
// Words that say the value is not a name at all: placeholders ("Unknown", "N/A", "see above"),
// the words of a sentence ("Seen and examined", "Elderly male") and of a nurse's status line
// ("RESTING COMFORTABLY", "Stable overnight"), none of them a name.
constexpr auto kNotNames = std::to_array<std::string_view>({
    "unknown", "unk", "n/a", "none", "not", "see", "above", "below", "same", "pending", "tbd", "anonymous", "refused",
    "declined", "redacted", "withheld", "and", "or", "the", "is", "was", "are", "were", "has", "had", "have", "with", "without",
    "for", "to", "of", "in", "on", "at", "by", "from", "who", "this", "that", "per", "year", "years", "old", "yo", "male", "female",
    "man", "woman", "resting", "comfortable", "comfortably", "stable", "alert", "awake", "oriented", "ambulating", "sleeping",
    "doing", "seen", "examined", "tolerating", "denies", "reports", "states", "presents", "afebrile", "today", "overnight",
    "transferred", "admitted", "discharged", "deceased", "expired"});

// A Latin letter written as two UTF-8 bytes (U+00C0 to U+024F, not the signs x and /) at s[i].
bool latin_letter_at(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size()) return false;
  const auto lead = static_cast<unsigned char>(s[i]), next = static_cast<unsigned char>(s[i + 1]);
  if (lead < 0xC3 || lead > 0xC9 || (next & 0xC0) != 0x80) return false;
  const unsigned code = ((lead & 0x1Fu) << 6) | (next & 0x3Fu);
  return code >= 0xC0 && code != 0xD7 && code != 0xF7;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }

// Whether `token` is written like a name word: letters, perhaps . ' - and a final ",", with a
// letter in it. The apostrophe may be the typographic one (U+2019).
bool name_characters(std::string_view token) {
  bool letter = false;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    if (is_letter(c)) {
      letter = true;
    } else if (latin_letter_at(token, i)) {
      letter = true;
      ++i;
    } else if (token.substr(i, 3) == "\xE2\x80\x99") {
      i += 2;
    } else if (!(c == '.' || c == '\'' || c == '-' || (c == ',' && i + 1 == token.size()))) {
      return false;
    }
  }
  return letter;
}

bool all_digits(std::string_view token) {
  for (const char c : token)
    if (c < '0' || c > '9') return false;
  return !token.empty();
}

std::vector<Token> split(std::string_view written) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < written.size();) {
    while (i < written.size() && (written[i] == ' ' || written[i] == '\t')) ++i;
    const std::size_t begin = i;
    while (i < written.size() && written[i] != ' ' && written[i] != '\t') ++i;
    if (i > begin) tokens.push_back({begin, i});
  }
  return tokens;
}

// Why the words of a name are not a name, or nullopt when they are one.
std::optional<Rejection> check_words(std::string_view written, const std::vector<Token>& tokens, IdentityKind kind) {
  std::size_t name_words = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view token = written.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    const std::string word = bare(token);
    const bool last = i + 1 == tokens.size();
    if (all_digits(token)) {
      if (!(last && kind == IdentityKind::patient_name && token.size() >= 4 && token.size() <= 6)) return Rejection::characters;
      continue;
    }
    if (word.size() > 1 && listed(kNotNames, word)) return Rejection::placeholder;  // before the characters: "N/A"
    if (!name_characters(token)) return Rejection::characters;
    if (name_words == 0 && listed(kTitles, word)) continue;
    if (name_words >= 2 && (listed(kGenerations, word) || listed(kCredentials, word))) continue;
    if (!is_upper(token[0]) && !latin_letter_at(token, 0) && !(name_words > 0 && listed(kParticles, word))) return Rejection::not_capitalized;
    ++name_words;
  }
  if (name_words < 2 || name_words > 5) return Rejection::word_count;
  return std::nullopt;
}

}  // namespace

CheckedValue check_person_name(std::string_view written, std::size_t at, IdentityKind kind) {
  const std::vector<Token> tokens = split(written);
  if (tokens.empty()) return rejected(Rejection::empty);
  if (tokens.size() > 12) return rejected(Rejection::word_count);
  if (const auto why = check_words(written, tokens, kind)) return rejected(*why);
  std::string value;
  for (const Token& t : tokens) {
    if (!value.empty()) value += ' ';
    value += written.substr(t.begin, t.end - t.begin);
  }
  return taken(std::move(value), at + tokens.front().begin, at + tokens.back().end);
}

}  // namespace chartflow::identity
