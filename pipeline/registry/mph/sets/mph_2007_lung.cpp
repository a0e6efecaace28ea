// MP/H rules 2007-2017 for lung (C340-C349), lymphoma, leukemia and Kaposi sarcoma excluded.
// Rules M3-M12 of the SEER lung module (M1-M2, the single/multiple tumour split, need the tumour
// count and are not coded).
#include "common_rules.hpp"
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

bool non_small_cell_nos(const Tumor& t) { return t.histology == 8046; }
bool small_cell(const Tumor& t) { return t.histology >= 8041 && t.histology <= 8045; }
bool mixed_subtypes_adenocarcinoma(const Tumor& t) { return t.histology == 8255; }
bool bronchioloalveolar(const Tumor& t) { return t.histology >= 8250 && t.histology <= 8254; }

// Chart 1 of the lung rules: the specific non-small cell carcinoma types (M10).
bool specific_non_small_cell(const Tumor& t) {
  static const HistologySet set{"8012-8014", "8022", "8031-8033", "8052", "8070-8073", "8082-8084", "8123", "8140",
                                "8200",      "8230", "8250-8255", "8260", "8310",      "8333",      "8430", "8470",
                                "8480-8481", "8490", "8550",      "8560", "8972",      "8980"};
  return set.contains(t);
}

// Lung laterality: right, left or both lungs (4); anything else cannot place the tumours.
bool lung_side_known(char laterality) { return known_side(laterality) || laterality == '4'; }

// M6: one tumour in each lung.
Tri one_in_each_lung(const Pair& p) {
  if (!lung_side_known(p.a.laterality) || !lung_side_known(p.b.laterality)) return Tri::unknown;
  return tri(opposite_sides(p));
}

// M7: "both lungs" is read from a laterality of 4 (bilateral) on either tumour.
bool both_lungs_different_histology(const Pair& p) {
  const bool both_lungs = p.a.laterality == '4' || p.b.laterality == '4';
  return both_lungs && histology_differs_at(p, {1, 2, 3});
}

}  // namespace

RuleSet mph_2007_lung() {
  RuleSet set = site_rule_set("mph_2007_lung", "MPH 2007-2017 Lung", "C340-C349", "2, 3, 6", "2007-2017");
  auto& rules = set.rules;
  // M3 cannot hold within C340-C349; kept so that the steps follow SEER's numbering.
  rules.push_back(rule_sites_differ("M3"));
  rules.push_back(rule_if("M4", kMultiple,
                          "At least one tumor that is non-small cell carcinoma (8046) and another tumor that is small cell carcinoma "
                          "(8041-8045) are multiple primaries.",
                          [](const Pair& p) { return one_each(p, non_small_cell_nos, small_cell); }));
  rules.push_back(rule_if("M5", kMultiple,
                          "A tumor that is adenocarcinoma with mixed subtypes (8255) and another that is bronchioloalveolar (8250-8254) "
                          "are multiple primaries.",
                          [](const Pair& p) { return one_each(p, mixed_subtypes_adenocarcinoma, bronchioloalveolar); }));
  rules.push_back(rule_when("M6", kMultiple, "A single tumor in each lung is multiple primaries.", one_in_each_lung, kUnknownLaterality));
  // The "(x?xx)" for the third digit is in the rule statement as SEER's reference reports it.
  rules.push_back(rule_if("M7", kMultiple,
                          "Multiple tumors in both lungs with ICD-O-3 histology codes that are different at the first (?xxx), second "
                          "(x?xx) or third (x?xx) number are multiple primaries.",
                          both_lungs_different_histology));
  rules.push_back(rule_years_apart("M8", 3));
  rules.push_back(rule_invasive_after_in_situ("M9"));
  rules.push_back(rule_if("M10", kSingle,
                          "Tumors with non-small cell carcinoma, NOS (8046) and a more specific non-small cell carcinoma type (chart 1) "
                          "are a single primary.",
                          [](const Pair& p) { return one_each(p, non_small_cell_nos, specific_non_small_cell); }));
  rules.push_back(rule_histologies_differ("M11"));
  rules.push_back(rule_no_criteria("M12"));
  return set;
}

}  // namespace chartflow::mph::detail
