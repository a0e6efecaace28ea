// The engine: validates the pair, finds the rule set both tumours belong to for the later
// diagnosis year, and runs its rules in order with SEER's "potential result" convention: a rule
// that cannot be applied (unknown laterality, a histology missing from a table) leaves the result
// it would give; a later rule must agree with it, or the pair is questionable.
#include "mph.hpp"
#include "rule_sets.hpp"

#include <chrono>

namespace chartflow::mph {
namespace {

using detail::RuleOutcome;
using detail::RuleSet;

int current_year() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<int>(std::chrono::year_month_day{today}.year());
}

bool valid_site(const std::string& s) { return detail::site_number(Tumor{.site = s}) >= 0 && s[0] == 'C' && s != "C809"; }
bool valid(const Tumor& t) {
  return valid_site(t.site) && t.histology >= 8000 && t.histology <= 9999 &&
         ((t.behavior >= 0 && t.behavior <= 3) || t.behavior == 6) && t.year >= 1 && t.year <= current_year();
}
bool valid_laterality(char l) { return (l >= '0' && l <= '5') || l == '9'; }

std::string describe(const Tumor& t) {
  return t.site + ", " + detail::histology_behavior(t) + " with year of diagnosis " + std::to_string(t.year);
}

const RuleSet* find_rule_set(const Tumor& t, int year) {
  for (const auto& set : detail::all_rule_sets())
    if (set.applies(t, year)) return &set;
  return nullptr;
}

// Same valid site, histology, behaviour, complete date and laterality: one tumour reported twice.
bool same_main_fields(const Tumor& a, const Tumor& b) {
  return valid_laterality(a.laterality) && a.laterality == b.laterality && a.site == b.site && a.histology == b.histology &&
         a.behavior == b.behavior && detail::same_date({a, b});
}

}  // namespace

namespace detail {
Decision run_rule_set(const RuleSet& set, const Tumor& a, const Tumor& b) {
  Decision out{Result::questionable, set.name, {}, {}};
  const detail::Pair pair{a, b};
  std::optional<RuleOutcome> potential;
  std::string potential_step;
  auto questionable = [&] {
    out.result = Result::questionable;
    out.step = potential_step;
    out.reason = unable_to_apply(potential_step, set.name, potential->message);
    return out;
  };
  for (const auto& rule : set.rules) {
    RuleOutcome o = rule.apply(pair);
    if (o.kind == RuleOutcome::Kind::potential) {
      if (!potential) {
        potential = std::move(o);
        potential_step = rule.step;
      } else if (o.result != potential->result) {
        return questionable();
      }
    } else if (o.kind == RuleOutcome::Kind::final) {
      if (potential && potential->result != o.result) return questionable();
      out.result = o.result;
      out.step = rule.step;
      out.reason = o.worded_unable ? unable_to_apply(rule.step, set.name, o.message) : o.message.empty() ? rule.reason : o.message;
      return out;
    }
  }
  if (potential) return questionable();
  out.reason = "No rule of " + set.name + " applies.";
  return out;
}
}  // namespace detail

std::string_view to_string(Result r) {
  switch (r) {
    case Result::single_primary: return "SINGLE_PRIMARY";
    case Result::multiple_primaries: return "MULTIPLE_PRIMARIES";
    case Result::questionable: return "QUESTIONABLE";
    case Result::invalid_input: return "INVALID_INPUT";
  }
  return "INVALID_INPUT";
}

std::optional<std::string> rule_set_name(const Tumor& tumor, int year) {
  if (!valid(tumor)) return std::nullopt;
  const auto* set = find_rule_set(tumor, year);
  return set ? std::optional(set->name) : std::nullopt;
}

Decision decide(const Tumor& a, const Tumor& b) {
  for (const Tumor* t : {&a, &b})
    if (!valid(*t))
      return {Result::invalid_input, {}, {},
              "Cannot identify rule set for " + describe(*t) +
                  ". Valid primary site (C000-C999 excluding C809), histology (8000-9999), behavior (0-3, 6) and diagnosis year are required."};
  // Both tumours are judged by the rules in force for the later diagnosis.
  const int year = std::max(a.year, b.year);
  const RuleSet* first = find_rule_set(a, year);
  const RuleSet* second = find_rule_set(b, year);
  if (!first && !second && same_main_fields(a, b))
    return {Result::single_primary, {}, {}, "The two sets of parameters have same values for site, histology, behavior, diagnosis date and laterality."};
  if (!first) return {Result::questionable, {}, {}, "Could not find rule sets for " + describe(a) + "."};
  if (!second) return {Result::questionable, {}, {}, "Could not find rule sets for " + describe(b) + "."};
  if (first != second) return {Result::multiple_primaries, {}, {}, "The two sets of parameters belong to two different cancer groups."};
  return detail::run_rule_set(*first, a, b);
}

}  // namespace chartflow::mph
