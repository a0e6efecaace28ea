// Rules and tables that several SEER modules state alike: the in situ / invasive timing rules, the
// rules decided by the rows and Column 3 of an Equivalent Terms table, the MP/H 2007 "NOS and a
// more specific histology" rule, what the modules of one site in two rule years share (Breast,
// Other Sites, Cutaneous Melanoma), and what the two 2018+ CNS modules share. Where the modules'
// versions differ (the same-organ requirement, the wording), a parameter says so.
#pragma once

#include "rule_set.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mph::detail {

// ---- an in situ and an invasive tumour (Solid Tumor 2018+, MP/H 2007) ----

// Whether a timing rule also needs both tumours on the same side: Breast M15-M16, Kidney M10-M11
// and Lung M10 say "in the same breast / kidney / lung"; Lung M12 need not test it (M11 has
// answered for opposite or unknown lungs), and the other modules have no sides.
enum class Side { any, same };

// An invasive tumour diagnosed more than 60 days after an in situ one (e.g. MP/H 2007 Breast M8,
// Solid Tumor 2018+ Colon M14). Not the rule for the same day, or an in situ tumour diagnosed later.
Tri invasive_after_in_situ_over_60_days(const Pair& p);
inline constexpr const char* kInvasiveAfterInSitu =
    "An invasive tumor following an in situ tumor more than 60 days after diagnosis are multiple primaries.";
Rule rule_invasive_after_in_situ(std::string step, std::string reason = kInvasiveAfterInSitu);

// Solid Tumor 2018+: an in situ tumour diagnosed after an invasive one is a single primary (e.g.
// Colon M12, Breast M15).
inline constexpr const char* kInSituAfterInvasive = "An in situ tumor diagnosed following an invasive tumor is a single primary.";
Rule rule_in_situ_after_invasive(std::string step, Side side, std::string reason = kInSituAfterInvasive);

// Solid Tumor 2018+: an invasive tumour diagnosed 60 days or less after an in situ one is a single
// primary (e.g. Colon M13, Breast M16). An unknown interval is reported before an unknown side.
inline constexpr const char* kInvasiveWithin60Days =
    "An invasive tumor following an in situ tumor less than or equal to 60 days after diagnosis is a single primary.";
Rule rule_invasive_within_60_days(std::string step, Side side, std::string reason = kInvasiveWithin60Days);

// The three timing rules most Solid Tumor 2018+ modules close with, numbered M<first> to M<first+2>:
// in situ after invasive, invasive 60 days or less after in situ (both asking for `side`), and
// invasive more than 60 days after in situ (Colon M12-M14, Head and Neck M9-M11, Breast M15-M17,
// Kidney M10-M12, whose M10 words the same kidney into the statement).
std::vector<Rule> rules_in_situ_and_invasive(int first, Side side, std::string in_situ_reason = kInSituAfterInvasive);

// Synchronous (60 days or less apart) tumours on the same side decide `result` (Kidney M8, Lung
// M7): an unknown side or date leaves it potential, the side named first.
RuleOutcome synchronous_same_side(const Pair& p, Result result);

// ---- the rows and Column 3 of an Equivalent Terms table (Solid Tumor 2018+) ----

// Tumours on the same row are a single primary (Rows::same); on different rows, multiple primaries
// (Rows::different). As in SEER's reference, a histology missing from the table stops the rules:
// a final QUESTIONABLE "Unable to apply Rule ...".
enum class Rows { same, different };
Rule rule_rows(std::string step, std::string reason, Rows rows, const HistologyTable& table);
// The same when each tumour is looked up in a table of its own (Non-Malignant CNS: by diagnosis
// year); rows are compared by their labels.
Rule rule_rows(std::string step, std::string reason, Rows rows, const HistologyTable& (*table_of)(const Tumor&));

// Both tumours on the same row of `table`, diagnosed within 60 days (yes), more than 60 days apart
// or not on one row (no), or cannot tell (e.g. Colon M11, Breast M13).
Tri same_row_within_60_days(const Pair& p, const HistologyTable& table);

// Column 3 of a table: the subtypes/variants. Each listed code is its own subtype; a code heading
// several subtypes in the column (rhabdomyosarcoma NOS, osteosarcoma) stands for all of them, so it
// is not a different subtype from any of them.
class SubtypeColumn {
 public:
  struct Head {
    std::string_view code;
    std::vector<std::string_view> stands_for;
  };
  SubtypeColumn() = default;
  SubtypeColumn(std::initializer_list<std::string_view> codes, std::initializer_list<Head> heads = {});
  bool lists(const Tumor& t) const { return find(t) != nullptr; }
  // Both are in the column and are different subtypes: neither stands for all of the other's.
  bool different(const Pair& p) const;

