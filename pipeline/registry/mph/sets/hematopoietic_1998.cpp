// SEER multiple primary rules for hematopoietic cancer, cases diagnosed 2000 and earlier (the 1998
// SEER Program Coding Manual table): the histology of the first diagnosis and that of the later one
// are a single primary when a row of Hematopoietic1998HistologyPairs.csv holds both. One rule, with
// no step number (as the reference reports it).
#include "rule_sets.hpp"
#include "hematopoietic_tables.hpp"

#include <string>

namespace chartflow::mph::detail {
namespace {

constexpr char kName[] = "Hematopoietic and Lymphoid 2000 and earlier";
constexpr char kStep[] = "";
constexpr char kReason[] =
    "Single or multiple primaries based on SEER 1998 multiple primary rules for hematopoietic cancer (histology "
    "pairs).";
constexpr char kSingle[] = "Single primary based on SEER 1998 multiple primary rules for hematopoietic cancer.";
constexpr char kMultiple[] = "Multiple primaries based on SEER 1998 multiple primary rules for hematopoietic cancer.";

RuleOutcome histology_pairs(const Pair& p) {
  if (p.a.histology == p.b.histology) return RuleOutcome::decided(Result::single_primary, kSingle);

  // The table is ordered (first diagnosis, later diagnosis); diagnosed the same day, either order.
  int later = later_diagnosis(p);
  if (later == -1)
    return RuleOutcome::decided(Result::questionable, "Unable to apply Rule " + std::string(kStep) + " of " + kName +
                                                          ". Valid and known diagnosis date should be provided.");
  const HematopoieticTables* tables = hematopoietic_tables();
  if (tables == nullptr) return RuleOutcome::decided(Result::questionable, heme_tables_missing(kStep, kName));

  int first = later == 1 ? p.b.histology : p.a.histology, second = later == 1 ? p.a.histology : p.b.histology;
  bool single = tables->same_primary_1998(first, second) || (later == 0 && tables->same_primary_1998(second, first));
  return single ? RuleOutcome::decided(Result::single_primary, kSingle)
                : RuleOutcome::decided(Result::multiple_primaries, kMultiple);
}

}  // namespace

RuleSet hematopoietic_1998() {
  RuleSet set;
  set.id = "hematopoietic_1998";
  set.name = kName;
  set.sites_included = Ranges("C000-C809");
  set.histologies_included = Ranges("9590-9993");
  set.behaviors = Ranges("2-3, 6");
  set.years = Ranges("0-2000");
  set.rules = {{kStep, kReason, histology_pairs}};
  return set;
}

}  // namespace chartflow::mph::detail
