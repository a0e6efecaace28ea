// MP/H rules 2007-2017 for the urinary sites (renal pelvis C659, ureter C669, bladder C670-C679,
// other urinary organs C680-C689), lymphoma, leukemia and Kaposi sarcoma excluded. Rules M3-M11
// of the SEER urinary module (M1-M2, the single/multiple tumour split, are not coded).
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

constexpr Result kSingle = Result::single_primary;
constexpr Result kMultiple = Result::multiple_primaries;

bool renal_pelvis(const Tumor& t) { return t.site == "C659"; }
bool ureter(const Tumor& t) { return t.site == "C669"; }
bool bladder(const Tumor& t) { return t.site.starts_with("C67"); }
bool urethra(const Tumor& t) { return t.site == "C680"; }

// M6: papillary carcinoma (8050), transitional cell carcinoma (8120-8124), papillary transitional
// cell carcinoma (8130-8131).
bool papillary_or_transitional(const Tumor& t) {
  static const HistologySet set{"8050", "8120-8124", "8130-8131"};
  return set.contains(t);
}

// Table 1 of the urinary rules: urothelial carcinomas (M8).
bool urothelial(const Tumor& t) {
  static const HistologySet set{"8020", "8031", "8082", "8120", "8122", "8130", "8131"};
  return set.contains(t);
}
bool urothelial_site(const Tumor& t) { return renal_pelvis(t) || ureter(t) || bladder(t) || urethra(t); }

// M3, M4: both tumours in the paired organ `in_organ` (and no other urinary site), one on each
// side; needs both lateralities right or left.
Tri both_sides_of(const Pair& p, bool (*in_organ)(const Tumor&)) {
  if (!in_organ(p.a) || !in_organ(p.b)) return Tri::no;
  if (!known_side(p.a.laterality) || !known_side(p.b.laterality)) return Tri::unknown;
  return tri(opposite_sides(p));
}

// M5: the invasive tumour was diagnosed after the in situ one, more than 60 days later. Not this
// rule when they were diagnosed the same day or the in situ tumour is the later one.
Tri invasive_after_in_situ_over_60_days(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return Tri::no;
  const int later = later_diagnosis(p);
  if (later == 0 || (later == 1 && !is_invasive(p.a)) || (later == 2 && !is_invasive(p.b))) return Tri::no;
  return days_apart(p, 60);
}

}  // namespace

RuleSet mph_2007_urinary() {
  RuleSet set;
  set.id = "mph_2007_urinary";
  set.name = "MPH 2007-2017 Urinary";
  set.sites_included = Ranges("C659, C669, C670-C679, C680-C689");
  set.histologies_excluded = Ranges("9590-9993, 9140");  // lymphoma, leukemia, Kaposi sarcoma
  set.behaviors = Ranges("2, 3, 6");
  set.years = Ranges("2007-2017");

  constexpr const char* kUnknownLaterality = "Valid and known laterality should be provided.";
  auto& rules = set.rules;
  rules.push_back(rule_when(
      "M3", kMultiple,
      "When no other urinary sites are involved, tumor(s) in the right renal pelvis AND tumor(s) in the left "
      "renal pelvis are multiple primaries.",
      [](const Pair& p) { return both_sides_of(p, renal_pelvis); }, kUnknownLaterality));
  rules.push_back(rule_when(
      "M4", kMultiple,
      "When no other urinary sites are involved, tumor(s) in both the right ureter AND tumor(s) in the left "
      "ureter are multiple primaries.",
      [](const Pair& p) { return both_sides_of(p, ureter); }, kUnknownLaterality));
  rules.push_back(rule_when(
      "M5", kMultiple, "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.",
      invasive_after_in_situ_over_60_days, "There is not enough diagnosis date information."));
  rules.push_back(
      rule_when("M6", kSingle,
                "Bladder tumors with any combination of the following histologies: papillary carcinoma (8050), "
                "transitional cell carcinoma (8120-8124), or papillary transitional cell carcinoma (8130-8131), are a "
                "single primary.",
                [](const Pair& p) {
                  return tri(bladder(p.a) && bladder(p.b) && papillary_or_transitional(p.a) && papillary_or_transitional(p.b));
                }));
  rules.push_back(rule_when(
      "M7", kMultiple, "Tumors diagnosed more than 3 years apart are multiple primaries.",
      [](const Pair& p) { return years_apart(p, 3); }, "Valid and known diagnosis date should be provided."));
  rules.push_back(rule_when(
      "M8", kSingle,
      "Urothelial tumors in two or more of the following sites are a single primary.\n"
      "- Renal pelvis (C659)\n"
      "- Ureter(C669)\n"
      "- Bladder (C670-C679)\n"
      "- Urethra /prostatic urethra (C680)",
      [](const Pair& p) { return tri(urothelial(p.a) && urothelial(p.b) && urothelial_site(p.a) && urothelial_site(p.b)); }));
  rules.push_back(rule_when("M9", kMultiple,
                            "Tumors with ICD-O-3 histology codes that are different at the first (?xxx), second (x?xx) or third "
                            "(xx?x) number are multiple primaries.",
                            [](const Pair& p) {
                              return tri(histology_differs_at(p, {1, 2, 3}));
                            }));
  rules.push_back(
      rule_sites_differ("M10", {1, 2},
                        "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx) and/or "
                        "third (Cx?x) character are multiple primaries."));
  rules.push_back(rule_no_criteria("M11", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return set;
}

}  // namespace chartflow::mph::detail
