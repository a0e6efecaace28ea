// MP/H rules 2007-2017 for kidney (C649), lymphoma, leukemia and Kaposi sarcoma excluded.
// Rules M3-M11 of the SEER kidney module (M1-M2, the single/multiple tumour split, need the
// tumour count and are not coded).
#include "rule_sets.hpp"

#include <array>

namespace chartflow::mph::detail {
namespace {

constexpr Result kSingle = Result::single_primary;
constexpr Result kMultiple = Result::multiple_primaries;

bool wilms(const Tumor& t) { return t.histology == 8960 && is_invasive(t); }

// Table 1 of the kidney rules: the specific renal cell types (M8).
bool specific_renal_cell(const Tumor& t) {
  static const HistologySet set{"8260", "8310", "8316-8320", "8510", "8959"};
  return set.contains(t);
}

// M5: tumours in the right and in the left kidney; needs both lateralities right or left.
Tri both_kidneys(const Pair& p) {
  if (!known_side(p.a.laterality) || !known_side(p.b.laterality)) return Tri::unknown;
  return tri(opposite_sides(p));
}

// M7: the invasive tumour was diagnosed after the in situ one, more than 60 days later. Not this
// rule when they were diagnosed the same day or the in situ tumour is the later one.
Tri invasive_after_in_situ_over_60_days(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return Tri::no;
  const int later = later_diagnosis(p);
  if (later == 0 || (later == 1 && !is_invasive(p.a)) || (later == 2 && !is_invasive(p.b))) return Tri::no;
  return days_apart(p, 60);
}

// M9: an NOS histology and a more specific type of it: cancer, NOS (8000); carcinoma, NOS (8010);
// adenocarcinoma, NOS (8140); renal cell carcinoma, NOS (8312) and a single renal cell type.
bool nos_and_specific(const Pair& p) {
  struct NosAndSpecific {
    int nos;
    HistologySet specific;
  };
  static const std::array<NosAndSpecific, 4> table{{{8000, HistologySet{"8001-9999"}},
                                                    {8010, HistologySet{"8011-8015"}},
                                                    {8140, HistologySet{"8141-8145", "8147-8148"}},
                                                    {8312, HistologySet{"8313-8320"}}}};
  const auto holds = [](const Tumor& nos, const Tumor& other) {
    for (const auto& row : table)
      if (nos.histology == row.nos && row.specific.contains(other)) return true;
    return false;
  };
  return holds(p.a, p.b) || holds(p.b, p.a);
}

}  // namespace

RuleSet mph_2007_kidney() {
  RuleSet set;
  set.id = "mph_2007_kidney";
  set.name = "MPH 2007-2017 Kidney";
  set.sites_included = Ranges("C649");
  set.histologies_excluded = Ranges("9590-9993, 9140");  // lymphoma, leukemia, Kaposi sarcoma
  set.behaviors = Ranges("2, 3, 6");
  set.years = Ranges("2007-2017");

  auto& rules = set.rules;
  rules.push_back(rule_when("M3", kSingle, "Wilms tumors are a single primary.",
                            [](const Pair& p) { return tri(wilms(p.a) && wilms(p.b)); }));
  // M4 cannot hold within C649; kept so that the steps follow SEER's numbering.
  rules.push_back(
      rule_sites_differ("M4", {1, 2},
                        "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx) and/or "
                        "third (Cx?x) character are multiple primaries."));
  rules.push_back(rule_when("M5", kMultiple, "Tumors in both the right kidney and in the left kidney are multiple primaries.",
                            both_kidneys, "Valid and known laterality should be provided."));
  rules.push_back(rule_when(
      "M6", kMultiple, "Tumors diagnosed more than 3 years apart are multiple primaries.",
      [](const Pair& p) { return years_apart(p, 3); }, "Valid and known diagnosis date should be provided."));
  rules.push_back(rule_when(
      "M7", kMultiple, "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.",
      invasive_after_in_situ_over_60_days, "There is not enough diagnosis date information."));
  rules.push_back(rule_when(
      "M8", kMultiple,
      "One tumor with a specific renal cell type and another tumor with a different specific renal cell type "
      "are multiple primaries.",
      [](const Pair& p) { return tri(specific_renal_cell(p.a) && specific_renal_cell(p.b) && p.a.histology != p.b.histology); }));
  rules.push_back(rule_when("M9", kSingle,
                            "Abstract as a single primary* when one tumor is:\n"
                            "- Cancer/malignant neoplasm, NOS (8000) and another is a specific histology or\n"
                            "- Carcinoma, NOS (8010) and another is a specific carcinoma or\n"
                            "- Adenocarcinoma, NOS (8140) and another is a specific adenocarcinoma or\n"
                            "- Renal cell carcinoma, NOS (8312) and the other is a single renal cell type",
                            [](const Pair& p) { return tri(nos_and_specific(p)); }));
  rules.push_back(rule_when("M10", kMultiple,
                            "Tumors with ICD-O-3 histology codes that are different at the first (?xxx), second (x?xx) or third "
                            "(xx?x) number are multiple primaries.",
                            [](const Pair& p) {
                              return tri(histology_differs_at(p, {1, 2, 3}));
                            }));
  rules.push_back(rule_no_criteria("M11", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return set;
}

}  // namespace chartflow::mph::detail
