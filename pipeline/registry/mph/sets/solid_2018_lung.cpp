// Solid Tumor Rules 2018+, Lung: C340-C343, C348, C349 (lymphoma, leukemia and Kaposi sarcoma
// excluded). Rules M3-M14. Histologies are grouped by Table 2 (combination codes) and Table 3
// (specific histologies: one row per NOS, Column 3 lists the subtypes/variants) of the 2018 Lung
// Equivalent Terms and Definitions, as tabulated by the reference implementation at the time the
// test data was made (small cell/NET codes 8041, 8045, 8240, 8246, 8249 on one row).
#include "rule_sets.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mph::detail {
namespace {

constexpr const char* kName = "Solid Tumor 2018+ Lung";

constexpr const char* kLaterality = "Valid and known laterality should be provided.";
constexpr const char* kDiagnosisDate = "Valid and known diagnosis date should be provided.";
constexpr const char* kLateralityAndDate = "Valid and known laterality and diagnosis date should be provided.";

// A final QUESTIONABLE answer carries the whole "Unable to apply" sentence itself.
std::string unable_to_apply(std::string_view step, const std::string& why) {
  return "Unable to apply Rule " + std::string(step) + " of " + kName + ". " + why;
}

bool both_sides_known(const Pair& p) { return known_side(p.a.laterality) && known_side(p.b.laterality); }
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

// Table 2: combination codes. A code found here and not in Table 3 is "on a different row" from
// every Table 3 code (rule M8) but never the same row as anything (rule M7).
const HistologySet& table2() {
  static const HistologySet set{"8560", "8033", "8562", "8013", "8254/3", "8045", "8072", "8073", "8070", "8074", "8255/3"};
  return set;
}

// Rule M6: the subtypes/variants of Column 3, Table 3; each is its own subtype.
const HistologyTable& column3_subtypes() {
  static const HistologyTable table = [] {
    std::vector<HistologyTable::Row> rows;
    for (const char* code : {"8551", "8200", "8480", "8144", "8333", "8250/3", "8253", "8257/3", "8265",
                             "8254", "8256/3", "8250/2", "8260", "8230", "9043/3", "9042/3", "9137/3", "8842/3",
                             "9041/3", "9040/3", "8249/3", "8045/3", "8246/3", "8240/3", "8083", "8071", "8072"})
      rows.push_back({code, {code}});
    return HistologyTable(std::move(rows));
  }();
  return table;
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

// Tables 2 and 3 together: what "in the table" means for rules M7 and M8.
const HistologyTable& tables2_and_3() {
  static const HistologyTable table = [] {
    auto rows = table3_rows();
    rows.push_back({"Table 2", {"8560", "8033", "8562", "8013", "8254/3", "8045", "8072", "8073", "8070", "8074", "8255/3"}});
    return HistologyTable(std::move(rows));
  }();
  return table;
}

// Where a tumour's histology sits: a Table 3 row, Table 2 (a combination code), or nowhere.
enum class Placement { table3_row, table2, missing };
struct Position {
  Placement placement = Placement::missing;
  std::size_t row = 0;
};

Position position_of(const Tumor& t) {
  if (const auto row = table3().row_of(t)) return {Placement::table3_row, *row};  // Table 3 first
  if (table2().contains(t)) return {Placement::table2, 0};
  return {};
}

bool same_position(const Position& x, const Position& y) { return x.placement == y.placement && x.row == y.row; }

// ---- rules ----

// M6: both histologies are Column 3 subtypes/variants, and different ones.
RuleOutcome different_subtypes(const Pair& p) {
  const auto a = column3_subtypes().row_of(p.a), b = column3_subtypes().row_of(p.b);
  return a && b && *a != *b ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M7: synchronous (60 days or less apart) tumours in the same lung on the same Table 3 row.
RuleOutcome same_row_same_lung(const Pair& p) {
  const Position a = position_of(p.a), b = position_of(p.b);
  if (a.placement == Placement::missing || b.placement == Placement::missing)
    return RuleOutcome::decided(Result::questionable, unable_to_apply("M7", *not_in_table(p, tables2_and_3())));
  if (a.placement != Placement::table3_row || !same_position(a, b)) return RuleOutcome::none();
  const Tri apart = days_apart(p, 60);
  if (apart == Tri::yes) return RuleOutcome::none();
  if (!both_sides_known(p))
    return RuleOutcome::unable(Result::single_primary, apart == Tri::unknown ? kLateralityAndDate : kLaterality);
  if (apart == Tri::unknown) return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
  return same_side(p) ? RuleOutcome::decided(Result::single_primary) : RuleOutcome::none();
}

// M8: different Table 3 rows, or a Table 2 combination code and a Table 3 code.
RuleOutcome different_rows(const Pair& p) {
  const Position a = position_of(p.a), b = position_of(p.b);
  if (a.placement == Placement::missing || b.placement == Placement::missing)
    return RuleOutcome::decided(Result::questionable, unable_to_apply("M8", *not_in_table(p, tables2_and_3())));
  return same_position(a, b) ? RuleOutcome::none() : RuleOutcome::decided(Result::multiple_primaries);
}

// M9: simultaneous (60 days or less apart) tumours in the same lung, or with one of them in both
// lungs (laterality 4). A single tumour in each lung is left to M11: the data cannot tell whether
// either lung holds several tumours, so the answer is questionable.
RuleOutcome simultaneous_tumors(const Pair& p) {
  const Tri apart = days_apart(p, 60);
  if (apart == Tri::yes) return RuleOutcome::none();
  const bool either_bilateral = bilateral(p.a) || bilateral(p.b);
  if (!either_bilateral && !both_sides_known(p))
    return RuleOutcome::unable(Result::single_primary, apart == Tri::unknown ? kLateralityAndDate : kLaterality);
  if (apart == Tri::unknown) return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
  if (either_bilateral || same_side(p)) return RuleOutcome::decided(Result::single_primary);
  return RuleOutcome::decided(Result::questionable, unable_to_apply("M9", "Unknown if multiple tumors exist."));
}

// The tumour diagnosed later, or nullptr (same day, or cannot tell).
const Tumor* later_tumor(const Pair& p, int later) { return later == 1 ? &p.a : later == 2 ? &p.b : nullptr; }

// M10: an in situ tumour diagnosed after an invasive one, not in opposite lungs.
RuleOutcome in_situ_after_invasive(const Pair& p) {
  if (opposite_sides(p) || !one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const int later = later_diagnosis(p);
  const Tumor* last = later_tumor(p, later);
  if (last && is_invasive(*last)) return RuleOutcome::none();
  if (!both_sides_known(p)) return RuleOutcome::unable(Result::single_primary, later == -1 ? kLateralityAndDate : kLaterality);
  if (later == -1) return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
  return last ? RuleOutcome::decided(Result::single_primary) : RuleOutcome::none();
}

// M11: one tumour in each lung.
RuleOutcome one_in_each_lung(const Pair& p) {
  if (!both_sides_known(p)) return RuleOutcome::unable(Result::multiple_primaries, kLaterality);
  return opposite_sides(p) ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M12: an invasive tumour 60 days or less after an in situ one. "In the same lung" needs no test
// here: M11 has already answered for opposite or unknown lungs.
RuleOutcome invasive_soon_after_in_situ(const Pair& p) {
  if (!one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const Tumor* last = later_tumor(p, later_diagnosis(p));
  const Tri apart = days_apart(p, 60);
  if (apart == Tri::yes || (last && !is_invasive(*last))) return RuleOutcome::none();
  if (apart == Tri::unknown) return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
  return RuleOutcome::decided(Result::single_primary);
}

// M13: an invasive tumour more than 60 days after an in situ one (same lung: see M12).
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

std::vector<Rule> rules_m3_to_m8() {
  std::vector<Rule> rules;
  rules.push_back(rule_sites_differ("M3", {1, 2},
                                    "Tumors in sites with ICD-O-3 topography codes that are different at the second (C?xx) and/or "
                                    "third (Cx?x) character are multiple primaries."));
  rules.push_back(rule_when("M4", Result::multiple_primaries, "Tumors diagnosed more than 3 years apart are multiple primaries.",
                            [](const Pair& p) { return years_apart(p, 3); }, kDiagnosisDate));
  rules.push_back(Rule{"M5",
                       "One tumor that is small cell carcinoma 8041 (or any small cell subtypes/variants), and another tumor that is "
                       "non-small cell carcinoma 8046 (or any non-small cell carcinoma subtypes/variants), is multiple primaries.",
                       [](const Pair& p) {
                         auto small = [](const Tumor& t) { return small_cell().contains(t); };
                         auto non_small = [](const Tumor& t) { return non_small_cell().contains(t); };
                         return one_each(p, small, non_small) ? RuleOutcome::decided(Result::multiple_primaries)
                                                              : RuleOutcome::none();
                       }});
  rules.push_back(Rule{"M6",
                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, Table 3 in the "
                       "Equivalent Terms and Definitions are multiple primaries.",
                       different_subtypes});
  rules.push_back(Rule{"M7",
                       "Synchronous separate/non-contiguous tumors in the same lung on the same row in Table 3 in the Equivalent "
                       "Terms and Definitions are a single primary.",
                       same_row_same_lung});
  rules.push_back(Rule{"M8",
                       "Separate/non-contiguous tumors on different rows in Table 3 in the Equivalent Terms and Definitions or a "
                       "combination code in Table 2 and a code from Table 3 are multiple primaries.",
                       different_rows});
  return rules;
}

std::vector<Rule> rules_m9_to_m14() {
  std::vector<Rule> rules;
  rules.push_back(Rule{"M9", "Simultaneous multiple tumors in both lungs, the same lung, or opposite lungs is a single primary.",
                       simultaneous_tumors});
  rules.push_back(Rule{"M10", "An in situ tumor diagnosed following an invasive tumor in the same lung is a single primary.",
                       in_situ_after_invasive});
  rules.push_back(Rule{"M11", "A single tumor in each lung is multiple primaries.", one_in_each_lung});
  rules.push_back(Rule{"M12",
                       "An invasive tumor diagnosed less than or equal to 60 days after an in situ tumor in the same lung is a "
                       "single primary.",
                       invasive_soon_after_in_situ});
  rules.push_back(Rule{"M13",
                       "An invasive tumor following an in situ tumor in the same lung more than 60 days after diagnosis are "
                       "multiple primaries.",
                       invasive_long_after_in_situ});
  rules.push_back(rule_no_criteria("M14", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return rules;
}

}  // namespace

RuleSet solid_2018_lung() {
  RuleSet set;
  set.id = "solid_2018_lung";
  set.name = kName;
  set.sites_included = Ranges{"C340-C343, C348, C349"};
  set.histologies_excluded = Ranges{"9590-9993, 9140"};
  set.behaviors = Ranges{"2-3, 6"};
  set.years = Ranges{"2018-9999"};
  set.rules = rules_m3_to_m8();
  for (auto& rule : rules_m9_to_m14()) set.rules.push_back(std::move(rule));
  return set;
}

}  // namespace chartflow::mph::detail
