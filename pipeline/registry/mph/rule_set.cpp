#include "rule_set.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace chartflow::mph::detail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

int parse_int(std::string_view s, std::string_view context) {
  s = trim(s);
  if (!s.empty() && (s.front() == 'C' || s.front() == 'c')) s.remove_prefix(1);
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size())
    throw std::invalid_argument("MP/H rule data: not a number in \"" + std::string(context) + "\"");
  return value;
}

// "8000-8005" or "8140" -> [first, last]
std::pair<int, int> parse_range(std::string_view item) {
  const auto dash = item.find('-');
  if (dash == std::string_view::npos) {
    const int v = parse_int(item, item);
    return {v, v};
  }
  return {parse_int(item.substr(0, dash), item), parse_int(item.substr(dash + 1), item)};
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int month_length(int y, int m) {
  static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : lengths[m - 1];
}
bool month_known(const Tumor& t) { return t.month >= 1 && t.month <= 12; }
bool day_known(const Tumor& t) { return month_known(t) && t.day >= 1 && t.day <= month_length(t.year, t.month); }

// The earliest and latest day the (possibly partial) diagnosis date can be.
std::pair<long, long> date_bounds(const Tumor& t) {
  if (day_known(t)) {
    const long d = days_from_civil(t.year, t.month, t.day);
    return {d, d};
  }
  if (month_known(t))
    return {days_from_civil(t.year, t.month, 1), days_from_civil(t.year, t.month, month_length(t.year, t.month))};
  return {days_from_civil(t.year, 1, 1), days_from_civil(t.year, 12, 31)};
}

}  // namespace

Ranges::Ranges(std::string_view spec) {
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    const auto item = trim(spec.substr(0, comma));
    if (!item.empty()) ranges_.push_back(parse_range(item));
    if (comma == std::string_view::npos) break;
    spec.remove_prefix(comma + 1);
  }
}

bool Ranges::contains(int value) const {
  return std::any_of(ranges_.begin(), ranges_.end(), [&](const auto& r) { return value >= r.first && value <= r.second; });
}

bool Ranges::contains_site(std::string_view site) const {
  if (site.size() != 4) return false;
  int value = 0;
  const auto [end, ec] = std::from_chars(site.data() + 1, site.data() + 4, value);
  return ec == std::errc{} && end == site.data() + 4 && contains(value);
}

bool RuleSet::applies(const Tumor& t, int year) const {
  const int site = site_number(t);
  const bool site_ok = sites_included.empty() ? !sites_excluded.contains(site) : sites_included.contains(site);
  const bool histology_ok =
      histologies_included.empty() ? !histologies_excluded.contains(t.histology) : histologies_included.contains(t.histology);
  if (behaviors.contains(t.behavior) && years.contains(year) && site_ok && histology_ok) return true;
  // A reference module may take a few tumours its stated ranges leave out (Head and Neck's
  // paragangliomas of 2019-2021).
  return also_applies && also_applies(t, year);
}

RuleSet make_rule_set(std::string id, std::string name, const Scope& scope, std::vector<std::vector<Rule>> parts) {
  RuleSet set;
  set.id = std::move(id);
  set.name = std::move(name);
  set.sites_included = Ranges(scope.sites);
  set.histologies_included = Ranges(scope.histologies);
  set.histologies_excluded = Ranges(scope.histologies_excluded);
  set.behaviors = Ranges(scope.behaviors);
  set.years = Ranges(scope.years);
  for (auto& part : parts) add_rules(set.rules, std::move(part));
  return set;
}

RuleSet site_rule_set(std::string id, std::string name, std::string_view sites, std::string_view behaviors, std::string_view years,
                      std::vector<std::vector<Rule>> parts) {
  const Scope scope{.sites = sites, .histologies_excluded = "9590-9993, 9140", .behaviors = behaviors, .years = years};
  return make_rule_set(std::move(id), std::move(name), scope, std::move(parts));
}

void add_rules(std::vector<Rule>& rules, std::vector<Rule> more) {
  for (auto& rule : more) rules.push_back(std::move(rule));
}

std::string unable_to_apply(std::string_view step, std::string_view rule_set, std::string_view why) {
  return "Unable to apply Rule " + std::string(step) + " of " + std::string(rule_set) + ". " + std::string(why);
}

RuleOutcome outcome_when(Result result, Tri holds, std::string_view why_unknown) {
  switch (holds) {
    case Tri::yes: return RuleOutcome::decided(result);
    case Tri::unknown: return RuleOutcome::unable(result, std::string(why_unknown));
    case Tri::no: break;
  }
  return RuleOutcome::none();
}

