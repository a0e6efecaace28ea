// Line reader for the MCE tables (gzip or plain TSV, through zlib) that checks the header row and reports
// malformed lines as std::runtime_error naming the file and line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

struct gzFile_s;

namespace chartflow::drg::mce_detail {

class TsvReader {
 public:
  // Opens `path` (gzopen reads plain files too) and checks its header row is exactly `columns`.
  TsvReader(const std::filesystem::path& path, std::initializer_list<std::string_view> columns);
  ~TsvReader();
  TsvReader(const TsvReader&) = delete;
  TsvReader& operator=(const TsvReader&) = delete;

  // Moves to the next non-empty row; false at end of file. The row must have the header's column count.
  bool next();
  std::string_view field(std::size_t i) const { return fields_[i]; }

  [[noreturn]] void fail(std::string_view why) const;
  // yyyymmdd; an empty cell is `empty_value` (open-ended ranges).
  std::uint32_t date(std::size_t i, std::uint32_t empty_value) const;
  int integer(std::size_t i) const;

 private:
  bool read_line();

  std::string name_;
  gzFile_s* file_ = nullptr;
  std::size_t line_number_ = 0;
  std::size_t column_count_ = 0;
  std::string line_;
  std::vector<std::string_view> fields_;
};

// The first of <folder>/<stem>.tsv.gz and <folder>/<stem>.tsv that exists (the .gz name when neither does, so
// the error names the shipped file).
std::filesystem::path table_path(const std::filesystem::path& folder, std::string_view stem);

}  // namespace chartflow::drg::mce_detail
