#include "table_reader.hpp"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace chartflow::drg::detail {

namespace {

void split(std::string_view line, char separator, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = line.find(separator, start);
    out.push_back(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return;
    start = end + 1;
  }
}

}  // namespace

TableReader::TableReader(const std::filesystem::path& path, std::initializer_list<std::string_view> columns)
    : name_(path.string()), column_count_(columns.size()) {
  file_ = gzopen(name_.c_str(), "rb");
  if (file_ == nullptr) throw std::runtime_error(name_ + ": cannot open");
  if (!read_line()) fail("empty file, expected a header row");
  split(line_, '\t', fields_);
  if (!std::equal(fields_.begin(), fields_.end(), columns.begin(), columns.end())) {
    std::string expected;
    for (std::string_view c : columns) expected.append(expected.empty() ? "" : " ").append(c);
    fail("unexpected header, expected columns: " + expected);
  }
}

TableReader::~TableReader() {
  if (file_ != nullptr) gzclose(file_);
}

// One physical line of any length, without its terminator; false at the end of the file.
bool TableReader::read_line() {
  line_.clear();
  char buffer[8192];
  while (gzgets(file_, buffer, sizeof buffer) != nullptr) {
    line_.append(buffer);
    if (line_.back() == '\n') break;
  }
  if (line_.empty()) {
    int error = Z_OK;
    const char* message = gzerror(file_, &error);
    if (error != Z_OK && error != Z_STREAM_END) fail(std::string("read error: ") + message);
    return false;
  }
  ++line_number_;
  while (!line_.empty() && (line_.back() == '\n' || line_.back() == '\r')) line_.pop_back();
  return true;
}

bool TableReader::next() {
  while (read_line()) {
    if (line_.empty()) continue;
    split(line_, '\t', fields_);
    if (fields_.size() != column_count_) {
      fail("expected " + std::to_string(column_count_) + " columns, found " + std::to_string(fields_.size()));
    }
    return true;
  }
  return false;
}

int TableReader::integer(std::size_t i) const {
  const std::string_view text = fields_[i];
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) {
    fail("column " + std::to_string(i + 1) + ": expected a number, found '" + std::string(text) + "'");
  }
  return value;
}

std::uint32_t TableReader::date(std::size_t i, std::uint32_t empty_value) const {
  const std::string_view text = fields_[i];
  if (text.empty()) return empty_value;
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  // Calendar sanity only (month 1-12, day 1-31): the tables hold dates, not arbitrary numbers.
  const std::uint32_t month = value / 100 % 100, day = value % 100;
  if (error != std::errc() || end != text.data() + text.size() || text.size() != 8 || month < 1 || month > 12 || day < 1 || day > 31)
    fail("column " + std::to_string(i + 1) + ": bad date '" + std::string(text) + "' (expected yyyymmdd)");
  return value;
}

std::vector<std::string_view> TableReader::words(std::size_t i) const {
  std::vector<std::string_view> out;
  std::string_view rest = fields_[i];
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    if (space != 0) out.push_back(rest.substr(0, space));
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return out;
}

void TableReader::fail(std::string_view why) const {
  throw std::runtime_error(name_ + ":" + std::to_string(line_number_) + ": " + std::string(why));
}

std::filesystem::path table_path(const std::filesystem::path& folder, std::string_view stem) {
  const std::filesystem::path gz = folder / (std::string(stem) + ".tsv.gz");
  if (std::filesystem::exists(gz)) return gz;
  const std::filesystem::path plain = folder / (std::string(stem) + ".tsv");
  return std::filesystem::exists(plain) ? plain : gz;
}

}  // namespace chartflow::drg::detail
