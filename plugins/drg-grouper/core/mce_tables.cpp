#include "mce_tables.hpp"

#include "table_reader.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

namespace chartflow::drg::mce_detail {

using detail::TableReader;
using detail::table_path;

namespace {

constexpr std::array<std::pair<std::string_view, Flag>, kFlagCount> kFlagNames{{
    {"adult", Flag::adult},
    {"newborn", Flag::newborn},
    {"pediatric", Flag::pediatric},
    {"maternity", Flag::maternity},
    {"ecodepdx", Flag::ecodepdx},
    {"manifestation", Flag::manifestation},
    {"unacceptable", Flag::unacceptable},
    {"reqsdx", Flag::reqsdx},
    {"qadm", Flag::qadm},
    {"unspecified", Flag::unspecified},
    {"wrngproc", Flag::wrngproc},
    {"clintrial", Flag::clintrial},
    {"delout", Flag::delout},
    {"diabtypeI", Flag::diabtype1},
    {"male", Flag::male},
    {"female", Flag::female},
    {"ncov6", Flag::ncov6},
    {"ncov7", Flag::ncov7},
    {"ncov_z302", Flag::ncov_z302},
    {"noncovered", Flag::noncovered},
    {"ncov45", Flag::ncov45},
    {"kidneyxp", Flag::kidneyxp},
    {"ncov12agele60", Flag::ncov12agele60},
    {"lcov", Flag::lcov},
    {"lcov_artheartxpa", Flag::lcov_artheartxpa},
    {"lcov_artheartxpb", Flag::lcov_artheartxpb},
    {"csect", Flag::csect},
    {"vagdel", Flag::vagdel},
    {"los", Flag::los},
}};

FlagSet parse_flags(const TableReader& reader, std::string_view text) {
  FlagSet flags;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    const std::string_view name = text.substr(0, space);
    if (!name.empty()) {
      const std::optional<Flag> flag = flag_from_name(name);
      if (!flag) reader.fail("unknown MCE flag '" + std::string(name) + "'");
      flags.add(*flag);
    }
    text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
  }
  return flags;
}

AgeGroup parse_age_group(const TableReader& reader, std::string_view name) {
  if (name == "Pediatric") return AgeGroup::pediatric;
  if (name == "Newborn") return AgeGroup::newborn;
  if (name == "Maternity") return AgeGroup::maternity;
  if (name == "Adult") return AgeGroup::adult;
  reader.fail("unknown age group '" + std::string(name) + "'");
}

std::vector<AgeRange> load_age_ranges(const std::filesystem::path& file) {
  TableReader reader(file, {"age_group", "start_age", "end_age", "start_date", "end_date"});
  std::vector<AgeRange> ranges;
  while (reader.next()) {
    AgeRange r{parse_age_group(reader, reader.field(0)), reader.integer(1), reader.integer(2), reader.date(3, 0),
               reader.date(4, kOpenEnd)};
    if (r.min_age > r.max_age || r.start > r.end) reader.fail("empty age or date range");
    ranges.push_back(r);
  }
  return ranges;
}

std::vector<DatedCode> load_discharge_statuses(const std::filesystem::path& file) {
  TableReader reader(file, {"code", "start_date", "end_date"});
  std::vector<DatedCode> statuses;
  while (reader.next()) {
    DatedCode s{reader.integer(0), reader.date(1, 0), reader.date(2, kOpenEnd)};
    if (s.start > s.end) reader.fail("empty date range");
    statuses.push_back(s);
  }
  return statuses;
}

}  // namespace

std::optional<Flag> flag_from_name(std::string_view name) {
  for (const auto& [text, flag] : kFlagNames)
    if (text == name) return flag;
  return std::nullopt;
}

std::optional<std::uint64_t> pack_code(std::string_view code) {
  // A NUL inside the code would collide with the zero padding of a shorter code.
  if (code.empty() || code.size() > sizeof(std::uint64_t) || code.find('\0') != std::string_view::npos)
    return std::nullopt;
  std::uint64_t key = 0;
  std::memcpy(&key, code.data(), code.size());  // distinct lengths differ in their zero padding
  return key;
}

void CodeMaster::load(const std::filesystem::path& file) {
  TableReader reader(file, {"code", "start_date", "end_date", "flags"});
  std::vector<std::pair<std::uint64_t, CodeVersion>> rows;
  while (reader.next()) {
    const std::optional<std::uint64_t> key = pack_code(reader.field(0));
    if (!key) reader.fail("bad code '" + std::string(reader.field(0)) + "'");
    CodeVersion v{reader.date(1, 0), reader.date(2, kOpenEnd), parse_flags(reader, reader.field(3))};
    if (v.start > v.end) reader.fail("empty date range");
    rows.emplace_back(*key, v);
  }
  // Group each code's rows together (the file is sorted by code, but nothing here relies on it).
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  index_.clear();
  index_.reserve(rows.size());
  versions_.clear();
  versions_.reserve(rows.size());
  for (const auto& [key, version] : rows) {
    Span& span = index_[key];
    if (span.count == 0) span.first = static_cast<std::uint32_t>(versions_.size());
    ++span.count;
    versions_.push_back(version);
  }
}

const CodeVersion* CodeMaster::find(std::string_view code, Date date) const {
  const std::optional<std::uint64_t> key = pack_code(code);
  if (!key) return nullptr;
  const auto it = index_.find(*key);
  if (it == index_.end()) return nullptr;
  for (std::uint32_t i = it->second.first; i < it->second.first + it->second.count; ++i)
    if (versions_[i].start <= date && date <= versions_[i].end) return &versions_[i];
  return nullptr;
}

MceTables MceTables::load(const std::filesystem::path& folder) {
  MceTables tables;
  tables.dx.load(table_path(folder, "mce_i10dx_master"));
  tables.sg.load(table_path(folder, "mce_i10sg_master"));
  tables.age_ranges = load_age_ranges(table_path(folder, "mce_age_ranges"));
  tables.discharge_statuses = load_discharge_statuses(table_path(folder, "mce_discharge_status"));
  return tables;
}

bool MceTables::age_in_group(AgeGroup group, int age, Date date) const {
  for (const AgeRange& r : age_ranges)
    if (r.group == group && r.start <= date && date <= r.end) return r.min_age <= age && age <= r.max_age;
  return false;
}

bool MceTables::valid_discharge_status(int status, Date date) const {
  return std::any_of(discharge_statuses.begin(), discharge_statuses.end(),
                     [&](const DatedCode& s) { return s.code == status && s.start <= date && date <= s.end; });
}

}  // namespace chartflow::drg::mce_detail
