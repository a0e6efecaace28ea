// MP/H rules 2007 for cutaneous melanoma (C440-C449, 8720-8780). SEER kept them in force through
// 2020; the 2021 Solid Tumor Cutaneous Melanoma rules replaced them.
#include "common_rules.hpp"
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

// M4 counts midline (5) as a laterality of its own: a right-sided and a midline melanoma of the
// chest are different lateralities. Anything else (0, 3, 4, 9, missing) cannot be compared.
Tri different_laterality(const Pair& p) {
  auto comparable = [](char l) { return l == '1' || l == '2' || l == '5'; };
  if (!comparable(p.a.laterality) || !comparable(p.b.laterality)) return Tri::unknown;
  return tri(p.a.laterality != p.b.laterality);
}

}  // namespace

RuleSet mph_2007_melanoma() {
  RuleSet set = melanoma_rule_set("mph_2007_melanoma", "MPH 2007-2020 Melanoma", "2007-2020");
  auto& rules = set.rules;
  rules.push_back(rule_sites_differ("M3", {1, 2, 3},
                                    "Melanomas in sites with ICD-O-3 topography codes that are different at the second (C?xx), third "
                                    "(Cx?x) or fourth (C44?) character are multiple primaries."));
  rules.push_back(rule_when("M4", kMultiple, "Melanomas with different laterality are multiple primaries.", different_laterality,
                            kUnknownLaterality));
  rules.push_back(rule_histologies_differ(
      "M5", "Melanomas with ICD-O-3 histology codes that are different at the first (?xxx), second (x?xx) or third (xx?x) number are "
            "multiple primaries."));
  rules.push_back(rule_invasive_after_in_situ(
      "M6", "An invasive melanoma that occurs more than 60 days after an in situ melanoma is a multiple primary."));
  rules.push_back(rule_when("M7", kMultiple, "Melanomas diagnosed more than 60 days apart are multiple primaries.",
                            [](const Pair& p) { return days_apart(p, 60); }));
  rules.push_back(rule_no_criteria("M8", "Melanomas that do not meet any of the above criteria are abstracted as a single primary."));
  return set;
}

}  // namespace chartflow::mph::detail
