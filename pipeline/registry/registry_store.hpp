// The registry's own store (SQLite, embedded): patients and tumours imported from NAACCR XML
// exports, and follow-up events (date of last contact, vital status, cancer status, cause of death,
// follow-up source) from those exports and from death-index or last-contact match files. Every
// import is one transaction: a file with a bad row changes nothing. Feeds the follow-up worklist,
// survival statistics and a NAACCR XML export with the follow-up items.
#pragma once

#include "cohort.hpp"
#include "naaccr_reader.hpp"

#include "naaccr/case_assembly.hpp"

#include <filesystem>
#include <string>
#include <vector>

struct sqlite3;

namespace chartflow::registry {

struct ImportCounts {
  std::size_t patients_new = 0, patients_known = 0, tumors_new = 0, tumors_known = 0, followups = 0;
  std::size_t unmatched_patients = 0;  // no MRN: their own patient, never merged on a guess
};

enum class FollowupStatus { due, overdue };

struct FollowupDue {
  std::string patient_key, mrn;
  long last_contact = 0;  // days since 1970-01-01
  long days_since = 0;
  FollowupStatus status = FollowupStatus::due;
};

class RegistryStore {
 public:
  // Opens or creates the store; throws CohortError naming the file when it cannot.
  explicit RegistryStore(const std::filesystem::path& file);
  ~RegistryStore();
  RegistryStore(const RegistryStore&) = delete;
  RegistryStore& operator=(const RegistryStore&) = delete;

  // Patients are matched by medical record number; tumours by patient, diagnosis date, site and
  // histology, so importing the same export twice adds nothing. Throws CohortError (nothing stored)
  // on dates in the future or before birth, or follow-up that contradicts a recorded death.
  ImportCounts import_naaccr(const NaaccrFileIn& file, const std::string& source_name, const std::string& source_sha256, long today);

  // follow-up CSV: patient (MRN or patient key), date_of_last_contact, vital_status (NAACCR 1760),
  // and optionally cause_of_death (1910), cancer_status (1770), followup_source (1790). Returns the
  // events stored; throws CohortError naming the line (nothing stored) for an unknown patient,
  // a bad value, a date in the future or before birth, or a contact after a recorded death.
  std::size_t add_followup_csv(const std::filesystem::path& csv, long today);

  // A chart or report of a known patient (by its labelled MRN) dated by the chart is a contact:
  // stored as a last-contact event (alive, source "chart:<document id>"). Returns whether it was
  // new; a chart of an unknown patient, or without a date or a single MRN, is not a contact.
  bool add_chart_contact(const std::string& mrn, const std::string& date_of_service, const std::string& document_id, long today);

  // A chart of a known patient that states the patient died (death_statement.hpp): a death event
  // (vital status 0) on `date_of_death` (YYYY-MM-DD), source "chart:<document id>". Returns whether
  // it was stored: not for an unknown patient, a date in the future or before a later recorded
  // contact with the patient alive, or a patient already recorded dead.
  bool add_chart_death(const std::string& mrn, const std::string& date_of_death, const std::string& document_id, long today);

  // Living patients whose last contact is 12 months old (due) or 15 months (overdue) on `as_of`.
  std::vector<FollowupDue> followup_due(long as_of) const;

  // One case per tumour with a diagnosis date, birth date, sex and a last contact; `skipped`
  // counts the rest.
  std::vector<CohortCase> cohort(std::size_t& skipped) const;

  // Patients with their tumours and their latest follow-up, for the NAACCR XML writer.
  std::vector<naaccr::CasePatient> export_patients() const;

 private:
  void begin();
  void commit();
  void rollback();
  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
};

}  // namespace chartflow::registry
