#include "rule_sets.hpp"

namespace chartflow::mph::detail {

const std::vector<RuleSet>& all_rule_sets() {
  // Built once, thread-safe (static initialisation); the order is the order sets are tried.
  // MP/H 2007 Other Sites names no sites: it takes whatever no site-specific set of the same year
  // takes, so it comes after all of them (its years do not overlap the 2023+ Other Sites).
  static const std::vector<RuleSet> sets = [] {
    std::vector<RuleSet> v;
    for (auto make : {hematopoietic_1998, hematopoietic_2001, hematopoietic_2010, solid_2004_benign_brain, solid_2004_malignant,
                      mph_2007_head_and_neck, mph_2007_colon, mph_2007_lung, mph_2007_melanoma, mph_2007_breast, mph_2007_kidney,
                      mph_2007_urinary, mph_2007_benign_brain, mph_2007_malignant_brain, solid_2018_breast,
                      solid_2018_colon, solid_2018_head_and_neck, solid_2018_kidney, solid_2018_lung, solid_2018_malignant_cns,
                      solid_2018_nonmalignant_cns, solid_2018_urinary, solid_2021_cutaneous_melanoma, mph_2007_other_sites, solid_2023_other_sites})
      v.push_back(make());
    return v;
  }();
  return sets;
}

}  // namespace chartflow::mph::detail
