// The case mix of a batch: the final MS-DRG of each record the drg-grouper stage grouped (its
// reimbursement.drg item, docs/drg-stage.md), kept in the document's stats so the batch report
// and casemix.csv need not read records back. Codes, titles and counts only: no chart text.
#pragma once

#include "../record/record.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace chartflow::host {

struct RunSummary;

struct DocumentDrg {
  int drg = 0;  // final MS-DRG
  std::string title;
  int mdc = 0;  // its Major Diagnostic Category (0: Pre-MDC and the error DRGs)
  std::string mdc_title;
  std::string med_surg;     // the grouper's: MEDICAL, SURGICAL, NONE
  std::string severity;     // of the final DRG: MCC, CC, NON_CC, NONE (a DRG without a CC/MCC split)
  std::string return_code;  // OK, or why there is no payable DRG (the error DRGs 998, 999)
  bool needs_review = false;
  // From the user's CMS Table 5 when the stage was given one (its `table5` option).
  std::optional<double> relative_weight;
  // The stage's estimate of the base DRG payment, dollars (with its `base_rate` option).
  std::optional<double> expected_payment;

  nlohmann::json to_json() const;
  static std::optional<DocumentDrg> from_json(const nlohmann::json& j);  // nullopt: not a DRG
};

// The record's grouped reimbursement.drg item with a final DRG, or nullopt.
std::optional<DocumentDrg> read_document_drg(const record::Record& record);

struct DocumentOutcome;
// Whether the document's record is in the output folder with a DRG (written this run or already done).
bool has_casemix(const DocumentOutcome& document);

// casemix.csv: a header and one row per document with a DRG, in the summary's input order.
// RFC 4180 (quoted where needed, CRLF line ends).
std::string casemix_csv(const RunSummary& summary);

// Writes <output_root>/casemix.csv atomically when a record has a DRG; removes an earlier one
// otherwise (a pipeline without the drg-grouper stage leaves no file). Throws std::exception on
// failure.
void write_casemix(const std::filesystem::path& output_root, const RunSummary& summary);

}  // namespace chartflow::host
