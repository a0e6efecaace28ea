// SEER 2004 multiple primary rules (diagnoses 2006 and earlier) for non-malignant (/0, /1)
// intracranial and CNS tumours (C700-C729, C751-C753), lymphoma, leukemia and Kaposi sarcoma
// excluded: rules 1-5 of the benign brain section of the 2004 SEER Program Coding Manual.
#include "rule_sets.hpp"

namespace chartflow::mph::detail {
namespace {

// The histology groupings of the 2004 rules for non-malignant CNS tumours: codes on one row are
// the same histology.
const HistologyTable& histology_groups() {
  static const HistologyTable table{{
      {"Choroid plexus neoplasms", {"9390"}},
      {"Ependymomas", {"9383", "9394", "9444"}},
      {"Neuronal and neuronal-glial neoplasms", {"9384", "9412", "9413", "9442", "9505/1", "9506"}},
      {"Neurofibromas", {"9540", "9541", "9550", "9560/0"}},
      {"Neurinomatosis", {"9560/1"}},
      {"Neurothekeoma", {"9562"}},
      {"Neuroma", {"9570"}},
      {"Perineurioma, NOS", {"9571/0"}},
  }};
  return table;
}

// Same histology: the same grouping when both codes are grouped, else the same first three digits.
bool same_histology(const Pair& p) {
  const auto a = histology_groups().row_of(p.a), b = histology_groups().row_of(p.b);
  if (a && b) return a == b;
  return !histology_differs_at(p, {1, 2, 3});
}

// Same site: the same first three characters (C70, C71, C72, C75).
bool same_site(const Pair& p) { return !site_differs_at(p, {1, 2}); }

}  // namespace

RuleSet solid_2004_benign_brain() {
  RuleSet set = site_rule_set("solid_2004_benign_brain", "2006 and earlier Benign Brain", "C700-C729, C751-C753", "0-1", "0-2006");
  auto& rules = set.rules;
  rules.push_back(rule_if("M1", kSingle,
                          "Multiple non-malignant tumors of the same histology that recur in the same site and same side (laterality) as "
                          "the original tumor are recurrences (single primary) even after 20 years.",
                          [](const Pair& p) { return same_site(p) && same_histology(p) && same_side(p); }));
  rules.push_back(rule_if("M2", kSingle,
                          "Multiple non-malignant tumors of the same histology that recur in the same site and it is unknown if it is the "
                          "same side (laterality) as the original tumor are recurrences (single primary) even after 20 years.",
                          [](const Pair& p) { return same_site(p) && same_histology(p) && !both_sides_known(p); }));
  rules.push_back(rule_if("M3", kMultiple,
                          "Multiple non-malignant tumors of the same histology in different sites of the CNS are separate (multiple) "
                          "primaries.",
                          [](const Pair& p) { return !same_site(p) && same_histology(p); }));
  rules.push_back(rule_if("M4", kMultiple,
                          "Multiple non-malignant tumors of the same histology in different sides (laterality) of the CNS are separate "
                          "(multiple) primaries.",
                          [](const Pair& p) { return same_histology(p) && opposite_sides(p); }));
  // M5 decides every pair left: different histologies are multiple primaries, the same a single one.
  // The stray ")" is in the rule statement as SEER's reference reports it.
  rules.push_back(Rule{"M5",
                       "Multiple non-malignant tumors of different histologies are separate (multiple) primaries). Same histologies are "
                       "a single primary.",
                       [](const Pair& p) { return RuleOutcome::decided(same_histology(p) ? kSingle : kMultiple); }});
  return set;
}

}  // namespace chartflow::mph::detail
