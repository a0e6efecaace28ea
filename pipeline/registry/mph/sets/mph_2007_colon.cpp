// MP/H rules 2007-2017 for colon (C180-C189; rectosigmoid and rectum fall under Other Sites),
// lymphoma, leukemia and Kaposi sarcoma excluded.
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

constexpr Result kSingle = Result::single_primary;
constexpr Result kMultiple = Result::multiple_primaries;

// Polyps: adenomatous, tubular, villous and tubulovillous adenomas, in any combination.
bool polyp(const Tumor& t) {
  static const HistologySet set{"8210-8211", "8213", "8220-8221", "8261-8263"};
  return set.contains(t);
}

// M3: adenocarcinoma in adenomatous polyposis coli / familial polyposis.
bool familial_polyposis(const Tumor& t) { return t.histology == 8220 || t.histology == 8221; }

// Adenocarcinoma, NOS (8140) and the specific adenocarcinomas.
bool adenocarcinoma(const Tumor& t) {
  static const HistologySet set{
      "8140",      "8000-8005", "8010-8011", "8020-8022", "8046",      "8141-8148", "8154",      "8160-8162", "8190",
      "8200-8201", "8210-8211", "8214-8215", "8220-8221", "8230-8231", "8244-8245", "8250-8255", "8260-8263", "8270-8272",
      "8280-8281", "8290",      "8300",      "8310",      "8312-8320", "8322-8323", "8330-8333", "8335",      "8337",
      "8350",      "8370",      "8380-8384", "8390",      "8400-8403", "8407-8409", "8410",      "8413",      "8420",
      "8440-8442", "8450-8453", "8460-8462", "8470-8473", "8480-8482", "8490",      "8500-8504", "8507-8508", "8510",
      "8512-8514", "8520-8525", "8530",      "8540-8543", "8550-8551", "8561-8562", "8570-8576"};
  return set.contains(t);
}

// M8: an NOS histology and the specific histologies that are the same primary with it.
bool nos_and_specific(const Pair& p) {
  struct NosAndSpecifics {
    int nos;
    HistologySet specifics;
  };
  static const NosAndSpecifics table[] = {
      {8000, {"8001-9999"}},               // cancer, NOS
      {8010, {"8011-8015"}},               // carcinoma, NOS
      {8140, {"8141-8145", "8147-8148"}},  // adenocarcinoma, NOS
      {8800, {"8801-8806"}},               // sarcoma, NOS
  };
  for (const auto& row : table) {
    auto is_nos = [&](const Tumor& t) { return t.histology == row.nos; };
    auto is_specific = [&](const Tumor& t) { return row.specifics.contains(t); };
    if (one_each(p, is_nos, is_specific)) return true;
  }
  return false;
}

// M6: the invasive tumour was diagnosed after the in situ one, more than 60 days later.
Tri invasive_after_in_situ_over_60_days(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return Tri::no;
  const int later = later_diagnosis(p);
  if (later == 0 || (later == 1 && !is_invasive(p.a)) || (later == 2 && !is_invasive(p.b))) return Tri::no;
  return days_apart(p, 60);
}

Rule single_when(std::string step, std::string reason, bool (*holds)(const Pair&)) {
  return Rule{std::move(step), std::move(reason),
              [holds](const Pair& p) { return holds(p) ? RuleOutcome::decided(kSingle) : RuleOutcome::none(); }};
}

}  // namespace

RuleSet mph_2007_colon() {
  RuleSet set;
  set.id = "mph_2007_colon";
  set.name = "MPH 2007-2017 Colon";
  set.sites_included = Ranges("C180-C189");
  set.histologies_excluded = Ranges("9590-9993, 9140");  // lymphoma, leukemia, Kaposi sarcoma
  set.behaviors = Ranges("2, 3, 6");
  set.years = Ranges("2007-2017");

  auto& rules = set.rules;
  rules.push_back(single_when(
      "M3", "Adenocarcinoma in adenomatous polyposis coli (familial polyposis) with one or more malignant polyps is a single primary.",
      [](const Pair& p) { return one_each(p, familial_polyposis, polyp) && (is_invasive(p.a) || is_invasive(p.b)); }));
  rules.push_back(rule_sites_differ("M4", {1, 2, 3},
                                    "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx), third "
                                    "(Cx?x) and/or fourth (C18?) character are multiple primaries."));
  // M5 keeps its own wording ("one (1) year"), unlike the generic years-apart rules of the other sets.
  rules.push_back(rule_when("M5", kMultiple, "Tumors diagnosed more than one (1) year apart are multiple primaries.",
                            [](const Pair& p) { return years_apart(p, 1); }, "Valid and known diagnosis date should be provided."));
  rules.push_back(rule_when("M6", kMultiple,
                            "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.",
                            invasive_after_in_situ_over_60_days, "There is not enough diagnosis date information."));
  rules.push_back(single_when("M7", "A frank malignant or in situ adenocarcinoma and an in situ or malignant tumor in a polyp are a single primary.",
                              [](const Pair& p) { return one_each(p, adenocarcinoma, polyp); }));
  rules.push_back(single_when("M8",
                              "Abstract as a single primary when one tumor is:\n"
                              "- Cancer/malignant neoplasm, NOS (8000) and another is a specific histology or\n"
                              "- Carcinoma, NOS (8010) and another is a specific carcinoma or\n"
                              "- Adenocarcinoma, NOS (8140) and another is a specific adenocarcinoma or\n"
                              "- Sarcoma, NOS (8800) and another is a specific sarcoma",
                              nos_and_specific));
  rules.push_back(single_when("M9", "Multiple in situ and/or malignant polyps are a single primary.",
                              [](const Pair& p) { return polyp(p.a) && polyp(p.b); }));
  rules.push_back(Rule{"M10",
                       "Tumors with ICD-O-3 histology codes that are different at the first (?xxx), second (x?xx) or third (xx?x) "
                       "number are multiple primaries.",
                       [](const Pair& p) {
                         return histology_differs_at(p, {1, 2, 3}) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
                       }});
  rules.push_back(rule_no_criteria("M11", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return set;
}

}  // namespace chartflow::mph::detail
