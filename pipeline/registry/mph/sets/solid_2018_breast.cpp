// Solid Tumor Rules 2018+, Breast: C500-C506, C508-C509 (lymphoma, leukemia and Kaposi sarcoma
// excluded). Rules M4-M18. SEER's M8 and M9 (Paget disease with / without an underlying duct
// carcinoma) are skipped, as in the reference implementation; the rule numbers keep SEER's.
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <string>
#include <vector>

namespace chartflow::mph::detail {
namespace {

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

// Column 3 of Table 3; angiosarcoma and rhabdomyosarcoma head several subtypes in the column.
const SubtypeColumn& column3() {
  static const SubtypeColumn column{{"8035", "8562", "8201", "8022/3", "8230/2", "8230/3", "8310", "8519/2", "8512", "8513", "8980/3",
                                     "8572", "8570", "8032", "8571", "8982", "8070", "8574/3", "8013/3", "8041/3", "8249/3", "8504",
                                     "8507", "8509", "9170/3", "9130/3", "8850/3", "8890/3", "9180/3", "8920/3", "8910/3", "8901/3"},
                                    {{"9120/3", {"9170/3", "9130/3"}}, {"8900/3", {"8920/3", "8910/3", "8901/3"}}}};
  return column;
}

// ---- the rules ----

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
  if (later < 0) return RuleOutcome::unable(kSingle, kUnknownDate);
  if (later == 0 || (later == 1 && p.a.histology == 8500) || (later == 2 && p.b.histology == 8500))
    return RuleOutcome::decided(kSingle);
  return RuleOutcome::none();
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
  RuleSet set = site_rule_set("solid_2018_breast", "Solid Tumor 2018+ Breast", "C500-C506, C508-C509", "2, 3, 6", "2018-9999");
  auto& rules = set.rules;
  add_rules(rules, breast_rules_m4_to_m7(
                       "Inflammatory carcinoma in multiple quadrants of the same breast or in bilateral breasts is a single primary."));
  // M8-M9 (Paget disease with or without an underlying tumour) are skipped, as in the reference.
  rules.push_back(rule_if("M10", kSingle, "Carcinoma NST/duct and lobular carcinoma is a single primary.", duct_and_lobular));
  rules.push_back(Rule{"M11", m11_reason(), duct_after_combination});
  rules.push_back(rule_subtypes_differ("M12",
                                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, "
                                       "Table 3 in the Equivalent Terms and Definitions are multiple primaries.",
                                       column3()));
  rules.push_back(rule_when("M13", kSingle,
                            "Synchronous, separate/non-contiguous tumors on the same row in Table 3 in the Equivalent Terms and "
                            "Definitions is a single primary.",
                            [](const Pair& p) { return same_row_within_60_days(p, table3()); }));
  rules.push_back(rule_rows("M14",
                            "Separate/non-contiguous tumors on different rows in Table 3 or a combination code in Table 2 and a code from "
                            "Table 3 in the Equivalent Terms and Definitions are multiple primaries.",
                            Rows::different, table3_then_table2()));
  // M15-M16 ask for the same breast.
  add_rules(rules, rules_in_situ_and_invasive(15, Side::same));
  rules.push_back(rule_no_criteria("M18"));
  return set;
}

}  // namespace chartflow::mph::detail
