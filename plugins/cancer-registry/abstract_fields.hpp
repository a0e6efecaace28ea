// A tumour's NAACCR fields, each with its evidence span, a confidence and needs_review with the
// reason; a field the text does not support is left blank and flagged, never guessed.
#pragma once

#include "candidate.hpp"

#include <chartflow/sdk.hpp>

#include <optional>
#include <string>

namespace chartflow::registry {

// What the whole report says, once per report: its date, grade, pTNM and kind.
struct ReportFacts {
  std::optional<std::string> date, grade;
  Tnm tnm;
  bool pathology_report = false;
  bool cytology = false;  // "cytology", "fine needle aspiration"
  const std::string& normalised_text;
};
ReportFacts report_facts(std::string_view text, const std::string& normalised_text, bool pathology_report);

sdk::json span_json(const Span& s);
// One abstracted field: its value (none: flagged), evidence, confidence, the reason it needs
// review and a display text.
sdk::json field(const std::optional<std::string>& value, std::optional<Span> evidence, double confidence, std::string reason = "",
                std::string display = "");

// primarySite, histology, behaviour, laterality, grade, date of diagnosis, diagnostic
// confirmation and pTNM of one tumour.
sdk::json abstract_fields(const Candidate& c, const ReportFacts& report, const RegistryTables& tables);

// The patient a report is about: only the MRN the identity stage read from a labelled field (a
// reader of its own once took "AND" and "ACCESSIONED" for MRNs and merged 21 patients into 3).
// Without one, or with two different ones, the tumour is its own patient in the NAACCR export
// and the field is flagged: never merged with another report on a guess.
sdk::json patient_identifier(const sdk::Document& document);

}  // namespace chartflow::registry
