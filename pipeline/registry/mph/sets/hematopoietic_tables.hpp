// The SEER Hematopoietic and Lymphoid Neoplasm Database tables used by the hematopoietic rule sets:
// the 2010+ same-primary and transformation pairs, the 2001-2009 histology groups and group pairs,
// and the 1998 histology pairs. They are not shipped with chartflow (docs/registry-mph.md): they
// are loaded once, explicitly, by chartflow::mph::load_hematopoietic_tables (mph.hpp), and the
// rules that need them answer QUESTIONABLE until then.
#pragma once

#include "rule_sets.hpp"

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chartflow::mph::detail {

// A morphology as the Heme DB keys it, histology and behaviour: "9680/3" is 96803.
constexpr int morphology_code(int histology, int behavior) { return histology * 10 + behavior; }
inline int morphology_code(const Tumor& t) { return morphology_code(t.histology, t.behavior); }

// One Heme DB relation (same primary, transforms to, transforms from): for each morphology, the
// morphologies it lists and the diagnosis years for which each listing holds.
class HemeDbRelation {
 public:
  struct Link {
    int morphology = 0;
    int first_year = 0;     // inclusive
    int last_year = 9999;   // inclusive
  };

  void add(int from, Link link) { links_[from].push_back(link); }
  // Does the entry of `from` list `to` for a diagnosis made in `year`?
  bool lists(int from, int to, int year) const;
  std::size_t size() const;

 private:
  std::unordered_map<int, std::vector<Link>> links_;
};

struct HematopoieticTables {
  // 2010+ (Hematopoietic2010*Pairs.csv).
  HemeDbRelation same_primary, transforms_to, transforms_from;

  // 2001-2009 (Hematopoietic2001HistologyGroups.csv, Hematopoietic2001HistologyGroupPairs.csv).
  struct Group2001 {
    int number = 0;
    int low = 0, high = 0;  // histology range, inclusive
    std::string name;
  };
  std::vector<Group2001> groups_2001;                  // file order: the first range that holds wins
  std::set<std::pair<int, int>> group_pairs_2001;      // (group of the first diagnosis, of the second)

  // 2000 and earlier (Hematopoietic1998HistologyPairs.csv).
  struct Pair1998 {
    int first_low = 0, first_high = 0;    // histology of the first diagnosis
    int second_low = 0, second_high = 0;  // histology of the later diagnosis
    std::string group;
  };
  std::vector<Pair1998> pairs_1998;

  // The 2001 group of a histology, or nullopt when no group holds it.
  std::optional<int> group_2001(int histology) const;
  // Are the group of the first diagnosis and that of the later one a single primary?
  bool same_primary_2001(int first_group, int second_group) const;
  // Are the histology of the first diagnosis and that of the later one a single primary?
  bool same_primary_1998(int first_histology, int second_histology) const;
};

// Reads the six tables from `folder`. Throws std::runtime_error naming the file and line of
// anything missing or malformed (never quoting the line itself).
HematopoieticTables read_hematopoietic_tables(const std::filesystem::path& folder);

// The QUESTIONABLE reason given by a rule that needs the tables when they are not loaded.
std::string heme_tables_missing(std::string_view step, std::string_view rule_set);

// ---- what the three hematopoietic rule sets share ----

// Their scope: any site through C809, histologies 9590-9993, behaviours 2, 3 and 6; the diagnosis
// years tell them apart.
RuleSet hematopoietic_rule_set(std::string id, std::string name, std::string_view years, std::vector<Rule> rules);

// The 1998 and 2001 rules (one unnumbered rule each) answer in SEER's words for the rules of
// `rules_year`: "Single primary based on SEER 1998 multiple primary rules for hematopoietic cancer."
RuleOutcome heme_table_answer(bool single, int rules_year);

// The 1998 and 2001 tables are ordered (first diagnosis, later one): is the pair listed, given
// `later` = later_diagnosis(p) (0, 1 or 2) and each tumour's key (histology, or its 2001 group)?
// Diagnosed the same day, either order is enough.
bool listed_in_diagnosis_order(int later, int key_a, int key_b, const std::function<bool(int first, int second)>& listed);

}  // namespace chartflow::mph::detail
