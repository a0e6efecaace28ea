#include "csv.hpp"

#include <chartflow/delimited.hpp>

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
  std::vector<sdk::DelimitedRow> rows;
  std::size_t open_quote_line = 0;
  if (!sdk::split_delimited(text, ',', rows, open_quote_line)) table.fail(open_quote_line, "a quoted cell is not closed");
  std::erase_if(rows, [](const sdk::DelimitedRow& r) { return r.cells.size() == 1 && r.cells[0].empty(); });  // blank lines
  if (rows.empty()) table.fail(1, "the file is empty (a header row is expected)");
  table.header = std::move(rows.front().cells);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].cells.size() != table.header.size()) {
      table.fail(rows[i].line, std::to_string(rows[i].cells.size()) + " cells, the header has " +
                                   std::to_string(table.header.size()));
    }
    table.rows.push_back(CsvRow{rows[i].line, std::move(rows[i].cells)});
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
