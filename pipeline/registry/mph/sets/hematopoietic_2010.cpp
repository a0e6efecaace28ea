// SEER Hematopoietic and Lymphoid Neoplasm multiple primary rules for cases diagnosed 2010 and
// later (Heme manual rules M1-M15). M1 and M7 cannot be applied from the coded data and never
// decide; M8-M13 and M15 need the Heme DB tables (hematopoietic_tables.hpp), the others do not.
#include "rule_sets.hpp"
#include "hematopoietic_tables.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace chartflow::mph::detail {
namespace {

constexpr char kName[] = "Hematopoietic and Lymphoid 2010+";

// ---- the rules' statements (SEER's wording, as the reference reports them) ----

constexpr char kM1[] =
    "Abstract a single primary when minimal information is available (such as a death certificate only [DCO] case "
    "or a pathology-report-only case).";
constexpr char kM2[] =
    "Abstract a single primary when there is a single histology. Exception: manually review when a nodal MALT "
    "(C770-779, 9699/3) occurs before or after an extranodal MALT (all other sites, 9699/3). These are two distinct "
    "lymphomas that have the same histology code.";
constexpr char kM3[] =
    "Abstract a single primary when a sarcoma is diagnosed simultaneously or after a leukemia of the same lineage,\n"
    " - Mast cell sarcoma (9740/3) diagnosed simultaneously with or after mast cell leukemia (9742/3),\n"
    " - Myeloid sarcoma (9930/3) diagnosed simultaneously with or after acute myeloid leukemia (9861/3) or another "
    "leukemia of the myeloid lineage (9840/3, 9865/3-9867/3, 9869/3-9874/3, 9891/3, 9895/3-9898/3, 9910/3, 9911/3 "
    "and 9931/3)\n"
    "Exception: Chronic myeloid leukemia (CML) codes: 9863/3, 9875/3, 9876/3 are not classified as leukemias of the "
    "same lineage as myeloid sarcoma";
constexpr char kM4[] =
    "Abstract a single primary when two or more types of non-Hodgkin lymphoma are simultaneously present in the same "
    "anatomic location(s), such as the same lymph node or lymph node region(s), the same organ(s), and/or the same "
    "tissue(s)";
constexpr char kM5[] =
    "Abstract a single primary when both Hodgkin and non-Hodgkin lymphoma are simultaneously present in the same "
    "anatomic location(s), such as the same lymph node or same lymph node region(s), the same organ(s), and/or the "
    "same tissue(s).";
constexpr char kM6[] =
    "Abstract as multiple primaries when Hodgkin lymphoma is diagnosed in one anatomic location and non-Hodgkin "
    "lymphoma is diagnosed in another anatomic location.";
constexpr char kM7[] =
    "Abstract as a single primary when a more specific histology is diagnosed after an NOS ONLY when the Heme DB "
    "Multiple Primaries Calculator confirms that the NOS and the more specific histology are the same primary. Rule "
    "M7 skipped by automated rules. The Multiple Primaries Calculator will be checked for all applicable cases at "
    "Rule M15.";
constexpr char kM8[] =
    "Abstract as a single primary and code the acute neoplasm when both a chronic and an acute neoplasm are "
    "diagnosed simultaneously or within 21 days AND there is documentation of only one positive biopsy (bone marrow "
    "biopsy, lymph node biopsy, or tissue biopsy).";
constexpr char kM9[] =
    "Abstract a single primary and code the later diagnosis when both a chronic and an acute neoplasm are diagnosed "
    "simultaneously or within 21 days AND there is no available documentation on biopsy (bone marrow biopsy, lymph "
    "node biopsy, or tissue biopsy.) The later diagnosis could be either the chronic or the acute neoplasm. ";
constexpr char kM10[] =
    "Abstract as multiple primaries when a neoplasm is originally diagnosed as a chronic neoplasm AND there is a "
    "second diagnosis of an acute neoplasm more than 21 days after the chronic diagnosis.";
constexpr char kM11[] =
    "Abstract as multiple primaries when both a chronic and an acute neoplasm are diagnosed simultaneously or within "
    "21 days AND there is documentation of two bone marrow examinations, lymph node biopsies, or tissue biopsies: one "
    "confirming the chronic neoplasm and another confirming the acute neoplasm.";
constexpr char kM12[] =
    "Abstract a single primary when a neoplasm is originally diagnosed as acute AND reverts to a chronic neoplasm AND "
    "there is no confirmation available that the patient has been treated for the acute neoplasm";
constexpr char kM13[] =
    "Abstract multiple primaries when a neoplasm is originally diagnosed as acute AND reverts to a chronic neoplasm "
    "after treatment.";
constexpr char kM14[] =
    "Abstract a single primary when post-transplant lymphoproliferative disorder is diagnosed simultaneously with any "
    "B-cell lymphoma, T-cell lymphoma, Hodgkin lymphoma or plasmacytoma/myeloma.";
constexpr char kM15[] =
    "Use the Heme DB Multiple Primaries Calculator to determine the number of primaries for all cases that do not "
    "meet the criteria of M1-M14 (Rule M7 executed by automated rules at this step).";

// What the transformation rules say instead: the biopsy and treatment facts they turn on are not
// coded, so a transformation within 21 days, or any reverting one, needs a manual review.
constexpr char kM8Review[] =
    "Needs a manual review. Abstract as a single primary and code the acute neoplasm when both a chronic and an acute "
    "neoplasm are diagnosed simultaneously or within 21 days AND there is documentation of only one positive biopsy "
    "(bone marrow biopsy, lymph node biopsy, or tissue biopsy).";
constexpr char kM9Review[] =
    "Needs a manual review. Abstract a single primary and code the later diagnosis when both a chronic and an acute "
    "neoplasm are diagnosed simultaneously or within 21 days AND there is no available documentation on biopsy (bone "
    "marrow biopsy, lymph node biopsy, or tissue biopsy.) The later diagnosis could be either the chronic or the acute "
    "neoplasm.";
constexpr char kM10Plasmacytoma[] =
    "For plasmacytoma (9731, 9734) and plasma cell myeloma (9732): This rule would only apply if the initial workup "
    "was completed and a single plasmacytoma was diagnosed. If plasma cell myeloma is diagnosed after the initial "
    "workup and treatment, then this rule would be applicable and the multiple myeloma would be a second primary.";
constexpr char kM11Review[] =
    "Needs a manual review. Abstract as multiple primaries when both a chronic and an acute neoplasm are diagnosed "
    "simultaneously or within 21 days AND there is documentation of two bone marrow examinations, lymph node "
    "biopsies, or tissue biopsies: one confirming the chronic neoplasm and another confirming the acute neoplasm.";
constexpr char kTreatmentReview[] =
    "Manual review is required to check whether there is confirmation of treatment or not.";

// ---- histology categories of the rules ----

const Ranges& lymphoma_nos_and_nhl() {  // M4, M5 (the reference's list)
  static const Ranges r{"9590-9591, 9673, 9678, 9679, 9687, 9735-9738, 9823, 9827"};
  return r;
}
const Ranges& non_hodgkin_lymphoma() {  // M6
  static const Ranges r{"9591, 9670-9729"};
  return r;
}
const Ranges& hodgkin_lymphoma() {  // "9650/3-9653/3, 9655/3, 9659/3, 9663/3"
  static const Ranges r{"9650-9653, 9655, 9659, 9663"};
  return r;
}
const Ranges& mast_cell_sarcoma() {
  static const Ranges r{"9740"};
  return r;
}
const Ranges& mast_cell_leukemia() {
  static const Ranges r{"9742"};
  return r;
}
const Ranges& myeloid_sarcoma() {
  static const Ranges r{"9930"};
  return r;
}
const Ranges& myeloid_leukemia() {  // CML (9863, 9875, 9876) excluded, per the M3 exception
  static const Ranges r{"9840, 9861, 9865-9867, 9869-9874, 9891, 9895-9898, 9910-9911, 9931"};
  return r;
}
const Ranges& ptld() {  // post-transplant lymphoproliferative disorder
  static const Ranges r{"9971"};
  return r;
}
const Ranges& lymphoma_or_myeloma_with_ptld() {  // M14
  static const Ranges r{
      "9671, 9673, 9678-9680, 9687-9691, 9695, 9698, 9699, "                     // B-cell lymphoma
      "9702, 9705, 9708, 9709, 9716-9719, 9724, 9726, 9827, 9831, 9834, 9837, "  // T-cell lymphoma
      "9650-9653, 9655, 9659, 9663, "                                             // Hodgkin lymphoma
      "9731-9732, 9734"};                                                         // plasmacytoma/myeloma
  return r;
}

auto histology_in(const Ranges& r) {
  return [&r](const Tumor& t) { return r.contains(t.histology); };
}

// ---- sites ----

std::string_view organ(const Tumor& t) { return std::string_view(t.site).substr(0, 3); }
bool lymph_node(const Tumor& t) { return organ(t) == "C77"; }

// The same anatomic location (M4-M6): the same site code, or the same organ when that organ is
// not the lymph nodes (C77x codes are distinct lymph node regions).
bool same_location(const Pair& p) {
  return p.a.site == p.b.site || (organ(p.a) == organ(p.b) && !lymph_node(p.a));
}

// ---- the Heme DB ----

// The Heme DB says `chronic`, diagnosed first, transforms to `acute`: the chronic neoplasm lists it
// among its transformations to, and the acute one lists the chronic among its transformations from.
bool chronic_to_acute(const HematopoieticTables& t, const Tumor& chronic, const Tumor& acute) {
  return t.transforms_to.lists(morphology_code(chronic), morphology_code(acute), chronic.year) &&
         t.transforms_from.lists(morphology_code(acute), morphology_code(chronic), acute.year);
}

// One of the two neoplasms transforms into the other: chronic to acute, or (read the other way)
// acute reverting to chronic.
bool transformation(const HematopoieticTables& t, const Pair& p) {
  return chronic_to_acute(t, p.a, p.b) || chronic_to_acute(t, p.b, p.a);
}

// The Multiple Primaries Calculator (M15). The neoplasm diagnosed in the later year decides: its
// same-primary listing, for that year, must include the earlier histology; when both were diagnosed
// the same year, each must list the other. This is what the reference's expected results show: the
// library's current code always asks both listings, which disagrees with them when an obsolete code
// (e.g. 9670/3, valid through 2009) was diagnosed first.
bool heme_db_same_primary(const HematopoieticTables& t, const Tumor& a, const Tumor& b) {
  int ma = morphology_code(a), mb = morphology_code(b);
  if (ma == mb) return true;
  if (a.year > b.year) return t.same_primary.lists(ma, mb, a.year);
  if (b.year > a.year) return t.same_primary.lists(mb, ma, b.year);
  return t.same_primary.lists(ma, mb, a.year) && t.same_primary.lists(mb, ma, b.year);
}

// Wraps a rule that needs the Heme DB: without the tables it cannot tell, and says why.
using TableRule = RuleOutcome (*)(const HematopoieticTables&, const Pair&);
std::function<RuleOutcome(const Pair&)> with_tables(std::string step, TableRule rule) {
  return [step = std::move(step), rule](const Pair& p) {
    const HematopoieticTables* tables = hematopoietic_tables();
    if (tables == nullptr) return RuleOutcome::decided(Result::questionable, heme_tables_missing(step, kName));
    return rule(*tables, p);
  };
}

// ---- the rules ----

// A single primary when the two were diagnosed within 21 days; unknown dates leave it potential.
RuleOutcome single_if_simultaneous(const Pair& p) { return outcome_when(kSingle, within_days(p, 21), kUnknownDate); }

// M2: the same histology code; a nodal and an extranodal MALT lymphoma need a manual review.
RuleOutcome m2(const Pair& p) {
  if (p.a.histology != p.b.histology) return RuleOutcome::none();
  bool malt = histology_behavior(p.a) == "9699/3" && histology_behavior(p.b) == "9699/3";
  bool nodal_and_extranodal = malt && lymph_node(p.a) != lymph_node(p.b);
  return RuleOutcome::decided(nodal_and_extranodal ? Result::questionable : Result::single_primary);
}

// M3: a mast cell / myeloid sarcoma diagnosed with or after a leukemia of its lineage.
RuleOutcome m3(const Pair& p) {
  bool same_lineage = one_each(p, histology_in(mast_cell_sarcoma()), histology_in(mast_cell_leukemia())) ||
                      one_each(p, histology_in(myeloid_sarcoma()), histology_in(myeloid_leukemia()));
  if (!same_lineage || !is_invasive(p.a) || !is_invasive(p.b)) return RuleOutcome::none();
  int later = later_diagnosis(p);
  Tri apart = days_apart(p, 21);
  if (later == -1 && apart == Tri::unknown) return RuleOutcome::unable(Result::single_primary, kUnknownDate);
  if (apart == Tri::no) return RuleOutcome::decided(Result::single_primary);
  auto sarcoma = [](const Tumor& t) {
    return mast_cell_sarcoma().contains(t.histology) || myeloid_sarcoma().contains(t.histology);
  };
  if ((later == 1 && sarcoma(p.a)) || (later == 2 && sarcoma(p.b))) return RuleOutcome::decided(Result::single_primary);
  return RuleOutcome::none();
}

// M4: two different non-Hodgkin lymphomas together in the same location.
RuleOutcome m4(const Pair& p) {
  bool both_nhl = lymphoma_nos_and_nhl().contains(p.a.histology) && lymphoma_nos_and_nhl().contains(p.b.histology);
  if (p.a.histology == p.b.histology || !both_nhl || !same_location(p)) return RuleOutcome::none();
  return single_if_simultaneous(p);
}

// M5: Hodgkin and non-Hodgkin lymphoma together in the same location.
RuleOutcome m5(const Pair& p) {
  if (!one_each(p, histology_in(hodgkin_lymphoma()), histology_in(lymphoma_nos_and_nhl())) || !same_location(p))
    return RuleOutcome::none();
  return single_if_simultaneous(p);
}

// M6: Hodgkin and non-Hodgkin lymphoma in different locations.
RuleOutcome m6(const Pair& p) {
  bool hl_and_nhl = one_each(p, histology_in(hodgkin_lymphoma()), histology_in(non_hodgkin_lymphoma()));
  return hl_and_nhl && !same_location(p) ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
}

// M8, M9, M11: for a transformation diagnosed within 21 days (or perhaps so: unknown dates) the
// rules turn on biopsies, which are not coded.
template <const char* kReview>
RuleOutcome review_if_transformation_within_21_days(const HematopoieticTables& t, const Pair& p) {
  if (!transformation(t, p) || days_apart(p, 21) == Tri::yes) return RuleOutcome::none();
  return RuleOutcome::decided(Result::questionable, kReview);
}

// M10: a chronic neoplasm, then an acute one more than 21 days later.
RuleOutcome m10(const HematopoieticTables& t, const Pair& p) {
  if (!transformation(t, p)) return RuleOutcome::none();
  static const HistologySet myeloma{"9732/3"}, plasmacytoma{"9731/3", "9734/3"};
  auto in = [](const HistologySet& s) { return [&s](const Tumor& x) { return s.contains(x); }; };
  if (one_each(p, in(myeloma), in(plasmacytoma))) return RuleOutcome::decided(Result::questionable, kM10Plasmacytoma);
  int later = later_diagnosis(p);
  Tri apart = days_apart(p, 21);
  if (apart == Tri::unknown || later == -1) return RuleOutcome::unable(Result::multiple_primaries, kUnknownDate);
  bool chronic_then_acute =
      (later == 1 && chronic_to_acute(t, p.b, p.a)) || (later == 2 && chronic_to_acute(t, p.a, p.b));
  if (apart == Tri::yes && chronic_then_acute) return RuleOutcome::decided(Result::multiple_primaries);
  return RuleOutcome::none();
}

// M12, M13: an acute neoplasm reverting to a chronic one; whether it was treated is not coded.
RuleOutcome review_if_transformation(const HematopoieticTables& t, const Pair& p) {
  return transformation(t, p) ? RuleOutcome::decided(Result::questionable, kTreatmentReview) : RuleOutcome::none();
}

// M14: PTLD together with a B-cell, T-cell or Hodgkin lymphoma or a plasmacytoma/myeloma.
RuleOutcome m14(const Pair& p) {
  if (!one_each(p, histology_in(ptld()), histology_in(lymphoma_or_myeloma_with_ptld()))) return RuleOutcome::none();
  return single_if_simultaneous(p);
}

// M15: the Heme DB Multiple Primaries Calculator.
RuleOutcome m15(const HematopoieticTables& t, const Pair& p) {
  return RuleOutcome::decided(heme_db_same_primary(t, p.a, p.b) ? Result::single_primary : Result::multiple_primaries);
}

}  // namespace

RuleSet hematopoietic_2010() {
  return hematopoietic_rule_set("hematopoietic_2010", kName, "2010-9999", {
      rule_never("M1", kM1),  // DCO / path-report-only cases are not told by the coded data
      {"M2", kM2, m2},
      {"M3", kM3, m3},
      {"M4", kM4, m4},
      {"M5", kM5, m5},
      {"M6", kM6, m6},
      rule_never("M7", kM7),  // checked with the calculator at M15
      {"M8", kM8, with_tables("M8", review_if_transformation_within_21_days<kM8Review>)},
      {"M9", kM9, with_tables("M9", review_if_transformation_within_21_days<kM9Review>)},
      {"M10", kM10, with_tables("M10", m10)},
      {"M11", kM11, with_tables("M11", review_if_transformation_within_21_days<kM11Review>)},
      {"M12", kM12, with_tables("M12", review_if_transformation)},
      {"M13", kM13, with_tables("M13", review_if_transformation)},
      {"M14", kM14, m14},
      {"M15", kM15, with_tables("M15", m15)},
  });
}

}  // namespace chartflow::mph::detail
