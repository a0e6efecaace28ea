// Solid Tumor Rules 2018+, Malignant CNS and Peripheral Nerves: malignant (/3) tumours of the
// meninges, brain, spinal cord, cranial and peripheral nerves and the pituitary / pineal region
// (lymphoma, leukemia and Kaposi sarcoma excluded). Rules M5-M12; a non-malignant CNS tumour falls
// in the Non-Malignant CNS set, so M5 (malignant and non-malignant are always multiple primaries)
// never applies here: such a pair is two different rule sets, which the engine already answers.
// C479 is listed by SEER but the Head and Neck set (tried first) takes it.
#include "rule_sets.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::mph::detail {
namespace {

constexpr const char* kName = "Solid Tumor 2018+ Malignant CNS";
constexpr int kGlioblastoma = 9440;

// A final QUESTIONABLE answer carries the whole "Unable to apply" sentence itself.
std::string unable_to_apply(std::string_view step, const std::string& why) {
  return "Unable to apply Rule " + std::string(step) + " of " + kName + ". " + why;
}

// ---- sites (Table 2 in the Equivalent Terms and Definitions) ----

const Ranges& brain() {
  static const Ranges sites{"C710-C719"};
  return sites;
}

const Ranges& cranial_nerves() {
  static const Ranges sites{"C722-C725"};
  return sites;
}

// Rule M8: each group is "<this part> AND any other part of CNS": two tumours are multiple
// primaries when exactly one of them is in one of the groups.
const std::array<Ranges, 7>& cns_parts() {
  static const std::array<Ranges, 7> parts{
      Ranges{"C710-C719"},  // any lobe of the brain
      Ranges{"C721"},       // cauda equina
      Ranges{"C700"},       // cerebral meninges
      Ranges{"C722-C725"},  // cranial nerves
      Ranges{"C709"},       // meninges of cranial or peripheral nerves
      Ranges{"C720"},       // spinal cord
      Ranges{"C701"},       // spinal meninges
  };
  return parts;
}

bool different_cns_parts(const Pair& p) {
  const auto& parts = cns_parts();
  return std::any_of(parts.begin(), parts.end(),
                     [&](const Ranges& part) { return part.contains_site(p.a.site) != part.contains_site(p.b.site); });
}

// ---- histologies (Table 3 in the Equivalent Terms and Definitions) ----

// Rule M6: the glial tumours (astroblastoma, astrocytomas, diffuse midline glioma, ependymomas,
// glioblastomas, oligodendrogliomas, pleomorphic xanthoastrocytoma, glioma NOS).
const HistologySet& glial_tumors() {
  static const HistologySet set{"9380", "9385", "9391-9393", "9396", "9400-9401", "9411", "9424", "9430", "9440-9442", "9445", "9450-9451"};
  return set;
}

// Rule M9: the subtypes/variants of Column 3.
const Ranges& column3_subtypes() {
  static const Ranges codes{
      "9401, 9411, 9424, 9473, 9071, 9392, 9396, 9393, 9441, 9445, 9442, 9085, 9084, 9538, 9542, 9474, 9471, 9477, "
      "9476, 9475, 9451, 9425, 9395, 9120, 9220, 9240, 8890, 8891, 8896, 8859, 9180, 9480, 9366, 9268, 8802"};
  return codes;
}

// The Column 3 subtypes a code stands for (sorted): itself, except mesenchymal chondrosarcoma 9240,
// counted as chondrosarcoma 9220, and leiomyosarcoma 8890, standing for its variants 8891 and 8896.
std::vector<int> stands_for(int histology) {
  if (histology == 9240) return {9220};
  if (histology == 8890) return {8891, 8896};
  return {histology};
}

// Two different subtypes: neither one's codes include the other's (8890 and 8891 are not).
bool different_subtypes(const Pair& p) {
  if (!column3_subtypes().contains(p.a.histology) || !column3_subtypes().contains(p.b.histology)) return false;
  const auto x = stands_for(p.a.histology), y = stands_for(p.b.histology);
  return !std::includes(x.begin(), x.end(), y.begin(), y.end()) && !std::includes(y.begin(), y.end(), x.begin(), x.end());
}

// Rules M10, M11: one row per histology; the label is the row's NOS code. Glioblastoma
// IDH-mutant 9445 is listed under both glioblastoma 9440 and astrocytoma 9400; as in the reference
// it forms its own row ("9440,9400"), the same row as no other code. The reference's extra
// "9421/3" row is unreachable (pilocytic astrocytoma 9421 of any behaviour matches first): left out.
const HistologyTable& table3() {
  static const HistologyTable table(std::vector<HistologyTable::Row>{
      {"9505", {"9505"}},                                          // anaplastic ganglioglioma
      {"9430", {"9430"}},                                          // astroblastoma
      {"9400", {"9400", "9401", "9411", "9424"}},                  // astrocytoma NOS
      {"8693/3", {"8693/3"}},                                      // cauda equina neuroendocrine tumor
      {"9100", {"9100"}},                                          // choriocarcinoma
      {"9390", {"9390"}},                                          // choroid plexus carcinoma
      {"9508", {"9508"}},                                          // CNS embryonal tumor with rhabdoid features
      {"9490", {"9490", "9473"}},                                  // CNS ganglioneuroblastoma
      {"9500", {"9500"}},                                          // CNS neuroblastoma
      {"9509", {"9509"}},                                          // diffuse leptomeningeal glioneuronal tumor
      {"9385", {"9385"}},                                          // diffuse midline glioma H3 K27M mutant
      {"9070", {"9070", "9071"}},                                  // embryonal carcinoma
      {"9478", {"9478"}},                                          // embryonal tumor with multilayered rosettes
      {"9391", {"9391", "9392", "9396", "9393"}},                  // ependymoma
      {"9133", {"9133"}},                                          // epithelioid hemangioendothelioma
      {"9064", {"9064"}},                                          // germinoma
      {"9440", {"9440", "9441", "9442"}},                          // glioblastoma multiforme
      {"9440,9400", {"9445"}},                                     // glioblastoma IDH-mutant
      {"9380", {"9380"}},                                          // glioma NOS
      {"9080", {"9080", "9085", "9084"}},                          // immature teratoma
      {"9530", {"9530", "9538"}},                                  // malignant meningioma
      {"9540", {"9540", "9542"}},                                  // malignant peripheral nerve sheath tumor
      {"9470", {"9470", "9474", "9471", "9477", "9476", "9475"}},  // medulloblastoma NOS
      {"9501", {"9501"}},                                          // medulloepithelioma
      {"8720", {"8720"}},                                          // meningeal melanoma
      {"8000/3", {"8000/3"}},                                      // neuroepithelial tumor, malignant
      {"9382", {"9382"}},                                          // oligoastrocytoma NOS
      {"9450", {"9450", "9451"}},                                  // oligodendroglioma NOS
      {"9364", {"9364"}},                                          // peripheral primitive neuroectodermal tumor
      {"9421", {"9421", "9425"}},                                  // pilocytic astrocytoma
      {"9362", {"9362", "9365"}},                                  // pineal parenchymal tumor of intermediate differentiation
      {"8272/3", {"8272/3"}},                                      // pituitary carcinoma
      // sarcoma NOS and its subtypes
      {"8800", {"8800", "9120", "9220", "9240", "8890", "8891", "8896", "8859", "9180", "9480", "9366", "9268", "8802"}},
      {"8815/3", {"8815/3"}},  // solitary fibrous tumor grade 3
  });
  return table;
}

// The row labels of both tumours, or nullopt when either is missing from Table 3.
std::optional<std::pair<std::string, std::string>> table3_rows(const Pair& p) {
  const auto a = table3().row_of(p.a), b = table3().row_of(p.b);
  if (!a || !b) return std::nullopt;
  return std::pair{table3().row(*a).label, table3().row(*b).label};
}

// ---- rules ----

// M6: diagnosed later with a GBM 9440 after another glial tumour (not GBM after GBM).
Tri glial_then_glioblastoma(const Pair& p) {
  auto glioblastoma = [](const Tumor& t) { return t.histology == kGlioblastoma; };
  auto other_glial = [](const Tumor& t) { return t.histology != kGlioblastoma && glial_tumors().contains(t); };
  if (!one_each(p, glioblastoma, other_glial)) return Tri::no;
  switch (later_diagnosis(p)) {
    case -1: return Tri::unknown;
    case 1: return tri(glioblastoma(p.a));
    case 2: return tri(glioblastoma(p.b));
    default: return Tri::no;  // the same day
  }
}

Rule multiple_when(std::string step, std::string reason, bool (*holds)(const Pair&)) {
  return Rule{std::move(step), std::move(reason),
              [holds](const Pair& p) { return holds(p) ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none(); }};
}

std::vector<Rule> rules_m6_to_m9() {
  std::vector<Rule> rules;
  rules.push_back(rule_when("M6", Result::multiple_primaries,
                            "A glial tumor that is subsequently diagnosed with a glioblastoma multiforme 9440 (GBM) is multiple primaries.",
                            glial_then_glioblastoma, "Valid and known diagnosis date should be provided."));
  // M7: multicentric/multifocal tumours of the same histology anywhere in the brain.
  rules.push_back(Rule{"M7",
                       "Tumors which are separate, non-contiguous, in the brain (multicentric/multifocal), and have the same "
                       "histology are a single primary.",
                       [](const Pair& p) {
                         const bool same =
                             p.a.histology == p.b.histology && brain().contains_site(p.a.site) && brain().contains_site(p.b.site);
                         return same ? RuleOutcome::decided(Result::single_primary) : RuleOutcome::none();
                       }});
  rules.push_back(
      multiple_when("M8",
                    "Multiple tumors present in the following sites:\n"
                    " - Any lobe(s) of the brain C710-C719 AND any other part of CNS\n"
                    " - Cauda equina C721 AND any other part of CNS\n"
                    " - Cerebral meninges C700 AND spinal meninges C701\n"
                    " - Cerebral meninges C700 AND any other part of CNS\n"
                    " - Any cranial nerve(s) C722-C725 AND any other part of the CNS\n"
                    " - Any two or more of the cranial nerves: C722 Olfactory, C723 Optic, C724 Acoustic, C725 Cranial nerves NOS,\n"
                    " - Meninges of cranial nerves C709 AND any other part of the CNS\n"
                    " - Spinal cord C720 AND any other part of CNS\n"
                    " - Spinal meninges C701 AND any other part of CNS\n"
                    "are multiple primaries.",
                    [](const Pair& p) {
                      const bool two_cranial_nerves =
                          cranial_nerves().contains_site(p.a.site) && cranial_nerves().contains_site(p.b.site) && p.a.site != p.b.site;
                      return different_cns_parts(p) || two_cranial_nerves;
                    }));
  rules.push_back(multiple_when("M9",
                                "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, Table 3 "
                                "in the Equivalent Terms and Definitions are multiple primaries.",
                                different_subtypes));
  return rules;
}

// M10 / M11: decided by the rows of Table 3; a histology missing from the table leaves the pair
// questionable (a final answer, as in the reference).
Rule table3_rule(std::string step, std::string reason, bool same_row) {
  return Rule{step, std::move(reason), [step, same_row](const Pair& p) {
                const auto rows = table3_rows(p);
                if (!rows) return RuleOutcome::decided(Result::questionable, unable_to_apply(step, *not_in_table(p, table3())));
                if ((rows->first == rows->second) != same_row) return RuleOutcome::none();
                return RuleOutcome::decided(same_row ? Result::single_primary : Result::multiple_primaries);
              }};
}

std::vector<Rule> rules_m10_to_m12() {
  std::vector<Rule> rules;
  rules.push_back(table3_rule(
      "M10", "Separate/non-contiguous tumors on the same row in Table 3 in the Equivalent Terms and Definitions are a single primary.",
      true));
  rules.push_back(table3_rule(
      "M11", "Separate/non-contiguous tumors on different rows in Table 3 in the Equivalent Terms and Definitions are multiple primaries.",
      false));
  rules.push_back(rule_no_criteria("M12", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return rules;
}

}  // namespace

RuleSet solid_2018_malignant_cns() {
  RuleSet set;
  set.id = "solid_2018_malignant_cns";
  set.name = kName;
  set.sites_included = Ranges{"C470-C479, C700, C701, C709, C710-C719, C720-C725, C728, C729, C751-C753"};
  set.histologies_excluded = Ranges{"9590-9993, 9140"};  // lymphoma, leukemia, Kaposi sarcoma
  set.behaviors = Ranges{"3"};
  set.years = Ranges{"2018-9999"};
  for (auto part : {rules_m6_to_m9, rules_m10_to_m12})
    for (auto& rule : part()) set.rules.push_back(std::move(rule));
  return set;
}

}  // namespace chartflow::mph::detail
