// The chart's opening facts the index reads: the patient's age, an imaging exam's side.
// The patient's age the chart states ("56 yo F", "a 72-year-old man", "34 y/o M", "Age: 61"), in
// completed years; for the index's subterms by age ("Dermatomyositis > adult" M33.10,
// "Failure to thrive > adult" R62.7). The first statement in the chart's opening counts: a
// relative's age further on ("her 80-year-old mother") is no patient's.
#include "coder.hpp"

#include "common/words.hpp"

#include <cctype>

namespace chartflow::coding {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The age unit that follows a number at `at` (after spaces and one hyphen): "yo", "y/o",
// "year-old", "year old", "yr old", "yrs old", "years of age"; its length, or 0.
std::size_t age_unit_at(std::string_view lowered, std::size_t at) {
  while (at < lowered.size() && (lowered[at] == ' ' || lowered[at] == '-')) ++at;
  if (at >= lowered.size() || lowered[at] != 'y') return 0;  // every unit starts with "y": most numbers end here
  const std::string_view rest = lowered.substr(at, 16);
  for (const std::string_view unit : {"years of age", "year-old", "year old", "years old", "yrs old", "yr old", "y/o", "y.o.", "yo"}) {
    if (!rest.starts_with(unit)) continue;
    const std::size_t end = at + unit.size();
    if (end < lowered.size() && words::is_word_char(lowered[end]) && unit.back() != '.') continue;  // "yoga"
    return unit.size();
  }
  // "11 years and 10 months old": the years, then the months, then "old".
  if (rest.starts_with("years and ") || rest.starts_with("year and ")) {
    const std::string_view tail = lowered.substr(at, 32);
    if (const std::size_t old = tail.find(" old"); old != std::string_view::npos && tail.substr(0, old).find('.') == std::string_view::npos)
      return old + 4;
  }
  return 0;
}

// Whether a unit shorter than a year follows the number at `at`: "6 weeks", "3 days", "9 months",
// "6 wk", "4 mo".
bool under_a_year_unit_at(std::string_view lowered, std::size_t at) {
  while (at < lowered.size() && (lowered[at] == ' ' || lowered[at] == '-')) ++at;
  for (const std::string_view unit : {"weeks", "week", "wks", "wk", "days", "day", "months", "month", "mos", "mo"})
    if (words::stands_at(lowered, unit, at)) return true;
  return false;
}

}  // namespace

std::optional<int> stated_age(std::string_view text) {
  const std::string lowered = words::lower(text.substr(0, std::min<std::size_t>(text.size(), 2500)));
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    if (!is_digit(lowered[i]) || (i > 0 && (is_digit(lowered[i - 1]) || lowered[i - 1] == '.' || lowered[i - 1] == '/'))) continue;
    std::size_t end = i;
    while (end < lowered.size() && is_digit(lowered[end])) ++end;
    if (end - i > 3) continue;
    int years = 0;  // (by hand: std::stoi wanted a string made for every number in the opening)
    for (std::size_t d = i; d < end; ++d) years = years * 10 + (lowered[d] - '0');
    const bool stated = age_unit_at(lowered, end) > 0 ||
                        (words::contains(std::string_view(lowered).substr(i >= 6 ? i - 6 : 0, i >= 6 ? 6 : i), "age"));
    // "Age: 6 weeks", "3 days old", "9 months": under a year, 0 completed years; a pregnancy's
    // "gestational age 32 weeks" is no patient's age.
    if (stated && under_a_year_unit_at(lowered, end)) {
      if (std::string_view(lowered).substr(i >= 24 ? i - 24 : 0, i >= 24 ? 24 : i).find("gestation") == std::string_view::npos) return 0;
      i = end;
      continue;
    }
    if (stated && years <= 124) return years;
    i = end;
  }
  return std::nullopt;
}

std::string exam_side(std::string_view text) {
  const std::string lowered = words::lower(text.substr(0, std::min<std::size_t>(text.size(), 1200)));
  for (std::size_t line = 0; line < lowered.size();) {
    std::size_t end = lowered.find('\n', line);
    if (end == std::string::npos) end = lowered.size();
    const std::string_view l = std::string_view(lowered).substr(line, end - line);
    const std::size_t label = l.find_first_not_of(" \t");
    if (label != std::string_view::npos && (l.substr(label).starts_with("exam:") || l.substr(label).starts_with("examination:") ||
                                            l.substr(label).starts_with("study:") || l.substr(label).starts_with("procedure:"))) {
      const bool right = words::contains(l, "right") || words::contains(l, "rt"), left = words::contains(l, "left") || words::contains(l, "lt");
      const bool both = words::contains(l, "bilateral") || words::contains(l, "both");
      if (right != left && !both) return right ? "right" : "left";
      return {};
    }
    line = end + 1;
  }
  return {};
}

}  // namespace chartflow::coding
