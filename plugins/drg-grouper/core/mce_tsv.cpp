#include "mce_tsv.hpp"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace chartflow::drg::mce_detail {

namespace {

void split_tabs(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return;
    start = tab + 1;
  }
}

// Calendar sanity only (month 1-12, day 1-31): the tables hold dates, not arbitrary numbers.
bool plausible_date(std::uint32_t d) {
  const std::uint32_t month = d / 100 % 100, day = d % 100;
  return d >= 19000101 && d <= 99991231 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

TsvReader::TsvReader(const std::filesystem::path& path, std::initializer_list<std::string_view> columns)
    : name_(path.string()), column_count_(columns.size()) {
  file_ = gzopen(name_.c_str(), "rb");
  if (file_ == nullptr) throw std::runtime_error(name_ + ": cannot open");
  if (!read_line()) fail("empty file, expected a header row");
  split_tabs(line_, fields_);
  if (!std::equal(fields_.begin(), fields_.end(), columns.begin(), columns.end())) {
    std::string expected;
    for (std::string_view c : columns) expected.append(expected.empty() ? "" : " ").append(c);
    fail("unexpected header, expected columns: " + expected);
  }
}

TsvReader::~TsvReader() {
  if (file_ != nullptr) gzclose(file_);
}

// Reads one physical line (any length) without its line terminator.
bool TsvReader::read_line() {
  line_.clear();
  char buffer[4096];
  while (gzgets(file_, buffer, sizeof buffer) != nullptr) {
    line_.append(buffer);
    if (!line_.empty() && line_.back() == '\n') break;
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

bool TsvReader::next() {
  do {
    if (!read_line()) return false;
  } while (line_.empty());
  split_tabs(line_, fields_);
  if (fields_.size() != column_count_)
    fail("expected " + std::to_string(column_count_) + " tab-separated fields, found " +
         std::to_string(fields_.size()));
  return true;
}

void TsvReader::fail(std::string_view why) const {
  throw std::runtime_error(name_ + ":" + std::to_string(line_number_) + ": " + std::string(why));
}

std::uint32_t TsvReader::date(std::size_t i, std::uint32_t empty_value) const {
  const std::string_view text = field(i);
  if (text.empty()) return empty_value;
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.size() != 8 || !plausible_date(value))
    fail("bad date '" + std::string(text) + "' (expected yyyymmdd)");
  return value;
}

int TsvReader::integer(std::size_t i) const {
  const std::string_view text = field(i);
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size())
    fail("bad integer '" + std::string(text) + "'");
  return value;
}

std::filesystem::path table_path(const std::filesystem::path& folder, std::string_view stem) {
  const std::filesystem::path gz = folder / (std::string(stem) + ".tsv.gz");
  const std::filesystem::path plain = folder / (std::string(stem) + ".tsv");
  std::error_code ignored;
  if (!std::filesystem::exists(gz, ignored) && std::filesystem::exists(plain, ignored)) return plain;
  return gz;
}

}  // namespace chartflow::drg::mce_detail
