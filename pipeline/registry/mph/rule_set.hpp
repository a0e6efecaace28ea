// The pieces every rule set is built from: tri-state facts about a pair of tumours (dates and
// laterality may be unknown), histology tables, and rules that decide, or that could not be
// applied and leave a potential result for the later rules to confirm.
#pragma once

#include "mph.hpp"

#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::mph::detail {

// A fact that may be undeterminable from the data (partial dates, unknown laterality).
enum class Tri { no, yes, unknown };
inline Tri tri(bool b) { return b ? Tri::yes : Tri::no; }

inline constexpr Result kSingle = Result::single_primary;
inline constexpr Result kMultiple = Result::multiple_primaries;

// Why a rule could not be applied, in the words of SEER's reference implementation (the test
// pairs' expected reasons quote them).
inline constexpr const char* kUnknownDate = "Valid and known diagnosis date should be provided.";
inline constexpr const char* kUnknownLaterality = "Valid and known laterality should be provided.";
inline constexpr const char* kUnknownLateralityAndDate = "Valid and known laterality and diagnosis date should be provided.";
inline constexpr const char* kNotEnoughDate = "There is not enough diagnosis date information.";

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

  // A final outcome worded like a potential one (see unable_final).
  bool worded_unable = false;

  static RuleOutcome none() { return {}; }
  static RuleOutcome decided(Result r, std::string message = {}) { return {Kind::final, r, std::move(message)}; }
  static RuleOutcome unable(Result would_be, std::string why) { return {Kind::potential, would_be, std::move(why)}; }
  // The rule could not be applied and, as in SEER's reference, no later rule may decide instead: a
  // final QUESTIONABLE, which the engine words "Unable to apply Rule <step> of <rule set>. <why>".
  static RuleOutcome unable_final(std::string why) { return {Kind::final, Result::questionable, std::move(why), true}; }
};

// "Unable to apply Rule <step> of <rule set>. <why>": the reason of a rule that could not be applied.
std::string unable_to_apply(std::string_view step, std::string_view rule_set, std::string_view why);

// The outcome of a rule deciding `result` when `holds`; an unknown fact leaves `result` potential.
RuleOutcome outcome_when(Result result, Tri holds, std::string_view why_unknown);

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
  // Tumours the set also takes although the ranges above leave them out (e.g. Head and Neck's
  // carotid and aortic body paragangliomas of 2019-2021); empty for most sets.
  std::function<bool(const Tumor&, int year)> also_applies;
  std::vector<Rule> rules;

  bool applies(const Tumor& t, int year) const;
};

// A rule set's scope, in the Ranges notation. Empty `sites`: any site; empty `histologies`: any
// that `histologies_excluded` leaves.
struct Scope {
  std::string_view sites = {};
  std::string_view histologies = {};
  std::string_view histologies_excluded = {};
  std::string_view behaviors = {};
  std::string_view years = {};
};
// The set with its rules, given in parts (sets build them in parts to keep each function short).
RuleSet make_rule_set(std::string id, std::string name, const Scope& scope, std::vector<std::vector<Rule>> parts = {});
// A site-specific solid tumour set: like every SEER site module it leaves out lymphoma, leukemia
// (9590-9993) and Kaposi sarcoma (9140), which have rules of their own.
RuleSet site_rule_set(std::string id, std::string name, std::string_view sites, std::string_view behaviors, std::string_view years,
                      std::vector<std::vector<Rule>> parts = {});
// Appends `more` to `rules`.
void add_rules(std::vector<Rule>& rules, std::vector<Rule> more);

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
bool both_sides_known(const Pair& p);
// On opposite sides (yes), the same side (no), or cannot tell: a laterality other than right or left.
Tri on_both_sides(const Pair& p);
// Both tumours in one of `groups` (the two sides of one paired organ), and on opposite sides.
Tri on_both_sides_of(const Pair& p, std::span<const Ranges> groups);

// Which tumour was diagnosed later: 1 (first), 2 (second), 0 (same day), -1 (cannot tell).
int later_diagnosis(const Pair& p);
// The tumour diagnosed later given later_diagnosis(p), or nullptr (the same day, or cannot tell).
const Tumor* later_tumor(const Pair& p, int later);
// Diagnosed `years` or more full years apart (yes), less (no), or cannot tell.
Tri years_apart(const Pair& p, int years);
// Diagnosed more than `days` days apart (yes), `days` or fewer (no), or cannot tell.
Tri days_apart(const Pair& p, int days);
// Diagnosed `days` days or fewer apart: the converse of days_apart.
Tri within_days(const Pair& p, int days);
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

// Both tumours' histologies are in `set`.
bool both_in(const HistologySet& set, const Pair& p);

// One tumour matches `x` and the other matches `y` (in either order).
template <class X, class Y>
bool one_each(const Pair& p, X x, Y y) {
  return (x(p.a) && y(p.b)) || (x(p.b) && y(p.a));
}

// "8010/3 is not in the table." / "Both 8000/3 and 8010/3 are not in the table." when one or
// both tumours' histologies are missing from the table, else nullopt.
std::optional<std::string> not_in_table(const Pair& p, const HistologyTable& table);
// The same message for tumours looked up elsewhere; at least one of them is missing.
std::string missing_from_table(const Pair& p, bool a_missing, bool b_missing);

// ---- rules used by many rule sets ----

// Decides `result` when `condition` holds; when it cannot be told, leaves `result` as a potential
// result with `why_unknown` as the reason it could not be applied.
Rule rule_when(std::string step, Result result, std::string reason, std::function<Tri(const Pair&)> condition,
               std::string why_unknown = kUnknownDate);
// Decides `result` when `holds`; no fact of it can be unknown.
Rule rule_if(std::string step, Result result, std::string reason, std::function<bool(const Pair&)> holds);
// A SEER rule that the coded data cannot tell (the tumour count, a physician's statement), or that
// another rule set always answers first: it never decides, and is kept so that steps keep SEER's
// numbering.
Rule rule_never(std::string step, std::string reason);
// Multiple primaries when the sites differ at the given characters.
Rule rule_sites_differ(std::string step, std::initializer_list<int> positions, std::string reason);
// The same at the second and third characters (C?xx, Cx?x), in the words most sets use.
Rule rule_sites_differ(std::string step);
// Multiple primaries when the histology codes differ at the first, second or third digit.
inline constexpr const char* kHistologiesDiffer =
    "Tumors with ICD-O-3 histology codes that are different at the first (?xxx), second (x?xx) or third (xx?x) number are "
    "multiple primaries.";
Rule rule_histologies_differ(std::string step, std::string reason = kHistologiesDiffer);
// Multiple primaries when diagnosed `years` or more full years apart (years_apart); the statement
// is by default SEER's usual "Tumors diagnosed more than <years> years apart are multiple primaries."
Rule rule_years_apart(std::string step, int years, std::string reason = {});
// Single primary: the last rule of every set.
inline constexpr const char* kNoCriteria = "Tumors that do not meet any of the criteria are abstracted as a single primary.";
Rule rule_no_criteria(std::string step, std::string reason = kNoCriteria);

}  // namespace chartflow::mph::detail
