// MP/H rules 2007-2017 for benign (/0) and borderline (/1) intracranial and CNS tumours (C700-C701,
// C709-C725, C728-C729, C751-C753), lymphoma, leukemia and Kaposi sarcoma excluded. Rules M3-M12
// of the SEER benign brain module (M1-M2, the single/multiple tumour split, are not coded).
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

constexpr Result kSingle = Result::single_primary;
constexpr Result kMultiple = Result::multiple_primaries;

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
  if (p.a.site != p.b.site || !paired_site(p.a)) return Tri::no;
  if (!known_side(p.a.laterality) || !known_side(p.b.laterality)) return Tri::unknown;
  return tri(opposite_sides(p));
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
  RuleSet set;
  set.id = "mph_2007_benign_brain";
  set.name = "MPH 2007-2017 Benign Brain";
  set.sites_included = Ranges("C700-C701, C709-C725, C728-C729, C751-C753");
  set.histologies_excluded = Ranges("9590-9993, 9140");  // lymphoma, leukemia, Kaposi sarcoma
  set.behaviors = Ranges("0-1");
  set.years = Ranges("2007-2017");

  constexpr const char* kUnknownDate = "Valid and known diagnosis date should be provided.";
  auto& rules = set.rules;
  // M3 never applies here: an invasive tumour is in the malignant brain set, and a pair across two
  // rule sets is multiple primaries before any rule runs. Kept so that the steps follow SEER's numbering.
  rules.push_back(Rule{"M3",
                       "An invasive brain tumor (/3) and either a benign brain tumor (/0) or an uncertain/borderline brain tumor "
                       "(/1) are always multiple primaries.",
                       [](const Pair&) { return RuleOutcome::none(); }});
  rules.push_back(rule_sites_differ("M4", {1, 2, 3},
                                    "Tumors with ICD-O-3 topography codes that are different at the second (C?xx) and/or third "
                                    "characters (Cx?x), or fourth (Cxx?) are multiple primaries."));
  rules.push_back(rule_when("M5", kMultiple, "Tumors on both sides (left and right) of a paired site are multiple primaries.",
                            both_sides_of_paired_site, "Valid and known laterality should be provided."));
  rules.push_back(rule_when(
      "M6", kSingle,
      "An atypical choroid plexus papilloma (9390/1) following a choroid plexus papilloma, NOS (9390/0) is a "
      "single primary.",
      [](const Pair& p) { return following(p, 9390, 1, 0); }, kUnknownDate));
  rules.push_back(rule_when(
      "M7", kSingle, "A neurofibromatosis, NOS (9540/1) following a neurofibroma, NOS (9540/0) is a single primary.",
      [](const Pair& p) { return following(p, 9540, 1, 0); }, kUnknownDate));
  rules.push_back(rule_when("M8", kSingle,
                            "Tumors with two or more histologic types on the same branch in Chart 1 are a single primary.",
                            [](const Pair& p) {
                              const auto a = chart1().row_of(p.a);
                              return tri(a && a == chart1().row_of(p.b));
                            }));
  rules.push_back(rule_when("M9", kMultiple,
                            "Tumors with multiple histologic types on different branches in Chart 1 are multiple primaries.",
                            [](const Pair& p) {
                              const auto a = chart1().row_of(p.a), b = chart1().row_of(p.b);
                              return tri(a && b && a != b);
                            }));
  // M10: exactly one of the histologies is in Chart 1 (none in the chart is left to M11).
  rules.push_back(
      rule_when("M10", kMultiple,
                "Tumors with two or more histologic types and at least one of the histologies is not listed in Chart 1 "
                "are multiple primaries.",
                [](const Pair& p) { return tri(chart1().row_of(p.a).has_value() != chart1().row_of(p.b).has_value()); }));
  rules.push_back(rule_when("M11", kMultiple,
                            "Tumors with ICD-O-3 histology codes that are different at the first (?xxx), second (x?xx) or third "
                            "(xx?x) number are multiple primaries.",
                            [](const Pair& p) {
                              return tri(histology_differs_at(p, {1, 2, 3}));
                            }));
  rules.push_back(rule_no_criteria("M12", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return set;
}

}  // namespace chartflow::mph::detail
