// MP/H rules 2007-2017 for kidney (C649), lymphoma, leukemia and Kaposi sarcoma excluded.
// Rules M3-M11 of the SEER kidney module (M1-M2, the single/multiple tumour split, need the
// tumour count and are not coded).
#include "common_rules.hpp"
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

bool wilms(const Tumor& t) { return t.histology == 8960 && is_invasive(t); }

// Table 1 of the kidney rules: the specific renal cell types (M8).
bool specific_renal_cell(const Tumor& t) {
  static const HistologySet set{"8260", "8310", "8316-8320", "8510", "8959"};
  return set.contains(t);
}

}  // namespace

RuleSet mph_2007_kidney() {
  RuleSet set = site_rule_set("mph_2007_kidney", "MPH 2007-2017 Kidney", "C649", "2, 3, 6", "2007-2017");
  auto& rules = set.rules;
  rules.push_back(rule_if("M3", kSingle, "Wilms tumors are a single primary.", [](const Pair& p) { return wilms(p.a) && wilms(p.b); }));
  // M4 cannot hold within C649; kept so that the steps follow SEER's numbering.
  rules.push_back(rule_sites_differ("M4"));
  // M5: tumours in the right and in the left kidney; needs both lateralities right or left.
  rules.push_back(rule_when("M5", kMultiple, "Tumors in both the right kidney and in the left kidney are multiple primaries.",
                            on_both_sides, kUnknownLaterality));
  rules.push_back(rule_years_apart("M6", 3));
  rules.push_back(rule_invasive_after_in_situ("M7"));
  rules.push_back(rule_if("M8", kMultiple,
                          "One tumor with a specific renal cell type and another tumor with a different specific renal cell type are "
                          "multiple primaries.",
                          [](const Pair& p) {
                            return specific_renal_cell(p.a) && specific_renal_cell(p.b) && p.a.histology != p.b.histology;
                          }));
  rules.push_back(rule_nos_and_specific("M9", {8000, 8010, 8140, 8312}));
  rules.push_back(rule_histologies_differ("M10"));
  rules.push_back(rule_no_criteria("M11"));
  return set;
}

}  // namespace chartflow::mph::detail
