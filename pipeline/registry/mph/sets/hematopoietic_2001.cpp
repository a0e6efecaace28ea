// SEER multiple primary rules for hematopoietic cancer, cases diagnosed 2001-2009: each histology
// belongs to a histology group (Hematopoietic2001HistologyGroups.csv), and a pair of groups, the
// first diagnosis's and the later one's, is a single primary when the SEER table of group pairs
// lists it (Hematopoietic2001HistologyGroupPairs.csv). One rule, with no step number (as the
// reference reports it).
#include "rule_sets.hpp"
#include "hematopoietic_tables.hpp"

#include <optional>

namespace chartflow::mph::detail {
namespace {

constexpr char kName[] = "Hematopoietic and Lymphoid 2001-2009";

RuleOutcome group_pairs(const Pair& p) {
  if (p.a.histology == p.b.histology) return heme_table_answer(true, 2001);
  const HematopoieticTables* tables = hematopoietic_tables();
  if (tables == nullptr) return RuleOutcome::decided(Result::questionable, heme_tables_missing("", kName));

  // A histology outside every group is a different primary from anything else.
  std::optional<int> group_a = tables->group_2001(p.a.histology), group_b = tables->group_2001(p.b.histology);
  if (!group_a || !group_b) return heme_table_answer(false, 2001);

  // Unlike the 1998 rule, the order of diagnosis is needed only now.
  const int later = later_diagnosis(p);
  if (later == -1) return RuleOutcome::unable_final(kUnknownDate);
  const auto listed = [tables](int first, int second) { return tables->same_primary_2001(first, second); };
  return heme_table_answer(listed_in_diagnosis_order(later, *group_a, *group_b, listed), 2001);
}

}  // namespace

RuleSet hematopoietic_2001() {
  return hematopoietic_rule_set(
      "hematopoietic_2001", kName, "2001-2009",
      {{"", "Single or multiple primaries based on SEER 2001 multiple primary rules for hematopoietic cancer (histology group pairs).",
        group_pairs}});
}

}  // namespace chartflow::mph::detail
