// Solid Tumor Rules 2018+, Kidney: C649 (lymphoma, leukemia and Kaposi sarcoma excluded). Rules
// M3-M13. Histologies are grouped by Table 1 of the 2018 Kidney Equivalent Terms and Definitions
// (one row per NOS, Column 3 lists the subtypes/variants), as tabulated by the reference
// implementation at the time the test data was made.
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <vector>

namespace chartflow::mph::detail {
namespace {

constexpr int kNephroblastoma = 8960;
constexpr int kHereditaryLeiomyomatosisRcc = 8311;

// ---- histologies ----

// Rule M7: the subtypes/variants of Column 3, Table 1. Rhabdomyosarcoma NOS 8900/3 stands for its
// own variants (alveolar, embryonal, pleomorphic, spindle cell): with one of them it is not two
// different subtypes.
const SubtypeColumn& column3() {
  static const SubtypeColumn column{{"8013", "8041", "8316", "8317", "8323/3", "8310", "8319", "8311", "8480", "8260", "8510",
                                     "9120/3", "8964/3", "8890/3", "9180/3", "9364/3", "8920/3", "8910/3", "8901/3", "8912/3", "9040/3"},
                                    {{"8900/3", {"8920/3", "8910/3", "8901/3", "8912/3"}}}};
  return column;
}

// Table 1 rows, labelled by the row's NOS code.
const HistologyTable& table1() {
  static const HistologyTable table(std::vector<HistologyTable::Row>{
      {"8960", {"8960"}},                  // nephroblastoma
      {"8240", {"8041", "8013", "8240"}},  // neuroendocrine tumor (NET)
      {"8312", {"8312", "8316", "8317", "8323/3", "8310", "8319", "8311", "8480", "8260", "8510"}},  // renal cell carcinoma NOS
      {"8800/3", {"8800/3", "9120/3", "8964/3", "8890/3", "9180/3", "9364/3", "8900/3", "8920/3", "8910/3", "8901/3",
                  "8912/3", "9040/3"}},  // sarcoma
  });
  return table;
}

// ---- rules ----

// M4: bilateral nephroblastomas (invasive), whatever the timing.
bool bilateral_nephroblastomas(const Pair& p) {
  auto nephroblastoma = [](const Tumor& t) { return t.histology == kNephroblastoma && is_invasive(t); };
  return nephroblastoma(p.a) && nephroblastoma(p.b);
}

// M8: synchronous (60 days or less apart) tumours in the same kidney on the same Table 1 row.
// Two 8311 tumours may still be distinct histologies that ICD-O codes alike: questionable.
RuleOutcome same_row_same_kidney(const Pair& p) {
  const auto a = table1().row_of(p.a), b = table1().row_of(p.b);
  if (!a || !b) return RuleOutcome::unable_final(*not_in_table(p, table1()));
  if (*a != *b) return RuleOutcome::none();
  RuleOutcome synchronous = synchronous_same_side(p, kSingle);
  if (synchronous.kind != RuleOutcome::Kind::final) return synchronous;
  if (p.a.histology == kHereditaryLeiomyomatosisRcc && p.b.histology == kHereditaryLeiomyomatosisRcc)
    return RuleOutcome::decided(
        Result::questionable,
        "8311 can be abstracted as multiple primaries if you have any of the following combinations (all coded 8311):\n"
        "- MiT family translocation renal cell carcinoma and Hereditary leiomyomatosis\n"
        "- MiT family translocation renal cell carcinoma and Renal cell carcinoma-associated renal cell carcinoma\n"
        "- MiT family translocation renal cell carcinoma and Succinate dehydrogenase-deficient renal cell carcinoma (SDHS)\n"
        "- Hereditary leiomyomatosis and Succinate dehydrogenase-deficient renal cell carcinoma (SDHS)\n"
        "- Renal cell carcinoma-associated renal cell carcinoma and Succinate dehydrogenase-deficient renal cell carcinoma (SDHS)");
  return synchronous;
}

std::vector<Rule> rules_m3_to_m8() {
  std::vector<Rule> rules;
  rules.push_back(rule_sites_differ("M3", {1, 2, 3},
                                    "When multiple tumors are present in sites with ICD-O site codes that differ at the second (CXxx), "
                                    "third (CxXx) and/or fourth characters (CxxX), abstract multiple primaries."));
  rules.push_back(rule_if("M4", kSingle, "Bilateral nephroblastomas are a single primary.", bilateral_nephroblastomas));
  rules.push_back(rule_when("M5", kMultiple, "Tumors in both the right kidney and in the left kidney are multiple primaries.",
                            on_both_sides, kUnknownLaterality));
  rules.push_back(rule_years_apart("M6", 3));
  rules.push_back(rule_subtypes_differ("M7",
                                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, "
                                       "Table 1 in the Equivalent Terms and Definitions (Tumors must be in the same kidney), are multiple "
                                       "primaries.",
                                       column3()));
  rules.push_back(Rule{"M8",
                       "Synchronous, separate/non-contiguous tumors that are on the same row in Table 1 in the Equivalent Terms and "
                       "Definitions (Tumors must be in the same kidney), are a single primary.",
                       same_row_same_kidney});
  return rules;
}

std::vector<Rule> rules_m9_to_m13() {
  std::vector<Rule> rules;
  rules.push_back(rule_rows("M9",
                            "Separate/non-contiguous tumors that are on different rows in Table 1 in the Equivalent Terms and Definitions "
                            "(Tumors must be in the same kidney), are multiple primaries.",
                            Rows::different, table1()));
  // M10-M11 ask for the same kidney; M12 needs not (opposite kidneys: see M5).
  add_rules(rules, rules_in_situ_and_invasive(10, Side::same,
                                              "An in situ tumor diagnosed following an invasive tumor and tumors are in the same kidney "
                                              "is a single primary."));
  rules.push_back(rule_no_criteria("M13"));
  return rules;
}

}  // namespace

RuleSet solid_2018_kidney() {
  return site_rule_set("solid_2018_kidney", "Solid Tumor 2018+ Kidney", "C649", "2-3, 6", "2018-9999",
                       {rules_m3_to_m8(), rules_m9_to_m13()});
}

}  // namespace chartflow::mph::detail
