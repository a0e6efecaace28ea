// What-if for clinical documentation improvement: for each secondary diagnosis coded in an
// unspecified form, the more specific forms of the same condition that are a CC or MCC where the
// coded one is less, regrouped one at a time with Grouper::group_with. A form is reported only
// when it would change the final DRG, and always as a question for the provider's documentation:
// never as a code to add.
#pragma once

#include "drg_catalog.hpp"
#include "dx_titles.hpp"

#include "grouper.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::drg::stage {

struct WhatIfOptions {
  std::size_t hints_per_diagnosis = 3;   // reported forms per diagnosis, at most
  std::size_t tries_per_diagnosis = 12;  // candidates regrouped per diagnosis, at most
};

struct WhatIf {
  std::size_t sdx_index = 0;   // position in Claim::sdx
  std::string specific_code;   // the more specific form, dotted ("I50.23")
  std::string specific_title;  // its ICD-10-CM title, "" when no titles are loaded
  DxLevel specific_level = DxLevel::non_cc;
  int drg = 0, mdc = 0;        // the final DRG it would reach
  Severity severity = Severity::none;
  std::string hint;            // one sentence for the coder / CDI specialist; no chart text
};

// `sdx_titles` runs parallel to claim.sdx: each code's title (the code item's display, else the
// titles file), which says whether the coded form is an unspecified one.
std::vector<WhatIf> what_if(const Grouper& grouper, const DrgCatalog& catalog, const DxTitles& titles, const Claim& claim,
                            const GroupResult& current, const std::vector<std::string>& sdx_titles, const WhatIfOptions& options);

// "I5023" -> "I50.23": ICD-10-CM as people read it.
std::string dotted(std::string_view code);

}  // namespace chartflow::drg::stage
