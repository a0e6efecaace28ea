#include "table5.hpp"

#include "text_table.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string_view>

namespace chartflow::drg {
namespace {

using detail::TextRow;

// The columns chartflow reads; CMS's MDC, TYPE and title columns are ignored (the grouper has its own).
enum class Column : std::uint8_t { drg, post_acute, special_pay, weight, gmlos, amlos };
constexpr std::size_t kColumns = 6;
constexpr std::array<std::string_view, kColumns> kColumnNames = {"MS-DRG",  "Post-Acute DRG",     "Special Pay DRG",
                                                                 "Weights", "Geometric mean LOS", "Arithmetic mean LOS"};
// CMS's files may open with a title line or two; a header further down is not a Table 5's.
constexpr std::size_t kHeaderSearchRows = 30;
// Table 5 is about 100 KB; anything this large is another file.
constexpr std::size_t kMaxBytes = std::size_t{16} << 20;
// At most this many missing DRGs are listed by number.
constexpr std::size_t kMissingListed = 30;

std::size_t index(Column c) { return static_cast<std::size_t>(c); }

// A header cell as lower-case words between spaces: "FY 2026 Final Rule Post-Acute DRG" ->
// " fy 2026 final rule post acute drg ".
std::string words_of(std::string_view cell) {
  std::string out = " ";
  for (const char c : cell) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte)) out += static_cast<char>(std::tolower(byte));
    else if (out.back() != ' ') out += ' ';
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

bool has_word(const std::string& words, std::string_view word) { return words.find(" " + std::string(word) + " ") != std::string::npos; }
bool has_prefix(const std::string& words, std::string_view prefix) { return words.find(" " + std::string(prefix)) != std::string::npos; }

// Which column a header cell names. CMS's header texts vary by year ("FY 2026 Final Rule
// Post-Acute DRG", "Weights", "Geometric mean LOS"), so the match is on key words.
std::optional<Column> column_of(std::string_view cell) {
  const std::string w = words_of(cell);
  if (has_prefix(w, "geometric") || has_word(w, "gmlos")) return Column::gmlos;
  if (has_prefix(w, "arithmetic") || has_word(w, "amlos")) return Column::amlos;
  if (has_word(w, "special") && has_prefix(w, "pay")) return Column::special_pay;
  if ((has_word(w, "post") && has_word(w, "acute")) || has_word(w, "postacute")) return Column::post_acute;
  if (has_prefix(w, "weight")) return Column::weight;
  if (has_word(w, "title") || has_word(w, "description") || has_word(w, "mdc") || has_word(w, "type")) return std::nullopt;
  if (has_word(w, "drg") || has_word(w, "msdrg")) return Column::drg;
  return std::nullopt;
}

struct Header {
  std::size_t row = 0, line = 0;  // its index in the rows and its line in the file
  std::size_t width = 0;          // its cells, less empty ones at the end
  std::array<std::optional<std::size_t>, kColumns> at;
  std::array<std::string, kColumns> text;  // as the file writes it, for messages
};

[[noreturn]] void fail(const std::string& name, std::size_t line, const std::string& why) {
  throw Table5Error(name + (line ? ":" + std::to_string(line) : std::string()) + ": " + why);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The header row: the first of the opening rows naming both an MS-DRG and a weight column, with
// every column chartflow reads.
Header find_header(const std::vector<TextRow>& rows, const std::string& name) {
  for (std::size_t r = 0; r < rows.size() && r < kHeaderSearchRows; ++r) {
    Header h;
    h.row = r;
    h.line = rows[r].line;
    for (std::size_t i = 0; i < rows[r].cells.size(); ++i) {
      const auto column = column_of(rows[r].cells[i]);
      if (!column) continue;
      const std::size_t c = index(*column);
      if (h.at[c]) fail(name, h.line, "two columns look like '" + std::string(kColumnNames[c]) + "' ('" + h.text[c] + "' and '" +
                                          std::string(trim(rows[r].cells[i])) + "'): keep CMS's one");
      h.at[c] = i;
      h.text[c] = trim(rows[r].cells[i]);
    }
    if (!h.at[index(Column::drg)] || !h.at[index(Column::weight)]) continue;
    h.width = rows[r].cells.size();
    while (h.width > 0 && trim(rows[r].cells[h.width - 1]).empty()) --h.width;
    std::string absent;
    for (std::size_t c = 0; c < kColumns; ++c)
      if (!h.at[c]) absent.append(absent.empty() ? "" : ", ").append(kColumnNames[c]);
    if (!absent.empty())
      fail(name, h.line, "the header has no column for " + absent +
                             " (CMS's Table 5 has MS-DRG, Post-Acute DRG, Special Pay DRG, MDC, TYPE, MS-DRG Title, Weights, "
                             "Geometric mean LOS, Arithmetic mean LOS)");
    return h;
  }
  fail(name, 0, "not a CMS Table 5: no header row naming the MS-DRG and Weights columns in its first " + std::to_string(kHeaderSearchRows) +
                    " lines (save CMS's Table 5 sheet, header row included, as CSV or tab-separated text)");
}

std::optional<int> drg_of(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 4) return std::nullopt;  // "001" as CMS writes it; leading zeros optional
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 999) return std::nullopt;
  return value;
}

std::optional<double> number_of(std::string_view text) {
  text = trim(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0) return std::nullopt;
  return value;
}

std::optional<bool> yes_no(std::string_view text) {
  const std::string w = words_of(trim(text));
  if (w == " yes " || w == " y ") return true;
  if (w == " no " || w == " n ") return false;
  return std::nullopt;
}

