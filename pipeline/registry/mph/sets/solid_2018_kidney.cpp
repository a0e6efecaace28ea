// Solid Tumor Rules 2018+, Kidney: C649 (lymphoma, leukemia and Kaposi sarcoma excluded). Rules
// M3-M13. Histologies are grouped by Table 1 of the 2018 Kidney Equivalent Terms and Definitions
// (one row per NOS, Column 3 lists the subtypes/variants), as tabulated by the reference
// implementation at the time the test data was made.
#include "rule_sets.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mph::detail {
namespace {

constexpr const char* kName = "Solid Tumor 2018+ Kidney";
constexpr int kNephroblastoma = 8960;
constexpr int kHereditaryLeiomyomatosisRcc = 8311;

constexpr const char* kLaterality = "Valid and known laterality should be provided.";
constexpr const char* kDiagnosisDate = "Valid and known diagnosis date should be provided.";
constexpr const char* kLateralityAndDate = "Valid and known laterality and diagnosis date should be provided.";

// A final QUESTIONABLE answer carries the whole "Unable to apply" sentence itself.
std::string unable_to_apply(std::string_view step, const std::string& why) {
  return "Unable to apply Rule " + std::string(step) + " of " + kName + ". " + why;
}

bool both_sides_known(const Pair& p) { return known_side(p.a.laterality) && known_side(p.b.laterality); }

// The tumour diagnosed later, or nullptr (same day, or cannot tell).
const Tumor* later_tumor(const Pair& p, int later) { return later == 1 ? &p.a : later == 2 ? &p.b : nullptr; }

// ---- histologies ----

// Rule M7: the subtypes/variants of Column 3, Table 1; each is its own subtype.
const HistologyTable& column3_subtypes() {
  static const HistologyTable table = [] {
    std::vector<HistologyTable::Row> rows;
    for (const char* code : {"8013", "8041", "8316", "8317", "8323/3", "8310", "8319", "8311", "8480", "8260", "8510",
                             "9120/3", "8964/3", "8890/3", "9180/3", "9364/3", "8900/3", "8920/3", "8910/3", "8901/3",
                             "8912/3", "9040/3"})
      rows.push_back({code, {code}});
    return HistologyTable(std::move(rows));
  }();
  return table;
}

// Rule M7: rhabdomyosarcoma NOS 8900/3 stands in Column 3 for its own variants (alveolar,
// embryonal, pleomorphic, spindle cell): with one of them it is not two different subtypes.
bool rhabdomyosarcoma_nos_and_variant(const Pair& p) {
  static const HistologySet nos{"8900/3"};
  static const HistologySet variants{"8920/3", "8910/3", "8901/3", "8912/3"};
  return one_each(p, [](const Tumor& t) { return nos.contains(t); }, [](const Tumor& t) { return variants.contains(t); });
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
RuleOutcome bilateral_nephroblastomas(const Pair& p) {
  auto nephroblastoma = [](const Tumor& t) { return t.histology == kNephroblastoma && is_invasive(t); };
  return nephroblastoma(p.a) && nephroblastoma(p.b) ? RuleOutcome::decided(Result::single_primary) : RuleOutcome::none();
}

// M5: tumours in both the right and the left kidney.
RuleOutcome both_kidneys(const Pair& p) {
  if (!both_sides_known(p)) return RuleOutcome::unable(Result::multiple_primaries, kLaterality);
  return opposite_sides(p) ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M7: both histologies are Column 3 subtypes/variants, and different ones.
RuleOutcome different_subtypes(const Pair& p) {
  const auto a = column3_subtypes().row_of(p.a), b = column3_subtypes().row_of(p.b);
  const bool different = a && b && *a != *b && !rhabdomyosarcoma_nos_and_variant(p);
  return different ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M8: synchronous (60 days or less apart) tumours in the same kidney on the same Table 1 row.
// Two 8311 tumours may still be distinct histologies that ICD-O codes alike: questionable.
RuleOutcome same_row_same_kidney(const Pair& p) {
  const auto a = table1().row_of(p.a), b = table1().row_of(p.b);
  if (!a || !b) return RuleOutcome::decided(Result::questionable, unable_to_apply("M8", *not_in_table(p, table1())));
  if (*a != *b) return RuleOutcome::none();
  const Tri apart = days_apart(p, 60);
  if (apart == Tri::yes) return RuleOutcome::none();
  if (!both_sides_known(p))
    return RuleOutcome::unable(Result::single_primary, apart == Tri::unknown ? kLateralityAndDate : kLaterality);
  if (apart == Tri::unknown) return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
  if (!same_side(p)) return RuleOutcome::none();
  if (p.a.histology == kHereditaryLeiomyomatosisRcc && p.b.histology == kHereditaryLeiomyomatosisRcc)
    return RuleOutcome::decided(
        Result::questionable,
        "8311 can be abstracted as multiple primaries if you have any of the following combinations (all coded 8311):\n"
        "- MiT family translocation renal cell carcinoma and Hereditary leiomyomatosis\n"
        "- MiT family translocation renal cell carcinoma and Renal cell carcinoma-associated renal cell carcinoma\n"
        "- MiT family translocation renal cell carcinoma and Succinate dehydrogenase-deficient renal cell carcinoma (SDHS)\n"
        "- Hereditary leiomyomatosis and Succinate dehydrogenase-deficient renal cell carcinoma (SDHS)\n"
        "- Renal cell carcinoma-associated renal cell carcinoma and Succinate dehydrogenase-deficient renal cell carcinoma (SDHS)");
  return RuleOutcome::decided(Result::single_primary);
}

// M9: different Table 1 rows.
RuleOutcome different_rows(const Pair& p) {
  const auto a = table1().row_of(p.a), b = table1().row_of(p.b);
  if (!a || !b) return RuleOutcome::decided(Result::questionable, unable_to_apply("M9", *not_in_table(p, table1())));
  return *a != *b ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M10: an in situ tumour diagnosed after an invasive one, not in opposite kidneys.
RuleOutcome in_situ_after_invasive(const Pair& p) {
  if (opposite_sides(p) || !one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const int later = later_diagnosis(p);
  const Tumor* last = later_tumor(p, later);
  if (last && is_invasive(*last)) return RuleOutcome::none();
  if (!both_sides_known(p)) return RuleOutcome::unable(Result::single_primary, later == -1 ? kLateralityAndDate : kLaterality);
  if (later == -1) return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
  return last ? RuleOutcome::decided(Result::single_primary) : RuleOutcome::none();
}

// M11: an invasive tumour 60 days or less after an in situ one, not in opposite kidneys. As in
// the reference, an unknown date is reported before an unknown laterality.
RuleOutcome invasive_soon_after_in_situ(const Pair& p) {
  if (opposite_sides(p) || !one_each(p, is_in_situ, is_invasive)) return RuleOutcome::none();
  const Tumor* last = later_tumor(p, later_diagnosis(p));
  const Tri apart = days_apart(p, 60);
  if (apart == Tri::yes || (last && !is_invasive(*last))) return RuleOutcome::none();
  if (apart == Tri::unknown) return RuleOutcome::unable(Result::single_primary, kDiagnosisDate);
  if (!both_sides_known(p)) return RuleOutcome::unable(Result::single_primary, kLaterality);
  return RuleOutcome::decided(Result::single_primary);
}

// M12: an invasive tumour more than 60 days after an in situ one (opposite kidneys: see M5).
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
  rules.push_back(rule_sites_differ("M3", {1, 2, 3},
                                    "When multiple tumors are present in sites with ICD-O site codes that differ at the second (CXxx), "
                                    "third (CxXx) and/or fourth characters (CxxX), abstract multiple primaries."));
  rules.push_back(Rule{"M4", "Bilateral nephroblastomas are a single primary.", bilateral_nephroblastomas});
  rules.push_back(Rule{"M5", "Tumors in both the right kidney and in the left kidney are multiple primaries.", both_kidneys});
  rules.push_back(rule_when("M6", Result::multiple_primaries, "Tumors diagnosed more than 3 years apart are multiple primaries.",
                            [](const Pair& p) { return years_apart(p, 3); }, kDiagnosisDate));
  rules.push_back(Rule{"M7",
                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, Table 1 in the "
                       "Equivalent Terms and Definitions (Tumors must be in the same kidney), are multiple primaries.",
                       different_subtypes});
  rules.push_back(Rule{"M8",
                       "Synchronous, separate/non-contiguous tumors that are on the same row in Table 1 in the Equivalent Terms and "
                       "Definitions (Tumors must be in the same kidney), are a single primary.",
                       same_row_same_kidney});
  return rules;
}

std::vector<Rule> rules_m9_to_m13() {
  std::vector<Rule> rules;
  rules.push_back(Rule{"M9",
                       "Separate/non-contiguous tumors that are on different rows in Table 1 in the Equivalent Terms and Definitions "
                       "(Tumors must be in the same kidney), are multiple primaries.",
                       different_rows});
  rules.push_back(Rule{"M10",
                       "An in situ tumor diagnosed following an invasive tumor and tumors are in the same kidney is a single primary.",
                       in_situ_after_invasive});
  rules.push_back(Rule{"M11",
                       "An invasive tumor following an in situ tumor less than or equal to 60 days after diagnosis is a single "
                       "primary.",
                       invasive_soon_after_in_situ});
  rules.push_back(Rule{"M12",
                       "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.",
                       invasive_long_after_in_situ});
  rules.push_back(rule_no_criteria("M13", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return rules;
}

}  // namespace

RuleSet solid_2018_kidney() {
  RuleSet set;
  set.id = "solid_2018_kidney";
  set.name = kName;
  set.sites_included = Ranges{"C649"};
  set.histologies_excluded = Ranges{"9590-9993, 9140"};
  set.behaviors = Ranges{"2-3, 6"};
  set.years = Ranges{"2018-9999"};
  set.rules = rules_m3_to_m8();
  for (auto& rule : rules_m9_to_m13()) set.rules.push_back(std::move(rule));
  return set;
}

}  // namespace chartflow::mph::detail
