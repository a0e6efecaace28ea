// Solid Tumor Rules 2023+ for "other sites": every solid tumour site that no site-specific Solid
// Tumor 2018+/2021+ module covers (the reference leaves out Head and Neck, Colon, Lung, Melanoma of
// Skin, Breast, Kidney, Renal Pelvis, Ureter, Bladder, Brain, Lymphoma and Leukemia). It replaced the
// MP/H 2007 Other Sites rules for diagnoses from 2023. Because it covers "what the others do not",
// it must be tried after every specific set of the same years (rule_sets.cpp lists it last).
//
// The rules follow the reference implementation (imsweb/mph, Mp2023OtherSitesGroup) as it was when
// the test data was made: rule M19 also runs for two tumours of the same histology, so two
// adenocarcinomas NOS of the uterine corpus (a table without 8140) are questionable.
#include "common_rules.hpp"
#include "rule_sets.hpp"
#include "solid_2023_other_sites_tables.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::mph::detail {
namespace {

using other_sites_2023::SiteTable;
using other_sites_2023::table_for_site;

// ---- histology groups the rules name ----

// M3: acinar adenocarcinoma of the prostate and its subtypes/variants (Table 3).
const HistologySet& prostate_adenocarcinomas() {
  static const HistologySet set{"8140", "8500", "8572/3", "8201/3", "8260/3", "8230/3", "8480/3", "8490/3"};
  return set;
}

// M4: the adenocarcinomas a small cell carcinoma of the prostate may follow.
const HistologySet& prostate_adenocarcinomas_before_small_cell() {
  static const HistologySet set{"8140/2", "8140/3", "8201/3", "8260/3", "8230/3", "8500/3", "8572/3", "8574/3", "8480/3", "8490/3"};
  return set;
}

// M7: follicular (8330/3 and its variants) and papillary (8260/3 and its variants) thyroid carcinoma.
const HistologySet& thyroid_follicular_or_papillary() {
  static const HistologySet set{"8330/3", "8339/3", "8335/3", "8331/3", "8332/3", "8260/3", "8344/3", "8350/3", "8343/3", "8340/3"};
  return set;
}

// M8: the thyroid histologies other than anaplastic carcinoma (8021/3).
const HistologySet& thyroid_other_than_anaplastic() {
  static const HistologySet set{"8330/3", "8339/3", "8335/3", "8331/3", "8332/3", "8345/3", "8290/3",
                                "8260/3", "8344/3", "8350/3", "8343/3", "8340/3", "8343/2", "8337/3"};
  return set;
}

// Table 1: paired organs and sites with laterality (a range is one organ: either testis, either eye).
const std::array<Ranges, 26>& paired_sites() {
  static const std::array<Ranges, 26> table{
      Ranges("C384"), Ranges("C400"), Ranges("C401"), Ranges("C402"), Ranges("C403"),      Ranges("C413"), Ranges("C414"),
      Ranges("C441"), Ranges("C442"), Ranges("C443"), Ranges("C444"), Ranges("C445"),      Ranges("C446"), Ranges("C447"),
      Ranges("C471"), Ranges("C472"), Ranges("C491"), Ranges("C492"), Ranges("C569"),      Ranges("C570"), Ranges("C620-C629"),
      Ranges("C630"), Ranges("C631"), Ranges("C690-C699"), Ranges("C740-C749"), Ranges("C754")};
  return table;
}

// ---- facts ----

// The row of the tumour's histology in its site's table.
std::optional<std::size_t> row_in_site_table(const Tumor& t) {
  const SiteTable* table = table_for_site(t);
  return table ? table->rows.row_of(t) : std::nullopt;
}

// M19: the tumour's histology as a row label of its site's table, else of Table 2, else nullopt.
std::optional<std::string> row_label(const Tumor& t) {
  if (const SiteTable* table = table_for_site(t))
    if (const auto row = table->rows.row_of(t)) return table->rows.row(*row).label;
  if (other_sites_2023::table_2().contains(t)) return std::to_string(t.histology) + " in Table 2";
  return std::nullopt;
}

// M17: the tumour's Column 3 subtype in its site's table (the label of its subtype row).
std::optional<std::string> subtype_of(const Tumor& t) {
  const SiteTable* table = table_for_site(t);
  if (!table) return std::nullopt;
  const auto row = table->subtypes.row_of(t);
  return row ? std::optional(table->subtypes.row(*row).label) : std::nullopt;
}

// Is `code` one of the comma-separated codes of `label`?
bool label_lists(std::string_view label, std::string_view code) {
  while (!label.empty()) {
    const auto comma = label.find(',');
    if (label.substr(0, comma) == code) return true;
    if (comma == std::string_view::npos) break;
    label.remove_prefix(comma + 1);
  }
  return false;
}
bool same_subtype(std::string_view a, std::string_view b) { return a == b || label_lists(a, b) || label_lists(b, a); }

// M9: epithelial tumours (8000-8799) of the ovary, the same code or on the same row of Table 13.
Tri ovary_epithelial_within_60_days(const Pair& p) {
  if (!both_at(p, "C569") || p.a.histology > 8799 || p.b.histology > 8799) return Tri::no;
  const auto row_a = row_in_site_table(p.a);
  if (p.a.histology != p.b.histology && (!row_a || row_a != row_in_site_table(p.b))) return Tri::no;
  return within_days(p, 60);
}

// M18: on the same row of the same site table, diagnosed within 60 days.
Tri same_site_row_within_60_days(const Pair& p) {
  const SiteTable* table = table_for_site(p.a);
  return table && table == table_for_site(p.b) ? same_row_within_60_days(p, table->rows) : Tri::no;
}

bool small_bowel(const Tumor& t) { return t.site.compare(0, 3, "C17") == 0; }

// M4: a small cell carcinoma (8041/3) of the prostate diagnosed after an adenocarcinoma. The
// reference decides on the order of diagnosis alone; the "more than 1 year" of the rule's text is
// not checked (M12 would have taken most of those pairs anyway).
Rule rule_m4() {
  return Rule{"M4",
              "Abstract multiple primaries when the patient has a subsequent small cell carcinoma of the prostate more than 1 year "
              "following a diagnosis of acinar adenocarcinoma and/or subtype/variant of acinar adenocarcinoma of prostate (Table 3).",
              [](const Pair& p) {
                auto small_cell = [](const Tumor& t) { return t.histology == 8041 && t.behavior == 3; };
                auto adenocarcinoma = [](const Tumor& t) { return prostate_adenocarcinomas_before_small_cell().contains(t); };
                if (!both_at(p, "C619") || !one_each(p, small_cell, adenocarcinoma)) return RuleOutcome::none();
                const int later = later_diagnosis(p);
                if (later < 0) return RuleOutcome::unable(kMultiple, kUnknownDate);
                if ((later == 1 && small_cell(p.a)) || (later == 2 && small_cell(p.b))) return RuleOutcome::decided(kMultiple);
                return RuleOutcome::none();
              }};
}

std::vector<Rule> rules_m3_to_m9() {
  std::vector<Rule> rules;
  rules.push_back(rule_if("M3", kSingle, "Adenocarcinoma of the prostate is always a single primary.",
                          [](const Pair& p) { return both_at(p, "C619") && both_in(prostate_adenocarcinomas(), p); }));
  rules.push_back(rule_m4());
  rules.push_back(rule_retinoblastoma("M5"));
  rules.push_back(rule_kaposi_sarcoma("M6"));
  rules.push_back(rule_when(
      "M7", kSingle,
      "Abstract a single primary when follicular and papillary tumors in the thyroid are diagnosed within 60 days and tumors are: \n"
      "Papillary thyroid carcinoma, NOS and follicular carcinoma, NOS OR\n"
      "Papillary carcinoma, follicular variant and papillary thyroid carcinoma OR\n"
      "Papillary carcinoma, follicular variant and follicular carcinoma OR\n"
      "Any papillary thyroid carcinoma subtype/variant and any follicular subtype/variant listed in Column 3, Table 12.",
      [](const Pair& p) { return both_at(p, "C739") && both_in(thyroid_follicular_or_papillary(), p) ? within_days(p, 60) : Tri::no; }));
  rules.push_back(rule_if(
      "M8", kMultiple,
      "Abstract multiple primaries when separate/non-contiguous tumors are anaplastic carcinoma and any other histologies in the thyroid.",
      [](const Pair& p) {
        auto anaplastic = [](const Tumor& t) { return t.histology == 8021 && t.behavior == 3; };
        auto other = [](const Tumor& t) { return thyroid_other_than_anaplastic().contains(t); };
        return both_at(p, "C739") && one_each(p, anaplastic, other);
      }));
  rules.push_back(rule_when("M9", kSingle, "Bilateral epithelial tumors (8000-8799) of the ovary within 60 days are a single primary.",
                            ovary_epithelial_within_60_days));
  return rules;
}

std::vector<Rule> rules_m10_to_m16() {
  std::vector<Rule> rules;
  rules.push_back(rule_when("M10", kMultiple, "Tumors on both sides (right and left) of a site listed in Table 1 are multiple primaries.",
                            [](const Pair& p) { return on_both_sides_of(p, paired_sites()); }, kUnknownLaterality));
  // M11: familial adenomatous polyposis (8220) with polyps in the small bowel, one tumour malignant.
  rules.push_back(rule_polyposis("M11", small_bowel));
  rules.push_back(rule_years_apart("M12", 1,
                                   "Abstract multiple primaries when the patient has a subsequent tumor after being clinically "
                                   "disease-free for greater than one year after the original diagnosis or recurrence."));
  rules.push_back(rule_sites_differ("M13"));
  rules.push_back(rule_sites_differ_at_fourth("M14", false));
  rules.push_back(rule_adenocarcinoma_and_polyp(
      "M15", "A de novo (frank) in situ or malignant adenocarcinoma and an in situ or malignant tumor in a polyp are a single primary."));
  rules.push_back(rule_polyps("M16"));
  return rules;
}

// M19: histologies on different rows of Tables 2-23 are multiple primaries; a histology in none of
// them makes the pair questionable (a final answer in the reference, not a potential one).
RuleOutcome different_rows(const Pair& p) {
  const auto a = row_label(p.a), b = row_label(p.b);
  if (!a || !b) return RuleOutcome::unable_final(missing_from_table(p, !a, !b));
  return *a != *b ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
}

std::vector<Rule> rules_m17_to_m21() {
  std::vector<Rule> rules;
  rules.push_back(rule_if(
      "M17", kMultiple,
      "Abstract multiple primaries when separate/non-contiguous tumors are two or more different subtypes/variants in Column 3, "
      "Table 3-21.",
      [](const Pair& p) {
        const auto a = subtype_of(p.a), b = subtype_of(p.b);
        return a && b && !same_subtype(*a, *b);
      }));
  rules.push_back(rule_when(
      "M18", kSingle, "Abstract a single primary when synchronous, separate/non-contiguous tumors are on the same row in Table 3-21.",
      same_site_row_within_60_days));
  rules.push_back(Rule{"M19", "Abstract multiple primaries when separate/non-contiguous tumors are on multiple rows in Table 2-21.",
                       different_rows});
  rules.push_back(rule_invasive_after_in_situ("M20"));
  rules.push_back(rule_no_criteria("M21"));
  return rules;
}

}  // namespace

RuleSet solid_2023_other_sites() {
  return other_sites_rule_set("solid_2023_other_sites", "Solid Tumor 2023+ Other Sites", "2023-9999",
                              {rules_m3_to_m9(), rules_m10_to_m16(), rules_m17_to_m21()});
}

}  // namespace chartflow::mph::detail
