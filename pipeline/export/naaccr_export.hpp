// `chartflow export naaccr`: the reportable tumours of a batch's records as one NAACCR XML v26
// data file (validating against the NAACCR XSD, every item checked against the v26 dictionary)
// and a case list a registrar can open (CSV: document, verdict, fields, reasons, evidence).
#pragma once

#include <filesystem>
#include <string>

namespace chartflow::exporting {

struct NaaccrExportOptions {
  std::filesystem::path records;    // a run's records folder (or the run's output folder)
  std::filesystem::path xml;        // the NAACCR XML file to write
  std::filesystem::path case_list;  // CSV; empty: none
  std::string record_type = "A";    // A abstract, M modified, C confidential, I incidence
  std::string registry_id;          // NAACCR item registryId, optional
  bool include_review = false;      // also export tumours whose reportability needs review
};

struct NaaccrExportSummary {
  std::size_t records = 0, unreadable = 0, patients = 0, tumors = 0, merged = 0, not_reportable = 0, review = 0, items_left_out = 0;
};

// Throws host::FatalError for a missing records folder or an unwritable output.
NaaccrExportSummary export_naaccr(const NaaccrExportOptions& options);

}  // namespace chartflow::exporting
