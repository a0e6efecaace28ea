// The pieces every rule set is built from: tri-state facts about a pair of tumours (dates and
// laterality may be unknown), histology tables, and rules that decide, or that could not be
// applied and leave a potential result for the later rules to confirm.
#pragma once

#include "mph.hpp"

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::mph::detail {

// A fact that may be undeterminable from the data (partial dates, unknown laterality).
enum class Tri { no, yes, unknown };
inline Tri tri(bool b) { return b ? Tri::yes : Tri::no; }

struct Pair {
  const Tumor& a;
  const Tumor& b;
};

// What one rule says about a pair.
struct RuleOutcome {
  enum class Kind { no_decision, final, potential };
  Kind kind = Kind::no_decision;
  Result result = Result::questionable;
  // For a final outcome: replaces the rule's reason when not empty. For a potential outcome
  // (the rule could not be applied): why, e.g. "Valid and known laterality should be provided."
  // The engine words it "Unable to apply Rule <step> of <rule set>. <message>".
  std::string message;

  static RuleOutcome none() { return {}; }
  static RuleOutcome decided(Result r, std::string message = {}) { return {Kind::final, r, std::move(message)}; }
  static RuleOutcome unable(Result would_be, std::string why) { return {Kind::potential, would_be, std::move(why)}; }
};

struct Rule {
  std::string step;    // "M3"
  std::string reason;  // the rule's statement, reported when it decides
  std::function<RuleOutcome(const Pair&)> apply;
};

// Inclusive integer ranges parsed from "C340-C343, C348, C349" (sites: the digits after C) or
// "9590-9992, 9140" (histologies, behaviours, years).
class Ranges {
 public:
  Ranges() = default;
  Ranges(std::string_view spec);  // NOLINT: written as string literals in rule sets
  bool contains(int value) const;
  bool contains_site(std::string_view site) const;  // "C341"
  bool empty() const { return ranges_.empty(); }

 private:
  std::vector<std::pair<int, int>> ranges_;
};

struct RuleSet {
  std::string id;    // stable, e.g. "solid_2018_lung"
  std::string name;  // as reported, e.g. "Solid Tumor 2018+ Lung"
  Ranges sites_included, sites_excluded;  // excluded is used only when included is empty
  Ranges histologies_included, histologies_excluded;
  Ranges behaviors, years;
  std::vector<Rule> rules;

  bool applies(const Tumor& t, int year) const;
};

// Runs the rules of `set` in order on a pair both tumours of which belong to it (decide() does the
// checks and the choice of set first).
Decision run_rule_set(const RuleSet& set, const Tumor& a, const Tumor& b);

// ---- facts about tumours and pairs ----

int site_number(const Tumor& t);                    // "C341" -> 341
std::string histology_behavior(const Tumor& t);     // "8140/3"
bool is_in_situ(const Tumor& t);                    // behaviour 2
bool is_invasive(const Tumor& t);                   // behaviour 3
// Do the sites differ at any of the given character positions of "Cxyz" (1 = x, 2 = y, 3 = z)?
bool site_differs_at(const Pair& p, std::initializer_list<int> positions);
// Do the histology codes differ at any of the given digit positions (1-4)?
bool histology_differs_at(const Pair& p, std::initializer_list<int> positions);

// Laterality codes: '1' right, '2' left; known_side is true for those two only.
bool known_side(char laterality);
bool opposite_sides(const Pair& p);
bool same_side(const Pair& p);

// Which tumour was diagnosed later: 1 (first), 2 (second), 0 (same day), -1 (cannot tell).
int later_diagnosis(const Pair& p);
// Diagnosed `years` or more full years apart (yes), less (no), or cannot tell.
Tri years_apart(const Pair& p, int years);
// Diagnosed more than `days` days apart (yes), `days` or fewer (no), or cannot tell.
Tri days_apart(const Pair& p, int days);
// Both dates complete and equal.
bool same_date(const Pair& p);

// A histology table: rows of codes that are one histology for the rules ("the same row"). A code
// is "8140" (any behaviour) or "8140/3" (that behaviour only); ranges "8000-8005" are allowed.
class HistologyTable {
 public:
  struct Row {
    std::string label;               // the row's NOS code or name, used in messages
    std::vector<std::string> codes;  // every code on the row, the NOS included
  };
  HistologyTable() = default;
  HistologyTable(std::vector<Row> rows);  // NOLINT
  // The row index of the tumour's histology, or nullopt when it is not in the table.
  std::optional<std::size_t> row_of(const Tumor& t) const;
  const Row& row(std::size_t i) const { return rows_[i]; }
  std::size_t size() const { return rows_.size(); }

 private:
  std::vector<Row> rows_;
  std::vector<std::vector<std::pair<std::pair<int, int>, int>>> parsed_;  // per row: histology range, behaviour (-1 any)
};

// A flat set of histology codes in the same notation as the table rows.
class HistologySet {
 public:
  HistologySet() = default;
  HistologySet(std::initializer_list<std::string_view> codes);
  explicit HistologySet(const std::vector<std::string>& codes);
  bool contains(const Tumor& t) const;

 private:
  std::vector<std::pair<std::pair<int, int>, int>> entries_;  // histology range, behaviour (-1 any)
};

// One tumour matches `x` and the other matches `y` (in either order).
template <class X, class Y>
bool one_each(const Pair& p, X x, Y y) {
  return (x(p.a) && y(p.b)) || (x(p.b) && y(p.a));
}

// "8010/3 is not in the table." / "Both 8000/3 and 8010/3 are not in the table." when one or
// both tumours' histologies are missing from the table, else nullopt.
std::optional<std::string> not_in_table(const Pair& p, const HistologyTable& table);

// ---- rules used by many rule sets ----

// Decides `result` when `condition` holds; when it cannot be told, leaves `result` as a potential
// result with `why_unknown` as the reason it could not be applied.
Rule rule_when(std::string step, Result result, std::string reason, std::function<Tri(const Pair&)> condition,
               std::string why_unknown = "Valid and known diagnosis date should be provided.");
// Multiple primaries when the sites differ at the given characters.
Rule rule_sites_differ(std::string step, std::initializer_list<int> positions, std::string reason);
// Multiple primaries when diagnosed `years` or more apart.
Rule rule_years_apart(std::string step, int years, std::string reason);
// Single primary: the last rule of every set.
Rule rule_no_criteria(std::string step, std::string reason);

}  // namespace chartflow::mph::detail
