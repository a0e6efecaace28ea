// Solid Tumor Rules 2021+, Cutaneous Melanoma: in situ and malignant melanomas (8720-8780) of the
// skin (C440-C449), replacing the MP/H 2007 melanoma rules for diagnoses from 2021. Rules M3-M8
// (M1 and M2, the single-tumour rules, do not apply to a pair).
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <vector>

namespace chartflow::mph::detail {
namespace {

// Skin sites without laterality in Table 1 (skin of lip C440, overlapping C448, skin NOS C449); as
// in the reference, only the first tumour's site is checked (M3 has made both sites the same,
// except when one is C449).
bool laterality_not_required(const Tumor& t) { return t.site == "C440" || t.site == "C448" || t.site == "C449"; }

// Right, left or midline: a midline melanoma is a different laterality than right or left.
bool right_left_or_midline(char laterality) { return laterality == '1' || laterality == '2' || laterality == '5'; }
bool lateralities_known(const Pair& p) { return right_left_or_midline(p.a.laterality) && right_left_or_midline(p.b.laterality); }

// Table 2 (Equivalent Terms and Definitions): the subtypes/variants of melanoma NOS 8720, one row
// each. Rule M5 compares them; rule M6 needs both tumours on a row of the table (a subtype or
// melanoma NOS itself).
const SubtypeColumn& table2_subtypes() {
  static const SubtypeColumn column{
      "8721/3",  // nodular melanoma
      "8722/3",  // balloon cell melanoma
      "8723/3",  // regressing melanoma
      "8730/3",  // amelanotic melanoma
      "8741/3",  // melanoma in precancerous melanosis
      "8742",    // lentigo maligna (in situ) / lentigo maligna melanoma
      "8743/3",  // superficial spreading melanoma
      "8744/3",  // acral lentiginous melanoma
      "8745/3",  // desmoplastic melanoma
      "8761/3",  // melanoma in giant pigmented nevus
      "8770/3",  // mixed epithelioid and spindle cell melanoma
      "8771/3",  // epithelioid cell melanoma
      "8772/3",  // spindle cell melanoma
      "8773/3",  // spindle cell melanoma, type A
      "8774/3",  // spindle cell melanoma, type B
      "8780/3",  // blue nevus, malignant
  };
  return column;
}

bool on_table2(const Tumor& t) { return t.histology == 8720 || table2_subtypes().lists(t); }

// ---- rules ----

// M4: different lateralities; sites without laterality, and unknown (9) or missing laterality,
// skip the rule. Another code (e.g. 0, 3, 4) cannot be compared.
RuleOutcome different_lateralities(const Pair& p) {
  const char a = p.a.laterality, b = p.b.laterality;
  if (laterality_not_required(p.a) || a == '9' || b == '9' || a == 0 || b == 0) return RuleOutcome::none();
  if (!lateralities_known(p)) return RuleOutcome::unable(kMultiple, kUnknownLaterality);
  return a != b ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
}

// M6: synchronous (within 60 days), same row of Table 2, same site and laterality. Unknown
// laterality or date makes the pair questionable (a final answer, as in the reference).
RuleOutcome synchronous_same_row(const Pair& p) {
  if (!on_table2(p.a) || !on_table2(p.b)) return RuleOutcome::none();
  if (!laterality_not_required(p.a) && !lateralities_known(p))
    return RuleOutcome::unable_final(kUnknownLaterality);
  if (!laterality_not_required(p.a) && p.a.laterality != p.b.laterality) return RuleOutcome::none();
  switch (days_apart(p, 60)) {
    case Tri::unknown: return RuleOutcome::unable_final(kUnknownDate);
    case Tri::no: return RuleOutcome::decided(kSingle);
    case Tri::yes: break;
  }
  return RuleOutcome::none();
}

// M7: more than 60 days apart; an unknown interval makes the pair questionable (final).
RuleOutcome over_60_days_apart(const Pair& p) {
  switch (days_apart(p, 60)) {
    case Tri::unknown: return RuleOutcome::unable_final(kUnknownDate);
    case Tri::yes: return RuleOutcome::decided(kMultiple);
    case Tri::no: break;
  }
  return RuleOutcome::none();
}

std::vector<Rule> rules_m3_to_m8() {
  std::vector<Rule> rules;
  // M3: skin NOS C449 cannot be compared.
  rules.push_back(rule_sites_differ_unless("M3",
                                           "Melanomas in sites with ICD-O-3 topography codes that are different at the second (C?xx), "
                                           "third (Cx?x) or fourth (C44?) character are multiple primaries.",
                                           "C449"));
  rules.push_back(Rule{"M4", "Abstract multiple primaries when there are separate, non-contiguous melanomas with different lateralities.",
                       different_lateralities});
  rules.push_back(rule_subtypes_differ("M5",
                                       "Abstract multiple primaries when separate/non-contiguous tumors are two or more different "
                                       "subtypes/variants in Column 3, Table 2 in the Equivalent Terms and Definitions.",
                                       table2_subtypes()));
  rules.push_back(Rule{"M6",
                       "Abstract a single primary when synchronous, separate/non-contiguous tumors are on the same row in Table 2 in "
                       "the Equivalent Terms and Definitions. And they have same site and laterality.",
                       synchronous_same_row});
  rules.push_back(Rule{"M7", "Melanomas diagnosed more than 60 days apart are multiple primaries.", over_60_days_apart});
  rules.push_back(rule_no_criteria("M8", "Melanomas that do not meet any of the above criteria are abstracted as a single primary."));
  return rules;
}

}  // namespace

RuleSet solid_2021_cutaneous_melanoma() {
  return melanoma_rule_set("solid_2021_cutaneous_melanoma", "Solid Tumor 2021+ Cutaneous Melanoma", "2021-9999", {rules_m3_to_m8()});
}

}  // namespace chartflow::mph::detail
