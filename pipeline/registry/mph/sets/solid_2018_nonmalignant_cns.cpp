// Solid Tumor Rules 2018+, Non-Malignant CNS Tumors: benign (/0) and borderline (/1) tumours of the
// meninges, brain, spinal cord, cranial nerves and the pituitary / pineal region (lymphoma,
// leukemia and Kaposi sarcoma excluded). Rules M5-M13; M5 (a malignant tumour after a non-malignant
// one) never applies here: the malignant tumour belongs to the Malignant CNS set, and a pair in two
// different rule sets is already multiple primaries for the engine.
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <vector>

namespace chartflow::mph::detail {
namespace {

// ---- histologies (Table 6 in the Equivalent Terms and Definitions) ----

// Rule M8: the subtypes/variants of Column 3.
const SubtypeColumn& column3() {
  static const SubtypeColumn column{"9390/1", "9351/1", "9352/1", "9431/1", "9493/0", "9121/0", "9122/0", "8880/0", "8728/1", "9534/0",
                                    "9539/1", "9538/1", "9532/0", "9531/0", "9533/0", "9537/0", "8825/1", "9550/0", "9560/1"};
  return column;
}

// Rule M9: meningioma and its subtypes.
const HistologySet& meningiomas() {
  static const HistologySet set{"9530/0", "9534/0", "9539/1", "9538/1", "9532/0", "9531/0", "9537/0"};
  return set;
}

// Rules M11, M12: the rows of Table 6, labelled by their NOS code. SEER dropped osteoma 9180/0
// from the table for tumours diagnosed in 2023 and later; each tumour is looked up in the table of
// its own diagnosis year.
std::vector<HistologyTable::Row> table6_rows(bool with_osteoma) {
  std::vector<HistologyTable::Row> rows{
      {"8830/0", {"8830/0"}},                      // benign fibrous histiocytoma
      {"9506/1", {"9506/1"}},                      // central neurocytoma
      {"9220/0", {"9220/0"}},                      // chondroma
      {"9444/1", {"9444/1"}},                      // chordoid glioma of the third ventricle
      {"9390/0", {"9390/0", "9390/1"}},            // choroid plexus papilloma
      {"9350/1", {"9350/1", "9351/1", "9352/1"}},  // craniopharyngioma
      {"9412/1", {"9412/1"}},                      // desmoplastic infantile astrocytoma and ganglioglioma
      {"9421/1", {"9421/1", "9431/1"}},            // optic glioma/pilocytic astrocytoma, angiocentric glioma
      {"9413/0", {"9413/0"}},                      // dysembryoplastic neuroepithelial tumor
      {"9492/0", {"9492/0", "9493/0"}},            // gangliocytoma
      {"9505/1", {"9505/1"}},                      // ganglioglioma
      {"9582/0", {"9582/0"}},                      // granular cell tumor of the sellar region
      {"9161/1", {"9161/1"}},                      // hemangioblastoma
      {"9120/0", {"9120/0", "9121/0", "9122/0"}},  // hemangioma
      {"9749/1", {"9749/1"}},                      // juvenile xanthogranuloma
      {"8890/0", {"8890/0"}},                      // leiomyoma
      {"8850/0", {"8850/0", "8880/0"}},            // lipoma
      {"9380/1", {"9380/1"}},                      // low-grade glioma
      {"8728/0", {"8728/0", "8728/1"}},            // meningeal melanocytosis
      {"9530/0", {"9530/0", "9534/0", "9539/1", "9538/1", "9532/0", "9531/0", "9533/0", "9537/0"}},  // meningioma
      {"9509/0", {"9509/0"}},            // multinodular and vacuolating neuronal tumor
      {"8825/0", {"8825/0", "8825/1"}},  // myofibroblastoma
      {"9394/1", {"9394/1"}},            // myxopapillary ependymoma
      {"8000/0", {"8000/0", "8000/1"}},  // neuroepithelial tumor, benign
      {"9540/0", {"9540/0", "9550/0"}},  // neurofibroma
      {"9509/1", {"9509/1"}},            // papillary glioneuronal tumor
      {"8693/1", {"8693/1"}},            // paraganglioma
      {"9571/0", {"9571/0"}},            // perineurioma
      {"9361/1", {"9361/1"}},            // pineocytoma
      {"9432/1", {"9432/1"}},            // pituicytoma
      {"8272/0", {"8272/0"}},            // pituitary adenoma
      {"8271/0", {"8271/0"}},            // pituitary adenoma (prolactinoma)
      {"8900/0", {"8900/0"}},            // rhabdomyoma
      {"9560/0", {"9560/0", "9560/1"}},  // schwannoma
      {"8815/1", {"8815/1"}},            // solitary fibrous tumor grade 1
      {"8290/0", {"8290/0"}},            // spindle cell oncocytoma
      {"9384/1", {"9384/1"}},            // subependymal giant cell astrocytoma
      {"9383/1", {"9383/1"}},            // subependymoma
      {"9080/1", {"9080/1"}},            // teratoma
  };
  if (with_osteoma) rows.push_back({"9180/0", {"9180/0"}});  // osteoma
  return rows;
}

const HistologyTable& table6_of(const Tumor& t) {
  static const HistologyTable before_2023(table6_rows(true));
  static const HistologyTable from_2023(table6_rows(false));
  return t.year >= 2023 ? from_2023 : before_2023;
}

// ---- rules ----

std::vector<Rule> rules_m6_to_m8() {
  std::vector<Rule> rules;
  rules.push_back(rule_if("M6", kSingle,
                          "Bilateral acoustic neuromas/vestibular schwannomas 9560/0 or bilateral optic gliomas/pilocytic astrocytomas "
                          "9421/1 are a single primary.",
                          [](const Pair& p) {
                            static const HistologySet bilateral{"9560/0", "9421/1"};
                            return histology_behavior(p.a) == histology_behavior(p.b) && bilateral.contains(p.a);
                          }));
  rules.push_back(rule_cns_sites("M7", false));
  rules.push_back(rule_subtypes_differ("M8",
                                       "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, "
                                       "Table 6 in the Equivalent Terms and Definitions are multiple primaries.",
                                       column3()));
  return rules;
}

std::vector<Rule> rules_m9_to_m13() {
  std::vector<Rule> rules;
  // M9: laterality is irrelevant (same side, both sides, or midline and one side).
  rules.push_back(rule_if("M9", kSingle,
                          "Two or more separate/non-contiguous meningiomas arising in the cranial meninges is a single primary.",
                          [](const Pair& p) { return both_at(p, "C700") && both_in(meningiomas(), p); }));
  rules.push_back(rule_same_histology_in_brain(
      "M10", "Tumors which are separate, non-contiguous and in the brain (multicentric/multifocal) are a single primary."));
  // M11, M12: each tumour is looked up in the table of its own diagnosis year; a histology missing
  // from it leaves the pair questionable (a final answer, as in the reference).
  add_rules(rules, rules_cns_rows(11, 6, table6_of));
  rules.push_back(rule_no_criteria("M13"));
  return rules;
}

}  // namespace

RuleSet solid_2018_nonmalignant_cns() {
  return site_rule_set("solid_2018_nonmalignant_cns", "Solid Tumor 2018+ Non Malignant CNS",
                       "C700, C701, C709, C710-C719, C720-C725, C728, C729, C751-C753", "0-1", "2018-9999",
                       {rules_m6_to_m8(), rules_m9_to_m13()});
}

}  // namespace chartflow::mph::detail
