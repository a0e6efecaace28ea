#include "sentence_splitter.hpp"

#include <chartflow/byte_scan.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

namespace chartflow::sections {
namespace {

// Words that end with a period without ending a sentence (compared in lower case, without
// their final period). Views, so a comparison checks the length before any byte.
constexpr std::array<std::string_view, 89> kAbbreviations = {
    "dr", "mr", "mrs", "ms", "st", "vs", "v", "e.g", "i.e", "etc", "approx", "fig", "no", "nos", "b.i.d", "t.i.d", "q.i.d", "q.d",
    "p.o", "p.r.n", "q.h.s", "a.m", "p.m", "mg", "mcg", "ml", "cm", "mm", "kg", "lb", "lbs", "oz", "hr", "hrs", "min", "sec",
    "pt", "pts", "dx", "hx", "rx", "tx", "sx", "yo", "y.o", "wk", "wks", "mo", "mos", "yr", "yrs", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "co", "ltd", "jr", "sr", "prof", "ph.d", "m.d", "d.o",
    "r.n", "b.s", "q", "qd", "bid", "tid", "qid", "po", "iv", "im", "sq", "subq", "cc", "mmhg", "u.s", "ca", "al"};

bool is_abbreviation(std::string_view text, std::size_t dot) {
  std::size_t start = dot;
  while (start > 0 && !std::isspace(static_cast<unsigned char>(text[start - 1])) && text[start - 1] != '(') --start;
  std::string word(text.substr(start, dot - start));
  for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (word.empty()) return false;
  if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0]))) return true;  // an initial: "A. Example"
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

bool is_list_marker_at(std::string_view text, std::size_t i, std::size_t end) {
  while (i < end && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= end) return false;
  if (text[i] == '-' || text[i] == '*' || text.substr(i).starts_with("\xE2\x80\xA2")) return true;
  std::size_t j = i;
  while (j < end && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
  return j > i && j - i <= 2 && j < end && (text[j] == '.' || text[j] == ')');
}

// "12." at the start of a line numbers a list item; it does not end a sentence.
bool is_list_number(std::string_view text, std::size_t begin, std::size_t dot) {
  std::size_t i = dot;
  while (i > begin && std::isdigit(static_cast<unsigned char>(text[i - 1]))) --i;
  if (i == dot || dot - i > 2) return false;
  while (i > begin && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  return i == begin || text[i - 1] == '\n';
}

// Length of the line that ends at `newline` (exclusive), and its last visible character.
std::pair<std::size_t, char> previous_line(std::string_view text, std::size_t begin, std::size_t newline) {
  std::size_t start = newline;
  while (start > begin && text[start - 1] != '\n') --start;
  std::size_t last = newline;
  while (last > start && std::isspace(static_cast<unsigned char>(text[last - 1]))) --last;
  return {last - start, last > start ? text[last - 1] : '\0'};
}

// Whether the eight bytes at `p` hold a newline, '.', '?' or '!' (the bytes the splitter stops at).
bool holds_break_or_mark(const char* p) {
  using namespace byte_scan;
  const std::uint64_t block = load(p);
  return has(block, '\n') || has(block, '.') || has(block, '?') || has(block, '!');
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  end = std::min(end, text.size());
  std::size_t start = begin;
  auto emit = [&](std::size_t stop) {
    std::size_t b = start, e = stop;
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    if (e > b) out.emplace_back(b, e);
    start = stop;
  };
  for (std::size_t i = begin; i < end; ++i) {
    // Most of the text holds no line break or sentence mark: passed over eight bytes at a time.
    while (i + 8 <= end && !holds_break_or_mark(text.data() + i)) i += 8;
    if (i >= end) break;
    const char c = text[i];
    if (c == '\n') {
      std::size_t next = i + 1;
      while (next < end && (text[next] == ' ' || text[next] == '\t' || text[next] == '\r')) ++next;
      if (next >= end) continue;
      if (text[next] == '\n' || is_list_marker_at(text, next, end)) {  // blank line or a list item
        emit(i);
        continue;
      }
      // A single line break is a wrap, not a boundary, when the line before does not end a
      // sentence and the next continues it: in lower case, or after a comma or a hyphen.
      const char last = previous_line(text, begin, i).second;
      const bool continues = std::islower(static_cast<unsigned char>(text[next])) || last == ',' || last == '-';
      const bool wrapped = last != '.' && last != '?' && last != '!' && last != ':' && continues;
      if (!wrapped) emit(i);
      continue;
    }
    if (c == '.' || c == '?' || c == '!') {
      std::size_t next = i + 1;
      while (next < end && (text[next] == '.' || text[next] == ')' || text[next] == '"' || text[next] == '\'')) ++next;
      if (next < end && text[next] != ' ' && text[next] != '\t' && text[next] != '\n') continue;  // "1.5", "e.g.x"
      std::size_t after = next;
      while (after < end && (text[after] == ' ' || text[after] == '\t')) ++after;
      if (after >= end || text[after] == '\n') {
        if (c != '.' || !is_abbreviation(text, i)) emit(next);
        continue;
      }
      const unsigned char n = static_cast<unsigned char>(text[after]);
      const bool starts_sentence = std::isupper(n) || std::isdigit(n) || n == '(' || n == '"' || n == '[';
      if (!starts_sentence) continue;
      if (c == '.' && (is_abbreviation(text, i) || is_list_number(text, begin, i))) continue;
      emit(next);
    }
  }
  emit(end);
  return out;
}

}  // namespace chartflow::sections