int site_number(const Tumor& t) {
  if (t.site.size() != 4) return -1;
  int value = 0;
  const auto [end, ec] = std::from_chars(t.site.data() + 1, t.site.data() + 4, value);
  return ec == std::errc{} && end == t.site.data() + 4 ? value : -1;
}

std::string histology_behavior(const Tumor& t) { return std::to_string(t.histology) + "/" + std::to_string(t.behavior); }
bool is_in_situ(const Tumor& t) { return t.behavior == 2; }
bool is_invasive(const Tumor& t) { return t.behavior == 3; }

bool site_differs_at(const Pair& p, std::initializer_list<int> positions) {
  return std::any_of(positions.begin(), positions.end(), [&](int i) {
    return p.a.site.size() > static_cast<std::size_t>(i) && p.b.site.size() > static_cast<std::size_t>(i) && p.a.site[i] != p.b.site[i];
  });
}

bool histology_differs_at(const Pair& p, std::initializer_list<int> positions) {
  const auto a = std::to_string(p.a.histology), b = std::to_string(p.b.histology);
  return std::any_of(positions.begin(), positions.end(), [&](int i) {
    return a.size() >= static_cast<std::size_t>(i) && b.size() >= static_cast<std::size_t>(i) && a[i - 1] != b[i - 1];
  });
}

bool known_side(char laterality) { return laterality == '1' || laterality == '2'; }
bool opposite_sides(const Pair& p) {
  return known_side(p.a.laterality) && known_side(p.b.laterality) && p.a.laterality != p.b.laterality;
}
bool same_side(const Pair& p) { return known_side(p.a.laterality) && p.a.laterality == p.b.laterality; }
bool both_sides_known(const Pair& p) { return known_side(p.a.laterality) && known_side(p.b.laterality); }

Tri on_both_sides(const Pair& p) { return both_sides_known(p) ? tri(opposite_sides(p)) : Tri::unknown; }

Tri on_both_sides_of(const Pair& p, std::span<const Ranges> groups) {
  const bool one_organ = std::any_of(groups.begin(), groups.end(), [&](const Ranges& r) {
    return r.contains_site(p.a.site) && r.contains_site(p.b.site);
  });
  return one_organ ? on_both_sides(p) : Tri::no;
}

int later_diagnosis(const Pair& p) {
  const Tumor &a = p.a, &b = p.b;
  if (a.year <= 0 || b.year <= 0) return -1;
  if (a.year != b.year) return a.year > b.year ? 1 : 2;
  if (!month_known(a) || !month_known(b)) return -1;
  if (a.month != b.month) return a.month > b.month ? 1 : 2;
  if (!day_known(a) || !day_known(b)) return -1;
  if (a.day != b.day) return a.day > b.day ? 1 : 2;
  return 0;
}

const Tumor* later_tumor(const Pair& p, int later) { return later == 1 ? &p.a : later == 2 ? &p.b : nullptr; }

Tri years_apart(const Pair& p, int years) {
  const Tumor &a = p.a, &b = p.b;
  if (a.year <= 0 || b.year <= 0) return Tri::unknown;
  const int gap = std::abs(a.year - b.year);
  if (gap > years) return Tri::yes;
  if (gap < years) return Tri::no;
  if (!month_known(a) || !month_known(b)) return Tri::unknown;
  const Tumor& late = a.year > b.year ? a : b;
  const Tumor& early = a.year > b.year ? b : a;
  if (late.month != early.month) return tri(late.month > early.month);
  if (!day_known(a) || !day_known(b)) return Tri::unknown;
  // Same month: a full `years` years have passed once the day is reached.
  return tri(late.day >= early.day);
}

Tri days_apart(const Pair& p, int days) {
  if (p.a.year <= 0 || p.b.year <= 0) return Tri::unknown;
  const auto [a_min, a_max] = date_bounds(p.a);
  const auto [b_min, b_max] = date_bounds(p.b);
  // The smallest and largest possible gap between the two dates.
  const long largest = std::max(std::abs(a_max - b_min), std::abs(b_max - a_min));
  long smallest = 0;
  if (a_min > b_max) smallest = a_min - b_max;
  else if (b_min > a_max) smallest = b_min - a_max;
  if (smallest > days) return Tri::yes;
  if (largest <= days) return Tri::no;
  return Tri::unknown;
}

Tri within_days(const Pair& p, int days) {
  switch (days_apart(p, days)) {
    case Tri::yes: return Tri::no;
    case Tri::no: return Tri::yes;
    case Tri::unknown: break;
  }
  return Tri::unknown;
}

