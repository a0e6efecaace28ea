// MP/H rules 2007 for "other sites": every solid tumour site that no site-specific MP/H 2007 or
// Solid Tumor 2018+/2021+ module covers (the reference leaves out Head and Neck, Colon, Lung,
// Melanoma of Skin, Breast, Kidney, Renal Pelvis, Ureter, Bladder, Brain, Lymphoma and Leukemia).
// SEER kept this module in force through 2022, when the 2023 Solid Tumor Other Sites rules replaced
// it. Because it covers "what the others do not", it must be tried after every specific set of the
// same years: all_rule_sets() must list it after the Solid Tumor 2018+ and 2021+ sets.
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <array>

namespace chartflow::mph::detail {
namespace {

// Table 1: paired organs and sites with laterality. Both tumours must be in the same entry (e.g.
// the testis C620-C629, the eye and adnexa C690-C699).
const std::array<Ranges, 25>& paired_sites() {
  static const std::array<Ranges, 25> table{
      Ranges("C384"),      Ranges("C400"), Ranges("C401"), Ranges("C402"),      Ranges("C403"),      Ranges("C413"), Ranges("C414"),
      Ranges("C441"),      Ranges("C442"), Ranges("C443"), Ranges("C445"),      Ranges("C446"),      Ranges("C447"), Ranges("C471"),
      Ranges("C472"),      Ranges("C491"), Ranges("C492"), Ranges("C569"),      Ranges("C570"),      Ranges("C630"), Ranges("C631"),
      Ranges("C620-C629"), Ranges("C690-C699"), Ranges("C740-C749"), Ranges("C754")};
  return table;
}

bool colon_or_rectum(const Tumor& t) { return t.site.compare(0, 3, "C18") == 0 || t.site == "C199" || t.site == "C209"; }

// M6: follicular (8330/3) and papillary (8260/3) carcinoma of the thyroid.
Tri thyroid_follicular_papillary_within_60_days(const Pair& p) {
  static const HistologySet follicular_or_papillary{"8330/3", "8260/3"};
  return both_at(p, "C739") && both_in(follicular_or_papillary, p) ? within_days(p, 60) : Tri::no;
}

// M7: epithelial tumours (8000-8799) of the ovary that are the same histology: the same code,
// either one carcinoma NOS / cancer NOS, or serous (8441) with papillary serous (8460, 8461).
Tri ovary_epithelial_within_60_days(const Pair& p) {
  const int h1 = p.a.histology, h2 = p.b.histology;
  if (!both_at(p, "C569") || h1 > 8799 || h2 > 8799) return Tri::no;
  auto nos = [](int h) { return h == 8000 || h == 8010; };
  auto serous = [](const Tumor& t) { return t.histology == 8441; };
  auto papillary_serous = [](const Tumor& t) { return t.histology == 8460 || t.histology == 8461; };
  if (h1 != h2 && !nos(h1) && !nos(h2) && !one_each(p, papillary_serous, serous)) return Tri::no;
  return within_days(p, 60);
}

std::vector<Rule> rules_m3_to_m9() {
  std::vector<Rule> rules;
  rules.push_back(rule_if("M3", kSingle, "Adenocarcinoma of the prostate is always a single primary.", [](const Pair& p) {
    return both_at(p, "C619") && p.a.histology == 8140 && p.b.histology == 8140;
  }));
  rules.push_back(rule_retinoblastoma("M4"));
  rules.push_back(rule_kaposi_sarcoma("M5"));
  rules.push_back(rule_when("M6", kSingle,
                            "Follicular and papillary tumors in the thyroid within 60 days of diagnosis are a single primary.",
                            thyroid_follicular_papillary_within_60_days));
  rules.push_back(rule_when("M7", kSingle, "Bilateral epithelial tumors (8000-8799) of the ovary within 60 days are a single primary.",
                            ovary_epithelial_within_60_days));
  rules.push_back(rule_when("M8", kMultiple, "Tumors on both sides (right and left) of a site listed in Table 1 are multiple primaries.",
                            [](const Pair& p) { return on_both_sides_of(p, paired_sites()); }, kUnknownLaterality));
  // M9: familial adenomatous polyposis (8220) with in situ or malignant polyps, one of them malignant.
  rules.push_back(rule_polyposis("M9", colon_or_rectum));
  return rules;
}

std::vector<Rule> rules_m10_to_m18() {
  std::vector<Rule> rules;
  rules.push_back(rule_years_apart("M10", 1));
  rules.push_back(rule_sites_differ("M11"));
  rules.push_back(rule_sites_differ_at_fourth("M12", true));
  rules.push_back(rule_adenocarcinoma_and_polyp(
      "M13", "A frank in situ or malignant adenocarcinoma and an in situ or malignant tumor in a polyp are a single primary."));
  rules.push_back(rule_polyps("M14"));
  rules.push_back(rule_invasive_after_in_situ("M15"));
  rules.push_back(rule_nos_and_specific("M16", {8000, 8010, 8070, 8140, 8720, 8800}));
  rules.push_back(rule_histologies_differ("M17"));
  rules.push_back(rule_no_criteria("M18"));
  return rules;
}

}  // namespace

RuleSet mph_2007_other_sites() {
  return other_sites_rule_set("mph_2007_other_sites", "MPH 2007-2022 Other Sites", "2007-2022", {rules_m3_to_m9(), rules_m10_to_m18()});
}

}  // namespace chartflow::mph::detail
