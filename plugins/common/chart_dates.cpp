#include "chart_dates.hpp"

#include "words.hpp"

#include <array>
#include <cctype>
#include <regex>

namespace chartflow::charts {
namespace {

using words::lower;

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::optional<std::string> make_date(int y, int m, int d) {
  if (y < 100) y += y < 70 ? 2000 : 1900;
  const std::string iso = std::to_string(y) + "-" + two(m) + "-" + two(d);
  return is_iso_date(iso) ? std::optional(iso) : std::nullopt;
}

// The first date within a short distance after a label.
std::optional<std::string> parse_date_after(const std::string& text, std::size_t from) {
  const std::string window = text.substr(from, 40);
  static const std::regex us(R"(^[\s:#.\-]*(?:of\s+)?(?:service\s*)?[:\s]*(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2,4})\b)");
  static const std::regex iso(R"(^[\s:#.\-]*(\d{4})-(\d{2})-(\d{2})\b)");
  static const std::regex words(R"(^[\s:#.\-]*(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(\d{1,2}),?\s+(\d{4})\b)");
  std::smatch m;
  if (std::regex_search(window, m, iso)) return make_date(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
  if (std::regex_search(window, m, us)) return make_date(std::stoi(m[3]), std::stoi(m[1]), std::stoi(m[2]));
  if (std::regex_search(window, m, words)) {
    static const std::array<const char*, 12> months = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; ++i)
      if (m[1].str().starts_with(months[static_cast<std::size_t>(i)])) return make_date(std::stoi(m[3]), i + 1, std::stoi(m[2]));
  }
  return std::nullopt;
}

}  // namespace

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
  static const std::array<const char*, 15> labels = {"discharge date",   "date of discharge", "date of service",  "service date",
                                                     "dos",              "visit date",        "date of visit",    "date of procedure",
                                                     "procedure date",   "date collected",    "collection date",  "specimen date",
                                                     "date of specimen", "admission date",    "date of admission"};
  for (const char* label : labels) {
    const std::string l(label);
    for (std::size_t at = words::find(text, l); at != std::string::npos; at = words::find(text, l, at + 1))
      if (auto date = parse_date_after(text, at + l.size())) return date;
  }
  return std::nullopt;
}

}  // namespace chartflow::charts