bool same_date(const Pair& p) { return day_known(p.a) && day_known(p.b) && later_diagnosis(p) == 0; }

namespace {
// "8140", "8140/3", "8000-8005", "8000-8005/3" -> histology range and behaviour (-1: any)
std::pair<std::pair<int, int>, int> parse_code(std::string_view code) {
  const auto slash = code.find('/');
  const int behavior = slash == std::string_view::npos ? -1 : parse_int(code.substr(slash + 1), code);
  return {parse_range(code.substr(0, slash)), behavior};
}
bool matches(const std::pair<std::pair<int, int>, int>& entry, const Tumor& t) {
  return t.histology >= entry.first.first && t.histology <= entry.first.second && (entry.second < 0 || entry.second == t.behavior);
}
}  // namespace

HistologyTable::HistologyTable(std::vector<Row> rows) : rows_(std::move(rows)) {
  for (const auto& row : rows_) {  // parsed once: a malformed code fails at start-up, not on a pair
    auto& entries = parsed_.emplace_back();
    for (const auto& code : row.codes) entries.push_back(parse_code(code));
  }
}

std::optional<std::size_t> HistologyTable::row_of(const Tumor& t) const {
  for (std::size_t i = 0; i < parsed_.size(); ++i)
    for (const auto& entry : parsed_[i])
      if (matches(entry, t)) return i;
  return std::nullopt;
}

HistologySet::HistologySet(std::initializer_list<std::string_view> codes) {
  for (auto code : codes) entries_.push_back(parse_code(code));
}
HistologySet::HistologySet(const std::vector<std::string>& codes) {
  for (const auto& code : codes) entries_.push_back(parse_code(code));
}
bool HistologySet::contains(const Tumor& t) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const auto& e) { return matches(e, t); });
}

bool both_in(const HistologySet& set, const Pair& p) { return set.contains(p.a) && set.contains(p.b); }

std::optional<std::string> not_in_table(const Pair& p, const HistologyTable& table) {
  const bool a_missing = !table.row_of(p.a), b_missing = !table.row_of(p.b);
  if (!a_missing && !b_missing) return std::nullopt;
  return missing_from_table(p, a_missing, b_missing);
}

std::string missing_from_table(const Pair& p, bool a_missing, bool b_missing) {
  if (a_missing && b_missing) return "Both " + histology_behavior(p.a) + " and " + histology_behavior(p.b) + " are not in the table.";
  return histology_behavior(a_missing ? p.a : p.b) + " is not in the table.";
}

Rule rule_when(std::string step, Result result, std::string reason, std::function<Tri(const Pair&)> condition, std::string why_unknown) {
  return Rule{std::move(step), std::move(reason), [result, condition = std::move(condition), why = std::move(why_unknown)](const Pair& p) {
                return outcome_when(result, condition(p), why);
              }};
}

Rule rule_if(std::string step, Result result, std::string reason, std::function<bool(const Pair&)> holds) {
  return Rule{std::move(step), std::move(reason), [result, holds = std::move(holds)](const Pair& p) {
                return holds(p) ? RuleOutcome::decided(result) : RuleOutcome::none();
              }};
}

Rule rule_never(std::string step, std::string reason) {
  return Rule{std::move(step), std::move(reason), [](const Pair&) { return RuleOutcome::none(); }};
}

Rule rule_sites_differ(std::string step, std::initializer_list<int> positions, std::string reason) {
  std::vector<int> at(positions);
  return Rule{std::move(step), std::move(reason), [at](const Pair& p) {
                const bool differ = std::any_of(at.begin(), at.end(), [&](int i) { return site_differs_at(p, {i}); });
                return differ ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
              }};
}

Rule rule_sites_differ(std::string step) {
  return rule_sites_differ(std::move(step), {1, 2},
                           "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx) and/or third "
                           "(Cx?x) character are multiple primaries.");
}

Rule rule_histologies_differ(std::string step, std::string reason) {
  return rule_if(std::move(step), kMultiple, std::move(reason), [](const Pair& p) { return histology_differs_at(p, {1, 2, 3}); });
}

Rule rule_years_apart(std::string step, int years, std::string reason) {
  if (reason.empty()) reason = "Tumors diagnosed more than " + std::to_string(years) + " years apart are multiple primaries.";
  return rule_when(std::move(step), kMultiple, std::move(reason), [years](const Pair& p) { return years_apart(p, years); }, kUnknownDate);
}

Rule rule_no_criteria(std::string step, std::string reason) {
  return Rule{std::move(step), std::move(reason), [](const Pair&) { return RuleOutcome::decided(Result::single_primary); }};
}

}  // namespace chartflow::mph::detail
