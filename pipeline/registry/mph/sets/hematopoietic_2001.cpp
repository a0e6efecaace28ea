// SEER multiple primary rules for hematopoietic cancer, cases diagnosed 2001-2009: each histology
// belongs to a histology group (Hematopoietic2001HistologyGroups.csv), and a pair of groups, the
// first diagnosis's and the later one's, is a single primary when the SEER table of group pairs
// lists it (Hematopoietic2001HistologyGroupPairs.csv). One rule, with no step number (as the
// reference reports it).
#include "rule_sets.hpp"
#include "hematopoietic_tables.hpp"

#include <string>

namespace chartflow::mph::detail {
namespace {

constexpr char kName[] = "Hematopoietic and Lymphoid 2001-2009";
constexpr char kStep[] = "";
constexpr char kReason[] =
    "Single or multiple primaries based on SEER 2001 multiple primary rules for hematopoietic cancer (histology "
    "group pairs).";
constexpr char kSingle[] = "Single primary based on SEER 2001 multiple primary rules for hematopoietic cancer.";
constexpr char kMultiple[] = "Multiple primaries based on SEER 2001 multiple primary rules for hematopoietic cancer.";

RuleOutcome group_pairs(const Pair& p) {
  if (p.a.histology == p.b.histology) return RuleOutcome::decided(Result::single_primary, kSingle);
  const HematopoieticTables* tables = hematopoietic_tables();
  if (tables == nullptr) return RuleOutcome::decided(Result::questionable, heme_tables_missing(kStep, kName));

  // A histology outside every group is a different primary from anything else.
  std::optional<int> group_a = tables->group_2001(p.a.histology), group_b = tables->group_2001(p.b.histology);
  if (!group_a || !group_b) return RuleOutcome::decided(Result::multiple_primaries, kMultiple);

  // The table is ordered (first diagnosis, later diagnosis); diagnosed the same day, either order.
  int later = later_diagnosis(p);
  if (later == -1)
    return RuleOutcome::decided(Result::questionable, "Unable to apply Rule " + std::string(kStep) + " of " + kName +
                                                          ". Valid and known diagnosis date should be provided.");
  int first = later == 1 ? *group_b : *group_a, second = later == 1 ? *group_a : *group_b;
  bool single = tables->same_primary_2001(first, second) || (later == 0 && tables->same_primary_2001(second, first));
  return single ? RuleOutcome::decided(Result::single_primary, kSingle)
                : RuleOutcome::decided(Result::multiple_primaries, kMultiple);
}

}  // namespace

RuleSet hematopoietic_2001() {
  RuleSet set;
  set.id = "hematopoietic_2001";
  set.name = kName;
  set.sites_included = Ranges("C000-C809");
  set.histologies_included = Ranges("9590-9993");
  set.behaviors = Ranges("2-3, 6");
  set.years = Ranges("2001-2009");
  set.rules = {{kStep, kReason, group_pairs}};
  return set;
}

}  // namespace chartflow::mph::detail
