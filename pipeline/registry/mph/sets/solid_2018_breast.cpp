// Solid Tumor Rules 2018+, Breast: C500-C506, C508-C509 (lymphoma, leukemia and Kaposi sarcoma
// excluded). Rules M4-M18. SEER's M8 and M9 (Paget disease with / without an underlying duct
// carcinoma) are skipped, as in the reference implementation; the rule numbers keep SEER's.
#include "rule_sets.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mph::detail {
namespace {

constexpr const char* kName = "Solid Tumor 2018+ Breast";
constexpr Result kSingle = Result::single_primary;
constexpr Result kMultiple = Result::multiple_primaries;

constexpr const char* kDateUnknown = "Valid and known diagnosis date should be provided.";
constexpr const char* kLateralityUnknown = "Valid and known laterality should be provided.";
constexpr const char* kLateralityAndDateUnknown = "Valid and known laterality and diagnosis date should be provided.";
constexpr const char* kNotEnoughDate = "There is not enough diagnosis date information.";

// A final QUESTIONABLE answer carries the whole "Unable to apply" sentence itself.
std::string unable_to_apply(std::string_view step, const std::string& why) {
  return "Unable to apply Rule " + std::string(step) + " of " + kName + ". " + why;
}

bool lateralities_known(const Pair& p) { return known_side(p.a.laterality) && known_side(p.b.laterality); }

// ---- Table 3 in the Equivalent Terms and Definitions ----

// The rows of Table 3: a NOS (or preferred term), its synonyms and its subtypes/variants.
std::vector<HistologyTable::Row> table3_rows() {
  return {
      {"8550", {"8550"}},                                                  // acinic cell carcinoma
      {"8200", {"8200"}},                                                  // adenoid cystic carcinoma
      {"8983", {"8983", "8562"}},                                          // adenomyoepithelioma with carcinoma
      {"8401", {"8401"}},                                                  // apocrine carcinoma
      {"8500", {"8500", "8035", "8201", "8022/3", "8230/2", "8230/3"}},    // carcinoma NST
      {"8315", {"8315", "8310"}},                                          // glycogen-rich clear cell carcinoma
      {"8530", {"8530"}},                                                  // inflammatory carcinoma
      {"8314", {"8314"}},                                                  // lipid-rich carcinoma
      {"8520", {"8520", "8519/2"}},                                        // lobular carcinoma
      {"8510", {"8510", "8512", "8513"}},                                  // medullary carcinoma
      {"8575", {"8575", "8980/3", "8572", "8570", "8032", "8571", "8982", "8070"}},  // metaplastic carcinoma
      {"8480", {"8480"}},                                                  // mucinous carcinoma
      {"8430", {"8430"}},                                                  // mucoepidermoid carcinoma
      {"8246/3", {"8246/3", "8574/3", "8013/3", "8041/3"}},                // neuroendocrine carcinoma NOS
      {"8240/3", {"8240/3", "8249/3"}},                                    // neuroendocrine tumor NOS
      {"8290", {"8290"}},                                                  // oncocytic carcinoma
      {"8540", {"8540"}},                                                  // Paget disease, no underlying tumor
      {"8503", {"8503", "8504", "8507", "8509"}},                          // papillary carcinoma
      {"9020/3", {"9020/3"}},                                              // periductal stromal tumor, low grade
      {"8525", {"8525"}},                                                  // polymorphous carcinoma
      {"8800/3",
       {"8800/3", "9120/3", "9170/3", "9130/3", "8850/3", "8890/3", "9180/3", "8900/3", "8920/3", "8910/3", "8901/3"}},  // sarcoma
      {"8410", {"8410"}},                                                  // sebaceous carcinoma
      {"8502", {"8502"}},                                                  // secretory carcinoma
      {"8490", {"8490"}},                                                  // signet ring carcinoma
      {"8211", {"8211"}},                                                  // tubular carcinoma
  };
}

const HistologyTable& table3() {
  static const HistologyTable table{table3_rows()};
  return table;
}

// Rule M14 compares Table 3 rows and the combination codes of Table 2, all of which count as one
// "row". Table 3 comes first, so a code on both tables (8500, 8520, ...) keeps its Table 3 row.
const HistologyTable& table3_then_table2() {
  static const HistologyTable table = [] {
    auto rows = table3_rows();
    rows.push_back({"Table 2", {"8500", "8520", "8522", "8540", "8519/2", "8523", "8524", "8575", "8543", "8541/3", "8255/3"}});
    return HistologyTable{std::move(rows)};
  }();
  return table;
}

// Column 3 of Table 3: the subtype/variant a code is. A NOS heading several subtypes in the
// column (angiosarcoma, rhabdomyosarcoma) stands for all of them.
struct Subtype {
  HistologySet code;
  std::vector<std::string_view> subtypes;
};

const std::vector<Subtype>& column3_subtypes() {
  static const std::vector<Subtype> table = [] {
    std::vector<Subtype> t;
    for (std::string_view code : {"8035", "8562", "8201", "8022/3", "8230/2", "8230/3", "8310", "8519/2", "8512", "8513", "8980/3",
                                  "8572", "8570", "8032", "8571", "8982", "8070", "8574/3", "8013/3", "8041/3", "8249/3", "8504",
                                  "8507", "8509", "9170/3", "9130/3", "8850/3", "8890/3", "9180/3", "8920/3", "8910/3", "8901/3"})
      t.push_back({HistologySet{code}, {code}});
    t.push_back({HistologySet{"9120/3"}, {"9170/3", "9130/3"}});            // angiosarcoma
    t.push_back({HistologySet{"8900/3"}, {"8920/3", "8910/3", "8901/3"}});  // rhabdomyosarcoma
    return t;
  }();
  return table;
}

const std::vector<std::string_view>* subtypes_of(const Tumor& t) {
  const auto& table = column3_subtypes();
  const auto it = std::find_if(table.begin(), table.end(), [&](const Subtype& s) { return s.code.contains(t); });
  return it == table.end() ? nullptr : &it->subtypes;
}

bool includes(const std::vector<std::string_view>& all, const std::vector<std::string_view>& some) {
  return std::all_of(some.begin(), some.end(), [&](std::string_view s) { return std::find(all.begin(), all.end(), s) != all.end(); });
}

// ---- the rules ----

bool inflammatory(const Tumor& t) { return t.histology == 8530 && is_invasive(t); }

// M7: bilateral breast cancer.
RuleOutcome both_breasts(const Pair& p) {
  if (!lateralities_known(p)) return RuleOutcome::unable(kMultiple, kLateralityUnknown);
  return opposite_sides(p) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
}

// M10: carcinoma NST/duct and lobular, or either of them and the mixed duct and lobular 8522.
bool duct_and_lobular(const Pair& p) {
  static const HistologySet nst_duct{"8500/2", "8500/3", "8035/3", "8201/3", "8022/3"};
  static const HistologySet lobular{"8520/2", "8519/2", "8520/3"};
  static const HistologySet duct_or_lobular{"8500/2", "8500/3", "8035/3", "8520/2", "8519/2", "8520/3"};
  static const HistologySet mixed{"8522/2", "8522/3"};
  auto in = [](const HistologySet& s) { return [&s](const Tumor& t) { return s.contains(t); }; };
  return one_each(p, in(nst_duct), in(lobular)) || one_each(p, in(duct_or_lobular), in(mixed)) ||
         (mixed.contains(p.a) && mixed.contains(p.b));
}

// M11: DCIS following a combination code with DCIS, or invasive carcinoma NST following a
// combination code with invasive duct (or both diagnosed the same day).
RuleOutcome duct_after_combination(const Pair& p) {
  static const HistologySet dcis{"8500/2"}, in_situ_combinations{"8522/2", "8543/2", "8543/3", "8523/2"};
  static const HistologySet nst{"8500/3"}, invasive_combinations{"8522/3", "8541/3", "8523/3"};
  auto in = [](const HistologySet& s) { return [&s](const Tumor& t) { return s.contains(t); }; };
  if (!one_each(p, in(dcis), in(in_situ_combinations)) && !one_each(p, in(nst), in(invasive_combinations)))
    return RuleOutcome::none();
  const int later = later_diagnosis(p);
  if (later < 0) return RuleOutcome::unable(kSingle, kDateUnknown);
  if (later == 0 || (later == 1 && p.a.histology == 8500) || (later == 2 && p.b.histology == 8500))
    return RuleOutcome::decided(kSingle);
  return RuleOutcome::none();
}

// M12: two different subtypes/variants of Column 3.
bool different_subtypes(const Pair& p) {
  const auto *a = subtypes_of(p.a), *b = subtypes_of(p.b);
  return a && b && !includes(*a, *b) && !includes(*b, *a);
}

// M13: synchronous (60 days or less apart) tumours on the same row of Table 3.
RuleOutcome same_row_synchronous(const Pair& p) {
  const auto a = table3().row_of(p.a), b = table3().row_of(p.b);
  if (!a || a != b) return RuleOutcome::none();
  switch (days_apart(p, 60)) {
    case Tri::unknown: return RuleOutcome::unable(kSingle, kDateUnknown);
    case Tri::no: return RuleOutcome::decided(kSingle);
    case Tri::yes: break;
  }
  return RuleOutcome::none();
}

// M14: different rows of Table 3, or a Table 2 combination code and a Table 3 code. A histology
// on neither table makes the pair questionable.
RuleOutcome different_rows(const Pair& p) {
  const auto& table = table3_then_table2();
  if (const auto missing = not_in_table(p, table)) return RuleOutcome::decided(Result::questionable, unable_to_apply("M14", *missing));
  return table.row_of(p.a) != table.row_of(p.b) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
}

// M15: an in situ tumour diagnosed after an invasive tumour in the same breast.
RuleOutcome in_situ_after_invasive(const Pair& p) {
  if (opposite_sides(p) || !one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const int later = later_diagnosis(p);
  if ((later == 1 && is_invasive(p.a)) || (later == 2 && is_invasive(p.b))) return RuleOutcome::none();
  if (!lateralities_known(p)) return RuleOutcome::unable(kSingle, later < 0 ? kLateralityAndDateUnknown : kLateralityUnknown);
  if (later < 0) return RuleOutcome::unable(kSingle, kDateUnknown);
  return later == 0 ? RuleOutcome::none() : RuleOutcome::decided(kSingle);
}

// M16: an invasive tumour diagnosed 60 days or less after an in situ tumour in the same breast.
RuleOutcome invasive_within_60_days(const Pair& p) {
  if (opposite_sides(p) || !one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const int later = later_diagnosis(p);
  const Tri over_60 = days_apart(p, 60);
  if (over_60 == Tri::yes || (later == 1 && !is_invasive(p.a)) || (later == 2 && !is_invasive(p.b))) return RuleOutcome::none();
  // The reference words an unknown interval before an unknown laterality.
  if (over_60 == Tri::unknown) return RuleOutcome::unable(kSingle, kDateUnknown);
  if (!lateralities_known(p)) return RuleOutcome::unable(kSingle, kLateralityUnknown);
  return RuleOutcome::decided(kSingle);
}

// M17: an invasive tumour diagnosed more than 60 days after an in situ tumour.
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

Rule single_when(std::string step, std::string reason, bool (*holds)(const Pair&)) {
  return Rule{std::move(step), std::move(reason),
              [holds](const Pair& p) { return holds(p) ? RuleOutcome::decided(kSingle) : RuleOutcome::none(); }};
}

std::string m11_reason() {
  return "The following conditions are a single primary:\n"
         "- DCIS following a diagnosis of: \n"
         "       - DCIS + lobular carcinoma in situ 8522/2 OR\n"
         "       - DCIS + in situ Paget 8543/2 OR\n"
         "       - DCIS + Invasive Paget 8543/3 OR\n"
         "       - DCIS mixed with other in situ 8523/2 (code used for cases diagnosed prior to 1/1/2018)\n"
         "- Invasive carcinoma NST/duct following a diagnosis of:\n"
         "       - Invasive duct + invasive lobular 8522/3 OR\n"
         "       - Invasive duct + invasive Paget 8541/3 OR\n"
         "       - Invasive duct + other invasive carcinoma 8523/3";
}

}  // namespace

RuleSet solid_2018_breast() {
  RuleSet set;
  set.id = "solid_2018_breast";
  set.name = kName;
  set.sites_included = Ranges("C500-C506, C508-C509");
  set.histologies_excluded = Ranges("9590-9993, 9140");  // lymphoma, leukemia, Kaposi sarcoma
  set.behaviors = Ranges("2, 3, 6");
  set.years = Ranges("2018-9999");

  auto& rules = set.rules;
  rules.push_back(rule_sites_differ("M4", {1, 2},
                                    "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx) and/or "
                                    "third (Cx?x) character are multiple primaries."));
  rules.push_back(rule_when("M5", kMultiple, "Tumors diagnosed more than 5 years apart are multiple primaries.",
                            [](const Pair& p) { return years_apart(p, 5); }, kDateUnknown));
  rules.push_back(single_when("M6",
                              "Inflammatory carcinoma in multiple quadrants of the same breast or in bilateral breasts is a single "
                              "primary.",
                              [](const Pair& p) { return inflammatory(p.a) && inflammatory(p.b); }));
  rules.push_back(rule("M7", "Tumors on both sides (right and left breast) are multiple primaries.", both_breasts));
  rules.push_back(single_when("M10", "Carcinoma NST/duct and lobular carcinoma is a single primary.", duct_and_lobular));
  rules.push_back(rule("M11", m11_reason(), duct_after_combination));
  rules.push_back(Rule{"M12",
                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, Table 3 in the "
                       "Equivalent Terms and Definitions are multiple primaries.",
                       [](const Pair& p) { return different_subtypes(p) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none(); }});
  rules.push_back(rule("M13",
                       "Synchronous, separate/non-contiguous tumors on the same row in Table 3 in the Equivalent Terms and Definitions "
                       "is a single primary.",
                       same_row_synchronous));
  rules.push_back(rule("M14",
                       "Separate/non-contiguous tumors on different rows in Table 3 or a combination code in Table 2 and a code from "
                       "Table 3 in the Equivalent Terms and Definitions are multiple primaries.",
                       different_rows));
  rules.push_back(rule("M15", "An in situ tumor diagnosed following an invasive tumor is a single primary.", in_situ_after_invasive));
  rules.push_back(rule("M16",
                       "An invasive tumor following an in situ tumor less than or equal to 60 days after diagnosis is a single "
                       "primary.",
                       invasive_within_60_days));
  rules.push_back(rule("M17", "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.",
                       invasive_after_60_days));
  rules.push_back(rule_no_criteria("M18", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return set;
}

}  // namespace chartflow::mph::detail
