// Solid Tumor Rules 2018+, Urinary Sites: renal pelvis C659, ureter C669, bladder C670-C679 and
// other urinary organs C680-C689 (lymphoma, leukemia and Kaposi sarcoma excluded). Rules M3-M18.
// Histologies are grouped by Table 2 of the 2018 Urinary Equivalent Terms and Definitions (one
// row per NOS, Column 3 lists the subtypes/variants), as tabulated by the reference implementation
// at the time the test data was made.
#include "rule_sets.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mph::detail {
namespace {

constexpr const char* kName = "Solid Tumor 2018+ Urinary";
constexpr int kRenalPelvis = 659;
constexpr int kUreter = 669;

constexpr const char* kLaterality = "Valid and known laterality should be provided.";
constexpr const char* kDiagnosisDate = "Valid and known diagnosis date should be provided.";

// A final QUESTIONABLE answer carries the whole "Unable to apply" sentence itself.
std::string unable_to_apply(std::string_view step, const std::string& why) {
  return "Unable to apply Rule " + std::string(step) + " of " + kName + ". " + why;
}

bool both_sides_known(const Pair& p) { return known_side(p.a.laterality) && known_side(p.b.laterality); }
bool in_bladder(const Tumor& t) { return site_number(t) >= 670 && site_number(t) <= 679; }
bool both_in_bladder(const Pair& p) { return in_bladder(p.a) && in_bladder(p.b); }

// The tumour diagnosed later, or nullptr (same day, or cannot tell).
const Tumor* later_tumor(const Pair& p, int later) { return later == 1 ? &p.a : later == 2 ? &p.b : nullptr; }

// ---- sites and histologies ----

// Rule M11: the urinary organs of multifocal urothelial carcinoma: renal pelvis, ureter, bladder,
// urethra (other urinary organs C681-C689 are not among them).
const Ranges& urinary_organs() {
  static const Ranges sites{"C659, C669, C670-C679, C680"};
  return sites;
}

// Urothelial carcinoma 8120 and its subtypes/variants (any behaviour).
const HistologySet& urothelial() {
  static const HistologySet set{"8120", "8031", "8082", "8130", "8131", "8020", "8122"};
  return set;
}

// The same without micropapillary urothelial carcinoma 8131, which rule M8 keeps apart.
const HistologySet& urothelial_not_micropapillary() {
  static const HistologySet set{"8120", "8031", "8082", "8130", "8020", "8122"};
  return set;
}

bool both_urothelial(const Pair& p) { return urothelial().contains(p.a) && urothelial().contains(p.b); }
bool both_urothelial_not_micropapillary(const Pair& p) {
  return urothelial_not_micropapillary().contains(p.a) && urothelial_not_micropapillary().contains(p.b);
}

// Rule M12: the subtypes/variants of Column 3, Table 2, one row each, except rhabdomyosarcoma NOS
// 8900/3 which is counted as its embryonal variant 8910/3.
const HistologyTable& column3_subtypes() {
  static const HistologyTable table = [] {
    std::vector<HistologyTable::Row> rows;
    for (const char* code : {"8310", "8380", "8144", "8480", "9120/3", "9220/3", "8890/3", "8850/3", "9540/3", "8802/3",
                             "8013", "8240", "8051", "8031/3", "8082/3", "8130", "8131/3", "8020/3", "8122/3"})
      rows.push_back({code, {code}});
    rows.push_back({"8910/3", {"8910/3", "8900/3"}});
    return HistologyTable(std::move(rows));
  }();
  return table;
}

// Table 2 rows, labelled by the row's NOS code.
const HistologyTable& table2() {
  static const HistologyTable table(std::vector<HistologyTable::Row>{
      {"8140", {"8140", "8310", "8380", "8144", "8480"}},  // adenocarcinoma
      {"8720/3", {"8720/3"}},                              // malignant melanoma
      {"8714/3", {"8714/3"}},                              // malignant perivascular epithelioid cell tumor
      {"8800/3", {"8800/3", "9120/3", "9220/3", "8890/3", "8850/3", "9540/3", "8802/3", "8900/3", "8910/3"}},  // sarcoma NOS
      {"8041", {"8041", "8013", "8240"}},                  // small cell neuroendocrine carcinoma
      {"8070", {"8070", "8051"}},                          // squamous cell carcinoma
      {"8120", {"8120", "8031/3", "8082/3", "8130/2", "8130/3", "8131/3", "8020/3", "8122/3"}},  // urothelial carcinoma
  });
  return table;
}

// ---- rules ----

// M3, M4: tumours in the right and the left organ of a pair (renal pelvis, ureter).
Rule both_sides_of(std::string step, std::string reason, int site) {
  return Rule{std::move(step), std::move(reason), [site](const Pair& p) {
                if (site_number(p.a) != site || site_number(p.b) != site) return RuleOutcome::none();
                if (!both_sides_known(p)) return RuleOutcome::unable(Result::multiple_primaries, kLaterality);
                return opposite_sides(p) ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
              }};
}

// M5: synchronous in situ urothelial carcinoma 8120/2 of the bladder and a ureter.
RuleOutcome bladder_and_ureter_in_situ(const Pair& p) {
  static const HistologySet in_situ_urothelial{"8120/2"};
  auto bladder = [](const Tumor& t) { return in_bladder(t) && in_situ_urothelial.contains(t); };
  auto ureter = [](const Tumor& t) { return site_number(t) == kUreter && in_situ_urothelial.contains(t); };
  if (!one_each(p, bladder, ureter)) return RuleOutcome::none();
  switch (days_apart(p, 60)) {
    case Tri::no: return RuleOutcome::decided(Result::single_primary);
    case Tri::unknown: return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
    case Tri::yes: break;
  }
  return RuleOutcome::none();
}

// M6: an invasive tumour more than 60 days after an in situ one.
RuleOutcome invasive_long_after_in_situ(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const int later = later_diagnosis(p);
  const Tumor* last = later_tumor(p, later);
  if (later == 0 || (last && !is_invasive(*last))) return RuleOutcome::none();
  switch (days_apart(p, 60)) {
    case Tri::yes: return RuleOutcome::decided(Result::multiple_primaries);
    case Tri::unknown: return RuleOutcome::unable(Result::multiple_primaries, "There is not enough diagnosis date information.");
    case Tri::no: break;
  }
  return RuleOutcome::none();
}

// M7 (in situ) and M9 (invasive): every occurrence of urothelial carcinoma of that behaviour in
// the bladder is one primary. M7 leaves micropapillary out, M9 takes it in (M8 came between).
RuleOutcome bladder_in_situ_urothelial(const Pair& p) {
  const bool single = is_in_situ(p.a) && is_in_situ(p.b) && both_in_bladder(p) && both_urothelial_not_micropapillary(p);
  return single ? RuleOutcome::decided(Result::single_primary) : RuleOutcome::none();
}

RuleOutcome bladder_invasive_urothelial(const Pair& p) {
  const bool single = is_invasive(p.a) && is_invasive(p.b) && both_in_bladder(p) && both_urothelial(p);
  return single ? RuleOutcome::decided(Result::single_primary) : RuleOutcome::none();
}

// M8: micropapillary urothelial carcinoma 8131 and another urothelial carcinoma, in the bladder.
RuleOutcome bladder_micropapillary_and_urothelial(const Pair& p) {
  auto micropapillary = [](const Tumor& t) { return t.histology == 8131; };
  auto other = [](const Tumor& t) { return urothelial_not_micropapillary().contains(t); };
  return both_in_bladder(p) && one_each(p, micropapillary, other) ? RuleOutcome::decided(Result::multiple_primaries)
                                                                   : RuleOutcome::none();
}

// M10: more than three years apart, except urothelial carcinomas (not micropapillary) that are
// both in the bladder.
RuleOutcome disease_free_three_years(const Pair& p) {
  if (both_in_bladder(p) && both_urothelial_not_micropapillary(p)) return RuleOutcome::none();
  switch (years_apart(p, 3)) {
    case Tri::yes: return RuleOutcome::decided(Result::multiple_primaries);
    case Tri::unknown: return RuleOutcome::unable(Result::multiple_primaries, kDiagnosisDate);
    case Tri::no: break;
  }
  return RuleOutcome::none();
}

// M11: urothelial carcinomas (any behaviour) in two different urinary organs.
RuleOutcome urothelial_in_several_organs(const Pair& p) {
  const bool organs = urinary_organs().contains_site(p.a.site) && urinary_organs().contains_site(p.b.site) &&
                      site_differs_at(p, {1, 2});
  return organs && both_urothelial(p) ? RuleOutcome::decided(Result::single_primary) : RuleOutcome::none();
}

// M12: both histologies are Column 3 subtypes/variants, and different ones.
RuleOutcome different_subtypes(const Pair& p) {
  const auto a = column3_subtypes().row_of(p.a), b = column3_subtypes().row_of(p.b);
  return a && b && *a != *b ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M13: different Table 2 rows.
RuleOutcome different_rows(const Pair& p) {
  const auto a = table2().row_of(p.a), b = table2().row_of(p.b);
  if (!a || !b) return RuleOutcome::decided(Result::questionable, unable_to_apply("M13", *not_in_table(p, table2())));
  return *a != *b ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M15: synchronous (60 days or less apart) tumours on the same Table 2 row.
RuleOutcome same_row_synchronous(const Pair& p) {
  const auto a = table2().row_of(p.a), b = table2().row_of(p.b);
  if (!a || !b) return RuleOutcome::decided(Result::questionable, unable_to_apply("M15", *not_in_table(p, table2())));
  if (*a != *b) return RuleOutcome::none();
  switch (days_apart(p, 60)) {
    case Tri::no: return RuleOutcome::decided(Result::single_primary);
    case Tri::unknown: return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
    case Tri::yes: break;
  }
  return RuleOutcome::none();
}

// M16: an in situ tumour diagnosed after an invasive one.
RuleOutcome in_situ_after_invasive(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const int later = later_diagnosis(p);
  if (later == -1) return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
  const Tumor* last = later_tumor(p, later);
  return last && is_in_situ(*last) ? RuleOutcome::decided(Result::single_primary) : RuleOutcome::none();
}

// M17: an invasive tumour 60 days or less after an in situ one.
RuleOutcome invasive_soon_after_in_situ(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const Tumor* last = later_tumor(p, later_diagnosis(p));
  const Tri apart = days_apart(p, 60);
  if (apart == Tri::yes || (last && !is_invasive(*last))) return RuleOutcome::none();
  if (apart == Tri::unknown) return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
  return RuleOutcome::decided(Result::single_primary);
}

std::vector<Rule> rules_m3_to_m9() {
  std::vector<Rule> rules;
  rules.push_back(both_sides_of("M3",
                                "When no other urinary sites are involved with separate/non-contiguous tumors, and separate/non-contiguous "
                                "tumors in in the right renal pelvis AND tumor(s) in the left renal pelvis are multiple primaries.",
                                kRenalPelvis));
  rules.push_back(both_sides_of("M4",
                                "When no other urinary sites are involved with separate/non-contiguous tumors, and there are "
                                "separate/non-contiguous tumors in both the right ureter AND tumor(s) in the left ureter are multiple "
                                "primaries.",
                                kUreter));
  rules.push_back(Rule{"M5",
                       "Tumors of the bladder (C670-C679) and ureter (C669) and are in situ urothelial carcinoma (8120/2) are a single "
                       "primary.",
                       bladder_and_ureter_in_situ});
  rules.push_back(Rule{"M6", "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.",
                       invasive_long_after_in_situ});
  rules.push_back(Rule{"M7",
                       "Multiple occurrences of noninvasive in situ /2 urothelial carcinoma (flat tumor) 8120/2 and/or Papillary "
                       "urothelial carcinoma noninvasive 8130/2 tumors in the bladder is a single primary.",
                       bladder_in_situ_urothelial});
  rules.push_back(Rule{"M8",
                       "Micropapillary urothelial carcinoma 8131/3 of the bladder AND a urothelial carcinoma 8120/3 (including "
                       "papillary 8130/3) of the bladder are multiple primaries.",
                       bladder_micropapillary_and_urothelial});
  rules.push_back(Rule{"M9", "Multiple invasive urothelial cell carcinomas in the bladder is a single primary.",
                       bladder_invasive_urothelial});
  return rules;
}

std::vector<Rule> rules_m10_to_m18() {
  std::vector<Rule> rules;
  rules.push_back(Rule{"M10",
                       "Abstract multiple primaries when the patient has a subsequent tumor after being clinically disease-free for "
                       "greater than three years after the original diagnosis or last recurrence. This rule does not apply when "
                       "both/all tumors are urothelial carcinoma of the bladder.",
                       disease_free_three_years});
  rules.push_back(Rule{"M11", "Urothelial carcinomas in multiple urinary organs is a single primary.", urothelial_in_several_organs});
  rules.push_back(Rule{"M12",
                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, Table 2 in the "
                       "Equivalent Terms and Definitions, are multiple primaries.",
                       different_subtypes});
  rules.push_back(Rule{"M13",
                       "Separate/non-contiguous tumors that are on different rows in Table 2 in the Equivalent Terms and Definitions, "
                       "are multiple primaries.",
                       different_rows});
  rules.push_back(rule_sites_differ("M14", {1, 2},
                                    "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx) and/or "
                                    "third (Cx?x) character are multiple primaries."));
  rules.push_back(Rule{"M15",
                       "Synchronous, separate/non-contiguous tumors that are on the same row in Table 2 in the Equivalent Terms and "
                       "Definitions are a single primary.",
                       same_row_synchronous});
  rules.push_back(Rule{"M16", "An in situ tumor following an invasive tumor is a single primary.", in_situ_after_invasive});
  rules.push_back(Rule{"M17",
                       "An invasive tumor following an in situ tumor less than or equal to 60 days after diagnosis is a single "
                       "primary.",
                       invasive_soon_after_in_situ});
  rules.push_back(rule_no_criteria("M18", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return rules;
}

}  // namespace

RuleSet solid_2018_urinary() {
  RuleSet set;
  set.id = "solid_2018_urinary";
  set.name = kName;
  set.sites_included = Ranges{"C659, C669, C670-C679, C680-C689"};
  set.histologies_excluded = Ranges{"9590-9993, 9140"};
  set.behaviors = Ranges{"2-3, 6"};
  set.years = Ranges{"2018-9999"};
  set.rules = rules_m3_to_m9();
  for (auto& rule : rules_m10_to_m18()) set.rules.push_back(std::move(rule));
  return set;
}

}  // namespace chartflow::mph::detail
