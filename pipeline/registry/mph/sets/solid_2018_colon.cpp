// Solid Tumor Rules 2018+, Colon, Rectosigmoid and Rectum: C180-C189, C199, C209 (lymphoma,
// leukemia and Kaposi sarcoma excluded). Rules M3-M15. SEER's M7 and M8 (a subsequent tumour at
// the anastomotic site) need the surgery history, which the pair does not carry; like the
// reference implementation, they are not applied. The rule numbers keep SEER's.
#include "rule_sets.hpp"

#include <string>
#include <string_view>

namespace chartflow::mph::detail {
namespace {

constexpr const char* kName = "Solid Tumor 2018+ Colon";
constexpr Result kSingle = Result::single_primary;
constexpr Result kMultiple = Result::multiple_primaries;

constexpr const char* kDateUnknown = "Valid and known diagnosis date should be provided.";
constexpr const char* kNotEnoughDate = "There is not enough diagnosis date information.";

// A final QUESTIONABLE answer carries the whole "Unable to apply" sentence itself.
std::string unable_to_apply(std::string_view step, const std::string& why) {
  return "Unable to apply Rule " + std::string(step) + " of " + kName + ". " + why;
}

// ---- Table 1 in the Equivalent Terms and Definitions ----

// The rows: a NOS (or preferred term), its synonyms and its subtypes/variants.
const HistologyTable& table1() {
  static const HistologyTable table{{
      {"8140",  // adenocarcinoma
       {"8140", "8200", "8201", "8145", "8142/3", "8510", "8265", "8480", "8430", "8213", "8490", "8143", "8263", "8020"}},
      {"8560", {"8560"}},                                    // adenosquamous carcinoma
      {"8045", {"8045"}},                                    // combined small cell carcinoma
      {"8153", {"8153"}},                                    // gastrinoma
      {"8936/3", {"8936/3"}},                                // gastrointestinal stromal tumor, malignant
      {"8244", {"8244", "8243"}},                            // mixed adenoneuroendocrine carcinoma
      {"8154", {"8154"}},                                    // mixed neuroendocrine non-neuroendocrine neoplasm (MiNEN)
      {"8246", {"8246", "8013", "8041"}},                    // neuroendocrine carcinoma
      {"8240", {"8240", "8241", "8249", "8156"}},            // neuroendocrine tumor grade 1
      {"8800/3", {"8800/3", "9120/3", "8890/3"}},            // sarcoma NOS
      {"8032", {"8032"}},                                    // spindle cell carcinoma
      {"8070", {"8070"}},                                    // squamous cell carcinoma
  }};
  return table;
}

// Column 3 of Table 1: the subtypes/variants.
const HistologySet& column3_subtypes() {
  static const HistologySet set{"8200", "8201", "8145", "8142/3", "8510", "8265", "8480", "8430", "8213", "8490", "8143",
                                "8263", "8020", "8243", "8013", "8041", "8241", "8249", "8156", "9120/3", "8890/3"};
  return set;
}

// ---- the rules ----

// M3: adenocarcinoma in polyps with familial polyposis (FAP) 8220 in both.
bool familial_polyposis(const Pair& p) { return p.a.histology == 8220 && p.b.histology == 8220; }

// M5: two different subtypes/variants of Column 3.
bool different_subtypes(const Pair& p) {
  return p.a.histology != p.b.histology && column3_subtypes().contains(p.a) && column3_subtypes().contains(p.b);
}

// M6: different rows of Table 1. A histology missing from the table makes the pair questionable.
RuleOutcome different_rows(const Pair& p) {
  if (const auto missing = not_in_table(p, table1())) return RuleOutcome::decided(Result::questionable, unable_to_apply("M6", *missing));
  return table1().row_of(p.a) != table1().row_of(p.b) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
}

// M9: different segments of the colon (fourth character). Colon NOS C189 cannot be compared.
RuleOutcome different_segments(const Pair& p) {
  if (p.a.site == "C189" || p.b.site == "C189") return RuleOutcome::unable(kMultiple, "One of the sites is C189.");
  return p.a.site != p.b.site ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
}

// M11: synchronous (60 days or less apart) tumours on the same row of Table 1. Both histologies
// are in the table here: M6 has answered any pair with one missing.
RuleOutcome same_row_synchronous(const Pair& p) {
  const auto a = table1().row_of(p.a), b = table1().row_of(p.b);
  if (!a || a != b) return RuleOutcome::none();
  switch (days_apart(p, 60)) {
    case Tri::unknown: return RuleOutcome::unable(kSingle, kDateUnknown);
    case Tri::no: return RuleOutcome::decided(kSingle);
    case Tri::yes: break;
  }
  return RuleOutcome::none();
}

// M12: an in situ tumour diagnosed after an invasive tumour.
RuleOutcome in_situ_after_invasive(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const int later = later_diagnosis(p);
  if (later < 0) return RuleOutcome::unable(kSingle, kDateUnknown);
  if ((later == 1 && is_in_situ(p.a)) || (later == 2 && is_in_situ(p.b))) return RuleOutcome::decided(kSingle);
  return RuleOutcome::none();
}

// M13: an invasive tumour diagnosed 60 days or less after an in situ tumour.
RuleOutcome invasive_within_60_days(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const int later = later_diagnosis(p);
  const Tri over_60 = days_apart(p, 60);
  if (over_60 == Tri::yes || (later == 1 && !is_invasive(p.a)) || (later == 2 && !is_invasive(p.b))) return RuleOutcome::none();
  return over_60 == Tri::unknown ? RuleOutcome::unable(kSingle, kDateUnknown) : RuleOutcome::decided(kSingle);
}

// M14: an invasive tumour diagnosed more than 60 days after an in situ tumour.
RuleOutcome invasive_after_60_days(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const int later = later_diagnosis(p);
  if (later == 0 || (later == 1 && !is_invasive(p.a)) || (later == 2 && !is_invasive(p.b))) return RuleOutcome::none();
  switch (days_apart(p, 60)) {
    case Tri::unknown: return RuleOutcome::unable(kMultiple, kNotEnoughDate);
    case Tri::yes: return RuleOutcome::decided(kMultiple);
    case Tri::no: break;
  }
  return RuleOutcome::none();
}

Rule rule(std::string step, std::string reason, RuleOutcome (*apply)(const Pair&)) {
  return Rule{std::move(step), std::move(reason), apply};
}

Rule when(std::string step, Result result, std::string reason, bool (*holds)(const Pair&)) {
  return Rule{std::move(step), std::move(reason),
              [result, holds](const Pair& p) { return holds(p) ? RuleOutcome::decided(result) : RuleOutcome::none(); }};
}

}  // namespace

RuleSet solid_2018_colon() {
  RuleSet set;
  set.id = "solid_2018_colon";
  set.name = kName;
  set.sites_included = Ranges("C180-C189, C199, C209");
  set.histologies_excluded = Ranges("9590-9993, 9140");  // lymphoma, leukemia, Kaposi sarcoma
  set.behaviors = Ranges("2, 3, 6");
  set.years = Ranges("2018-9999");

  auto& rules = set.rules;
  rules.push_back(when("M3", kSingle,
                       "If there is an adenocarcinoma in situ and/or invasive in at least one polyp and one tumor is a familial "
                       "polyposis (FAP) or there are greater than 100 polyps (no FAP), then this is a single primary.",
                       familial_polyposis));
  rules.push_back(rule_sites_differ("M4", {1, 2},
                                    "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx) and/or "
                                    "third (Cx?x) character are multiple primaries."));
  rules.push_back(when("M5", kMultiple,
                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, Table 1 in the "
                       "Equivalent Terms and Definitions are multiple primaries.",
                       different_subtypes));
  rules.push_back(rule("M6",
                       "Separate/non-contiguous tumors that are on different rows in Table 1 in the Equivalent Terms and Definitions "
                       "are multiple primaries.",
                       different_rows));
  rules.push_back(rule("M9", "Tumors in sites with ICD-O site codes that differ at the fourth character (C18X) are multiple primaries.",
                       different_segments));
  rules.push_back(rule_when("M10", kMultiple, "Tumors diagnosed more than 1 years apart are multiple primaries.",
                            [](const Pair& p) { return years_apart(p, 1); }, kDateUnknown));
  rules.push_back(rule("M11",
                       "Synchronous, separate/non-contiguous tumors that are on the same row in Table 1 in the Equivalent Terms and "
                       "Definitions are a single primary.",
                       same_row_synchronous));
  rules.push_back(rule("M12", "An in situ tumor diagnosed following an invasive tumor is a single primary.", in_situ_after_invasive));
  rules.push_back(rule("M13",
                       "An invasive tumor following an in situ tumor less than or equal to 60 days after diagnosis is a single "
                       "primary.",
                       invasive_within_60_days));
  rules.push_back(rule("M14", "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.",
                       invasive_after_60_days));
  rules.push_back(rule_no_criteria("M15", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return set;
}

}  // namespace chartflow::mph::detail
