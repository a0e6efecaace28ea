// Solid Tumor Rules 2018+, Malignant CNS and Peripheral Nerves: malignant (/3) tumours of the
// meninges, brain, spinal cord, cranial and peripheral nerves and the pituitary / pineal region
// (lymphoma, leukemia and Kaposi sarcoma excluded). Rules M5-M12; a non-malignant CNS tumour falls
// in the Non-Malignant CNS set, so M5 (malignant and non-malignant are always multiple primaries)
// never applies here: such a pair is two different rule sets, which the engine already answers.
// C479 is listed by SEER but the Head and Neck set (tried first) takes it.
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <vector>

namespace chartflow::mph::detail {
namespace {

constexpr int kGlioblastoma = 9440;

// ---- histologies (Table 3 in the Equivalent Terms and Definitions) ----

// Rule M6: the glial tumours (astroblastoma, astrocytomas, diffuse midline glioma, ependymomas,
// glioblastomas, oligodendrogliomas, pleomorphic xanthoastrocytoma, glioma NOS).
const HistologySet& glial_tumors() {
  static const HistologySet set{"9380", "9385", "9391-9393", "9396", "9400-9401", "9411", "9424", "9430", "9440-9442", "9445", "9450-9451"};
  return set;
}

// Rule M9: the subtypes/variants of Column 3. Mesenchymal chondrosarcoma 9240 counts as
// chondrosarcoma 9220, and leiomyosarcoma 8890 stands for its variants 8891 and 8896.
const SubtypeColumn& column3() {
  static const SubtypeColumn column{{"9401", "9411", "9424", "9473", "9071", "9392", "9396", "9393", "9441", "9445", "9442", "9085",
                                     "9084", "9538", "9542", "9474", "9471", "9477", "9476", "9475", "9451", "9425", "9395", "9120",
                                     "9220", "8891", "8896", "8859", "9180", "9480", "9366", "9268", "8802"},
                                    {{"9240", {"9220"}}, {"8890", {"8891", "8896"}}}};
  return column;
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

std::vector<Rule> rules_m6_to_m12() {
  std::vector<Rule> rules;
  rules.push_back(rule_when("M6", kMultiple,
                            "A glial tumor that is subsequently diagnosed with a glioblastoma multiforme 9440 (GBM) is multiple primaries.",
                            glial_then_glioblastoma));
  rules.push_back(rule_same_histology_in_brain(
      "M7", "Tumors which are separate, non-contiguous, in the brain (multicentric/multifocal), and have the same histology are a single "
            "primary."));
  rules.push_back(rule_cns_sites("M8", true));
  rules.push_back(rule_subtypes_differ("M9",
                                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, "
                                       "Table 3 in the Equivalent Terms and Definitions are multiple primaries.",
                                       column3()));
  // M10, M11: a histology missing from Table 3 leaves the pair questionable (a final answer, as in
  // the reference).
  add_rules(rules, rules_cns_rows(10, 3, [](const Tumor&) -> const HistologyTable& { return table3(); }));
  rules.push_back(rule_no_criteria("M12"));
  return rules;
}

}  // namespace

RuleSet solid_2018_malignant_cns() {
  return site_rule_set("solid_2018_malignant_cns", "Solid Tumor 2018+ Malignant CNS",
                       "C470-C479, C700, C701, C709, C710-C719, C720-C725, C728, C729, C751-C753", "3", "2018-9999", {rules_m6_to_m12()});
}

}  // namespace chartflow::mph::detail
