// A patient's year of charts, scored once (docs/hcc.md, "A patient's year"): the finished records
// of a run grouped by patient, the diagnoses of the charts whose date of service falls in the year
// pooled, and the model run once on them, so a hierarchy applies across charts (diabetes with
// complications on one chart drops diabetes without on another) and each HCC is counted once.
//
// Who is one patient: the charts that state the same MRN (compared by the identity stage's
// value_sha256, so charts whose identity was written as hashes only join too). A chart with no
// MRN, or with two different MRNs, is a patient of its own: never merged with another on a guess
// (a name or a birth date is not an identifier).
#pragma once

#include "chart_inputs.hpp"
#include "risk_score.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::hcc::chart {

enum class PatientBasis { mrn, own_record };
std::string_view to_string(PatientBasis basis);

struct Chart {
  std::string record_id;  // document.id
  ChartInputs inputs;
};

// One chart's inputs from a whole record file's JSON. Throws std::invalid_argument when the JSON
// is not a chartflow record (no document id).
Chart read_chart(const nlohmann::json& record);

// What the caller knows of a patient from enrollment data (--segment, --beneficiaries).
struct Enrollment {
  SegmentChoice segment;
  std::optional<EntitlementReason> entitlement;
  bool medicaid = false;
};

struct PatientYear {
  std::string patient;  // the MRN as stated ("" when hashed), else ""
  std::string key;      // "mrn-sha256:<hex>" or "record:<document id>": how the charts were grouped
  PatientBasis basis = PatientBasis::own_record;
  std::vector<std::string> records;    // the year's charts, by document id
  std::vector<Evidence> evidence;      // each pooled diagnosis: code, "<record id>/<code id>"
  Sex sex = Sex::Unknown;
  ChartScore score;
};

struct YearCounts {
  std::size_t records = 0, in_year = 0, no_date = 0, other_year = 0, radiology = 0;
};

// Groups `charts` by patient and scores each patient with charts in `year`. `enrollment` gives
// the patient's segment and entitlement, or nullopt when the caller has none for that patient
// (the patient is listed, not scored). Patients in order of key.
std::vector<PatientYear> score_patient_years(const Model& model, const std::vector<Chart>& charts, int year,
                                             const std::function<std::optional<Enrollment>(const PatientYear&)>& enrollment,
                                             YearCounts& counts);

}  // namespace chartflow::hcc::chart
