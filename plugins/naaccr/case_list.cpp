#include "case_list.hpp"

#include <sstream>

namespace chartflow::naaccr {
namespace {

// A quoted cell; line breaks and tabs become spaces so every tumour stays on one line. A cell
// that a spreadsheet would run as a formula (= + - @ first: chart text or a file name such as
// "=HYPERLINK(...)") gets a leading apostrophe, so it opens as the text it is.
std::string csv(std::string_view s) {
  std::string out = "\"";
  if (!s.empty() && std::string_view("=+-@").find(s.front()) != std::string_view::npos) out += '\'';
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else out += c;
  }
  return out + "\"";
}

void write_row(std::ostringstream& out, const RecordReports& r, const TumorReport& t) {
  std::string review_fields;
  for (const auto& [name, f] : t.fields)
    if (f.needs_review) review_fields += (review_fields.empty() ? "" : " ") + name;
  std::string reasons;
  for (const auto& reason : t.reasons) reasons += (reasons.empty() ? "" : "; ") + reason;
  out << csv(r.document_id) << ',' << csv(r.source_name) << ',' << csv(t.id) << ',' << csv(t.status) << ','
      << csv(t.value("primarySite")) << ',' << csv(t.value("histologicTypeIcdO3")) << ',' << csv(t.value("behaviorCodeIcdO3")) << ','
      << csv(t.value("laterality")) << ',' << csv(t.value("dateOfDiagnosis")) << ',' << csv(review_fields) << ',' << csv(reasons) << ','
      << csv(t.evidence) << '\n';
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
