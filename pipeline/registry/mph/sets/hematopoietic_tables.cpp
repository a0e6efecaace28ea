// Loading and querying the SEER Hematopoietic Database tables (see hematopoietic_tables.hpp).
#include "hematopoietic_tables.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace chartflow::mph::detail {
namespace {

namespace fs = std::filesystem;

constexpr char kSamePrimaryFile[] = "Hematopoietic2010SamePrimaryPairs.csv";
constexpr char kTransformToFile[] = "Hematopoietic2010TransformToPairs.csv";
constexpr char kTransformFromFile[] = "Hematopoietic2010TransformFromPairs.csv";
constexpr char kGroups2001File[] = "Hematopoietic2001HistologyGroups.csv";
constexpr char kGroupPairs2001File[] = "Hematopoietic2001HistologyGroupPairs.csv";
constexpr char kPairs1998File[] = "Hematopoietic1998HistologyPairs.csv";

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Splits one CSV record (fields may be quoted, with "" for a quote; no record spans lines).
// nullopt when the quoting is broken.
std::optional<std::vector<std::string>> split_csv(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  for (;;) {
    std::string field;
    if (i < line.size() && line[i] == '"') {
      for (++i;; ++i) {
        if (i >= line.size()) return std::nullopt;  // unterminated quote
        if (line[i] != '"') {
          field += line[i];
        } else if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          break;
        }
      }
      ++i;  // past the closing quote
      if (i < line.size() && line[i] != ',') return std::nullopt;
    } else {
      std::size_t end = std::min(line.find(',', i), line.size());
      field.assign(line.substr(i, end - i));
      if (field.find('"') != std::string::npos) return std::nullopt;
      i = end;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) return fields;
    ++i;  // past the comma
  }
}

// Reads one table line by line, checking its header, and words every error with the file and line.
class TableReader {
 public:
  TableReader(const fs::path& folder, std::string_view file_name, std::vector<std::string_view> header)
      : path_(folder / file_name), header_(std::move(header)) {
    in_.open(path_, std::ios::binary);
    if (!in_) throw std::runtime_error(path_.string() + ": cannot be opened (missing or unreadable)");
    std::vector<std::string> names;
    if (!read_line(names)) {
      line_ = std::max(line_, 1);
      fail("missing the header line");
    }
    check_header(names);
  }

  // The next data row (blank lines are skipped), or false at the end of the file.
  bool next(std::vector<std::string>& fields) {
    if (!read_line(fields)) return false;
    if (fields.size() != header_.size())
      fail("expected " + std::to_string(header_.size()) + " columns, found " + std::to_string(fields.size()));
    return true;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(path_.string() + " line " + std::to_string(line_) + ": " + what);
  }

  int int_field(const std::vector<std::string>& fields, std::size_t column) const {
    std::string_view s = trim(fields[column]);
    int value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || value < 0)
      fail("column '" + std::string(header_[column]) + "' is not a number");
    return value;
  }

  int histology_field(const std::vector<std::string>& fields, std::size_t column) const {
    int value = int_field(fields, column);
    if (trim(fields[column]).size() != 4) fail("column '" + std::string(header_[column]) + "' is not a histology code");
    return value;
  }

  // An empty year is "not given" (nullopt).
  std::optional<int> year_field(const std::vector<std::string>& fields, std::size_t column) const {
    if (trim(fields[column]).empty()) return std::nullopt;
    int value = int_field(fields, column);
    if (value > 9999) fail("column '" + std::string(header_[column]) + "' is not a year");
    return value;
  }

  // "9680/3" as morphology_code(9680, 3).
  int morphology_field(const std::vector<std::string>& fields, std::size_t column) const {
    std::string_view s = trim(fields[column]);
    bool ok = s.size() == 6 && s[4] == '/';
    for (std::size_t i = 0; ok && i < s.size(); ++i)
      ok = i == 4 || std::isdigit(static_cast<unsigned char>(s[i]));
    if (!ok) fail("column '" + std::string(header_[column]) + "' is not a morphology such as 9680/3");
    return morphology_code(std::stoi(std::string(s.substr(0, 4))), s[5] - '0');
  }

 private:
  bool read_line(std::vector<std::string>& fields) {
    std::string text;
    while (std::getline(in_, text)) {
      ++line_;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (line_ == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // UTF-8 BOM
      if (trim(text).empty()) continue;
      auto split = split_csv(text);
      if (!split) fail("malformed quoting");
      fields = std::move(*split);
      return true;
    }
    if (in_.bad()) fail("read error");
    return false;
  }

  void check_header(const std::vector<std::string>& names) const {
    bool ok = names.size() == header_.size();
    for (std::size_t i = 0; ok && i < names.size(); ++i) ok = lower(trim(names[i])) == lower(header_[i]);
    if (ok) return;
    std::string expected;
    for (std::string_view name : header_) expected += (expected.empty() ? "" : ", ") + std::string(name);
    fail("expected the header " + expected);
  }

  fs::path path_;
  std::vector<std::string_view> header_;
  std::ifstream in_;
  int line_ = 0;
};

