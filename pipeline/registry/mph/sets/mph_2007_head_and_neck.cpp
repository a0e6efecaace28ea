// MP/H rules 2007-2017 for head and neck (C000-C148, C300-C329), lymphoma, leukemia and Kaposi
// sarcoma excluded.
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <algorithm>
#include <array>

namespace chartflow::mph::detail {
namespace {

// M3: the paired head and neck sites. Both tumours must be in the same group (the two sides of one
// organ: e.g. the submandibular C080 and sublingual C081 glands form one group).
Tri opposite_sides_of_paired_site(const Pair& p) {
  static const std::array<Ranges, 6> paired{Ranges("C079"), Ranges("C080, C081"), Ranges("C090, C091, C098, C099"),
                                            Ranges("C300"), Ranges("C310, C312"), Ranges("C301")};
  return on_both_sides_of(p, paired);
}

// M4-M6: one tumour in each of two site lists.
template <std::size_t N, std::size_t M>
bool one_site_each(const Pair& p, const std::array<const char*, N>& x, const std::array<const char*, M>& y) {
  auto in = [](const auto& list) {
    return [&list](const Tumor& t) { return std::find(list.begin(), list.end(), t.site) != list.end(); };
  };
  return one_each(p, in(x), in(y));
}

std::vector<Rule> rules_m3_to_m7() {
  std::vector<Rule> rules;
  rules.push_back(rule_when("M3", kMultiple, "Tumors on the right side and the left side of a paired site are multiple primaries.",
                            opposite_sides_of_paired_site, kUnknownLaterality));
  rules.push_back(rule_if("M4", kMultiple,
                          "Tumors on the upper lip (C000 or C003) and the lower lip (C001 or C004) are multiple primaries.",
                          [](const Pair& p) { return one_site_each(p, std::array{"C000", "C003"}, std::array{"C001", "C004"}); }));
  rules.push_back(rule_if("M5", kMultiple, "Tumors on the upper gum (C030) and the lower gum (C031) are multiple primaries.",
                          [](const Pair& p) { return one_site_each(p, std::array{"C030"}, std::array{"C031"}); }));
  rules.push_back(rule_if("M6", kMultiple, "Tumors in the nasal cavity (C300) and the middle ear (C301) are multiple primaries.",
                          [](const Pair& p) { return one_site_each(p, std::array{"C300"}, std::array{"C301"}); }));
  rules.push_back(rule_sites_differ("M7"));
  return rules;
}

}  // namespace

RuleSet mph_2007_head_and_neck() {
  return site_rule_set("mph_2007_head_and_neck", "MPH 2007-2017 Head and Neck", "C000-C148, C300-C329", "2, 3, 6", "2007-2017",
                       {rules_m3_to_m7(),
                        {rule_invasive_after_in_situ("M8"), rule_years_apart("M9", 5),
                         rule_nos_and_specific("M10", {8000, 8010, 8140, 8070, 8720, 8800}), rule_histologies_differ("M11"),
                         rule_no_criteria("M12")}});
}

}  // namespace chartflow::mph::detail
