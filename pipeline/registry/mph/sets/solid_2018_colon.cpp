// Solid Tumor Rules 2018+, Colon, Rectosigmoid and Rectum: C180-C189, C199, C209 (lymphoma,
// leukemia and Kaposi sarcoma excluded). Rules M3-M15. SEER's M7 and M8 (a subsequent tumour at
// the anastomotic site) need the surgery history, which the pair does not carry; like the
// reference implementation, they are not applied. The rule numbers keep SEER's.
#include "common_rules.hpp"
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

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
const SubtypeColumn& column3() {
  static const SubtypeColumn column{"8200", "8201", "8145", "8142/3", "8510", "8265", "8480", "8430", "8213", "8490", "8143",
                                    "8263", "8020", "8243", "8013", "8041", "8241", "8249", "8156", "9120/3", "8890/3"};
  return column;
}

// M3: adenocarcinoma in polyps with familial polyposis (FAP) 8220 in both.
bool familial_polyposis(const Pair& p) { return p.a.histology == 8220 && p.b.histology == 8220; }

}  // namespace

RuleSet solid_2018_colon() {
  RuleSet set = site_rule_set("solid_2018_colon", "Solid Tumor 2018+ Colon", "C180-C189, C199, C209", "2, 3, 6", "2018-9999");
  auto& rules = set.rules;
  rules.push_back(rule_if("M3", kSingle,
                          "If there is an adenocarcinoma in situ and/or invasive in at least one polyp and one tumor is a familial "
                          "polyposis (FAP) or there are greater than 100 polyps (no FAP), then this is a single primary.",
                          familial_polyposis));
  rules.push_back(rule_sites_differ("M4"));
  rules.push_back(rule_subtypes_differ("M5",
                                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, "
                                       "Table 1 in the Equivalent Terms and Definitions are multiple primaries.",
                                       column3()));
  rules.push_back(rule_rows("M6",
                            "Separate/non-contiguous tumors that are on different rows in Table 1 in the Equivalent Terms and Definitions "
                            "are multiple primaries.",
                            Rows::different, table1()));
  // M7 and M8 (a subsequent tumour at the anastomotic site) need the surgery history: not applied.
  rules.push_back(rule_sites_differ_unless(
      "M9", "Tumors in sites with ICD-O site codes that differ at the fourth character (C18X) are multiple primaries.", "C189"));
  rules.push_back(rule_years_apart("M10", 1));
  // M11: both histologies are in the table here: M6 has answered any pair with one missing.
  rules.push_back(rule_when("M11", kSingle,
                            "Synchronous, separate/non-contiguous tumors that are on the same row in Table 1 in the Equivalent Terms and "
                            "Definitions are a single primary.",
                            [](const Pair& p) { return same_row_within_60_days(p, table1()); }));
  add_rules(rules, rules_in_situ_and_invasive(12, Side::any));
  rules.push_back(rule_no_criteria("M15"));
  return set;
}

}  // namespace chartflow::mph::detail