// One of the three 2010+ pair tables (a listing whose years end before they start never holds; the
// Heme DB has some). A listing holds from its start year (else the morphology's
// valid start year, else always) through its end year (else the morphology's valid end year, else
// always), as the reference's HematoDTO reads them.
HemeDbRelation read_relation(const fs::path& folder, std::string_view file_name, std::string_view last_column) {
  TableReader reader(folder, file_name,
                     {"morphology", "valid start year", "valid end year", "start year", "end year", last_column});
  HemeDbRelation relation;
  std::vector<std::string> f;
  while (reader.next(f)) {
    int from = reader.morphology_field(f, 0);
    std::optional<int> valid_start = reader.year_field(f, 1), valid_end = reader.year_field(f, 2);
    std::optional<int> start = reader.year_field(f, 3), end = reader.year_field(f, 4);
    int to = reader.morphology_field(f, 5);
    relation.add(from, {to, start.value_or(valid_start.value_or(0)), end.value_or(valid_end.value_or(9999))});
  }
  return relation;
}

std::vector<HematopoieticTables::Group2001> read_groups_2001(const fs::path& folder) {
  TableReader reader(folder, kGroups2001File,
                     {"HistologyGroupNumber", "HistologyLow", "HistologyHigh", "HistologyGroupName"});
  std::vector<HematopoieticTables::Group2001> groups;
  std::vector<std::string> f;
  while (reader.next(f)) {
    groups.push_back({reader.int_field(f, 0), reader.histology_field(f, 1), reader.histology_field(f, 2),
                      std::string(trim(f[3]))});
  }
  return groups;
}

std::set<std::pair<int, int>> read_group_pairs_2001(const fs::path& folder,
                                                    const std::vector<HematopoieticTables::Group2001>& groups) {
  auto known = [&groups](int number) {
    return std::any_of(groups.begin(), groups.end(), [number](const auto& g) { return g.number == number; });
  };
  TableReader reader(folder, kGroupPairs2001File, {"FirstDxHistologyGroup", "SecondDxHistologyGroup"});
  std::set<std::pair<int, int>> pairs;
  std::vector<std::string> f;
  while (reader.next(f)) {
    int first = reader.int_field(f, 0), second = reader.int_field(f, 1);
    if (!known(first) || !known(second)) reader.fail(std::string("a group number is not in ") + kGroups2001File);
    pairs.emplace(first, second);
  }
  return pairs;
}

// SEER's table has reversed ranges (second histology "9761-9760" on five rows); like the reference,
// they are kept and simply never hold.
std::vector<HematopoieticTables::Pair1998> read_pairs_1998(const fs::path& folder) {
  TableReader reader(folder, kPairs1998File,
                     {"HistologyLow", "HistologyHigh", "SameHistologyLow", "SameHistologyHigh", "HistologyGroup"});
  std::vector<HematopoieticTables::Pair1998> pairs;
  std::vector<std::string> f;
  while (reader.next(f)) {
    pairs.push_back({reader.histology_field(f, 0), reader.histology_field(f, 1), reader.histology_field(f, 2),
                     reader.histology_field(f, 3), std::string(trim(f[4]))});
  }
  return pairs;
}

