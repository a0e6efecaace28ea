// Turns tumour reports, taken in document order, into registry cases: a patient per medical
// record number (else per document), and several reports about one tumour of one patient merged
// into one case when SEER's multiple primary rules say they are a single primary.
#pragma once

#include "tumor_reports.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace chartflow::naaccr {

// One tumour as exported: the fields (item id -> value, confidence) of every report about it.
struct CaseTumor {
  std::map<std::string, std::pair<std::string, double>> items;
  std::vector<std::string> documents;
};

struct CasePatient {
  std::map<std::string, std::string> items;  // Patient-level items (dateOfBirth, vitalStatus, ...), when known
  std::vector<CaseTumor> tumors;
};

struct CaseCounts {
  std::size_t merged = 0, not_reportable = 0, review = 0, patient_conflicts = 0;
  std::size_t questionable = 0;  // pairs the multiple primary rules could not decide: kept apart
};

class CaseAssembler {
 public:
  explicit CaseAssembler(bool include_review) : include_review_(include_review) {}

  // Adds every tumour of one record. Records must come in a fixed order (by document id) for
  // the patients and cases to come out the same on every run.
  void add(const RecordReports& record);

  // Patients in the order their first report came.
  std::vector<const CasePatient*> patients() const;
  const CaseCounts& counts() const { return counts_; }

 private:
  void add_tumor(const RecordReports& record, const TumorReport& tumor);
  bool same_primary(const CaseTumor& existing, const TumorReport& report);

  bool include_review_;
  CaseCounts counts_;
  std::map<std::string, CasePatient> patients_;  // medical record number, else "doc:" + document id
  std::vector<std::string> patient_order_;
};

}  // namespace chartflow::naaccr
