// A small RFC 4180 reader for the model's tables: comma separated, one header row, quoted cells
// with "" escapes. Every row keeps its line number, so a bad value can be reported as file:line.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::hcc {

struct CsvRow {
  std::size_t line = 0;
  std::vector<std::string> cells;
};

struct CsvTable {
  std::string file;  // the file name, for messages
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // The index of a header column; throws when the file has no such column.
  std::size_t column(std::string_view name) const;
  // Throws std::runtime_error("<file>:<line>: <what>").
  [[noreturn]] void fail(std::size_t line, const std::string& what) const;
};

// Throws std::runtime_error when the file cannot be read, a quote is not closed, or a row has
// not as many cells as the header.
CsvTable read_csv(const std::filesystem::path& path);

// Whole-cell number parsers: nullopt unless the entire cell is the number.
std::optional<int> parse_int(std::string_view text);
// A decimal with at most six decimals, in millionths ("0.395" -> 395000): the factors are then
// summed exactly, as the decimals CMS publishes.
std::optional<long long> parse_micros(std::string_view text);

}  // namespace chartflow::hcc
