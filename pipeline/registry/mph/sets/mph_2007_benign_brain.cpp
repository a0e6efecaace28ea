// MP/H rules 2007-2017 for benign (/0) and borderline (/1) intracranial and CNS tumours (C700-C701,
// C709-C725, C728-C729, C751-C753), lymphoma, leukemia and Kaposi sarcoma excluded. Rules M3-M12
// of the SEER benign brain module (M1-M2, the single/multiple tumour split, are not coded).
#include "common_rules.hpp"
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

// Chart 1 of the benign brain rules (as the reference codes it): the branches of benign and
// borderline intracranial and CNS histologies.
const HistologyTable& chart1() {
  static const HistologyTable table{{
      {"Ependymomas", {"9383/1", "9394/1", "9444/1"}},
      {"Neuronal and neuronal-glial neoplasms", {"9384/1", "9412/1", "9413/0", "9442/1", "9505/1", "9506/1"}},
      {"Neurofibromas", {"9540/0", "9540/1", "9541/0", "9550/0", "9560/0"}},
      {"Neurinomatosis", {"9560/1"}},
      {"Neurothekeoma", {"9562"}},
      {"Neuroma", {"9570"}},
      {"Perineurioma, NOS", {"9571/0"}},
  }};
  return table;
}

// Table 1 of the benign brain rules: the paired sites (M5).
bool paired_site(const Tumor& t) {
  static const Ranges paired("C700, C710-C714, C722-C725");
  return paired.contains_site(t.site);
}

// M5: both tumours in the same paired site, one on each side; needs both lateralities right or left.
Tri both_sides_of_paired_site(const Pair& p) {
  return p.a.site == p.b.site && paired_site(p.a) ? on_both_sides(p) : Tri::no;
}

// M6, M7: a tumour `histology`/`later_behavior` diagnosed after one `histology`/`earlier_behavior`
// (progression). Not the rule when they were diagnosed the same day or in the other order.
Tri following(const Pair& p, int histology, int later_behavior, int earlier_behavior) {
  const auto is = [histology](int behavior) {
    return [histology, behavior](const Tumor& t) { return t.histology == histology && t.behavior == behavior; };
  };
  if (!one_each(p, is(later_behavior), is(earlier_behavior))) return Tri::no;
  const int later = later_diagnosis(p);
  if (later < 0) return Tri::unknown;
  return tri((later == 1 && p.a.behavior == later_behavior) || (later == 2 && p.b.behavior == later_behavior));
}

}  // namespace

RuleSet mph_2007_benign_brain() {
  RuleSet set = site_rule_set("mph_2007_benign_brain", "MPH 2007-2017 Benign Brain", "C700-C701, C709-C725, C728-C729, C751-C753",
                              "0-1", "2007-2017");
  auto& rules = set.rules;
  // M3: an invasive tumour is in the malignant brain set, and a pair across two rule sets is
  // multiple primaries before any rule runs.
  rules.push_back(rule_never("M3", kInvasiveAndBenignBrain));
  rules.push_back(rule_sites_differ("M4", {1, 2, 3},
                                    "Tumors with ICD-O-3 topography codes that are different at the second (C?xx) and/or third "
                                    "characters (Cx?x), or fourth (Cxx?) are multiple primaries."));
  rules.push_back(rule_when("M5", kMultiple, "Tumors on both sides (left and right) of a paired site are multiple primaries.",
                            both_sides_of_paired_site, kUnknownLaterality));
  rules.push_back(rule_when("M6", kSingle,
                            "An atypical choroid plexus papilloma (9390/1) following a choroid plexus papilloma, NOS (9390/0) is a "
                            "single primary.",
                            [](const Pair& p) { return following(p, 9390, 1, 0); }));
  rules.push_back(rule_when("M7", kSingle, "A neurofibromatosis, NOS (9540/1) following a neurofibroma, NOS (9540/0) is a single primary.",
                            [](const Pair& p) { return following(p, 9540, 1, 0); }));
  rules.push_back(rule_if("M8", kSingle, "Tumors with two or more histologic types on the same branch in Chart 1 are a single primary.",
                          [](const Pair& p) {
                            const auto a = chart1().row_of(p.a);
                            return a && a == chart1().row_of(p.b);
                          }));
  rules.push_back(rule_if("M9", kMultiple, "Tumors with multiple histologic types on different branches in Chart 1 are multiple primaries.",
                          [](const Pair& p) {
                            const auto a = chart1().row_of(p.a), b = chart1().row_of(p.b);
                            return a && b && a != b;
                          }));
  // M10: exactly one of the histologies is in Chart 1 (none in the chart is left to M11).
  rules.push_back(rule_if("M10", kMultiple,
                          "Tumors with two or more histologic types and at least one of the histologies is not listed in Chart 1 are "
                          "multiple primaries.",
                          [](const Pair& p) { return chart1().row_of(p.a).has_value() != chart1().row_of(p.b).has_value(); }));
  rules.push_back(rule_histologies_differ("M11"));
  rules.push_back(rule_no_criteria("M12"));
  return set;
}

}  // namespace chartflow::mph::detail
