// The MS-DRG of the reviewed codes: the claim the drg-grouper stage built (discharge date, age,
// sex, discharge status, each diagnosis's POA), with the coder's final codes in place of the
// pipeline's, grouped by the same grouper library (plugins/drg-grouper/core). What the chart says
// about POA is the stage's reading; a code the coder added or edited has none, so it is grouped
// with the POA of the code it replaced, or U when it is new (and says so).
#pragma once

#include "review_state.hpp"

#include "drg_catalog.hpp"
#include "grouper.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace chartflow::review {

class DrgRegrouper {
 public:
  // Loads the tables of `data_folder` (msdrg/, as installed in share/chartflow/drg). Throws
  // std::runtime_error naming the file when they cannot be read.
  explicit DrgRegrouper(const std::filesystem::path& data_folder);

  // {"drg", "title", "mdc", "mdc_title", "severity", "return_code", "poa_assumed_u": [codes]} for
  // `state`'s final codes with the rest of the claim of `item` (a grouped reimbursement.drg item);
  // {"error": "…"} when they cannot make a claim (no principal diagnosis).
  nlohmann::json regroup(const nlohmann::json& item, const ReviewState& state) const;

 private:
  drg::Grouper grouper_;
  drg::stage::DrgCatalog catalog_;
};

}  // namespace chartflow::review
