#include "chart_dates.hpp"

#include "words.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>
#include <vector>

namespace chartflow::charts {
namespace {

using words::lower;

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::optional<std::string> make_date(int y, int m, int d) {
  if (y < 100) y = four_digit_year(y);
  return iso_date(y, m, d);
}

// The first date right after a label ("Discharge Date: 03/14/2026", "Date of service 3-14-26"),
// read as read_written_date reads it.
std::optional<std::string> parse_date_after(const std::string& text, std::size_t from) {
  std::string_view rest = std::string_view(text).substr(std::min(from, text.size()), 60);
  const auto skip = [&rest](std::string_view chars) {
    while (!rest.empty() && chars.find(rest.front()) != std::string_view::npos) rest.remove_prefix(1);
  };
  skip(" \t:#.-");
  for (std::string_view word : {"of ", "service"})
    if (rest.starts_with(word)) rest.remove_prefix(word.size()), skip(" \t:");
  const auto date = read_written_date(rest);
  if (!date) return std::nullopt;
  return make_date(date->year, date->month, date->day);
}

// read_written_date's pieces: each reads from text[at], returns false (or 0) when the text there
// is not what it wants, and leaves `at` past what it read.
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A run of digits, all of it (so "20261" is never read as "2026"); its length is `digits`.
bool read_number(std::string_view text, std::size_t& at, int& value, std::size_t& digits) {
  const std::size_t from = at;
  value = 0;
  while (at < text.size() && is_digit(text[at]) && at - from < 5) value = value * 10 + (text[at++] - '0');
  digits = at - from;
  return digits > 0 && (at >= text.size() || !is_digit(text[at]));
}

// A month's name or its abbreviation, with an optional dot: 1 to 12, 0 when there is none.
int read_month_name(std::string_view text, std::size_t& at) {
  static const std::array<const char*, 12> names = {"january", "february", "march",     "april",   "may",      "june",
                                                    "july",    "august",   "september", "october", "november", "december"};
  std::size_t end = at;
  while (end < text.size() && is_letter(text[end]) && end - at < 10) ++end;
  if (end - at < 3 || (end < text.size() && is_letter(text[end]))) return 0;
  const std::string word = lower(text.substr(at, end - at));
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string_view name = names[i];
    // The full name, its first three letters, or "sept".
    if (word == name || word == name.substr(0, 3) || (i == 8 && word == "sept")) {
      at = end + (end < text.size() && text[end] == '.');
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

std::size_t skip_spaces(std::string_view text, std::size_t at) {
  while (at < text.size() && text[at] == ' ') ++at;
  return at;
}

// "2026-03-14", "2026/03/14".
std::optional<WrittenDate> read_year_first(std::string_view text) {
  std::size_t at = 0, digits = 0;
  WrittenDate d;
  if (!read_number(text, at, d.year, digits) || digits != 4 || at >= text.size() || (text[at] != '-' && text[at] != '/')) return std::nullopt;
  const char sep = text[at++];
  if (!read_number(text, at, d.month, digits) || digits > 2 || at >= text.size() || text[at++] != sep) return std::nullopt;
  if (!read_number(text, at, d.day, digits) || digits > 2) return std::nullopt;
  d.length = at;
  return d;
}

// "03/14/2026", "3-14-26", "03.14.2026": month first, as US charts write it.
std::optional<WrittenDate> read_month_first(std::string_view text) {
  std::size_t at = 0, digits = 0;
  WrittenDate d;
  if (!read_number(text, at, d.month, digits) || digits > 2 || at >= text.size()) return std::nullopt;
  const char sep = text[at++];
  if (sep != '/' && sep != '-' && sep != '.') return std::nullopt;
  if (!read_number(text, at, d.day, digits) || digits > 2 || at >= text.size() || text[at++] != sep) return std::nullopt;
  if (!read_number(text, at, d.year, digits) || (digits != 2 && digits != 4)) return std::nullopt;
  d.two_digit_year = digits == 2;
  d.length = at;
  return d;
}

// "March 7, 2026", "Mar. 7 2026".
std::optional<WrittenDate> read_month_name_first(std::string_view text) {
  std::size_t at = 0, digits = 0;
  WrittenDate d;
  if (!(d.month = read_month_name(text, at))) return std::nullopt;
  at = skip_spaces(text, at);
  if (!read_number(text, at, d.day, digits) || digits > 2) return std::nullopt;
  if (at < text.size() && text[at] == ',') ++at;
  at = skip_spaces(text, at);
  if (!read_number(text, at, d.year, digits) || digits != 4) return std::nullopt;
  d.length = at;
  return d;
}

// "7 March 2026", "07-Mar-2026".
std::optional<WrittenDate> read_day_first(std::string_view text) {
  std::size_t at = 0, digits = 0;
  WrittenDate d;
  if (!read_number(text, at, d.day, digits) || digits > 2 || at >= text.size()) return std::nullopt;
  const bool dashed = text[at] == '-';
  at = dashed ? at + 1 : skip_spaces(text, at);
  if (!(d.month = read_month_name(text, at))) return std::nullopt;
  if (dashed) {
    if (at >= text.size() || text[at++] != '-') return std::nullopt;
  } else {
    if (at < text.size() && text[at] == ',') ++at;
    at = skip_spaces(text, at);
  }
  if (!read_number(text, at, d.year, digits) || digits != 4) return std::nullopt;
  d.length = at;
  return d;
}

}  // namespace

std::optional<WrittenDate> read_written_date(std::string_view text) {
  text = text.substr(0, 40);  // no date is longer; keeps every read bounded
  for (auto read : {read_year_first, read_month_first, read_month_name_first, read_day_first}) {
    auto date = read(text);
    // A date ends where a word would: "03/14/2026x" is no date.
    if (date && (date->length >= text.size() || !(is_digit(text[date->length]) || is_letter(text[date->length])))) return date;
  }
  return std::nullopt;
}

int four_digit_year(int two_digit_year) { return two_digit_year + (two_digit_year < 70 ? 2000 : 1900); }

std::optional<std::string> iso_date(int year, int month, int day) {
  if (year < 0 || year > 9999 || month < 0 || month > 99 || day < 0 || day > 99) return std::nullopt;
  const std::string iso = std::to_string(year) + "-" + two(month) + "-" + two(day);
  return is_iso_date(iso) ? std::optional(iso) : std::nullopt;
}

bool is_iso_date(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return false;
  const int y = std::stoi(std::string(date.substr(0, 4))), m = std::stoi(std::string(date.substr(5, 2))), d = std::stoi(std::string(date.substr(8, 2)));
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
  return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

std::optional<std::string> find_date_of_service(std::string_view text_in) {
  // Only the head of a long chart is searched: labels sit in the header block.
  const std::string text = lower(text_in.substr(0, 20000));
  // In order of preference: an earlier label wins wherever it stands.
  static constexpr std::array<std::string_view, 19> labels = {
      "discharge date",  "date of discharge", "date of service",   "service date",   "dos",             "visit date", "date of visit",
      "date of procedure", "procedure date",  "date of operation", "operation date", "date of surgery", "surgery date",
      "date collected",  "collection date",   "specimen date",     "date of specimen", "admission date", "date of admission"};
  // Every label holds "date" or is "dos": one scan for those two words finds every candidate
  // (a search per label read the head of the chart 19 times).
  std::vector<std::pair<std::size_t, std::size_t>> found;  // (label, where)
  const auto collect = [&](std::string_view anchor) {
    for (std::size_t at = text.find(anchor); at != std::string::npos; at = text.find(anchor, at + 1))
      for (std::size_t l = 0; l < labels.size(); ++l) {
        const std::size_t offset = labels[l].find(anchor);
        if (offset == std::string_view::npos || offset > at) continue;
        const std::size_t start = at - offset;
        if (words::stands_at(text, labels[l], start)) found.emplace_back(l, start);
      }
  };
  collect("date");
  collect("dos");
  std::sort(found.begin(), found.end());
  for (const auto& [l, at] : found)
    if (auto date = parse_date_after(text, at + labels[l].size())) return date;
  return std::nullopt;
}

}  // namespace chartflow::charts
