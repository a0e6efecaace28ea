// Solid Tumor Rules 2018+, Non-Malignant CNS Tumors: benign (/0) and borderline (/1) tumours of the
// meninges, brain, spinal cord, cranial nerves and the pituitary / pineal region (lymphoma,
// leukemia and Kaposi sarcoma excluded). Rules M5-M13; M5 (a malignant tumour after a non-malignant
// one) never applies here: the malignant tumour belongs to the Malignant CNS set, and a pair in two
// different rule sets is already multiple primaries for the engine.
#include "rule_sets.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mph::detail {
namespace {

constexpr const char* kName = "Solid Tumor 2018+ Non Malignant CNS";

// A final QUESTIONABLE answer carries the whole "Unable to apply" sentence itself.
std::string unable_to_apply(std::string_view step, const std::string& why) {
  return "Unable to apply Rule " + std::string(step) + " of " + kName + ". " + why;
}

// ---- sites (Table 2 in the Equivalent Terms and Definitions) ----

const Ranges& brain() {
  static const Ranges sites{"C710-C719"};
  return sites;
}

// Rule M7: each group is "<this part> AND any other part of CNS": two tumours are multiple
// primaries when exactly one of them is in one of the groups.
const std::array<Ranges, 7>& cns_parts() {
  static const std::array<Ranges, 7> parts{
      Ranges{"C710-C719"},  // any lobe of the brain
      Ranges{"C721"},       // cauda equina
      Ranges{"C700"},       // cerebral meninges
      Ranges{"C722-C725"},  // cranial nerves
      Ranges{"C709"},       // meninges of cranial nerves
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

// ---- histologies (Table 6 in the Equivalent Terms and Definitions) ----

// Rule M8: the subtypes/variants of Column 3.
const HistologySet& column3_subtypes() {
  static const HistologySet set{"9390/1", "9351/1", "9352/1", "9431/1", "9493/0", "9121/0", "9122/0", "8880/0", "8728/1", "9534/0",
                                "9539/1", "9538/1", "9532/0", "9531/0", "9533/0", "9537/0", "8825/1", "9550/0", "9560/1"};
  return set;
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

const HistologyTable& table6(int diagnosis_year) {
  static const HistologyTable before_2023(table6_rows(true));
  static const HistologyTable from_2023(table6_rows(false));
  return diagnosis_year >= 2023 ? from_2023 : before_2023;
}

std::optional<std::string> table6_row(const Tumor& t) {
  const auto& table = table6(t.year);
  const auto row = table.row_of(t);
  return row ? std::optional(table.row(*row).label) : std::nullopt;
}

// "8010/3 is not in the table." / "Both 8000/3 and 8010/3 are not in the table."
std::string not_in_table6(const Pair& p, bool a_missing, bool b_missing) {
  if (a_missing && b_missing) return "Both " + histology_behavior(p.a) + " and " + histology_behavior(p.b) + " are not in the table.";
  return histology_behavior(a_missing ? p.a : p.b) + " is not in the table.";
}

// ---- rules ----

Rule decide_when(std::string step, Result result, std::string reason, bool (*holds)(const Pair&)) {
  return Rule{std::move(step), std::move(reason),
              [result, holds](const Pair& p) { return holds(p) ? RuleOutcome::decided(result) : RuleOutcome::none(); }};
}

std::vector<Rule> rules_m6_to_m8() {
  std::vector<Rule> rules;
  rules.push_back(decide_when("M6", Result::single_primary,
                              "Bilateral acoustic neuromas/vestibular schwannomas 9560/0 or bilateral optic gliomas/pilocytic "
                              "astrocytomas 9421/1 are a single primary.",
                              [](const Pair& p) {
                                static const HistologySet bilateral{"9560/0", "9421/1"};
                                return histology_behavior(p.a) == histology_behavior(p.b) && bilateral.contains(p.a);
                              }));
  rules.push_back(decide_when("M7", Result::multiple_primaries,
                              "Multiple tumors present in the following sites:\n"
                              " - Any lobe(s) of the brain C710-C719 AND any other part of CNS\n"
                              " - Cauda equina C721 AND any other part of CNS\n"
                              " - Cerebral meninges C700 AND spinal meninges C701\n"
                              " - Cerebral meninges C700 AND any other part of CNS\n"
                              " - Any cranial nerve(s) C722-C725 AND any other part of the CNS\n"
                              " - Meninges of cranial nerves C709 AND any other part of the CNS\n"
                              " - Spinal cord C720 AND any other part of CNS\n"
                              " - Spinal meninges C701 AND any other part of CNS\n"
                              "are multiple primaries.",
                              different_cns_parts));
  rules.push_back(decide_when("M8", Result::multiple_primaries,
                              "Separate/non-contiguous tumors that are two or more different subtypes/variants in Column 3, Table 6 "
                              "in the Equivalent Terms and Definitions are multiple primaries.",
                              [](const Pair& p) {
                                return p.a.histology != p.b.histology && column3_subtypes().contains(p.a) &&
                                       column3_subtypes().contains(p.b);
                              }));
  return rules;
}

// M11 / M12: decided by the rows of Table 6; a histology missing from the table leaves the pair
// questionable (a final answer, as in the reference).
Rule table6_rule(std::string step, std::string reason, bool same_row) {
  return Rule{step, std::move(reason), [step, same_row](const Pair& p) {
                const auto a = table6_row(p.a), b = table6_row(p.b);
                if (!a || !b) return RuleOutcome::decided(Result::questionable, unable_to_apply(step, not_in_table6(p, !a, !b)));
                if ((*a == *b) != same_row) return RuleOutcome::none();
                return RuleOutcome::decided(same_row ? Result::single_primary : Result::multiple_primaries);
              }};
}

std::vector<Rule> rules_m9_to_m13() {
  std::vector<Rule> rules;
  // M9: laterality is irrelevant (same side, both sides, or midline and one side).
  rules.push_back(decide_when(
      "M9", Result::single_primary, "Two or more separate/non-contiguous meningiomas arising in the cranial meninges is a single primary.",
      [](const Pair& p) {
        return p.a.site == "C700" && p.b.site == "C700" && meningiomas().contains(p.a) && meningiomas().contains(p.b);
      }));
  rules.push_back(decide_when(
      "M10", Result::single_primary,
      "Tumors which are separate, non-contiguous and in the brain (multicentric/multifocal) are a single primary.",
      [](const Pair& p) { return p.a.histology == p.b.histology && brain().contains_site(p.a.site) && brain().contains_site(p.b.site); }));
  rules.push_back(table6_rule(
      "M11", "Separate/non-contiguous tumors on the same row in Table 6 in the Equivalent Terms and Definitions are a single primary.",
      true));
  rules.push_back(table6_rule(
      "M12", "Separate/non-contiguous tumors on different rows in Table 6 in the Equivalent Terms and Definitions are multiple primaries.",
      false));
  rules.push_back(rule_no_criteria("M13", "Tumors that do not meet any of the criteria are abstracted as a single primary."));
  return rules;
}

}  // namespace

RuleSet solid_2018_nonmalignant_cns() {
  RuleSet set;
  set.id = "solid_2018_nonmalignant_cns";
  set.name = kName;
  set.sites_included = Ranges{"C700, C701, C709, C710-C719, C720-C725, C728, C729, C751-C753"};
  set.histologies_excluded = Ranges{"9590-9993, 9140"};  // lymphoma, leukemia, Kaposi sarcoma
  set.behaviors = Ranges{"0-1"};
  set.years = Ranges{"2018-9999"};
  for (auto part : {rules_m6_to_m8, rules_m9_to_m13})
    for (auto& rule : part()) set.rules.push_back(std::move(rule));
  return set;
}

}  // namespace chartflow::mph::detail