std::string drg_text(int drg) {
  char text[8];
  std::snprintf(text, sizeof text, "%03d", drg % 1000);
  return text;
}

// One data row; fails naming the line and the column.
class RowParser {
 public:
  RowParser(const std::string& name, const Header& header, const TextRow& row) : name_(name), header_(header), row_(row) {}

  Table5Row parse() const {
    check_width();
    Table5Row r;
    r.line = row_.line;
    const auto drg = drg_of(cell(Column::drg));
    if (!drg) fail_at(Column::drg, "is not an MS-DRG number (001 to 999)");
    r.drg = *drg;
    r.post_acute = flag(Column::post_acute);
    r.special_pay = flag(Column::special_pay);
    r.weight = number(Column::weight, "a relative weight, e.g. 1.2345");
    r.gmlos = number(Column::gmlos, "days, e.g. 3.4");
    r.amlos = number(Column::amlos, "days, e.g. 4.2");
    // Payment divides by the GMLOS and multiplies by the weight; only the error DRGs have none.
    if (!is_error_drg(r.drg) && (r.weight <= 0 || r.gmlos <= 0))
      fail(name_, row_.line, "MS-DRG " + drg_text(r.drg) + " has a " + (r.weight <= 0 ? "weight" : "geometric mean LOS") +
                                 " of 0 (only the error DRGs 998 and 999 may)");
    return r;
  }

 private:
  void check_width() const {
    std::size_t needed = 0;
    for (const auto& at : header_.at) needed = std::max(needed, *at + 1);
    if (row_.cells.size() < needed)
      fail(name_, row_.line, std::to_string(row_.cells.size()) + (row_.cells.size() == 1 ? " cell" : " cells") + ", but the columns " +
                                 "chartflow reads need " + std::to_string(needed) + " (the row is cut short)");
    // More cells than the header means a value was split: every column after it would be misread.
    std::size_t width = row_.cells.size();
    while (width > header_.width && trim(row_.cells[width - 1]).empty()) --width;
    if (width > header_.width)
      fail(name_, row_.line, std::to_string(width) + " cells, but the header has " + std::to_string(header_.width) +
                                 " (a comma inside a value needs quotes; numbers need no thousands separators)");
  }

  std::string_view cell(Column c) const { return row_.cells[*header_.at[index(c)]]; }

  [[noreturn]] void fail_at(Column c, const std::string& why) const {
    fail(name_, row_.line, "column '" + header_.text[index(c)] + "': '" + std::string(trim(cell(c))) + "' " + why);
  }

  bool flag(Column c) const {
    const auto value = yes_no(cell(c));
    if (!value) fail_at(c, "is not Yes or No");
    return *value;
  }

  double number(Column c, std::string_view example) const {
    const auto value = number_of(cell(c));
    if (!value) fail_at(c, "is not a number (" + std::string(example) + ")");
    return *value;
  }

  const std::string& name_;
  const Header& header_;
  const TextRow& row_;
};

}  // namespace

bool is_error_drg(int drg) { return drg == 998 || drg == 999; }

Table5 Table5::read(const std::filesystem::path& file) {
  Table5 t;
  t.name_ = file.string();
  std::vector<TextRow> rows;
  try {
    rows = detail::read_text_table(file, kMaxBytes);
  } catch (const std::runtime_error& e) {
    throw Table5Error(e.what());
  }
  const bool empty = std::all_of(rows.begin(), rows.end(), [](const TextRow& r) { return r.blank(); });
  if (empty) fail(t.name_, 0, "is empty (expected CMS's Table 5 saved as CSV or tab-separated text)");
  const Header header = find_header(rows, t.name_);
  for (std::size_t r = header.row + 1; r < rows.size(); ++r) {
    if (rows[r].blank()) continue;
    const Table5Row row = RowParser(t.name_, header, rows[r]).parse();
    Table5Row& slot = t.rows_[static_cast<std::size_t>(row.drg)];
    if (slot.drg != 0) fail(t.name_, row.line, "MS-DRG " + drg_text(row.drg) + " is listed twice (first on line " + std::to_string(slot.line) + ")");
    slot = row;
    ++t.count_;
  }
  if (t.count_ == 0) fail(t.name_, 0, "has a header but no MS-DRG rows (is the file cut short?)");
  return t;
}

const Table5Row* Table5::find(int drg) const {
  if (drg < 1 || drg > 999) return nullptr;
  const Table5Row& row = rows_[static_cast<std::size_t>(drg)];
  return row.drg == 0 ? nullptr : &row;
}

std::vector<int> Table5::missing(const std::vector<int>& drgs) const {
  std::vector<int> out;
  for (const int drg : drgs)
    if (!is_error_drg(drg) && !find(drg)) out.push_back(drg);
  return out;
}

void Table5::require(const std::vector<int>& drgs) const {
  const std::vector<int> absent = missing(drgs);
  if (absent.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < absent.size() && i < kMissingListed; ++i) list.append(i ? ", " : "").append(drg_text(absent[i]));
  if (absent.size() > kMissingListed) list += " and " + std::to_string(absent.size() - kMissingListed) + " more";
  fail(name_, 0, "missing " + std::to_string(absent.size()) + (absent.size() == 1 ? " MS-DRG" : " MS-DRGs") +
                     " the grouper can assign: " + list +
                     " (every MS-DRG of v43 needs its row, only the error DRGs 998 and 999 may be left out: is it the whole FY 2026 Table 5?)");
}

}  // namespace chartflow::drg
