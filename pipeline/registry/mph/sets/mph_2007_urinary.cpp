// MP/H rules 2007-2017 for the urinary sites (renal pelvis C659, ureter C669, bladder C670-C679,
// other urinary organs C680-C689), lymphoma, leukemia and Kaposi sarcoma excluded. Rules M3-M11
// of the SEER urinary module (M1-M2, the single/multiple tumour split, are not coded).
#include "common_rules.hpp"
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

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
Tri both_sides_of(const Pair& p, bool (*in_organ)(const Tumor&)) { return in_organ(p.a) && in_organ(p.b) ? on_both_sides(p) : Tri::no; }

}  // namespace

RuleSet mph_2007_urinary() {
  RuleSet set = site_rule_set("mph_2007_urinary", "MPH 2007-2017 Urinary", "C659, C669, C670-C679, C680-C689", "2, 3, 6", "2007-2017");
  auto& rules = set.rules;
  rules.push_back(rule_when("M3", kMultiple,
                            "When no other urinary sites are involved, tumor(s) in the right renal pelvis AND tumor(s) in the left renal "
                            "pelvis are multiple primaries.",
                            [](const Pair& p) { return both_sides_of(p, renal_pelvis); }, kUnknownLaterality));
  rules.push_back(rule_when("M4", kMultiple,
                            "When no other urinary sites are involved, tumor(s) in both the right ureter AND tumor(s) in the left ureter "
                            "are multiple primaries.",
                            [](const Pair& p) { return both_sides_of(p, ureter); }, kUnknownLaterality));
  rules.push_back(rule_invasive_after_in_situ("M5"));
  rules.push_back(rule_if("M6", kSingle,
                          "Bladder tumors with any combination of the following histologies: papillary carcinoma (8050), transitional "
                          "cell carcinoma (8120-8124), or papillary transitional cell carcinoma (8130-8131), are a single primary.",
                          [](const Pair& p) {
                            return bladder(p.a) && bladder(p.b) && papillary_or_transitional(p.a) && papillary_or_transitional(p.b);
                          }));
  rules.push_back(rule_years_apart("M7", 3));
  rules.push_back(rule_if("M8", kSingle,
                          "Urothelial tumors in two or more of the following sites are a single primary.\n"
                          "- Renal pelvis (C659)\n"
                          "- Ureter(C669)\n"
                          "- Bladder (C670-C679)\n"
                          "- Urethra /prostatic urethra (C680)",
                          [](const Pair& p) {
                            return urothelial(p.a) && urothelial(p.b) && urothelial_site(p.a) && urothelial_site(p.b);
                          }));
  rules.push_back(rule_histologies_differ("M9"));
  rules.push_back(rule_sites_differ("M10"));
  rules.push_back(rule_no_criteria("M11"));
  return set;
}

}  // namespace chartflow::mph::detail
