// Solid Tumor Rules 2018+, Urinary Sites: renal pelvis C659, ureter C669, bladder C670-C679 and
// other urinary organs C680-C689 (lymphoma, leukemia and Kaposi sarcoma excluded). Rules M3-M18.
// Histologies are grouped by Table 2 of the 2018 Urinary Equivalent Terms and Definitions (one
// row per NOS, Column 3 lists the subtypes/variants), as tabulated by the reference implementation
// at the time the test data was made.
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <vector>

namespace chartflow::mph::detail {
namespace {

constexpr int kRenalPelvis = 659;
constexpr int kUreter = 669;

bool in_bladder(const Tumor& t) { return site_number(t) >= 670 && site_number(t) <= 679; }
bool both_in_bladder(const Pair& p) { return in_bladder(p.a) && in_bladder(p.b); }

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

bool both_urothelial(const Pair& p) { return both_in(urothelial(), p); }
bool both_urothelial_not_micropapillary(const Pair& p) { return both_in(urothelial_not_micropapillary(), p); }

// Rule M12: the subtypes/variants of Column 3, Table 2, except rhabdomyosarcoma NOS 8900/3 which
// is counted as its embryonal variant 8910/3.
const SubtypeColumn& column3() {
  static const SubtypeColumn column{{"8310", "8380", "8144", "8480", "9120/3", "9220/3", "8890/3", "8850/3", "9540/3", "8802/3", "8013",
                                     "8240", "8051", "8031/3", "8082/3", "8130", "8131/3", "8020/3", "8122/3", "8910/3"},
                                    {{"8900/3", {"8910/3"}}}};
  return column;
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
  return rule_when(std::move(step), kMultiple, std::move(reason), [site](const Pair& p) {
    return site_number(p.a) == site && site_number(p.b) == site ? on_both_sides(p) : Tri::no;
  }, kUnknownLaterality);
}

// M5: synchronous in situ urothelial carcinoma 8120/2 of the bladder and a ureter.
Tri bladder_and_ureter_in_situ(const Pair& p) {
  static const HistologySet in_situ_urothelial{"8120/2"};
  auto bladder = [](const Tumor& t) { return in_bladder(t) && in_situ_urothelial.contains(t); };
  auto ureter = [](const Tumor& t) { return site_number(t) == kUreter && in_situ_urothelial.contains(t); };
  return one_each(p, bladder, ureter) ? within_days(p, 60) : Tri::no;
}

// M7 (in situ) and M9 (invasive): every occurrence of urothelial carcinoma of that behaviour in
// the bladder is one primary. M7 leaves micropapillary out, M9 takes it in (M8 came between).
bool bladder_in_situ_urothelial(const Pair& p) {
  return is_in_situ(p.a) && is_in_situ(p.b) && both_in_bladder(p) && both_urothelial_not_micropapillary(p);
}
bool bladder_invasive_urothelial(const Pair& p) { return is_invasive(p.a) && is_invasive(p.b) && both_in_bladder(p) && both_urothelial(p); }

// M8: micropapillary urothelial carcinoma 8131 and another urothelial carcinoma, in the bladder.
bool bladder_micropapillary_and_urothelial(const Pair& p) {
  auto micropapillary = [](const Tumor& t) { return t.histology == 8131; };
  auto other = [](const Tumor& t) { return urothelial_not_micropapillary().contains(t); };
  return both_in_bladder(p) && one_each(p, micropapillary, other);
}

// M10: more than three years apart, except urothelial carcinomas (not micropapillary) that are
// both in the bladder.
Tri disease_free_three_years(const Pair& p) {
  if (both_in_bladder(p) && both_urothelial_not_micropapillary(p)) return Tri::no;
  return years_apart(p, 3);
}

// M11: urothelial carcinomas (any behaviour) in two different urinary organs.
bool urothelial_in_several_organs(const Pair& p) {
  const bool organs = urinary_organs().contains_site(p.a.site) && urinary_organs().contains_site(p.b.site) && site_differs_at(p, {1, 2});
  return organs && both_urothelial(p);
}

// M15: synchronous (60 days or less apart) tumours on the same Table 2 row; a histology missing
// from the table stops the rules (as M13 does).
RuleOutcome same_row_synchronous(const Pair& p) {
  if (const auto missing = not_in_table(p, table2())) return RuleOutcome::unable_final(*missing);
  return outcome_when(kSingle, same_row_within_60_days(p, table2()), kUnknownDate);
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
  rules.push_back(rule_when("M5", kSingle,
                            "Tumors of the bladder (C670-C679) and ureter (C669) and are in situ urothelial carcinoma (8120/2) are a "
                            "single primary.",
                            bladder_and_ureter_in_situ));
  rules.push_back(rule_invasive_after_in_situ("M6"));
  rules.push_back(rule_if("M7", kSingle,
                          "Multiple occurrences of noninvasive in situ /2 urothelial carcinoma (flat tumor) 8120/2 and/or Papillary "
                          "urothelial carcinoma noninvasive 8130/2 tumors in the bladder is a single primary.",
                          bladder_in_situ_urothelial));
  rules.push_back(rule_if("M8", kMultiple,
                          "Micropapillary urothelial carcinoma 8131/3 of the bladder AND a urothelial carcinoma 8120/3 (including "
                          "papillary 8130/3) of the bladder are multiple primaries.",
                          bladder_micropapillary_and_urothelial));
  rules.push_back(rule_if("M9", kSingle, "Multiple invasive urothelial cell carcinomas in the bladder is a single primary.",
                          bladder_invasive_urothelial));
  return rules;
}

std::vector<Rule> rules_m10_to_m18() {
  std::vector<Rule> rules;
  rules.push_back(rule_when("M10", kMultiple,
                            "Abstract multiple primaries when the patient has a subsequent tumor after being clinically disease-free for "
                            "greater than three years after the original diagnosis or last recurrence. This rule does not apply when "
                            "both/all tumors are urothelial carcinoma of the bladder.",
                            disease_free_three_years));
  rules.push_back(
      rule_if("M11", kSingle, "Urothelial carcinomas in multiple urinary organs is a single primary.", urothelial_in_several_organs));
  rules.push_back(rule_subtypes_differ("M12",
                                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, "
                                       "Table 2 in the Equivalent Terms and Definitions, are multiple primaries.",
                                       column3()));
  rules.push_back(rule_rows("M13",
                            "Separate/non-contiguous tumors that are on different rows in Table 2 in the Equivalent Terms and Definitions, "
                            "are multiple primaries.",
                            Rows::different, table2()));
  rules.push_back(rule_sites_differ("M14"));
  rules.push_back(Rule{"M15",
                       "Synchronous, separate/non-contiguous tumors that are on the same row in Table 2 in the Equivalent Terms and "
                       "Definitions are a single primary.",
                       same_row_synchronous});
  rules.push_back(rule_in_situ_after_invasive("M16", Side::any, "An in situ tumor following an invasive tumor is a single primary."));
  rules.push_back(rule_invasive_within_60_days("M17", Side::any));
  rules.push_back(rule_no_criteria("M18"));
  return rules;
}

}  // namespace

RuleSet solid_2018_urinary() {
  return site_rule_set("solid_2018_urinary", "Solid Tumor 2018+ Urinary", "C659, C669, C670-C679, C680-C689", "2-3, 6", "2018-9999",
                       {rules_m3_to_m9(), rules_m10_to_m18()});
}

}  // namespace chartflow::mph::detail
