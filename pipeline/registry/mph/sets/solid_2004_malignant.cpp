// SEER 2004 multiple primary rules (diagnoses 2006 and earlier) for malignant solid tumours
// (histologies 8000-9589, behaviours 2, 3, 6; any site): rules 1-10 of the 2004 SEER Program
// Coding Manual. Rules 1-2 (a single lesion) need the tumour count and never apply to a pair.
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <algorithm>
#include <array>

namespace chartflow::mph::detail {
namespace {

// ---- sites ----

// Sites whose codes are one site for the 2004 rules although they differ at the third character.
const std::array<Ranges, 14>& site_groups() {
  static const std::array<Ranges, 14> groups{
      Ranges("C010-C029"),             // tongue (base, other parts)
      Ranges("C050-C069"),             // palate, other parts of the mouth
      Ranges("C070-C089"),             // parotid, other salivary glands
      Ranges("C090-C109"),             // tonsil, oropharynx
      Ranges("C120-C139"),             // pyriform sinus, hypopharynx
      Ranges("C230-C249"),             // gallbladder, other biliary tract
      Ranges("C300-C319"),             // nasal cavity and middle ear, accessory sinuses
      Ranges("C330-C349"),             // trachea, lung
      Ranges("C370-C383, C388"),       // thymus, heart and mediastinum
      Ranges("C510-C529, C577-C579"),  // vulva, vagina, other female genital organs
      Ranges("C569-C574"),             // ovary, fallopian tube, ligaments, adnexa
      Ranges("C600-C609, C630-C639"),  // penis, other male genital organs
      Ranges("C640-C669, C680-C689"),  // kidney, renal pelvis, ureter, other urinary organs
      Ranges("C740-C759")};            // adrenal gland, other endocrine glands
  return groups;
}

// Sites where only the full code is the same site (colon, anus, pleura and mediastinum, bone,
// skin, peripheral nerves, connective tissue).
bool exact_match_site(const Tumor& t) {
  static const Ranges exact("C180-C189, C210-C219, C380-C389, C400-C419, C440-C449, C470-C479, C490-C499");
  return exact.contains_site(t.site);
}

bool same_site(const Pair& p) {
  if (p.a.site == p.b.site) return true;
  if (!site_differs_at(p, {1, 2}) && !exact_match_site(p.a)) return true;
  const auto& groups = site_groups();
  return std::any_of(groups.begin(), groups.end(),
                     [&](const Ranges& g) { return g.contains_site(p.a.site) && g.contains_site(p.b.site); });
}

bool paired_site(const Tumor& t) {
  static const Ranges paired(
      "C079, C080-C081, C090-C099, C300-C301, C310, C312, C340-C349, C384, C400-C403, C413-C414, C441-C443, C445-C447, "
      "C471-C472, C491-C492, C500-C509, C569, C570, C620-C629, C630-C631, C649, C659, C669, C690-C699, C700, C710-C714, "
      "C722-C725, C740-C749, C754");
  return paired.contains_site(t.site);
}
bool both_paired(const Pair& p) { return paired_site(p.a) && paired_site(p.b); }

bool bladder(const Tumor& t) { return t.site.starts_with("C67"); }
bool breast(const Tumor& t) { return t.site.starts_with("C50"); }
bool colon_or_rectum(const Tumor& t) { return t.site.starts_with("C18") || t.site == "C209"; }

// ---- histologies ----

// Same first three digits, except small cell (8041-8045) and non-small cell carcinoma (8046).
bool same_histology(const Pair& p) {
  const auto small_cell = [](const Tumor& t) { return t.histology >= 8041 && t.histology <= 8045; };
  const auto non_small_cell = [](const Tumor& t) { return t.histology == 8046; };
  return !histology_differs_at(p, {1, 2, 3}) && !one_each(p, small_cell, non_small_cell);
}

bool specific_carcinoma(const Tumor& t) {
  static const HistologySet set{
      "8000-8005", "8011-8015", "8020-8022", "8030-8035", "8041-8046", "8050-8052", "8070-8078", "8080-8084", "8090-8098",
      "8102",      "8110",      "8120-8124", "8130-8131", "8140-8148", "8150-8157", "8160-8162", "8170-8175", "8180",
      "8190",      "8200-8201", "8210-8211", "8214-8215", "8220-8221", "8230-8231", "8240-8247", "8249",      "8250-8256",
      "8260-8263", "8270-8272", "8280-8281", "8290",      "8300",      "8310",      "8312-8319", "8320-8323", "8330-8333",
      "8335",      "8337",      "8340-8347", "8350",      "8370",      "8380-8384", "8390",      "8400-8403", "8407-8410",
      "8413",      "8420",      "8430",      "8440-8442", "8450-8453", "8460-8462", "8470-8473", "8480-8482", "8490",
      "8500-8504", "8507-8508", "8510",      "8512-8514", "8520-8525", "8530",      "8540-8543", "8550-8551", "8560-8562",
      "8570-8576", "8580-8586", "8588-8589", "9070",      "9100",      "9110"};
  return set.contains(t);
}

// The MP/H adenocarcinoma list without adenocarcinoma, NOS itself.
bool specific_adenocarcinoma(const Tumor& t) { return t.histology != 8140 && adenocarcinomas().contains(t); }

bool specific_melanoma(const Tumor& t) {
  return (t.histology >= 8000 && t.histology <= 8005) || (t.histology >= 8721 && t.histology <= 8790);
}

bool specific_sarcoma(const Tumor& t) {
  static const HistologySet set{"8000-8005", "8801-8806", "8810-8815", "8830",      "8832-8833", "8840",
                                "8842",      "8850-8855", "8857-8858", "8890-8891", "8894-8896", "8900-8902",
                                "8910",      "8912",      "8920-8921", "8930-8931", "8933",      "8935-8936",
                                "8990-8991", "9040-9044", "9180-9243", "9260-9261"};
  return set.contains(t);
}

bool adenocarcinoma(const Tumor& t) { return adenocarcinomas().contains(t); }
bool transitional_cell(const Tumor& t) {
  return (t.histology >= 8120 && t.histology <= 8124) || t.histology == 8130 || t.histology == 8131;
}
bool papillary_or_transitional(const Tumor& t) { return t.histology == 8050 || transitional_cell(t); }

bool thyroid_follicular_or_papillary(const Tumor& t) {
  static const HistologySet set{"8330/3", "8331/3", "8332/3", "8335/3", "8339/3",   // follicular
                                "8260/3", "8340/3", "8343/3", "8344/3", "8350/3"};  // papillary
  return set.contains(t);
}
bool duct_or_lobular(const Tumor& t) {
  static const HistologySet set{"8022", "8035", "8500-8503", "8508", "8520", "8522", "8524"};
  return set.contains(t);
}
bool paget_duct_or_intraductal(const Tumor& t) {
  static const HistologySet set{"8540-8543", "8022", "8035", "8500-8504", "8507", "8508", "8201", "8230", "8401"};
  return set.contains(t);
}

// Rule 6, exception 1: an NOS (carcinoma, adenocarcinoma, melanoma, sarcoma) and a more specific type.
bool nos_and_specific(const Pair& p) {
  const auto nos = [](int code) { return [code](const Tumor& t) { return t.histology == code; }; };
  return one_each(p, nos(8010), specific_carcinoma) || one_each(p, nos(8140), specific_adenocarcinoma) ||
         one_each(p, nos(8720), specific_melanoma) || one_each(p, nos(8800), specific_sarcoma);
}

// Rule 6, exceptions 2-3: familial adenomatous polyposis in the colon or rectum, and the
// multi-histologic tumours of the thyroid, bladder and breast.
bool site_specific_mixed_histology(const Pair& p) {
  const Tumor &a = p.a, &b = p.b;
  if (colon_or_rectum(a) && colon_or_rectum(b) && a.histology == 8220 && b.histology == 8220) return true;
  if (a.site == "C739" && b.site == "C739" && thyroid_follicular_or_papillary(a) && thyroid_follicular_or_papillary(b))
    return true;
  if (bladder(a) && bladder(b) && papillary_or_transitional(a) && papillary_or_transitional(b)) return true;
  return breast(a) && breast(b) &&
         ((duct_or_lobular(a) && duct_or_lobular(b)) || (paget_duct_or_intraductal(a) && paget_duct_or_intraductal(b)));
}

// Rule 4 exceptions: bilateral ovaries, retinoblastomas (9510-9513), Wilms tumours (8960).
bool bilateral_single_primary(const Pair& p) {
  const auto retinoblastoma = [](const Tumor& t) { return t.histology >= 9510 && t.histology <= 9513; };
  return (p.a.site == "C569" && p.b.site == "C569") || (retinoblastoma(p.a) && retinoblastoma(p.b)) ||
         (p.a.histology == 8960 && p.b.histology == 8960);
}

// ---- rule statements (as SEER's reference reports them, typos included) ----

constexpr const char* kRule3 =
    "Simultaneous multiple lesions of the same histologic type within the same site (i.e., multifocal tumors in a "
    "single organ or site) are a single primary. If a new cancer of the same histology as an earlier one is "
    "diagnosed in the same site within two months, this is a single primary cancer";
constexpr const char* kRule4 =
    "If both sides of a paired organ are involved with the same histologic type within two months of the initial "
    "diagnosis:\n"
    "It is one primary if the physician states the tumor in one organ is metastatic from the other.\n"
    "Code as multiple primaries if the physician states these are independent primaries or when there is no "
    "physician statement that one is metastatic from the other.\n"
    "Exception 1 : Simultaneous bilateral involvement of the ovaries with the same histology is one primary and "
    "laterality is coded 4 when it is unknown which ovary was the primary site.\n"
    "Exception 2: Bilateral retinoblastomas are a single primary with laterality of 4.\n"
    "Exception 2:  Bilateral Wilms tumors are always a single primary with laterality of 4.";
constexpr const char* kRule5 =
    "If a tumor with the same histology is identified in the same site at least two months after the "
    "initial/original diagnosis (metachronous), this is a separate primary.\n"
    "Exception 1: This is a single primary only when the physician documents that the initial/original tumor gave "
    "rise to the later tumor.\n"
    "Exception 2: Effective with cases diagnosed January 1995 and later, if an in situ tumor is followed by an "
    "invasive cancer in the same site more than two months apart, report as two primaries even if stated to be a "
    "recurrence.\n"
    "Exception 3: Report as a single primary and prepare a single abstract for the first invasive lesion:\n"
    "Multiple invasive adenocarcinomas of the prostate (C619) and Multiple invasive blader cancers (C670 \u2013 C679) "
    "with histology codes 8120-8131\n"
    "Exception 4: Kaposi sarcoma (9140) is reported only once and is coded to the site in which it arises. Code the "
    "primary site to skin (C44_) when Kaposi sarcoma arises in skin and another site simultaneously. If no primary "
    "site is stated, code the primary site to skin, NOS (C449).";
constexpr const char* kRule6 =
    "Multiple synchronous lesions of different histologic types within a single paired or unpaired organ are "
    "separate primaries. Exception 1: Multiple lesions in a single site occurring within two months: if one lesion "
    "is carcinoma, NOS, adenocarcinoma, NOS, sarcoma, NOS, or melanoma, NOS and the second lesion is more specific, "
    "such as large cell carcinoma, mucinous adenocarcinoma, spindle cell sarcoma, or superficial spreading melanoma, "
    "abstract as a single primary and code the histology to the more specific term.\n"
    "Exception 2: For colon and rectum tumors:\n"
    " a) When an adenocarcinoma (8140/_; in situ or invasive) arises in the same segment of the colon or rectum as "
    "an adenocarcinoma in a polyp (8210/_, 8261/_, 8263/_), abstract a single primary and code the histology as "
    "adenocarcinoma (8140/_).\n"
    "b) Familial adenomatous polyposis (FAP) (8220) with malignancies arising in polyps in the same or multiple "
    "segments of the colon or rectum, abstract as a single primary.\n"
    "Exception 3: There are certain sites in which multiple foci of tumor and multiple histologic types are commonly "
    "found together. These multifocal, multi-histologic tumors occur most frequently in the thyroid (papillary and "
    "follicular), bladder (papillary and transitional cell) and breast (combinations of ductal and lobular, and "
    "combinations of Paget disease and ductal/intraductal). They are abstracted as a single primary with a mixed "
    "histology. In such cases, consult ICD-O-3 for a list of the most frequent histologic combinations.";
constexpr const char* kRule7 =
    "Multiple synchronous lesions of different histologic types in paired organs are multiple primaries. If one "
    "histologic type is reported in one side of a paired organ and a different histologic type is reported in the "
    "other paired organ, these are two primaries unless there is a statement to the contrary.";

// ---- rules ----

// Rules 3 and 6 (same site, within two months or unknown): each side of a paired organ is a
// separate site, so tumours on opposite sides are not this rule; unknown sides leave `result` open.
RuleOutcome synchronous_same_site(const Pair& p, Result result, Tri apart) {
  if (both_paired(p)) {
    if (opposite_sides(p)) return RuleOutcome::none();
    if (!both_sides_known(p))
      return RuleOutcome::unable(result, apart == Tri::unknown ? kUnknownLateralityAndDate : kUnknownLaterality);
  }
  if (apart == Tri::unknown) return RuleOutcome::unable(result, kUnknownDate);
  return RuleOutcome::decided(result);
}

RuleOutcome rule3(const Pair& p) {
  const Tri apart = days_apart(p, 60);
  if (!same_site(p) || !same_histology(p) || apart == Tri::yes) return RuleOutcome::none();
  return synchronous_same_site(p, kSingle, apart);
}

RuleOutcome rule4(const Pair& p) {
  const Tri apart = days_apart(p, 60);
  if (!same_site(p) || !same_histology(p) || !both_paired(p) || apart == Tri::yes) return RuleOutcome::none();
  const Result result = bilateral_single_primary(p) ? kSingle : kMultiple;
  if (!both_sides_known(p))
    return RuleOutcome::unable(result, apart == Tri::unknown ? kUnknownLateralityAndDate : kUnknownLaterality);
  if (!opposite_sides(p)) return RuleOutcome::none();
  if (apart == Tri::unknown) return RuleOutcome::unable(result, kUnknownDate);
  return RuleOutcome::decided(result);
}

// Rule 5, with exception 3 (prostate adenocarcinomas, bladder transitional cell carcinomas) and
// exception 4 (Kaposi sarcoma) deciding a single primary first.
RuleOutcome rule5(const Pair& p) {
  const Tumor &a = p.a, &b = p.b;
  const bool both_invasive = is_invasive(a) && is_invasive(b);
  if (a.site == "C619" && b.site == "C619" && both_invasive && adenocarcinoma(a) && adenocarcinoma(b))
    return RuleOutcome::decided(kSingle);
  if (bladder(a) && bladder(b) && both_invasive && transitional_cell(a) && transitional_cell(b))
    return RuleOutcome::decided(kSingle);
  if (a.histology == 9140 && b.histology == 9140) return RuleOutcome::decided(kSingle);
  const Tri apart = days_apart(p, 60);
  if (!same_site(p) || !same_histology(p) || apart == Tri::no) return RuleOutcome::none();
  return apart == Tri::unknown ? RuleOutcome::unable(kMultiple, kUnknownDate) : RuleOutcome::decided(kMultiple);
}

RuleOutcome rule6(const Pair& p) {
  const Tri apart = days_apart(p, 60);
  if (!same_site(p) || same_histology(p) || apart == Tri::yes) return RuleOutcome::none();
  const bool single = nos_and_specific(p) || site_specific_mixed_histology(p);
  return synchronous_same_site(p, single ? kSingle : kMultiple, apart);
}

RuleOutcome rule7(const Pair& p) {
  const Tri apart = days_apart(p, 60);
  if (!same_site(p) || same_histology(p) || !both_paired(p) || apart == Tri::yes) return RuleOutcome::none();
  if (!both_sides_known(p))
    return RuleOutcome::unable(kMultiple, apart == Tri::unknown ? kUnknownLateralityAndDate : kUnknownLaterality);
  if (apart == Tri::unknown) return RuleOutcome::unable(kMultiple, kUnknownDate);
  return opposite_sides(p) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
}

RuleOutcome rule8(const Pair& p) {
  const Tri apart = days_apart(p, 60);
  if (!same_site(p) || same_histology(p) || apart == Tri::no) return RuleOutcome::none();
  return apart == Tri::unknown ? RuleOutcome::unable(kMultiple, kUnknownDate) : RuleOutcome::decided(kMultiple);
}

}  // namespace

RuleSet solid_2004_malignant() {
  RuleSet set = make_rule_set("solid_2004_malignant", "2006 and earlier Solid Malignant",
                              {.histologies = "8000-9589", .behaviors = "2, 3, 6", .years = "0-2006"});
  auto& rules = set.rules;
  // Rules 1-2 speak of a single lesion: never a pair.
  rules.push_back(rule_never(
      "M1", "A single lesion composed of one histologic type is a single primary, even if the lesion crosses site boundaries."));
  rules.push_back(rule_never(
      "M2", "A single lesion composed of multiple (different) histologic types is a single primary even if it crosses site boundaries."));
  rules.push_back(Rule{"M3", kRule3, rule3});
  rules.push_back(Rule{"M4", kRule4, rule4});
  rules.push_back(Rule{"M5", kRule5, rule5});
  rules.push_back(Rule{"M6", kRule6, rule6});
  rules.push_back(Rule{"M7", kRule7, rule7});
  rules.push_back(Rule{
      "M8", "Multiple metachronous lesions of different histologic types within a single site are separate primaries.", rule8});
  rules.push_back(rule_if("M9", kMultiple,
                          "Multiple lesions of different histologic types occurring in different sites are separate primaries whether "
                          "occurring simultaneously or at different times.",
                          [](const Pair& p) { return !same_site(p) && !same_histology(p); }));
  // Rule 10 decides every pair left: the same histology in different sites is multiple primaries,
  // anything else a single one.
  rules.push_back(
      Rule{"M10",
           "Multiple lesions of the same histologic type occurring in different sites are separate primaries unless stated "
           "to be metastatic. Otherwise tumors that do not meet any of the criteria are abstracted as a single primary.",
           [](const Pair& p) { return RuleOutcome::decided(!same_site(p) && same_histology(p) ? kMultiple : kSingle); }});
  return set;
}

}  // namespace chartflow::mph::detail
