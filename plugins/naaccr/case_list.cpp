#include "case_list.hpp"

#include <chartflow/csv.hpp>

#include <sstream>

namespace chartflow::naaccr {
namespace {

using sdk::csv_cell;

void write_row(std::ostringstream& out, const RecordReports& r, const TumorReport& t) {
  std::string review_fields;
  for (const auto& [name, f] : t.fields)
    if (f.needs_review) review_fields += (review_fields.empty() ? "" : " ") + name;
  std::string reasons;
  for (const auto& reason : t.reasons) reasons += (reasons.empty() ? "" : "; ") + reason;
  out << csv_cell(r.document_id) << ',' << csv_cell(r.source_name) << ',' << csv_cell(t.id) << ',' << csv_cell(t.status) << ','
      << csv_cell(t.value("primarySite")) << ',' << csv_cell(t.value("histologicTypeIcdO3")) << ',' << csv_cell(t.value("behaviorCodeIcdO3")) << ','
      << csv_cell(t.value("laterality")) << ',' << csv_cell(t.value("dateOfDiagnosis")) << ',' << csv_cell(review_fields) << ',' << csv_cell(reasons) << ','
      << csv_cell(t.evidence) << '\n';
}

}  // namespace

std::string case_list_csv(const std::vector<RecordReports>& records) {
  std::ostringstream out;
  out << "document,source,tumor,status,primary_site,histology,behavior,laterality,date_of_diagnosis,fields_to_review,reasons,evidence\n";
  for (const auto& r : records)
    for (const auto& t : r.tumors) write_row(out, r, t);
  return out.str();
}

}  // namespace chartflow::naaccr
