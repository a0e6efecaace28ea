// MS-DRG v43 grouper (CMS versions 430 and 431, picked by discharge date), computed from the CMS grouper
// tables shipped as data (data/msdrg/*.tsv.gz). Mirrors the CMS Java MsdrgComponent run with the options
// COMPUTE (affects-DRG flags) and CLINICAL_SIGNIFICANCE (marking tie breaker): initial DRG, HAC processing,
// final DRG, and per code the severity usage, POA/HAC status and whether the code affected the DRG.
//
// Usage: load one `Grouper` per data folder at start-up (~0.2 s, ~18 MB), then call `group()` from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::drg {

namespace detail {
struct GrouperTables;
}

// ---- Input ---------------------------------------------------------------------------------------------

enum class Sex : std::uint8_t { male, female, unknown };

// Whether the hospital must report present-on-admission indicators (CMS "POA reporting exempt" option).
enum class HospitalStatus : std::uint8_t { not_exempt, exempt, unknown };

// Present-on-admission indicator as reported on the claim (Y, N, U, W, 1, or nothing).
enum class Poa : std::uint8_t { yes, no, unknown, clinically_undetermined, exempt_1, blank, invalid };

// 'Y' -> yes, 'N' -> no, 'U' -> unknown, 'W' -> clinically_undetermined, '1' -> exempt_1, "" -> blank,
// anything else (e.g. 'E') -> invalid. Case-insensitive.
Poa poa_from_string(std::string_view text);

struct DiagnosisInput {
  std::string code;  // ICD-10-CM, with or without the dot
  Poa poa = Poa::blank;
};

struct Claim {
  int discharge_date = 0;  // yyyymmdd; selects grouper version 430 or 431
  int age = 0;             // years (the MS-DRG v43 logic does not use it; the MCE does)
  Sex sex = Sex::unknown;
  int discharge_status = 1;  // UB-04 patient discharge status (1 home, 7 left AMA, 20 died, ...)
  HospitalStatus hospital_status = HospitalStatus::not_exempt;
  DiagnosisInput pdx;
  std::string admit_dx;  // optional; not used for grouping
  std::vector<DiagnosisInput> sdx;
  std::vector<std::string> procedures;  // ICD-10-PCS, the principal procedure first
};

// ---- Output --------------------------------------------------------------------------------------------

enum class ReturnCode : std::uint8_t {
  ok,
  invalid_pdx,
  dx_cannot_be_pdx,
  invalid_sex,
  invalid_discharge_status,
  ungroupable,
  hac_missing_one_poa,
  hac_status_invalid_mult_hacs_poa_not_y_w,
  hac_status_invalid_poa_n_or_u,
  hac_status_invalid_poa_invalid_or_1,
  // chartflow's own: no grouper version covers the discharge date (CMS would refuse the claim).
  discharge_date_out_of_range,
};

enum class MedSurg : std::uint8_t { none, medical, surgical };

// Claim severity level: `none` when no DRG was assigned, else the CC/MCC level the DRG logic saw.
enum class Severity : std::uint8_t { none, non_cc, cc, mcc };

// How a secondary diagnosis' CC/MCC level was used (CMS MsdrgCodeSeverityFlag).
enum class CodeSeverity : std::uint8_t {
  neither,                    // not a CC/MCC: not one, not recognized, no DRG assigned, an MCC only for
                              // live discharges when the patient died, or (final) a hospital-acquired condition
  cc,                         // counted as CC
  mcc,                        // counted as MCC
  cc_excluded,                // CC excluded by the principal diagnosis (CC exclusion list)
  mcc_excluded,               // MCC excluded by the principal diagnosis
  cc_excluded_by_drg_logic,   // CC not counted by the assigned DRG's own logic (severity suppression)
  mcc_excluded_by_drg_logic,  // MCC not counted by the assigned DRG's own logic
};

enum class AffectsDrg : std::uint8_t { none, initial, final, both };

enum class PoaError : std::uint8_t {
  not_checked,
  not_recognized,
  recognized_not_poa,
  recognized_yes_poa,
  hospital_exempt,
};

// Status of one hospital-acquired-condition list a diagnosis is on (CMS MsdrgHacStatus).
enum class HacUsage : std::uint8_t {
  not_on_hac_list,
  criteria_met,
  criteria_not_met,
  not_applicable_exclusion,
  not_applicable_exempt,
};

// Claim-level HAC outcome.
enum class HacStatus : std::uint8_t { not_applicable, final_drg_no_change, final_drg_changes, final_drg_ungroupable };

