// MP/H rules 2007-2017 for breast (C500-C509), lymphoma, leukemia and Kaposi sarcoma excluded.
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

constexpr Result kSingle = Result::single_primary;
constexpr Result kMultiple = Result::multiple_primaries;

// Tables 1 and 2 of the breast rules: intraductal carcinomas and duct carcinomas.
bool intraductal_or_duct(const Tumor& t) {
  static const HistologySet set{"8201", "8230", "8401", "8500-8501", "8503-8504", "8507",  // intraductal
                                "8022", "8035", "8500-8503", "8508"};                        // duct
  return set.contains(t);
}
bool paget_disease(const Tumor& t) { return t.histology >= 8540 && t.histology <= 8543; }
bool lobular(const Tumor& t) { return t.histology == 8520; }
bool inflammatory(const Tumor& t) { return t.histology == 8530 && is_invasive(t); }

// M7: both lateralities must be right or left to tell whether the tumours are in different breasts.
Tri different_breasts(const Pair& p) {
  if (!known_side(p.a.laterality) || !known_side(p.b.laterality)) return Tri::unknown;
  return tri(opposite_sides(p));
}

// M8: the invasive tumour was diagnosed after the in situ one, more than 60 days later.
Tri invasive_after_in_situ_over_60_days(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return Tri::no;
  const int later = later_diagnosis(p);
  if (later == 0 || (later == 1 && !is_invasive(p.a)) || (later == 2 && !is_invasive(p.b))) return Tri::no;
  return days_apart(p, 60);
}

Rule single_when(std::string step, std::string reason, bool (*holds)(const Pair&)) {
  return Rule{std::move(step), std::move(reason),
              [holds](const Pair& p) { return holds(p) ? RuleOutcome::decided(kSingle) : RuleOutcome::none(); }};
}

}  // namespace

RuleSet mph_2007_breast() {
  RuleSet set;
  set.id = "mph_2007_breast";
  set.name = "MPH 2007-2017 Breast";
  set.sites_included = Ranges("C500-C509");
  set.histologies_excluded = Ranges("9590-9993, 9140");  // lymphoma, leukemia, Kaposi sarcoma
  set.behaviors = Ranges("2, 3, 6");
  set.years = Ranges("2007-2017");

  auto& rules = set.rules;
  rules.push_back(rule_sites_differ("M4", {1, 2},
                                    "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx) and/or "
                                    "third (Cx?x) character are multiple primaries."));
  rules.push_back(rule_when("M5", kMultiple, "Tumors diagnosed more than 5 years apart are multiple primaries.",
                            [](const Pair& p) { return years_apart(p, 5); }, "Valid and known diagnosis date should be provided."));
  rules.push_back(single_when("M6", "Inflammatory carcinoma in one or both breasts is a single primary.",
                              [](const Pair& p) { return inflammatory(p.a) && inflammatory(p.b); }));
  rules.push_back(rule_when("M7", kMultiple, "Tumors on both sides (right and left breast) are multiple primaries.", different_breasts,
                            "Valid and known laterality should be provided."));
  rules.push_back(rule_when("M8", kMultiple,
                            "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.",
                            invasive_after_in_situ_over_60_days, "There is not enough diagnosis date information."));
  rules.push_back(single_when("M9", "Tumors that are intraductal or duct and Paget Disease are a single primary.",
                              [](const Pair& p) { return one_each(p, paget_disease, intraductal_or_duct); }));
  rules.push_back(single_when("M10", "Tumors that are lobular (8520) and intraductal or duct are a single primary.",
                              [](const Pair& p) { return one_each(p, lobular, intraductal_or_duct); }));
  rules.push_back(single_when("M11", "Multiple intraductal and/or duct carcinomas are a single primary.",
                              [](const Pair& p) { return intraductal_or_duct(p.a) && intraductal_or_duct(p.b); }));
  rules.push_back(Rule{"M12",
                       "Tumors with ICD-O-3 histology codes that are different at the first (?xxx), second (x?xx) or third (xx?x) "
                       "number are multiple primaries.",
                       [](const Pair& p) {
                         return histology_differs_at(p, {1, 2, 3}) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
                       }});
  rules.push_back(rule_no_criteria("M13", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return set;
}

}  // namespace chartflow::mph::detail
