// MP/H rules 2007 for "other sites": every solid tumour site that no site-specific MP/H 2007 or
// Solid Tumor 2018+/2021+ module covers (the reference leaves out Head and Neck, Colon, Lung,
// Melanoma of Skin, Breast, Kidney, Renal Pelvis, Ureter, Bladder, Brain, Lymphoma and Leukemia).
// SEER kept this module in force through 2022, when the 2023 Solid Tumor Other Sites rules replaced
// it. Because it covers "what the others do not", it must be tried after every specific set of the
// same years: all_rule_sets() must list it after the Solid Tumor 2018+ and 2021+ sets.
#include "rule_sets.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace chartflow::mph::detail {
namespace {

constexpr Result kSingle = Result::single_primary;
constexpr Result kMultiple = Result::multiple_primaries;
const char* const kDateUnknown = "Valid and known diagnosis date should be provided.";
const char* const kLateralityUnknown = "Valid and known laterality should be provided.";

// ---- histology tables (SEER MP/H 2007 Equivalent Terms, Definitions and Tables) ----

// Polyps: adenomatous, tubular, villous and tubulovillous adenomas, in any combination.
const HistologySet& polyps() {
  static const HistologySet set{"8210-8211", "8213", "8220-8221", "8261-8263"};
  return set;
}

// Adenocarcinoma, NOS (8140) and the specific adenocarcinomas.
const HistologySet& adenocarcinomas() {
  static const HistologySet set{
      "8140",      "8000-8005", "8010-8011", "8020-8022", "8046",      "8141-8148", "8154",      "8160-8162", "8190",
      "8200-8201", "8210-8211", "8214-8215", "8220-8221", "8230-8231", "8244-8245", "8250-8255", "8260-8263", "8270-8272",
      "8280-8281", "8290",      "8300",      "8310",      "8312-8320", "8322-8323", "8330-8333", "8335",      "8337",
      "8350",      "8370",      "8380-8384", "8390",      "8400-8403", "8407-8409", "8410",      "8413",      "8420",
      "8440-8442", "8450-8453", "8460-8462", "8470-8473", "8480-8482", "8490",      "8500-8504", "8507-8508", "8510",
      "8512-8514", "8520-8525", "8530",      "8540-8543", "8550-8551", "8561-8562", "8570-8576"};
  return set;
}

// Rule M16: an NOS histology and the specific histologies that are the same primary with it.
struct NosAndSpecifics {
  int nos;
  HistologySet specifics;
};
const std::array<NosAndSpecifics, 6>& nos_vs_specific() {
  static const std::array<NosAndSpecifics, 6> table{{
      {8000, {"8001-9999"}},                                                                     // cancer, NOS
      {8010, {"8011-8015"}},                                                                     // carcinoma, NOS
      {8070, {"8071-8078", "8080-8084"}},                                                        // squamous cell carcinoma, NOS
      {8140, {"8141-8145", "8147-8148"}},                                                        // adenocarcinoma, NOS
      {8720, {"8721-8723", "8726", "8728", "8730", "8740-8746", "8761", "8770-8774", "8780"}},  // melanoma, NOS
      {8800, {"8801-8806"}},                                                                     // sarcoma, NOS
  }};
  return table;
}

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

// ---- facts ----

bool both_at(const Pair& p, std::string_view site) { return p.a.site == site && p.b.site == site; }
bool both_in_situ_or_invasive(const Pair& p) {
  return (is_in_situ(p.a) || is_invasive(p.a)) && (is_in_situ(p.b) || is_invasive(p.b));
}
// Within 60 days of each other: yes, no, or cannot tell from partial dates.
Tri within_60_days(const Pair& p) {
  switch (days_apart(p, 60)) {
    case Tri::yes: return Tri::no;
    case Tri::no: return Tri::yes;
    case Tri::unknown: break;
  }
  return Tri::unknown;
}
bool colon_or_rectum(const Tumor& t) { return t.site.compare(0, 3, "C18") == 0 || t.site == "C199" || t.site == "C209"; }

// M6: follicular (8330/3) and papillary (8260/3) carcinoma of the thyroid.
Tri thyroid_follicular_papillary_within_60_days(const Pair& p) {
  static const HistologySet follicular_or_papillary{"8330/3", "8260/3"};
  if (!both_at(p, "C739") || !follicular_or_papillary.contains(p.a) || !follicular_or_papillary.contains(p.b)) return Tri::no;
  return within_60_days(p);
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
  return within_60_days(p);
}

Tri opposite_sides_of_paired_site(const Pair& p) {
  const auto& table = paired_sites();
  const bool paired = std::any_of(table.begin(), table.end(), [&](const Ranges& r) {
    return r.contains_site(p.a.site) && r.contains_site(p.b.site);
  });
  if (!paired) return Tri::no;
  if (!known_side(p.a.laterality) || !known_side(p.b.laterality)) return Tri::unknown;
  return tri(opposite_sides(p));
}

// M15: the invasive tumour was diagnosed after the in situ one, more than 60 days later.
Tri invasive_after_in_situ_over_60_days(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return Tri::no;
  const int later = later_diagnosis(p);
  if (later == 0 || (later == 1 && !is_invasive(p.a)) || (later == 2 && !is_invasive(p.b))) return Tri::no;
  return days_apart(p, 60);
}

bool nos_and_specific(const Pair& p) {
  const auto& table = nos_vs_specific();
  return std::any_of(table.begin(), table.end(), [&](const NosAndSpecifics& row) {
    auto is_nos = [&](const Tumor& t) { return t.histology == row.nos; };
    auto is_specific = [&](const Tumor& t) { return row.specifics.contains(t); };
    return one_each(p, is_nos, is_specific);
  });
}

// ---- rules ----

Rule single_when(std::string step, std::string reason, bool (*holds)(const Pair&)) {
  return Rule{std::move(step), std::move(reason),
              [holds](const Pair& p) { return holds(p) ? RuleOutcome::decided(kSingle) : RuleOutcome::none(); }};
}

std::vector<Rule> rules_m3_to_m9() {
  std::vector<Rule> rules;
  rules.push_back(single_when("M3", "Adenocarcinoma of the prostate is always a single primary.", [](const Pair& p) {
    return both_at(p, "C619") && p.a.histology == 8140 && p.b.histology == 8140;
  }));
  rules.push_back(single_when("M4", "Retinoblastoma is always a single primary (unilateral or bilateral).", [](const Pair& p) {
    auto retinoblastoma = [](const Tumor& t) { return t.histology >= 9510 && t.histology <= 9513; };
    return retinoblastoma(p.a) && retinoblastoma(p.b);
  }));
  rules.push_back(single_when("M5", "Kaposi sarcoma (any site or sites) is always a single primary.",
                              [](const Pair& p) { return p.a.histology == 9140 && p.b.histology == 9140; }));
  rules.push_back(rule_when("M6", kSingle, "Follicular and papillary tumors in the thyroid within 60 days of diagnosis are a single primary.",
                            thyroid_follicular_papillary_within_60_days, kDateUnknown));
  rules.push_back(rule_when("M7", kSingle, "Bilateral epithelial tumors (8000-8799) of the ovary within 60 days are a single primary.",
                            ovary_epithelial_within_60_days, kDateUnknown));
  rules.push_back(rule_when("M8", kMultiple, "Tumors on both sides (right and left) of a site listed in Table 1 are multiple primaries.",
                            opposite_sides_of_paired_site, kLateralityUnknown));
  // M9: familial adenomatous polyposis (8220) with in situ or malignant polyps, one of them malignant.
  rules.push_back(single_when(
      "M9", "Adenocarcinoma in adenomatous polyposis coli (familial polyposis) with one or more in situ or malignant polyps is a single primary.",
      [](const Pair& p) {
        auto fap = [](const Tumor& t) { return t.histology == 8220; };
        auto polyp = [](const Tumor& t) { return polyps().contains(t); };
        return colon_or_rectum(p.a) && colon_or_rectum(p.b) && (is_invasive(p.a) || is_invasive(p.b)) && one_each(p, fap, polyp);
      }));
  return rules;
}

std::vector<Rule> rules_m10_to_m14() {
  std::vector<Rule> rules;
  rules.push_back(rule_when("M10", kMultiple, "Tumors diagnosed more than 1 years apart are multiple primaries.",
                            [](const Pair& p) { return years_apart(p, 1); }, kDateUnknown));
  rules.push_back(rule_sites_differ("M11", {1, 2},
                                    "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx) and/or "
                                    "third (Cx?x) character are multiple primaries."));
  // M12: M11 has already ruled out different C?? groups, so checking the first tumour is enough.
  rules.push_back(Rule{"M12",
                       "Tumors with ICD-O-3 topography codes that differ only at the fourth character (Cxx?) and are in any one "
                       "of the following primary sites are multiple primaries.\n"
                       "Anus and anal canal (C21_)\n"
                       "Bones, joints, and articular cartilage (C40_- C41_)\n"
                       "Peripheral nerves and autonomic nervous system (C47_)\n"
                       "Connective subcutaneous and other soft tissues (C49_)\n"
                       "Skin (C44_)",
                       [](const Pair& p) {
                         static const Ranges sites("C210-C219, C400-C419, C440-C449, C470-C479, C490-C499");
                         return sites.contains_site(p.a.site) && site_differs_at(p, {3}) ? RuleOutcome::decided(kMultiple)
                                                                                         : RuleOutcome::none();
                       }});
  rules.push_back(single_when(
      "M13", "A frank in situ or malignant adenocarcinoma and an in situ or malignant tumor in a polyp are a single primary.",
      [](const Pair& p) {
        auto polyp = [](const Tumor& t) { return polyps().contains(t); };
        auto adenocarcinoma = [](const Tumor& t) { return adenocarcinomas().contains(t); };
        return both_in_situ_or_invasive(p) && !(polyp(p.a) && polyp(p.b)) && one_each(p, adenocarcinoma, polyp);
      }));
  rules.push_back(single_when("M14", "Multiple in situ and/or malignant polyps are a single primary.", [](const Pair& p) {
    return both_in_situ_or_invasive(p) && polyps().contains(p.a) && polyps().contains(p.b);
  }));
  return rules;
}

std::vector<Rule> rules_m15_to_m18() {
  std::vector<Rule> rules;
  rules.push_back(rule_when("M15", kMultiple,
                            "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.",
                            invasive_after_in_situ_over_60_days, "There is not enough diagnosis date information."));
  rules.push_back(single_when("M16",
                              "Abstract as a single primary* when one tumor is:\n"
                              "- Cancer/malignant neoplasm, NOS (8000) and another is a specific histology or\n"
                              "- Carcinoma, NOS (8010) and another is a specific carcinoma or\n"
                              "- Squamous cell carcinoma, NOS (8070) and another is specific squamous cell carcinoma or\n"
                              "- Adenocarcinoma, NOS (8140) and another is a specific adenocarcinoma or\n"
                              "- Melanoma, NOS (8720) and another is a specific melanoma or\n"
                              "- Sarcoma, NOS (8800) and another is a specific sarcoma",
                              nos_and_specific));
  rules.push_back(Rule{"M17",
                       "Tumors with ICD-O-3 histology codes that are different at the first (?xxx), second (x?xx) or third (xx?x) "
                       "number are multiple primaries.",
                       [](const Pair& p) {
                         return histology_differs_at(p, {1, 2, 3}) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
                       }});
  rules.push_back(rule_no_criteria("M18", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return rules;
}

}  // namespace

RuleSet mph_2007_other_sites() {
  RuleSet set;
  set.id = "mph_2007_other_sites";
  set.name = "MPH 2007-2022 Other Sites";
  set.histologies_excluded = Ranges("9590-9993");  // lymphoma and leukemia
  set.behaviors = Ranges("2, 3, 6");
  set.years = Ranges("2007-2022");
  for (auto part : {rules_m3_to_m9, rules_m10_to_m14, rules_m15_to_m18})
    for (auto& rule : part()) set.rules.push_back(std::move(rule));
  return set;
}

}  // namespace chartflow::mph::detail
