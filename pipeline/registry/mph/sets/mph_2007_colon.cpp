// MP/H rules 2007-2017 for colon (C180-C189; rectosigmoid and rectum fall under Other Sites),
// lymphoma, leukemia and Kaposi sarcoma excluded.
#include "common_rules.hpp"
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

bool polyp(const Tumor& t) { return polyps().contains(t); }
bool adenocarcinoma(const Tumor& t) { return adenocarcinomas().contains(t); }

// M3: adenocarcinoma in adenomatous polyposis coli / familial polyposis.
bool familial_polyposis(const Tumor& t) { return t.histology == 8220 || t.histology == 8221; }

}  // namespace

RuleSet mph_2007_colon() {
  RuleSet set = site_rule_set("mph_2007_colon", "MPH 2007-2017 Colon", "C180-C189", "2, 3, 6", "2007-2017");
  auto& rules = set.rules;
  rules.push_back(rule_if("M3", kSingle,
                          "Adenocarcinoma in adenomatous polyposis coli (familial polyposis) with one or more malignant polyps is a "
                          "single primary.",
                          [](const Pair& p) { return one_each(p, familial_polyposis, polyp) && (is_invasive(p.a) || is_invasive(p.b)); }));
  rules.push_back(rule_sites_differ("M4", {1, 2, 3},
                                    "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx), third "
                                    "(Cx?x) and/or fourth (C18?) character are multiple primaries."));
  // M5 keeps its own wording ("one (1) year"), unlike the generic years-apart rules of the other sets.
  rules.push_back(rule_years_apart("M5", 1, "Tumors diagnosed more than one (1) year apart are multiple primaries."));
  rules.push_back(rule_invasive_after_in_situ("M6"));
  // M7 and M9 do not ask for in situ or malignant tumours, nor (M7) rule out two polyps, unlike
  // Other Sites M13-M14: a behaviour 6 polyp, or two polyps one of which is an adenocarcinoma code,
  // are taken here.
  rules.push_back(rule_if("M7", kSingle,
                          "A frank malignant or in situ adenocarcinoma and an in situ or malignant tumor in a polyp are a single primary.",
                          [](const Pair& p) { return one_each(p, adenocarcinoma, polyp); }));
  rules.push_back(rule_nos_and_specific("M8", {8000, 8010, 8140, 8800}, "Abstract as a single primary when one tumor is:\n"));
  rules.push_back(rule_if("M9", kSingle, "Multiple in situ and/or malignant polyps are a single primary.",
                          [](const Pair& p) { return polyp(p.a) && polyp(p.b); }));
  rules.push_back(rule_histologies_differ("M10"));
  rules.push_back(rule_no_criteria("M11"));
  return set;
}

}  // namespace chartflow::mph::detail
