// Solid Tumor Rules 2021+, Cutaneous Melanoma: in situ and malignant melanomas (8720-8780) of the
// skin (C440-C449), replacing the MP/H 2007 melanoma rules for diagnoses from 2021. Rules M3-M8
// (M1 and M2, the single-tumour rules, do not apply to a pair).
#include "rule_sets.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mph::detail {
namespace {

constexpr const char* kName = "Solid Tumor 2021+ Cutaneous Melanoma";
const char* const kDateUnknown = "Valid and known diagnosis date should be provided.";
const char* const kLateralityUnknown = "Valid and known laterality should be provided.";

// A final QUESTIONABLE answer carries the whole "Unable to apply" sentence itself.
std::string unable_to_apply(std::string_view step, std::string_view why) {
  return "Unable to apply Rule " + std::string(step) + " of " + kName + ". " + std::string(why);
}

// Skin sites without laterality in Table 1 (skin of lip C440, overlapping C448, skin NOS C449); as
// in the reference, only the first tumour's site is checked (M3 has made both sites the same,
// except when one is C449).
bool laterality_not_required(const Tumor& t) { return t.site == "C440" || t.site == "C448" || t.site == "C449"; }

// Right, left or midline: a midline melanoma is a different laterality than right or left.
bool right_left_or_midline(char laterality) { return laterality == '1' || laterality == '2' || laterality == '5'; }
bool lateralities_known(const Pair& p) { return right_left_or_midline(p.a.laterality) && right_left_or_midline(p.b.laterality); }

// Table 2 (Equivalent Terms and Definitions): the subtypes/variants of melanoma NOS 8720, one row
// each. Rule M5 compares these rows; rule M6 needs both tumours on a row of the table (a subtype
// or melanoma NOS itself).
const HistologyTable& table2_subtypes() {
  static const HistologyTable table(std::vector<HistologyTable::Row>{
      {"8721/3", {"8721/3"}},  // nodular melanoma
      {"8722/3", {"8722/3"}},  // balloon cell melanoma
      {"8723/3", {"8723/3"}},  // regressing melanoma
      {"8730/3", {"8730/3"}},  // amelanotic melanoma
      {"8741/3", {"8741/3"}},  // melanoma in precancerous melanosis
      {"8742", {"8742"}},      // lentigo maligna (in situ) / lentigo maligna melanoma
      {"8743/3", {"8743/3"}},  // superficial spreading melanoma
      {"8744/3", {"8744/3"}},  // acral lentiginous melanoma
      {"8745/3", {"8745/3"}},  // desmoplastic melanoma
      {"8761/3", {"8761/3"}},  // melanoma in giant pigmented nevus
      {"8770/3", {"8770/3"}},  // mixed epithelioid and spindle cell melanoma
      {"8771/3", {"8771/3"}},  // epithelioid cell melanoma
      {"8772/3", {"8772/3"}},  // spindle cell melanoma
      {"8773/3", {"8773/3"}},  // spindle cell melanoma, type A
      {"8774/3", {"8774/3"}},  // spindle cell melanoma, type B
      {"8780/3", {"8780/3"}},  // blue nevus, malignant
  });
  return table;
}

bool on_table2(const Tumor& t) { return t.histology == 8720 || table2_subtypes().row_of(t).has_value(); }

// ---- rules ----

// M3: different skin sites; skin NOS C449 cannot be compared.
RuleOutcome different_sites(const Pair& p) {
  if (p.a.site == "C449" || p.b.site == "C449") return RuleOutcome::unable(Result::multiple_primaries, "One of the sites is C449.");
  return p.a.site != p.b.site ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M4: different lateralities; sites without laterality, and unknown (9) or missing laterality,
// skip the rule. Another code (e.g. 0, 3, 4) cannot be compared.
RuleOutcome different_lateralities(const Pair& p) {
  const char a = p.a.laterality, b = p.b.laterality;
  if (laterality_not_required(p.a) || a == '9' || b == '9' || a == 0 || b == 0) return RuleOutcome::none();
  if (!lateralities_known(p)) return RuleOutcome::unable(Result::multiple_primaries, kLateralityUnknown);
  return a != b ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M5: two different subtypes/variants of Table 2.
RuleOutcome different_subtypes(const Pair& p) {
  const auto a = table2_subtypes().row_of(p.a), b = table2_subtypes().row_of(p.b);
  return a && b && *a != *b ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M6: synchronous (within 60 days), same row of Table 2, same site and laterality. Unknown
// laterality or date makes the pair questionable (a final answer, as in the reference).
RuleOutcome synchronous_same_row(const Pair& p) {
  if (!on_table2(p.a) || !on_table2(p.b)) return RuleOutcome::none();
  if (!laterality_not_required(p.a) && !lateralities_known(p))
    return RuleOutcome::decided(Result::questionable, unable_to_apply("M6", kLateralityUnknown));
  if (!laterality_not_required(p.a) && p.a.laterality != p.b.laterality) return RuleOutcome::none();
  switch (days_apart(p, 60)) {
    case Tri::unknown: return RuleOutcome::decided(Result::questionable, unable_to_apply("M6", kDateUnknown));
    case Tri::no: return RuleOutcome::decided(Result::single_primary);
    case Tri::yes: break;
  }
  return RuleOutcome::none();
}

// M7: more than 60 days apart; an unknown interval makes the pair questionable (final).
RuleOutcome over_60_days_apart(const Pair& p) {
  switch (days_apart(p, 60)) {
    case Tri::unknown: return RuleOutcome::decided(Result::questionable, unable_to_apply("M7", kDateUnknown));
    case Tri::yes: return RuleOutcome::decided(Result::multiple_primaries);
    case Tri::no: break;
  }
  return RuleOutcome::none();
}

std::vector<Rule> rules_m3_to_m8() {
  std::vector<Rule> rules;
  rules.push_back(Rule{"M3",
                       "Melanomas in sites with ICD-O-3 topography codes that are different at the second (C?xx), third (Cx?x) "
                       "or fourth (C44?) character are multiple primaries.",
                       different_sites});
  rules.push_back(Rule{"M4", "Abstract multiple primaries when there are separate, non-contiguous melanomas with different lateralities.",
                       different_lateralities});
  rules.push_back(Rule{"M5",
                       "Abstract multiple primaries when separate/non-contiguous tumors are two or more different subtypes/variants "
                       "in Column 3, Table 2 in the Equivalent Terms and Definitions.",
                       different_subtypes});
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
  RuleSet set;
  set.id = "solid_2021_cutaneous_melanoma";
  set.name = kName;
  set.sites_included = Ranges{"C440-C449"};
  set.histologies_included = Ranges{"8720-8780"};
  set.behaviors = Ranges{"2-3, 6"};
  set.years = Ranges{"2021-9999"};
  set.rules = rules_m3_to_m8();
  return set;
}

}  // namespace chartflow::mph::detail
