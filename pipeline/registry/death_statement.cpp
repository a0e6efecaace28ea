#include "death_statement.hpp"

#include <array>
#include <cstdio>
#include <regex>

namespace chartflow::registry {
namespace {

// Statements about the patient's own death. A relative's ("mother died of ...") or a risk
// ("risk of death", "death rate") never matches: each pattern names the patient, a death
// certificate item, or the hospital's disposition. Case-insensitive; \s+ spans line breaks.
const std::array<std::regex, 6>& death_patterns() {
  static const auto flags = std::regex::icase | std::regex::ECMAScript | std::regex::optimize;
  static const std::array<std::regex, 6> patterns = {
      std::regex(R"(\b(date|time)\s+of\s+death\s*[:\-]?\s*)", flags),
      std::regex(R"(\bpronounced\s+(dead|deceased)\b)", flags),
      std::regex(R"(\b(the\s+)?(patient|pt\.?|he|she)\s+(subsequently\s+|unfortunately\s+|then\s+)?(expired|died|passed\s+away)\b)", flags),
      std::regex(R"(\b(discharge\s+)?disposition\s*:\s*(expired|deceased|died)\b)", flags),
      std::regex(R"(^\s*(death\s+summary|death\s+note|expiration\s+summary)\b)", flags | std::regex::multiline),
      std::regex(R"(\bpatient\s+is\s+deceased\b)", flags),
  };
  return patterns;
}

// Words just before a statement that make it not a death: "no", "family history", "if".
bool negated_or_other_person(const std::string& text, std::size_t at) {
  const std::size_t from = at > 60 ? at - 60 : 0;
  static const std::regex cancel(R"(\b(no|not|denies|without|family\s+history|mother|father|brother|sister|son|daughter|husband|wife|if|risk|nearly|almost)\b[^.\n]*$)",
                                 std::regex::icase | std::regex::ECMAScript);
  return std::regex_search(text.substr(from, at - from), cancel);
}

// A date right after the statement: 03/14/2026, 3-14-2026, 2026-03-14, March 14, 2026.
std::optional<std::string> date_after(const std::string& text, std::size_t at) {
  const std::string window = text.substr(at, 40);
  static const std::regex numeric(R"(^\D{0,12}?(\d{1,2})[/-](\d{1,2})[/-](\d{4}))"), iso(R"(^\D{0,12}?(\d{4})-(\d{2})-(\d{2}))");
  static const std::regex named(R"(^[^\d\n]{0,12}?\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4}))",
                                std::regex::icase | std::regex::ECMAScript);
  std::smatch m;
  int y = 0, mo = 0, d = 0;
  if (std::regex_search(window, m, iso)) {
    y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
  } else if (std::regex_search(window, m, numeric)) {
    y = std::stoi(m[3]), mo = std::stoi(m[1]), d = std::stoi(m[2]);
  } else if (std::regex_search(window, m, named)) {
    static const std::string months = "janfebmaraprmayjunjulaugsepoctnovdec";
    std::string name = m[1].str();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    y = std::stoi(m[3]), mo = static_cast<int>(months.find(name) / 3) + 1, d = std::stoi(m[2]);
  } else {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 9999) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
  return std::string(buf);
}

}  // namespace

std::optional<DeathStatement> find_death_statement(const std::string& text, const std::string& date_of_service) {
  std::optional<DeathStatement> best;
  for (const auto& pattern : death_patterns()) {
    for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
      const auto begin = static_cast<std::size_t>(it->position()), stop = begin + static_cast<std::size_t>(it->length());
      if (negated_or_other_person(text, begin)) continue;
      DeathStatement s{"", false, begin, stop};
      // "expired on 3/14/2026", "Date of death: 03/14/2026"; a bare "Time of death: 04:10" is dated by the chart.
      if (const auto date = date_after(text, stop)) s.date = *date, s.date_stated = true;
      else s.date = date_of_service;
      if (s.date.empty()) continue;
      // A statement that dates the death beats an earlier one that does not.
      if (!best || (s.date_stated && !best->date_stated) || (s.date_stated == best->date_stated && s.begin < best->begin)) best = s;
      break;
    }
  }
  return best;
}

}  // namespace chartflow::registry
