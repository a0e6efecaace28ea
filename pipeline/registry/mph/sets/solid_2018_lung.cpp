// Solid Tumor Rules 2018+, Lung: C340-C343, C348, C349 (lymphoma, leukemia and Kaposi sarcoma
// excluded). Rules M3-M14. Histologies are grouped by Table 2 (combination codes) and Table 3
// (specific histologies: one row per NOS, Column 3 lists the subtypes/variants) of the 2018 Lung
// Equivalent Terms and Definitions, as tabulated by the reference implementation at the time the
// test data was made (small cell/NET codes 8041, 8045, 8240, 8246, 8249 on one row).
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <vector>

namespace chartflow::mph::detail {
namespace {

bool bilateral(const Tumor& t) { return t.laterality == '4'; }

// ---- histologies ----

// Rule M5: small cell carcinoma 8041 and its subtypes/variants.
const HistologySet& small_cell() {
  static const HistologySet set{"8041", "8249", "8045", "8013", "8240"};
  return set;
}

// Rule M5: non-small cell carcinoma 8046 and its subtypes/variants.
const HistologySet& non_small_cell() {
  static const HistologySet set{"8012", "8022", "8023", "8031", "8032", "8046", "8070", "8071", "8072", "8082",
                                "8083", "8140", "8144", "8200", "8230", "8250", "8253", "8254", "8256", "8257",
                                "8260", "8265", "8333", "8430", "8480", "8551", "8560", "8562", "8580", "8714",
                                "8720", "8800", "8842", "8982", "9040", "9041", "9042", "9043", "9133", "9173"};
  return set;
}

// Rule M6: the subtypes/variants of Column 3, Table 3; each is its own subtype.
const SubtypeColumn& column3() {
  static const SubtypeColumn column{"8551", "8200", "8480", "8144", "8333", "8250/3", "8253", "8257/3", "8265",
                                    "8254", "8256/3", "8250/2", "8260", "8230", "9043/3", "9042/3", "9137/3", "8842/3",
                                    "9041/3", "9040/3", "8249/3", "8045/3", "8246/3", "8240/3", "8083", "8071", "8072"};
  return column;
}

// Table 3 rows, labelled by the row's NOS code.
std::vector<HistologyTable::Row> table3_rows() {
  return {
      {"8140", {"8140", "8551", "8200", "8480", "8144", "8333", "8250/3", "8253/2", "8253/3", "8257/3", "8265", "8254",
                "8250/2", "8256/3", "8260", "8230"}},  // adenocarcinoma
      {"8560", {"8560"}},                          // adenosquamous carcinoma
      {"8980/3", {"8980/3"}},                      // carcinosarcoma
      {"9170/3", {"9170/3"}},                      // diffuse pulmonary lymphangiomatosis
      {"8562", {"8562"}},                          // epithelial-myoepithelial carcinoma
      {"9133", {"9133"}},                          // epithelioid hemangioendothelioma
      {"8031", {"8031"}},                          // giant cell carcinoma
      {"8310", {"8310"}},                          // hyalinizing clear cell carcinoma
      {"8580/3", {"8580/3"}},                      // intrapulmonary thymoma
      {"8012", {"8012"}},                          // large cell carcinoma
      {"9174/3", {"9174/3"}},                      // lymphangioleiomyomatosis
      {"8013", {"8013"}},                          // large cell neuroendocrine carcinoma
      {"8082", {"8082"}},                          // lymphoepithelioma-like carcinoma
      {"8720", {"8720"}},                          // melanoma
      {"8430", {"8430"}},                          // mucoepidermoid carcinoma
      {"8982", {"8982"}},                          // myoepithelial carcinoma
      {"8023/3", {"8023/3"}},                      // NUT carcinoma
      {"8714/3", {"8714/3"}},                      // PEComa, malignant
      {"8022", {"8022"}},                          // pleomorphic carcinoma
      {"8973/3", {"8973/3"}},                      // pleuropulmonary blastoma
      {"8972/3", {"8972/3"}},                      // pulmonary blastoma
      {"8800/3", {"8800/3", "9043/3", "9042/3", "9137/3", "8842/3", "9041/3", "9040/3"}},  // sarcoma NOS
      {"8041/3", {"8041/3", "8249/3", "8045/3", "8246/3", "8240/3"}},  // small cell carcinoma/NET
      {"8032", {"8032"}},                          // spindle cell carcinoma
      {"8070", {"8070", "8083", "8071", "8072"}},  // squamous cell carcinoma
      {"8044/3", {"8044/3"}},                      // thoracic SMARCA4-deficient undifferentiated tumor
  };
}

const HistologyTable& table3() {
  static const HistologyTable table(table3_rows());
  return table;
}

// Tables 2 and 3 together: what "in the table" means for rules M7 and M8. Table 2 (the combination
// codes) is one more row after Table 3's, so a code in both keeps its Table 3 row; a code only in
// Table 2 is "on a different row" from every Table 3 code (M8) but the same row as nothing (M7).
const HistologyTable& tables2_and_3() {
  static const HistologyTable table = [] {
    auto rows = table3_rows();
    rows.push_back({"Table 2", {"8560", "8033", "8562", "8013", "8254/3", "8045", "8072", "8073", "8070", "8074", "8255/3"}});
    return HistologyTable(std::move(rows));
  }();
  return table;
}

// ---- rules ----

// M7: synchronous (60 days or less apart) tumours in the same lung on the same Table 3 row (a
// Table 2 combination code is on the same row as nothing).
RuleOutcome same_row_same_lung(const Pair& p) {
  const auto a = tables2_and_3().row_of(p.a), b = tables2_and_3().row_of(p.b);
  if (!a || !b) return RuleOutcome::unable_final(*not_in_table(p, tables2_and_3()));
  if (!table3().row_of(p.a) || *a != *b) return RuleOutcome::none();
  return synchronous_same_side(p, kSingle);
}

// M9: simultaneous (60 days or less apart) tumours in the same lung, or with one of them in both
// lungs (laterality 4). A single tumour in each lung is left to M11: the data cannot tell whether
// either lung holds several tumours, so the answer is questionable.
RuleOutcome simultaneous_tumors(const Pair& p) {
  const Tri apart = days_apart(p, 60);
  if (apart == Tri::yes) return RuleOutcome::none();
  const bool either_bilateral = bilateral(p.a) || bilateral(p.b);
  if (!either_bilateral && !both_sides_known(p))
    return RuleOutcome::unable(kSingle, apart == Tri::unknown ? kUnknownLateralityAndDate : kUnknownLaterality);
  if (apart == Tri::unknown) return RuleOutcome::unable(kSingle, kUnknownDate);
  if (either_bilateral || same_side(p)) return RuleOutcome::decided(kSingle);
  return RuleOutcome::unable_final("Unknown if multiple tumors exist.");
}

std::vector<Rule> rules_m3_to_m8() {
  std::vector<Rule> rules;
  rules.push_back(rule_sites_differ("M3"));
  rules.push_back(rule_years_apart("M4", 3));
  rules.push_back(rule_if("M5", kMultiple,
                          "One tumor that is small cell carcinoma 8041 (or any small cell subtypes/variants), and another tumor that is "
                          "non-small cell carcinoma 8046 (or any non-small cell carcinoma subtypes/variants), is multiple primaries.",
                          [](const Pair& p) {
                            auto small = [](const Tumor& t) { return small_cell().contains(t); };
                            auto non_small = [](const Tumor& t) { return non_small_cell().contains(t); };
                            return one_each(p, small, non_small);
                          }));
  rules.push_back(rule_subtypes_differ("M6",
                                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, "
                                       "Table 3 in the Equivalent Terms and Definitions are multiple primaries.",
                                       column3()));
  rules.push_back(Rule{"M7",
                       "Synchronous separate/non-contiguous tumors in the same lung on the same row in Table 3 in the Equivalent Terms "
                       "and Definitions are a single primary.",
                       same_row_same_lung});
  rules.push_back(rule_rows("M8",
                            "Separate/non-contiguous tumors on different rows in Table 3 in the Equivalent Terms and Definitions or a "
                            "combination code in Table 2 and a code from Table 3 are multiple primaries.",
                            Rows::different, tables2_and_3()));
  return rules;
}

std::vector<Rule> rules_m9_to_m14() {
  std::vector<Rule> rules;
  rules.push_back(Rule{"M9", "Simultaneous multiple tumors in both lungs, the same lung, or opposite lungs is a single primary.",
                       simultaneous_tumors});
  // M10-M13: "in the same lung" needs no test from M12 on: M11 has already answered for opposite
  // or unknown lungs.
  rules.push_back(rule_in_situ_after_invasive(
      "M10", Side::same, "An in situ tumor diagnosed following an invasive tumor in the same lung is a single primary."));
  rules.push_back(rule_when("M11", kMultiple, "A single tumor in each lung is multiple primaries.", on_both_sides, kUnknownLaterality));
  rules.push_back(rule_invasive_within_60_days(
      "M12", Side::any,
      "An invasive tumor diagnosed less than or equal to 60 days after an in situ tumor in the same lung is a single primary."));
  rules.push_back(rule_invasive_after_in_situ(
      "M13", "An invasive tumor following an in situ tumor in the same lung more than 60 days after diagnosis are multiple primaries."));
  rules.push_back(rule_no_criteria("M14"));
  return rules;
}

}  // namespace

RuleSet solid_2018_lung() {
  return site_rule_set("solid_2018_lung", "Solid Tumor 2018+ Lung", "C340-C343, C348, C349", "2-3, 6", "2018-9999",
                       {rules_m3_to_m8(), rules_m9_to_m14()});
}

}  // namespace chartflow::mph::detail
