// MP/H rules 2007-2017 for head and neck (C000-C148, C300-C329), lymphoma, leukemia and Kaposi
// sarcoma excluded.
#include "rule_sets.hpp"

#include <algorithm>
#include <array>

namespace chartflow::mph::detail {
namespace {

constexpr Result kSingle = Result::single_primary;
constexpr Result kMultiple = Result::multiple_primaries;

// M3: the paired head and neck sites. Both tumours must be in the same group (the two sides of one
// organ: e.g. the submandibular C080 and sublingual C081 glands form one group).
Tri opposite_sides_of_paired_site(const Pair& p) {
  static const std::array<Ranges, 6> paired{Ranges("C079"), Ranges("C080, C081"), Ranges("C090, C091, C098, C099"),
                                            Ranges("C300"), Ranges("C310, C312"), Ranges("C301")};
  const bool same_pair = std::any_of(paired.begin(), paired.end(), [&](const Ranges& r) {
    return r.contains_site(p.a.site) && r.contains_site(p.b.site);
  });
  if (!same_pair) return Tri::no;
  if (!known_side(p.a.laterality) || !known_side(p.b.laterality)) return Tri::unknown;
  return tri(opposite_sides(p));
}

// M4-M6: one tumour in each of two site lists.
template <std::size_t N, std::size_t M>
bool one_site_each(const Pair& p, const std::array<const char*, N>& x, const std::array<const char*, M>& y) {
  auto in = [](const auto& list) {
    return [&list](const Tumor& t) { return std::find(list.begin(), list.end(), t.site) != list.end(); };
  };
  return one_each(p, in(x), in(y));
}

// M8: the invasive tumour was diagnosed after the in situ one, more than 60 days later.
Tri invasive_after_in_situ_over_60_days(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return Tri::no;
  const int later = later_diagnosis(p);
  if (later == 0 || (later == 1 && !is_invasive(p.a)) || (later == 2 && !is_invasive(p.b))) return Tri::no;
  return days_apart(p, 60);
}

// M10: an NOS histology and the specific histologies that are the same primary with it.
bool nos_and_specific(const Pair& p) {
  struct NosAndSpecifics {
    int nos;
    HistologySet specifics;
  };
  static const NosAndSpecifics table[] = {
      {8000, {"8001-9999"}},                                                                     // cancer, NOS
      {8010, {"8011-8015"}},                                                                     // carcinoma, NOS
      {8140, {"8141-8145", "8147-8148"}},                                                        // adenocarcinoma, NOS
      {8070, {"8071-8078", "8080-8084"}},                                                        // squamous cell carcinoma, NOS
      {8720, {"8721-8723", "8726", "8728", "8730", "8740-8746", "8761", "8770-8774", "8780"}},  // melanoma, NOS
      {8800, {"8801-8806"}},                                                                     // sarcoma, NOS
  };
  for (const auto& row : table) {
    auto is_nos = [&](const Tumor& t) { return t.histology == row.nos; };
    auto is_specific = [&](const Tumor& t) { return row.specifics.contains(t); };
    if (one_each(p, is_nos, is_specific)) return true;
  }
  return false;
}

Rule multiple_when(std::string step, std::string reason, bool (*holds)(const Pair&)) {
  return Rule{std::move(step), std::move(reason),
              [holds](const Pair& p) { return holds(p) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none(); }};
}

std::vector<Rule> rules_m3_to_m7() {
  std::vector<Rule> rules;
  rules.push_back(rule_when("M3", kMultiple, "Tumors on the right side and the left side of a paired site are multiple primaries.",
                            opposite_sides_of_paired_site, "Valid and known laterality should be provided."));
  rules.push_back(multiple_when("M4", "Tumors on the upper lip (C000 or C003) and the lower lip (C001 or C004) are multiple primaries.",
                                [](const Pair& p) {
                                  return one_site_each(p, std::array{"C000", "C003"}, std::array{"C001", "C004"});
                                }));
  rules.push_back(multiple_when("M5", "Tumors on the upper gum (C030) and the lower gum (C031) are multiple primaries.",
                                [](const Pair& p) { return one_site_each(p, std::array{"C030"}, std::array{"C031"}); }));
  rules.push_back(multiple_when("M6", "Tumors in the nasal cavity (C300) and the middle ear (C301) are multiple primaries.",
                                [](const Pair& p) { return one_site_each(p, std::array{"C300"}, std::array{"C301"}); }));
  rules.push_back(rule_sites_differ("M7", {1, 2},
                                    "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx) and/or "
                                    "third (Cx?x) character are multiple primaries."));
  return rules;
}

std::vector<Rule> rules_m8_to_m12() {
  std::vector<Rule> rules;
  rules.push_back(rule_when("M8", kMultiple,
                            "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.",
                            invasive_after_in_situ_over_60_days, "There is not enough diagnosis date information."));
  rules.push_back(rule_when("M9", kMultiple, "Tumors diagnosed more than 5 years apart are multiple primaries.",
                            [](const Pair& p) { return years_apart(p, 5); }, "Valid and known diagnosis date should be provided."));
  rules.push_back(Rule{"M10",
                       "Abstract as a single primary* when one tumor is:\n"
                       "- Cancer/malignant neoplasm, NOS (8000) and another is a specific histology or\n"
                       "- Carcinoma, NOS (8010) and another is a specific carcinoma or\n"
                       "- Adenocarcinoma, NOS (8140) and another is a specific adenocarcinoma or\n"
                       "- Squamous cell carcinoma, NOS (8070) and another is specific squamous cell carcinoma or\n"
                       "- Melanoma, NOS (8720) and another is a specific melanoma or\n"
                       "- Sarcoma, NOS (8800) and another is a specific sarcoma",
                       [](const Pair& p) { return nos_and_specific(p) ? RuleOutcome::decided(kSingle) : RuleOutcome::none(); }});
  rules.push_back(multiple_when("M11",
                                "Tumors with ICD-O-3 histology codes that are different at the first (?xxx), second (x?xx) or third "
                                "(xx?x) number are multiple primaries.",
                                [](const Pair& p) { return histology_differs_at(p, {1, 2, 3}); }));
  rules.push_back(rule_no_criteria("M12", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return rules;
}

}  // namespace

RuleSet mph_2007_head_and_neck() {
  RuleSet set;
  set.id = "mph_2007_head_and_neck";
  set.name = "MPH 2007-2017 Head and Neck";
  set.sites_included = Ranges("C000-C148, C300-C329");
  set.histologies_excluded = Ranges("9590-9993, 9140");  // lymphoma, leukemia, Kaposi sarcoma
  set.behaviors = Ranges("2, 3, 6");
  set.years = Ranges("2007-2017");
  for (auto part : {rules_m3_to_m7, rules_m8_to_m12})
    for (auto& rule : part()) set.rules.push_back(std::move(rule));
  return set;
}

}  // namespace chartflow::mph::detail
