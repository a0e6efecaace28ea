// Row reader for the grouper and code editor tables (gzip or plain TSV through zlib). Checks the header row and reports any
// malformed line as std::runtime_error naming the file and line, so a damaged data file fails loudly at load.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

struct gzFile_s;

namespace chartflow::drg::detail {

class TableReader {
 public:
  // Opens `path` and checks that its header row is exactly `columns`.
  TableReader(const std::filesystem::path& path, std::initializer_list<std::string_view> columns);
  ~TableReader();
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;

  // Moves to the next non-empty row; false at the end. Every row must have the header's column count.
  bool next();
  std::string_view field(std::size_t i) const { return fields_[i]; }
  // The cell as a non-negative integer (fails the load when it is not one).
  int integer(std::size_t i) const;
  // The cell as a yyyymmdd date; an empty cell is `empty_value` (open-ended validity ranges).
  std::uint32_t date(std::size_t i, std::uint32_t empty_value) const;
  // The cell's space-separated words.
  std::vector<std::string_view> words(std::size_t i) const;

  [[noreturn]] void fail(std::string_view why) const;

 private:
  bool read_line();

  std::string name_;
  gzFile_s* file_ = nullptr;
  std::size_t line_number_ = 0;
  std::size_t column_count_ = 0;
  std::string line_;
  std::vector<std::string_view> fields_;
};

// <folder>/<stem>.tsv.gz if it exists, else <folder>/<stem>.tsv if that exists, else the .gz name (so the
// "cannot open" error names the shipped file).
std::filesystem::path table_path(const std::filesystem::path& folder, std::string_view stem);

}  // namespace chartflow::drg::detail
