#include "csv.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace chartflow::hcc {

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = std::move(buffer).str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a UTF-8 byte order mark is not data
  return text;
}

// Splits the text into records; a quoted cell may hold commas, quotes ("") and line breaks.
class Parser {
 public:
  Parser(const std::string& text, const CsvTable& table) : text_(text), table_(table) {}

  // The next record, or false at the end of the text. Blank lines are skipped.
  bool next(CsvRow& row) {
    while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) advance_line_break();
    if (pos_ >= text_.size()) return false;
    row.line = line_;
    row.cells.clear();
    row.cells.emplace_back();
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\n' || c == '\r') {
        advance_line_break();
        break;
      }
      ++pos_;
      if (c == ',') {
        row.cells.emplace_back();
      } else if (c == '"' && row.cells.back().empty()) {
        read_quoted(row);
      } else {
        row.cells.back() += c;
      }
    }
    return true;
  }

 private:
  void advance_line_break() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  void read_quoted(CsvRow& row) {
    for (;;) {
      if (pos_ >= text_.size()) table_.fail(row.line, "a quoted cell is not closed");
      char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          row.cells.back() += '"';
          ++pos_;
          continue;
        }
        return;
      }
      if (c == '\n') ++line_;
      row.cells.back() += c;
    }
  }

  const std::string& text_;
  const CsvTable& table_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace

std::size_t CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  fail(1, "no column '" + std::string(name) + "' in the header");
}

void CsvTable::fail(std::size_t line, const std::string& what) const {
  throw std::runtime_error(file + ":" + std::to_string(line) + ": " + what);
}

CsvTable read_csv(const std::filesystem::path& path) {
  CsvTable table;
  table.file = path.string();
  const std::string text = read_file(path);
  Parser parser(text, table);
  CsvRow row;
  if (!parser.next(row)) table.fail(1, "the file is empty (a header row is expected)");
  table.header = std::move(row.cells);
  while (parser.next(row)) {
    if (row.cells.size() != table.header.size()) {
      table.fail(row.line, std::to_string(row.cells.size()) + " cells, the header has " +
                               std::to_string(table.header.size()));
    }
    table.rows.push_back(std::move(row));
    row = CsvRow{};
  }
  return table;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

std::optional<long long> parse_micros(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  std::size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 9 || fraction.size() > 6) return std::nullopt;
  if (dot != std::string_view::npos && fraction.empty()) return std::nullopt;
  long long value = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  long long micros = 0;
  for (std::size_t i = 0; i < 6; ++i) {
    char c = i < fraction.size() ? fraction[i] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    micros = micros * 10 + (c - '0');
  }
  value = value * 1'000'000 + micros;
  return negative ? -value : value;
}

}  // namespace chartflow::hcc
