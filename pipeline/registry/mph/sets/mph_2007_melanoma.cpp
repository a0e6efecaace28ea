// MP/H rules 2007 for cutaneous melanoma (C440-C449, 8720-8780). SEER kept them in force through
// 2020; the 2021 Solid Tumor Cutaneous Melanoma rules replaced them.
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

constexpr Result kMultiple = Result::multiple_primaries;

// M4 counts midline (5) as a laterality of its own: a right-sided and a midline melanoma of the
// chest are different lateralities. Anything else (0, 3, 4, 9, missing) cannot be compared.
Tri different_laterality(const Pair& p) {
  auto comparable = [](char l) { return l == '1' || l == '2' || l == '5'; };
  if (!comparable(p.a.laterality) || !comparable(p.b.laterality)) return Tri::unknown;
  return tri(p.a.laterality != p.b.laterality);
}

// M6: the invasive melanoma was diagnosed after the in situ one, more than 60 days later.
Tri invasive_after_in_situ_over_60_days(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return Tri::no;
  const int later = later_diagnosis(p);
  if (later == 0 || (later == 1 && !is_invasive(p.a)) || (later == 2 && !is_invasive(p.b))) return Tri::no;
  return days_apart(p, 60);
}

}  // namespace

RuleSet mph_2007_melanoma() {
  RuleSet set;
  set.id = "mph_2007_melanoma";
  set.name = "MPH 2007-2020 Melanoma";
  set.sites_included = Ranges("C440-C449");
  set.histologies_included = Ranges("8720-8780");
  set.behaviors = Ranges("2, 3, 6");
  set.years = Ranges("2007-2020");

  auto& rules = set.rules;
  rules.push_back(rule_sites_differ("M3", {1, 2, 3},
                                    "Melanomas in sites with ICD-O-3 topography codes that are different at the second (C?xx), third "
                                    "(Cx?x) or fourth (C44?) character are multiple primaries."));
  rules.push_back(rule_when("M4", kMultiple, "Melanomas with different laterality are multiple primaries.", different_laterality,
                            "Valid and known laterality should be provided."));
  rules.push_back(Rule{"M5",
                       "Melanomas with ICD-O-3 histology codes that are different at the first (?xxx), second (x?xx) or third "
                       "(xx?x) number are multiple primaries.",
                       [](const Pair& p) {
                         return histology_differs_at(p, {1, 2, 3}) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
                       }});
  rules.push_back(rule_when("M6", kMultiple, "An invasive melanoma that occurs more than 60 days after an in situ melanoma is a multiple primary.",
                            invasive_after_in_situ_over_60_days, "There is not enough diagnosis date information."));
  rules.push_back(rule_when("M7", kMultiple, "Melanomas diagnosed more than 60 days apart are multiple primaries.",
                            [](const Pair& p) { return days_apart(p, 60); }, "Valid and known diagnosis date should be provided."));
  rules.push_back(rule_no_criteria("M8", "Melanomas that do not meet any of the above criteria are abstracted as a single primary."));
  return set;
}

}  // namespace chartflow::mph::detail
