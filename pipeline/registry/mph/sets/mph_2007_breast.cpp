// MP/H rules 2007-2017 for breast (C500-C509), lymphoma, leukemia and Kaposi sarcoma excluded.
#include "common_rules.hpp"
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

// Tables 1 and 2 of the breast rules: intraductal carcinomas and duct carcinomas.
bool intraductal_or_duct(const Tumor& t) {
  static const HistologySet set{"8201", "8230", "8401", "8500-8501", "8503-8504", "8507",  // intraductal
                                "8022", "8035", "8500-8503", "8508"};                        // duct
  return set.contains(t);
}
bool paget_disease(const Tumor& t) { return t.histology >= 8540 && t.histology <= 8543; }
bool lobular(const Tumor& t) { return t.histology == 8520; }

}  // namespace

RuleSet mph_2007_breast() {
  RuleSet set = site_rule_set("mph_2007_breast", "MPH 2007-2017 Breast", "C500-C509", "2, 3, 6", "2007-2017");
  auto& rules = set.rules;
  add_rules(rules, breast_rules_m4_to_m7("Inflammatory carcinoma in one or both breasts is a single primary."));
  rules.push_back(rule_invasive_after_in_situ("M8"));
  rules.push_back(rule_if("M9", kSingle, "Tumors that are intraductal or duct and Paget Disease are a single primary.",
                          [](const Pair& p) { return one_each(p, paget_disease, intraductal_or_duct); }));
  rules.push_back(rule_if("M10", kSingle, "Tumors that are lobular (8520) and intraductal or duct are a single primary.",
                          [](const Pair& p) { return one_each(p, lobular, intraductal_or_duct); }));
  rules.push_back(rule_if("M11", kSingle, "Multiple intraductal and/or duct carcinomas are a single primary.",
                          [](const Pair& p) { return intraductal_or_duct(p.a) && intraductal_or_duct(p.b); }));
  rules.push_back(rule_histologies_differ("M12"));
  rules.push_back(rule_no_criteria("M13"));
  return set;
}

}  // namespace chartflow::mph::detail
