// Private to the Solid Tumor 2023+ Other Sites rule set (solid_2023_other_sites.cpp): the histology
// tables of SEER's 2023 Other Sites Equivalent Terms and Definitions.
#pragma once

#include "rule_set.hpp"

namespace chartflow::mph::detail::other_sites_2023 {

// One site-specific histology table (Tables 3-23).
struct SiteTable {
  Ranges sites;
  // Each row is one histology: the preferred term, its synonyms and its subtypes/variants. The row
  // label is the row's code; rule M19 compares labels, so equal labels in two tables (the ampulla
  // of Vater C241 and the other extrahepatic bile ducts C240, for example) are the same histology.
  HistologyTable rows;
  // Column 3: the subtypes/variants, one per row (rule M17). The label lists the subtype codes the
  // row's histology is not distinct from: itself, or (prostate ductal adenocarcinoma 8500) the
  // cribriform, papillary and solid patterns it is made of.
  HistologyTable subtypes;
};

// The site-specific table of the tumour's primary site, or nullptr when its site has none.
const SiteTable* table_for_site(const Tumor& t);

// Table 2: histologies recognised for every site, used when the site-specific table lacks them.
const HistologySet& table_2();

}  // namespace chartflow::mph::detail::other_sites_2023
