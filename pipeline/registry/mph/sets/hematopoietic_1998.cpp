// SEER multiple primary rules for hematopoietic cancer, cases diagnosed 2000 and earlier (the 1998
// SEER Program Coding Manual table): the histology of the first diagnosis and that of the later one
// are a single primary when a row of Hematopoietic1998HistologyPairs.csv holds both. One rule, with
// no step number (as the reference reports it).
#include "rule_sets.hpp"
#include "hematopoietic_tables.hpp"

namespace chartflow::mph::detail {
namespace {

constexpr char kName[] = "Hematopoietic and Lymphoid 2000 and earlier";

RuleOutcome histology_pairs(const Pair& p) {
  if (p.a.histology == p.b.histology) return heme_table_answer(true, 1998);
  // Unlike the 2001 rule, an unknown order of diagnosis is told before missing tables.
  const int later = later_diagnosis(p);
  if (later == -1) return RuleOutcome::unable_final(kUnknownDate);
  const HematopoieticTables* tables = hematopoietic_tables();
  if (tables == nullptr) return RuleOutcome::decided(Result::questionable, heme_tables_missing("", kName));
  const auto listed = [tables](int first, int second) { return tables->same_primary_1998(first, second); };
  return heme_table_answer(listed_in_diagnosis_order(later, p.a.histology, p.b.histology, listed), 1998);
}

}  // namespace

RuleSet hematopoietic_1998() {
  return hematopoietic_rule_set(
      "hematopoietic_1998", kName, "0-2000",
      {{"", "Single or multiple primaries based on SEER 1998 multiple primary rules for hematopoietic cancer (histology pairs).",
        histology_pairs}});
}

}  // namespace chartflow::mph::detail
