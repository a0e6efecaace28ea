// Solid Tumor Rules 2018+, Head and Neck: C000-C148, C300-C339, C410-C411, C479, and for 2019-2021
// the malignant paragangliomas of C754-C755 (lymphoma, leukemia and Kaposi sarcoma excluded).
// Rules M3-M13. The histology tables (Tables 1-9 in the
// Equivalent Terms and Definitions) are per site group; the lip (C00) and C140-C148 have none.
#include "common_rules.hpp"
#include "rule_sets.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::mph::detail {
namespace {

template <class Sites>
bool site_in(const Tumor& t, const Sites& sites) {
  return std::find(std::begin(sites), std::end(sites), t.site) != std::end(sites);
}

// ---- the site tables ----

struct SiteTable {
  Ranges sites;
  HistologyTable rows;    // a NOS (or preferred term), its synonyms and subtypes/variants
  SubtypeColumn column3;  // the subtypes/variants; empty for Tables 8 and 9
};

// Tables 1 (nasal cavity and paranasal sinuses) and 2 (nasopharynx).
void add_tables_1_and_2(std::vector<SiteTable>& t) {
  SubtypeColumn column3({"8144", "9560/3", "9521/3", "9523/3", "8121", "9120/3", "9045/3", "9133/3", "8810/3", "8890/3", "8920/3",
                         "8910/3", "8901/3", "8912/3", "9040/3", "8802/3", "8083", "8071", "8052", "8074", "8072", "8051"},
                        {{"8900/3", {"8920/3", "8910/3", "8901/3", "8912/3"}}});  // rhabdomyosarcoma
  t.push_back({Ranges("C300, C310-C313, C318-C319"),
               HistologyTable{{
                   {"8140", {"8140", "8144"}},                                                     // adenocarcinoma
                   {"8082", {"8082"}},                                                             // lymphoepithelial carcinoma
                   {"9540/3", {"9540/3", "9560/3"}},                                               // malignant PNST
                   {"8430", {"8430"}},                                                             // mucoepidermoid carcinoma
                   {"8720", {"8720"}},                                                             // mucosal melanoma
                   {"8982", {"8982"}},                                                             // myoepithelial carcinoma
                   {"8023", {"8023"}},                                                             // NUT carcinoma
                   {"9522/3", {"9522/3", "9521/3", "9523/3"}},                                     // olfactory neuroblastoma
                   {"9364", {"9364"}},                                                             // primitive neuroectodermal tumor
                   {"8800/3", {"8800/3", "9120/3", "9045/3", "9133/3", "8810/3", "8890/3", "8900/3", "8920/3", "8910/3", "8901/3",
                               "8912/3", "9040/3", "8802/3"}},                                     // sarcoma
                   {"8020", {"8020"}},                                                             // sinonasal undifferentiated carcinoma
                   {"8070", {"8070", "8071", "8074", "8072", "8121", "8083", "8052", "8051"}},     // squamous cell carcinoma
                   {"9081", {"9081"}},                                                             // teratocarcinosarcoma
               }},
               std::move(column3)});
  t.push_back({Ranges("C110, C112-C113, C118-C119"),
               HistologyTable{{
                   {"8200", {"8200"}},                                                  // adenoid cystic carcinoma
                   {"9370", {"9370"}},                                                  // chordoma
                   {"8260", {"8260"}},                                                  // nasopharyngeal papillary adenocarcinoma
                   {"8070", {"8070", "8083", "8071", "8072", "8082", "8020"}},          // squamous cell carcinoma
               }},
               SubtypeColumn({"8083", "8071", "8072", "8082", "8020"})});
}

// Tables 3 (hypopharynx, larynx and trachea), 4 (oral cavity) and 5 (oropharynx, base of tongue).
void add_tables_3_to_5(std::vector<SiteTable>& t) {
  t.push_back({Ranges("C129, C130-C132, C138-C139, C320-C323, C328-C329, C339"),
               HistologyTable{{
                   {"8200", {"8200"}},                                                            // adenoid cystic carcinoma
                   {"9220/3", {"9220/3", "9222/3"}},                                              // chondrosarcoma
                   {"8850/3", {"8850/3", "8851/3"}},                                              // liposarcoma
                   {"8240/3", {"8240/3", "8013/3", "8249/3", "8041/3"}},                          // neuroendocrine tumor
                   {"8070", {"8070", "8560", "8083", "8082", "8052", "8074", "8051", "8071", "8072"}},  // squamous cell carcinoma
               }},
               SubtypeColumn({"9222/3", "8851/3", "8013/3", "8249/3", "8041/3", "8560", "8083", "8082", "8071", "8072", "8052",
                              "8074", "8051"})});
  t.push_back({Ranges("C020-C023, C028-C031, C039-C041, C048-C052, C058-C062, C068-C069"),
               HistologyTable{{
                   {"8430", {"8430"}},                                             // mucoepidermoid carcinoma
                   {"8825", {"8825"}},                                             // myofibroblastic sarcoma
                   {"8720", {"8720"}},                                             // oral mucosal melanoma
                   {"8070", {"8070", "8075", "8071", "8072", "8051"}},             // squamous cell carcinoma
               }},
               SubtypeColumn({"8075", "8071", "8072", "8051"})});
  t.push_back({Ranges("C019, C024, C090-C091, C098-C099, C100-C104, C108-C109"),
               HistologyTable{{
                   {"8200", {"8200"}},                                                                     // adenoid cystic carcinoma
                   {"8525", {"8525"}},                                                                     // polymorphous adenocarcinoma
                   {"8070", {"8070", "8083", "8071", "8082", "8072", "8052", "8086", "8085", "8074", "8051"}},  // squamous cell carcinoma
               }},
               SubtypeColumn({"8083", "8071", "8082", "8072", "8052", "8086", "8085", "8074", "8051"})});
}

// Table 6 (salivary glands).
void add_table_6(std::vector<SiteTable>& t) {
  t.push_back({Ranges("C079-C081, C088-C089"),
               HistologyTable{{
                   {"8550", {"8550"}},  // acinic cell carcinoma
                   {"8140", {"8140", "8147", "8941", "8310", "8201", "8144", "8012", "8520", "8470", "8430", "8450", "8525", "8500",
                             "8020"}},  // adenocarcinoma
                   {"8200", {"8200"}},                  // adenoid cystic carcinoma
                   {"8980", {"8980"}},                  // carcinosarcoma
                   {"8440", {"8440"}},                  // cystadenocarcinoma
                   {"8562", {"8562"}},                  // epithelial-myoepithelial carcinoma
                   {"8082", {"8082"}},                  // lymphoepithelial carcinoma
                   {"8982", {"8982"}},                  // myoepithelial carcinoma
                   {"8246", {"8246", "8013", "8041"}},  // neuroendocrine carcinoma
                   {"8290", {"8290"}},                  // oncocytic carcinoma
                   {"8410", {"8410"}},                  // sebaceous adenocarcinoma
                   {"8502", {"8502"}},                  // secretory carcinoma
                   {"8070", {"8070"}},                  // squamous cell carcinoma
               }},
               SubtypeColumn({"8147", "8941", "8310", "8201", "8144", "8012", "8520", "8470", "8430", "8450", "8525", "8500", "8020",
                              "8013", "8041"})});
}

// Tables 7 (jaw bones), 8 (middle ear) and 9 (paragangliomas), and the combined table SEER
// gives the posterior wall of the nasopharynx C111 (Tables 2 and 5).
void add_tables_7_to_9(std::vector<SiteTable>& t) {
  SubtypeColumn column3({"9310/3", "9330/3", "9220/3", "9181/3", "9187/3", "9192/3", "9193/3"},
                        {{"9240/3", {"9220/3"}},                                // mesenchymal chondrosarcoma
                         {"9180/3", {"9181/3", "9187/3", "9192/3", "9193/3"}}});  // osteosarcoma
  t.push_back({Ranges("C410-C411"),
               HistologyTable{{
                   {"9270/3", {"9270/3", "9310/3"}},  // ameloblastic carcinoma
                   {"9341", {"9341"}},                // clear cell odontogenic carcinoma
                   {"9302", {"9302"}},                // ghost cell odontogenic carcinoma
                   {"8980/3", {"8980/3", "9330/3"}},  // odontogenic carcinosarcoma
                   {"8800/3", {"8800/3", "9220/3", "9240/3", "9180/3", "9181/3", "9187/3", "9192/3", "9193/3"}},  // sarcoma
               }},
               std::move(column3)});
  t.push_back({Ranges("C301"), HistologyTable{{{"8140", {"8140"}}, {"8070", {"8070"}}}}, {}});
  t.push_back({Ranges("C479, C754-C755"),
               HistologyTable{{{"8690", {"8690"}}, {"8691", {"8691"}}, {"8692", {"8692"}}, {"8693", {"8693"}},
                               {"8680", {"8680"}}, {"8681", {"8681"}}, {"8682", {"8682"}}}},
               {}});
  t.push_back({Ranges("C111"),
               HistologyTable{{
                   {"8200", {"8200"}},                                                                  // adenoid cystic carcinoma
                   {"9370", {"9370"}},                                                                  // chordoma
                   {"8260", {"8260"}},                                                                  // nasopharyngeal papillary
                   {"8525", {"8525"}},                                                                  // polymorphous adenocarcinoma
                   {"8070", {"8070", "8083", "8071", "8072", "8086", "8085", "8082", "8020"}},          // squamous cell carcinoma
               }},
               SubtypeColumn({"8083", "8071", "8072", "8086", "8085", "8082", "8020"})});
}

const std::vector<SiteTable>& site_tables() {
  static const std::vector<SiteTable> tables = [] {
    std::vector<SiteTable> t;
    add_tables_1_and_2(t);
    add_tables_3_to_5(t);
    add_table_6(t);
    add_tables_7_to_9(t);
    return t;
  }();
  return tables;
}

const SiteTable* table_for(const Tumor& t) {
  const auto& tables = site_tables();
  const auto it = std::find_if(tables.begin(), tables.end(), [&](const SiteTable& s) { return s.sites.contains_site(t.site); });
  return it == tables.end() ? nullptr : &*it;
}

// ---- the rules ----

// M3: tumours in two of the listed subsites (sites that differ only at the fourth character).
bool listed_subsites(const Pair& p) {
  auto either = [&](std::initializer_list<std::string_view> x, std::initializer_list<std::string_view> y) {
    return (site_in(p.a, x) && site_in(p.b, y)) || (site_in(p.a, y) && site_in(p.b, x));
  };
  auto two_of = [&](std::initializer_list<std::string_view> group) {
    return site_in(p.a, group) && site_in(p.b, group) && p.a.site != p.b.site;
  };
  return either({"C000", "C003"}, {"C001", "C004"}) || either({"C030"}, {"C031"}) || either({"C300"}, {"C301"}) ||
         either({"C080"}, {"C081"}) || either({"C410"}, {"C411"}) || two_of({"C050", "C051", "C052"}) ||
         two_of({"C310", "C311", "C312", "C313"}) || two_of({"C320", "C321", "C322", "C323"}) || two_of({"C130", "C131", "C132"});
}

// M5: both sides of a paired site (Table 10; both tumours in the same pair).
Tri both_sides_of_paired_site(const Pair& p) {
  static const std::array<Ranges, 7> pairs{Ranges("C079"), Ranges("C080, C081"), Ranges("C098, C099"), Ranges("C300"),
                                           Ranges("C301"), Ranges("C310, C312"), Ranges("C754")};
  return on_both_sides_of(p, pairs);
}

// M7: different subtypes/variants in Column 3 of the site table. A site without a table, or a
// histology missing from it (unless both tumours have the same histology), is questionable.
RuleOutcome different_subtypes(const Pair& p) {
  auto no_table = [](const Tumor& t) {
    return RuleOutcome::decided(Result::questionable, "No histology table exists for " + t.site + " in Terms and Definitions.");
  };
  const SiteTable *ta = table_for(p.a), *tb = table_for(p.b);
  if (!ta) return no_table(p.a);
  if (!tb) return no_table(p.b);
  if (ta != tb) return RuleOutcome::none();  // M8 answers
  if (const auto missing = not_in_table(p, ta->rows)) {
    if (p.a.histology == p.b.histology) return RuleOutcome::none();
    return RuleOutcome::unable_final(*missing);
  }
  return ta->column3.different(p) ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
}

// M8: different site tables, or different rows of the same table. Paraganglioma 8690 with 8690
// or 8693 in Table 9 needs a manual review. Both sites have a table here: M7 answered otherwise.
RuleOutcome different_rows(const Pair& p) {
  const SiteTable *ta = table_for(p.a), *tb = table_for(p.b);
  if (!ta || !tb) return RuleOutcome::none();
  if (ta != tb) return RuleOutcome::decided(kMultiple);
  static constexpr std::array<std::string_view, 3> table9_sites{"C479", "C754", "C755"};
  auto is_8690 = [](const Tumor& t) { return t.histology == 8690; };
  auto is_8690_or_8693 = [](const Tumor& t) { return t.histology == 8690 || t.histology == 8693; };
  if (site_in(p.a, table9_sites) && site_in(p.b, table9_sites) && one_each(p, is_8690, is_8690_or_8693))
    return RuleOutcome::decided(Result::questionable, "Manual review is required for " + std::to_string(p.a.histology) + " and " +
                                                          std::to_string(p.b.histology) + " of Table 9.");
  const auto a = ta->rows.row_of(p.a), b = ta->rows.row_of(p.b);
  return a && b && a != b ? RuleOutcome::decided(kMultiple) : RuleOutcome::none();
}

// M12: the same row of the same site table. A histology missing from the table is a single
// primary only when both tumours have the same histology and behaviour.
RuleOutcome same_row(const Pair& p) {
  const SiteTable *ta = table_for(p.a), *tb = table_for(p.b);
  if (!ta || ta != tb) return RuleOutcome::none();  // no table: M7 answered
  if (const auto missing = not_in_table(p, ta->rows)) {
    if (p.a.histology == p.b.histology && p.a.behavior == p.b.behavior) return RuleOutcome::decided(kSingle);
    return RuleOutcome::unable_final(*missing);
  }
  return ta->rows.row_of(p.a) == ta->rows.row_of(p.b) ? RuleOutcome::decided(kSingle) : RuleOutcome::none();
}

std::string m3_reason() {
  return "Tumors on:\n"
         "Glottis C320 AND/OR supraglottis C321 AND/OR subglottis C322 AND/OR laryngeal cartilage C323, \n"
         "Hard palate C050 AND/OR soft palate C051 AND/OR uvula C052, \n"
         "Maxilla C410 AND Mandible C411, \n"
         "Maxillary sinus C310 AND/OR ethmoid sinus C311 AND/OR frontal sinus C312 AND/OR sphenoid sinus C313, \n"
         "Nasal cavity C300 AND middle ear C301, \n"
         "Postcricoid C130 AND/OR hypopharyngeal aspect of aryepiglottic fold C131 AND/OR posterior wall of hypopharynx C132, \n"
         "Submandibular gland C080 AND sublingual gland C081, \n"
         "Upper gum C030 AND lower gum C031, \n"
         "Upper lip C000 or C003 AND lower lip C001 or C004, are multiple primaries.";
}

// Paragangliomas of the carotid body C754 and aortic body C755 (Table 9): the reference takes the
// malignant ones diagnosed 2019-2021 into this set although its site ranges leave C754-C755 out.
bool carotid_or_aortic_paraganglioma(const Tumor& t, int year) {
  static const HistologySet paragangliomas{"8680/3", "8690/3", "8692/3", "8693/3"};
  return year >= 2019 && year <= 2021 && (t.site == "C754" || t.site == "C755") && paragangliomas.contains(t);
}

std::vector<Rule> rules_m3_to_m8() {
  std::vector<Rule> rules;
  rules.push_back(rule_if("M3", kMultiple, m3_reason(), listed_subsites));
  rules.push_back(rule_sites_differ("M4"));
  rules.push_back(rule_when("M5", kMultiple,
                            "Separate, non-contiguous tumors on the right side and the left side of a paired site are multiple primaries.",
                            both_sides_of_paired_site, kUnknownLaterality));
  rules.push_back(rule_years_apart("M6", 5));
  rules.push_back(Rule{"M7",
                       "Separate, non-contiguous tumors are different subtypes/variants in Column 3 of the appropriate site table "
                       "(Tables 1-9) in the Equivalent Terms and Definitions are multiple primaries.",
                       different_subtypes});
  rules.push_back(Rule{"M8",
                       "Separate, non-contiguous tumors on different rows in the appropriate site table (Tables 1-9) in the Equivalent "
                       "Terms and Definitions are multiple primaries.",
                       different_rows});
  return rules;
}

}  // namespace

RuleSet solid_2018_head_and_neck() {
  RuleSet set = site_rule_set("solid_2018_head_and_neck", "Solid Tumor 2018+ Head And Neck", "C000-C148, C300-C339, C410-C411, C479",
                              "2, 3, 6", "2018-9999");
  set.also_applies = carotid_or_aortic_paraganglioma;
  set.rules = rules_m3_to_m8();
  add_rules(set.rules, rules_in_situ_and_invasive(9, Side::any));
  set.rules.push_back(Rule{"M12",
                           "Separate, non-contiguous tumors in the same primary site and on the same row in the appropriate site table "
                           "(Tables 1-9) in the Equivalent Terms and Definitions are a single primary.",
                           same_row});
  set.rules.push_back(rule_no_criteria("M13"));
  return set;
}

}  // namespace chartflow::mph::detail