struct DrgAssignment {
  int mdc = 0;
  int drg = 999;
  int base_drg = 999;
  MedSurg med_surg = MedSurg::none;
  ReturnCode return_code = ReturnCode::ok;
  Severity severity = Severity::none;
};

struct HacEntry {
  int number = 0;  // HAC category 1-14; 0 when the list did not apply (CMS convention)
  HacUsage usage = HacUsage::not_on_hac_list;
};

struct DiagnosisResult {
  std::string code;  // normalized (no dot, upper case)
  Poa poa = Poa::blank;
  bool recognized = false;  // known to the grouper for this version
  AffectsDrg affects_drg = AffectsDrg::none;
  CodeSeverity initial_severity = CodeSeverity::neither;
  CodeSeverity final_severity = CodeSeverity::neither;
  PoaError poa_error = PoaError::not_checked;
  std::vector<HacEntry> hacs;
  // Secondary diagnoses: the CC/MCC level this code contributed to the initial / final DRG's severity
  // (non_cc when it did not count: not a CC, excluded, suppressed by the DRG logic, a HAC, or no DRG). A
  // what-if that removes a code whose level equals the DRG severity may lower the DRG.
  Severity acted_as_initial = Severity::non_cc;
  Severity acted_as_final = Severity::non_cc;
};

// Procedure HAC usage (CMS MsdrgPrHacUsage): which procedure-dependent HACs the procedure took part in.
enum class ProcedureHac : std::uint8_t { hac_08, hac_10, hac_11, hac_12, hac_13, hac_14 };

struct ProcedureResult {
  std::string code;
  bool recognized = false;
  bool is_or = false;  // operating-room procedure
  AffectsDrg affects_drg = AffectsDrg::none;
  std::vector<ProcedureHac> hac_usage;
};

struct GroupResult {
  int version = 0;  // 430 or 431 (0 when the discharge date is out of range)
  DrgAssignment initial;
  DrgAssignment final;
  // The CC/MCC level the final DRG's logic actually relied on (non_cc when its formula was satisfied
  // without an MCC/CC atom, e.g. DRG 321 through four stents).
  Severity final_drg_sdx_severity = Severity::non_cc;
  HacStatus hac_status = HacStatus::not_applicable;
  int num_hac_categories = 0;  // distinct HAC categories whose criteria were met
  DiagnosisResult pdx;
  std::vector<DiagnosisResult> sdx;         // parallel to Claim::sdx
  std::vector<ProcedureResult> procedures;  // parallel to Claim::procedures
};

std::string_view to_string(Sex value);
std::string_view to_string(HospitalStatus value);
std::string_view to_string(Poa value);  // "Y", "N", "U", "W", "1", "" ("E"-like input: "?")
std::string_view to_string(ReturnCode value);
std::string_view to_string(MedSurg value);
std::string_view to_string(Severity value);
std::string_view to_string(CodeSeverity value);
std::string_view to_string(AffectsDrg value);
std::string_view to_string(PoaError value);
std::string_view to_string(HacUsage value);
std::string_view to_string(HacStatus value);
std::string_view to_string(ProcedureHac value);

// The CMS grouper version for a discharge date (430: 2025-10-01..2026-03-31, 431: 2026-04-01..2026-09-30),
// 0 when none covers it.
int grouper_version_for(int discharge_date);

// Which code of a claim a what-if replaces.
struct CodeSlot {
  enum class Kind : std::uint8_t { pdx, sdx, procedure } kind = Kind::sdx;
  std::size_t index = 0;  // position in Claim::sdx / Claim::procedures (ignored for pdx)
};

class Grouper {
 public:
  // Reads <data_folder>/msdrg/*.tsv.gz (or plain .tsv). Throws std::runtime_error naming the file and line.
  explicit Grouper(const std::filesystem::path& data_folder);
  ~Grouper();
  Grouper(Grouper&&) noexcept;
  Grouper& operator=(Grouper&&) noexcept;

  // Groups one claim. Never throws for bad codes or values: they give the CMS return code.
  GroupResult group(const Claim& claim) const;

  // What-if: the claim with one code replaced (an empty `code` removes it), regrouped. Grouping is
  // table look-ups only (a few microseconds), so callers may try every candidate code.
  GroupResult group_with(const Claim& claim, CodeSlot slot, std::string_view code) const;

  // Every MS-DRG the DRG formulas of `version` can assign (the error DRGs 998 and 999 included),
  // ascending: what a table of DRG weights must cover.
  std::vector<int> drgs(int version) const;

  // Approximate heap bytes held by the loaded tables.
  std::size_t table_bytes() const;

 private:
  std::unique_ptr<const detail::GrouperTables> tables_;
};

}  // namespace chartflow::drg
