// MP/H rules 2007-2017 for malignant (/3) intracranial and CNS tumours (C700-C701, C709-C725,
// C728-C729, C751-C753), lymphoma, leukemia and Kaposi sarcoma excluded. Rules M4-M10 of the SEER
// malignant brain module (M1-M3, the single/multiple tumour split, are not coded).
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::mph::detail {
namespace {

// Chart 1 of the malignant brain rules (neuroepithelial tumours), one set per branch from the top
// of the chart to its leaves. Neuroepithelial, NOS (9503) heads the chart and so is on every
// branch; glioma, NOS (9380) heads the glial branches; anaplastic ependymoma / ependymoblastoma
// (9392) is on both the embryonal and the ependymal branch.
const std::vector<HistologySet>& chart1_branches() {
  static const std::vector<HistologySet> branches = [] {
    const std::vector<std::vector<std::string>> leaves{
        {"9508"},                          // atypical teratoid/rhabdoid tumour
        {"9392"},                          // ependymoblastoma
        {"9501", "9502"},                  // medulloepithelioma, teratoid medulloepithelioma
        {"9470", "9471", "9472", "9474"},  // medulloblastoma and its types
        {"9473", "9490", "9500"},          // supratentorial PNET, ganglioneuroblastoma, neuroblastoma
        {"9391", "9392", "9393"},          // ependymal tumours
        {"9362"},                          // pineoblastoma
        {"9390"},                          // choroid plexus carcinoma
        {"9505"},                          // ganglioglioma, anaplastic / malignant
        {"9521", "9522", "9523"},          // olfactory tumours
        {"9380", "9381", "9423", "9430"},  // glioma, NOS: gliomatosis cerebri, polar spongioblastoma, astroblastoma
        {"9380", "9382"},                  // mixed glioma
        {"9380", "9400", "9401", "9410", "9411", "9420"},  // astrocytomas
        {"9380", "9421"},                                  // pilocytic astrocytoma
        {"9380", "9424", "9440", "9441", "9442"},          // pleomorphic xanthoastrocytoma, glioblastomas
        {"9450", "9451", "9460"},                          // oligodendroglial tumours
    };
    std::vector<HistologySet> sets;
    for (auto codes : leaves) {
      codes.emplace_back("9503");
      sets.emplace_back(codes);
    }
    return sets;
  }();
  return branches;
}

// Chart 2 of the malignant brain rules (non-neuroepithelial tumours).
const HistologyTable& chart2() {
  static const HistologyTable table{{
      {"Peripheral nerve", {"9540", "9560", "9561", "9571"}},
      {"Germ cell tumors", {"9064", "9070", "9071", "9080", "9084", "9085", "9100"}},
      {"Meningioma, malignant", {"9538", "9539"}},
  }};
  return table;
}

bool in_chart1(const Tumor& t) {
  const auto& branches = chart1_branches();
  return std::any_of(branches.begin(), branches.end(), [&](const HistologySet& b) { return b.contains(t); });
}
bool same_chart1_branch(const Pair& p) {
  const auto& branches = chart1_branches();
  return std::any_of(branches.begin(), branches.end(), [&](const HistologySet& b) { return b.contains(p.a) && b.contains(p.b); });
}

// M7 (same branch) and M8 (different branches): Chart 1 when both histologies are in it, else
// Chart 2 when both are in it; nullopt when neither chart has both.
std::optional<bool> same_branch(const Pair& p) {
  if (in_chart1(p.a) && in_chart1(p.b)) return same_chart1_branch(p);
  const auto a = chart2().row_of(p.a), b = chart2().row_of(p.b);
  if (a && b) return a == b;
  return std::nullopt;
}

bool glial(const Tumor& t) {
  static const HistologySet set{"9380-9382", "9400-9401", "9410-9411", "9420-9421", "9423-9424", "9430", "9440-9442"};
  return set.contains(t);
}
bool glioblastoma(const Tumor& t) { return t.histology == 9440; }

// M6: a glioblastoma (9440) diagnosed after another glial tumour. Not the rule when they were
// diagnosed the same day or the glioblastoma came first.
Tri glioblastoma_after_glial(const Pair& p) {
  if (p.a.histology == p.b.histology || !one_each(p, glial, glioblastoma)) return Tri::no;
  const int later = later_diagnosis(p);
  if (later < 0) return Tri::unknown;
  return tri((later == 1 && glioblastoma(p.a)) || (later == 2 && glioblastoma(p.b)));
}

}  // namespace

RuleSet mph_2007_malignant_brain() {
  RuleSet set = site_rule_set("mph_2007_malignant_brain", "MPH 2007-2017 Malignant Brain", "C700-C701, C709-C725, C728-C729, C751-C753",
                              "3", "2007-2017");
  auto& rules = set.rules;
  // M4: a benign or borderline tumour is in the benign brain set, and a pair across two rule sets
  // is multiple primaries before any rule runs.
  rules.push_back(rule_never("M4", kInvasiveAndBenignBrain));
  rules.push_back(rule_sites_differ("M5"));
  rules.push_back(rule_when("M6", kSingle, "A glioblastoma or glioblastoma multiforme (9440) following a glial tumor is a single primary.",
                            glioblastoma_after_glial));
  rules.push_back(rule_if("M7", kSingle,
                          "Tumors with ICD-O-3 histology codes on the same branch in Chart 1 or Chart 2 are a single primary.",
                          [](const Pair& p) { return same_branch(p) == true; }));
  rules.push_back(rule_if("M8", kMultiple,
                          "Tumors with ICD-O-3 histology codes on different branches in Chart 1 or Chart 2 are multiple primaries.",
                          [](const Pair& p) { return same_branch(p) == false; }));
  rules.push_back(rule_histologies_differ("M9"));
  rules.push_back(rule_no_criteria("M10"));
  return set;
}

}  // namespace chartflow::mph::detail