 private:
  struct Entry {
    HistologySet code;
    std::vector<std::string> subtypes;
  };
  const Entry* find(const Tumor& t) const;
  std::vector<Entry> entries_;
};
// Multiple primaries when the tumours are different subtypes/variants of `column`.
Rule rule_subtypes_differ(std::string step, std::string reason, const SubtypeColumn& column);

// ---- Breast: MP/H 2007 and Solid Tumor 2018+ ----

// M4-M7 of both breast modules: sites that differ at the second or third character, more than five
// years apart, inflammatory carcinoma (worded differently: `m6_reason`), both breasts.
std::vector<Rule> breast_rules_m4_to_m7(std::string m6_reason);

// ---- MP/H 2007 ----

// "Abstract as a single primary when one tumor is: an NOS and another a more specific type of it"
// (Colon M8, Head and Neck M10, Kidney M9, Other Sites M16), for the NOS codes the module lists
// (8000, 8010, 8070, 8140, 8312, 8720, 8800), its statement built in that order.
Rule rule_nos_and_specific(std::string step, std::initializer_list<int> nos_codes,
                           std::string_view lead = "Abstract as a single primary* when one tumor is:\n");

// Polyps: adenomatous, tubular, villous and tubulovillous adenomas (MP/H 2007 Colon and Other Sites,
// Solid Tumor 2023+ Other Sites).
const HistologySet& polyps();
// Adenocarcinoma, NOS (8140) and the specific adenocarcinomas (the same modules and the 2004 rules).
const HistologySet& adenocarcinomas();

// The brain modules' "invasive and benign/borderline" rule (MP/H 2007 Benign Brain M3, Malignant
// Brain M4): never applied, the two tumours are in different rule sets.
inline constexpr const char* kInvasiveAndBenignBrain =
    "An invasive brain tumor (/3) and either a benign brain tumor (/0) or an uncertain/borderline brain tumor (/1) are always "
    "multiple primaries.";

// ---- Other Sites: MP/H 2007 (through 2022) and Solid Tumor 2023+ ----

// Their scope: every site that no site-specific module of the same years takes (the site sets are
// tried first), lymphoma and leukemia (9590-9993) excluded; unlike the site modules they keep
// Kaposi sarcoma, which has a rule of its own (2007 M5, 2023 M6).
RuleSet other_sites_rule_set(std::string id, std::string name, std::string_view years, std::vector<std::vector<Rule>> parts = {});

bool both_at(const Pair& p, std::string_view site);
bool both_in_situ_or_invasive(const Pair& p);
Rule rule_retinoblastoma(std::string step);
Rule rule_kaposi_sarcoma(std::string step);
// Familial adenomatous polyposis (8220) with polyps, one tumour malignant, both in `site` (the colon
// and rectum in 2007, the small bowel from 2023).
Rule rule_polyposis(std::string step, bool (*site)(const Tumor&));
// A frank adenocarcinoma and a tumour in a polyp (2007 M13, 2023 M15: the statements differ).
Rule rule_adenocarcinoma_and_polyp(std::string step, std::string reason);
Rule rule_polyps(std::string step);
// Sites that differ only at the fourth character and are multiple primaries; 2023 dropped the
// peripheral nerves (C47_).
Rule rule_sites_differ_at_fourth(std::string step, bool peripheral_nerves);

// ---- Cutaneous melanoma: MP/H 2007 (through 2020) and Solid Tumor 2021+ ----

// Their scope: melanomas 8720-8780 of the skin C440-C449, behaviours 2, 3 and 6.
RuleSet melanoma_rule_set(std::string id, std::string name, std::string_view years, std::vector<std::vector<Rule>> parts = {});

// ---- sites ----

// Different sites, except that an NOS site (colon C189, skin C449) cannot be compared: the
// multiple-primaries result is left potential (Solid Tumor 2018+ Colon M9, 2021+ Melanoma M3).
Rule rule_sites_differ_unless(std::string step, std::string reason, std::string_view nos_site);

// Solid Tumor 2018+ CNS (Table 2 of the Malignant and Non-Malignant CNS rules): tumours in two
// different parts of the CNS. The malignant rules also part any two cranial nerves.
Rule rule_cns_sites(std::string step, bool two_cranial_nerves);
// The same histology in the brain, multicentric/multifocal (Malignant M7, Non-Malignant M10).
Rule rule_same_histology_in_brain(std::string step, std::string reason);
// M<first> and M<first+1>: tumours on the same row of Table `table_number` are a single primary,
// on different rows multiple primaries (Malignant M10-M11 on Table 3, Non-Malignant M11-M12 on
// Table 6); rows are compared by label, each tumour looked up in table_of(tumour).
std::vector<Rule> rules_cns_rows(int first, int table_number, const HistologyTable& (*table_of)(const Tumor&));

}  // namespace chartflow::mph::detail
