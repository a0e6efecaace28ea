#include "abstract_fields.hpp"

#include "common/chart_dates.hpp"

namespace chartflow::registry {
namespace {

void add_site_and_histology(sdk::json& fields, const Candidate& c, const RegistryTables& tables) {
  const Span mention = c.spans.front();
  const bool site_known = !c.topography.empty();
  const bool site_vague = site_known && (c.topography.ends_with(".9") || c.topography == "C80.9" || c.site_from_document);
  const std::string reason = !site_known ? "the report names no primary site"
                             : c.site_from_document ? "site not stated with the diagnosis: " + c.site_source
                             : site_vague ? "site not more specific than NOS" : "";
  fields["primarySite"] = field(site_known ? std::optional(std::string(c.topography.substr(0, 3)) + c.topography.substr(4)) : std::nullopt,
                                c.site_span ? c.site_span : std::optional(mention), site_vague ? 0.6 : 0.85, reason, c.site_source);
  const bool histology_known = !c.histology.empty();
  std::string histology_reason = histology_known ? "" : "no histology term: code it from the report";
  if (histology_known && site_known && !tables.valid_combination(c.topography, c.histology))
    histology_reason = "site " + c.topography + " with histology " + c.histology + " is not on the SEER valid combinations list";
  fields["histologicTypeIcdO3"] = field(histology_known ? std::optional(c.histology) : std::nullopt, mention, 0.85, histology_reason);
  fields["behaviorCodeIcdO3"] = field(std::string(1, c.behavior), mention, histology_known ? 0.9 : 0.7, histology_known ? "" : "behaviour from the ICD-10-CM code");
}

// Paired organs only: the words from the start of the specimen line ("Left breast, upper outer
// quadrant, lumpectomy:") to the end of the sentence; 0 for unpaired sites.
void add_laterality(sdk::json& fields, const Candidate& c, const ReportFacts& report, const RegistryTables& tables) {
  if (c.topography.empty()) return;
  if (!tables.is_paired(c.topography)) {
    fields["laterality"] = field(std::string("0"), std::nullopt, 0.8, "", "not a paired site");
    return;
  }
  const std::string& lower = report.normalised_text;
  std::size_t from = c.site_span ? std::min(c.site_span->begin, c.sentence.begin) : c.sentence.begin;
  if (const auto nl = lower.rfind('\n', from); nl != std::string::npos) from = nl + 1;
  else from = 0;
  const auto side = laterality_in(text_of(lower, {from, c.context.end}));
  fields["laterality"] = field(side ? std::optional(std::string(1, *side)) : std::nullopt, c.site_span ? c.site_span : std::optional(c.spans.front()),
                               0.85, side ? "" : "paired organ, side not stated");
}

// Grade, date of diagnosis, diagnostic confirmation and pTNM: the report's, whatever the tumour.
void add_report_fields(sdk::json& fields, const ReportFacts& report) {
  if (report.grade)
    fields["gradePathological"] = field(report.grade, std::nullopt, 0.7, "grade scheme depends on the site's schema: check the code", "grade " + *report.grade);
  if (report.date) {
    std::string compact = *report.date;
    std::erase(compact, '-');
    fields["dateOfDiagnosis"] = field(compact, std::nullopt, 0.7, report.pathology_report ? "" : "date of the report, not necessarily of diagnosis");
  } else {
    fields["dateOfDiagnosis"] = field(std::nullopt, std::nullopt, 0, "the report states no date");
  }
  const std::string confirmation = report.pathology_report && !report.cytology ? "1" : report.cytology ? "2" : "9";
  fields["diagnosticConfirmation"] = field(confirmation, std::nullopt, confirmation == "9" ? 0.3 : 0.8,
                                           confirmation == "9" ? "no pathology or cytology in this document" : "",
                                           confirmation == "1" ? "positive histology" : confirmation == "2" ? "positive cytology" : "unknown");
  const Tnm& tnm = report.tnm;
  if (!tnm.t.empty()) fields["ajccTnmPathT"] = field(tnm.t, std::nullopt, 0.8);
  if (!tnm.n.empty()) fields["ajccTnmPathN"] = field(tnm.n, std::nullopt, 0.8);
  if (!tnm.m.empty()) fields["ajccTnmPathM"] = field(tnm.m, std::nullopt, 0.7);
  if (!tnm.stage_group.empty()) fields["ajccTnmPathStageGroup"] = field(tnm.stage_group, std::nullopt, 0.8);
}

}  // namespace

ReportFacts report_facts(std::string_view text, const std::string& lower, bool pathology_report) {
  const bool cytology = find_phrase(lower, "cytology") != std::string::npos || find_phrase(lower, "fine needle aspiration") != std::string::npos;
  return ReportFacts{charts::find_date_of_service(text), grade_in(lower), tnm_in(lower), pathology_report, cytology, lower};
}

sdk::json span_json(const Span& s) { return {{"view", "normalized"}, {"begin", s.begin}, {"end", s.end}}; }

sdk::json field(const std::optional<std::string>& value, std::optional<Span> evidence, double confidence, std::string reason, std::string display) {
  sdk::json f = {{"evidence", sdk::json::array()}, {"confidence", value ? confidence : 0.0}, {"needs_review", !value || !reason.empty()}};
  if (value) f["value"] = *value;
  if (evidence) f["evidence"].push_back(span_json(*evidence));
  if (!reason.empty()) f["reason"] = reason;
  if (!display.empty()) f["display"] = display;
  return f;
}

sdk::json abstract_fields(const Candidate& c, const ReportFacts& report, const RegistryTables& tables) {
  sdk::json fields = sdk::json::object();
  add_site_and_histology(fields, c, tables);
  add_laterality(fields, c, report, tables);
  add_report_fields(fields, report);
  return fields;
}

sdk::json patient_identifier(const sdk::Document& document) {
  std::optional<std::string> mrn;
  std::optional<Span> span;
  for (const binary::Value item : document.field("identity")) {
    if (item["kind"].as_string() != "mrn") continue;
    if (item.bool_or("conflict"))
      return field(std::nullopt, std::nullopt, 0, "conflicting medical record numbers on the report: exported as its own patient");
    if (!item.contains("value")) continue;  // the identity stage wrote hashes only
    mrn = std::string(item["value"].as_string()), span = span_of(item);
  }
  if (!mrn) return field(std::nullopt, std::nullopt, 0, "no labelled medical record number: exported as its own patient");
  return field(mrn, span, 0.95);
}

}  // namespace chartflow::registry
