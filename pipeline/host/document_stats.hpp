// A few numbers about one finished record, gathered where the record is in memory (the worker)
// so the batch report and the journal need not read records back: pages, OCR confidence, what
// was flagged for review, which codes were proposed, the final MS-DRG. No chart text, no
// identifiers: safe for the supervisor channel and the journal.
#pragma once

#include "../record/record.hpp"
#include "casemix.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace chartflow::host {

struct DocumentStats {
  unsigned pages = 0;
  std::vector<double> page_confidence;  // mean word confidence (0..1) of each page that has one
  unsigned pages_for_review = 0;
  std::map<std::string, unsigned> page_review_reasons;  // reason -> pages
  std::vector<std::string> codes;                       // "ICD-10-CM I10", one per proposed code
  unsigned codes_for_review = 0;
  std::map<std::string, unsigned> code_review_reasons;  // reason -> codes
  double finished_seconds = -1;  // since the batch started; -1 when the document was not processed in this run
  std::optional<DocumentDrg> drg;  // the final MS-DRG when the drg-grouper stage grouped the record

  nlohmann::json to_json() const;
  static DocumentStats from_json(const nlohmann::json& j);  // tolerant: missing keys stay empty
};

DocumentStats collect_stats(const record::Record& record);

}  // namespace chartflow::host