// Loaded once for the life of the process: readers take the pointer without locking.
std::mutex g_load_mutex;
std::unique_ptr<const HematopoieticTables> g_owned;  // guarded by g_load_mutex
std::atomic<const HematopoieticTables*> g_tables{nullptr};

}  // namespace

bool HemeDbRelation::lists(int from, int to, int year) const {
  auto it = links_.find(from);
  if (it == links_.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](const Link& l) {
    return l.morphology == to && year >= l.first_year && year <= l.last_year;
  });
}

std::size_t HemeDbRelation::size() const {
  std::size_t n = 0;
  for (const auto& [from, links] : links_) n += links.size();
  return n;
}

std::optional<int> HematopoieticTables::group_2001(int histology) const {
  for (const Group2001& g : groups_2001)
    if (histology >= g.low && histology <= g.high) return g.number;
  return std::nullopt;
}

bool HematopoieticTables::same_primary_2001(int first_group, int second_group) const {
  return group_pairs_2001.count({first_group, second_group}) > 0;
}

bool HematopoieticTables::same_primary_1998(int first_histology, int second_histology) const {
  return std::any_of(pairs_1998.begin(), pairs_1998.end(), [&](const Pair1998& p) {
    return first_histology >= p.first_low && first_histology <= p.first_high && second_histology >= p.second_low &&
           second_histology <= p.second_high;
  });
}

HematopoieticTables read_hematopoietic_tables(const std::filesystem::path& folder) {
  HematopoieticTables t;
  t.same_primary = read_relation(folder, kSamePrimaryFile, "same primary");
  t.transforms_to = read_relation(folder, kTransformToFile, "transform to");
  t.transforms_from = read_relation(folder, kTransformFromFile, "transform from");
  t.groups_2001 = read_groups_2001(folder);
  t.group_pairs_2001 = read_group_pairs_2001(folder, t.groups_2001);
  t.pairs_1998 = read_pairs_1998(folder);
  return t;
}

std::string heme_tables_missing(std::string_view step, std::string_view rule_set) {
  std::string what = step.empty() ? "the " + std::string(rule_set) + " rules"
                                  : "Rule " + std::string(step) + " of " + std::string(rule_set);
  return "Unable to apply " + what +
         ". The SEER Hematopoietic Database tables are needed: load them with --heme-tables DIR"
         " (see docs/registry-mph.md).";
}

RuleSet hematopoietic_rule_set(std::string id, std::string name, std::string_view years, std::vector<Rule> rules) {
  const Scope scope{.sites = "C000-C809", .histologies = "9590-9993", .behaviors = "2-3, 6", .years = years};
  return make_rule_set(std::move(id), std::move(name), scope, {std::move(rules)});
}

RuleOutcome heme_table_answer(bool single, int rules_year) {
  const std::string answer = std::string(single ? "Single primary" : "Multiple primaries") + " based on SEER " +
                             std::to_string(rules_year) + " multiple primary rules for hematopoietic cancer.";
  return RuleOutcome::decided(single ? kSingle : kMultiple, answer);
}

bool listed_in_diagnosis_order(int later, int key_a, int key_b, const std::function<bool(int, int)>& listed) {
  const int first = later == 1 ? key_b : key_a, second = later == 1 ? key_a : key_b;
  return listed(first, second) || (later == 0 && listed(second, first));
}

const HematopoieticTables* hematopoietic_tables() { return g_tables.load(std::memory_order_acquire); }

}  // namespace chartflow::mph::detail

namespace chartflow::mph {

void load_hematopoietic_tables(const std::filesystem::path& folder) {
  std::lock_guard lock(detail::g_load_mutex);
  if (detail::g_tables.load(std::memory_order_acquire)) return;  // the first load stays
  detail::g_owned = std::make_unique<const detail::HematopoieticTables>(detail::read_hematopoietic_tables(folder));
  detail::g_tables.store(detail::g_owned.get(), std::memory_order_release);
}

}  // namespace chartflow::mph
