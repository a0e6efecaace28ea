// Medicare Code Editor (MCE 43.1, ICD-10): the CMS pre-grouping claim edits (invalid codes, age and sex
// conflicts, unacceptable principal diagnoses, non-covered procedures...), computed from the CMS MCE code
// masters shipped as data (data/mce/*.tsv.gz). Mirrors the CMS Java MceComponent: the same edits, counted per
// claim, and listed per diagnosis and procedure code in the order CMS applies them.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::drg {

namespace mce_detail {
struct MceTables;
}

// The MCE version of the shipped tables (CMS MCE 43.1: FY2026, discharges through 2026-09-30).
inline constexpr int kMceVersion = 431;

// The edits the MCE 43.1 ICD-10 tables can raise, in CMS's own (ordinal) order. CMS's postpayment edits
// (non-specific PDX / OR procedure, open biopsy, bilateral, Medicare secondary payer) need code flags that
// the 43.1 masters no longer carry, so they cannot fire and are not modelled.
enum class MceEdit : std::uint8_t {
  invalid_code,
  sex_conflict,
  age_conflict,
  questionable_admission,
  manifestation_as_pdx,
  e_code_as_pdx,
  unacceptable_pdx,
  duplicate_of_pdx,
  requires_sdx,
  non_covered,
  limited_coverage,
  questionable_obstetric_admission,
  invalid_age,
  invalid_sex,
  invalid_discharge_status,
  wrong_procedure_performed,
  inconsistent_with_length_of_stay,
  unspecified,
};
inline constexpr std::size_t kMceEditCount = 18;

// Claim-level summary, as CMS reports it: which payment review the edits call for.
enum class MceEditType : std::uint8_t { none, prepayment, postpayment, both, invalid_discharge_date };

enum class MceSex : std::uint8_t { male, female, unknown };

// One claim as the MCE sees it. Codes are ICD-10-CM / ICD-10-PCS without the dot.
struct MceClaim {
  int discharge_date = 0;  // yyyymmdd
  int age = 0;             // years, 0-124
  MceSex sex = MceSex::unknown;
  int discharge_status = 0;  // UB-04 patient discharge status (1 home, 20 died, ...)
  int length_of_stay = 0;    // days
  std::string pdx;
  std::vector<std::string> sdx;
  std::vector<std::string> procedures;
};

// The edits raised on one code, in the order CMS applies them (at most one of each).
class MceCodeEdits {
 public:
  void add(MceEdit edit);
  bool contains(MceEdit edit) const;
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const MceEdit* begin() const { return items_.data(); }
  const MceEdit* end() const { return items_.data() + size_; }

 private:
  std::array<MceEdit, 8> items_{};  // a code can raise at most 8 distinct edits (principal diagnosis)
  std::uint8_t size_ = 0;
};

struct MceResult {
  int version = kMceVersion;
  MceEditType edit_type = MceEditType::none;
  std::array<std::uint16_t, kMceEditCount> counts{};  // indexed by MceEdit
  MceCodeEdits pdx;
  std::vector<MceCodeEdits> sdx;         // parallel to MceClaim::sdx
  std::vector<MceCodeEdits> procedures;  // parallel to MceClaim::procedures

  int count(MceEdit edit) const { return counts[static_cast<std::size_t>(edit)]; }
};

std::string_view to_string(MceEdit edit);          // CMS name, e.g. "INVALID_CODE"
std::string_view to_string(MceEditType edit_type);  // "NONE", "PREPAYMENT", ...
std::string_view to_string(MceSex sex);

// "AGE_CONFLICT=1 INVALID_CODE=2": the non-zero counts, sorted by edit name as the CMS edit counter lists them.
std::string format_edit_counts(const MceResult& result);
// "UNACCEPTABLE_PDX AGE_CONFLICT": one code's edits, space separated, in CMS application order.
std::string format_code_edits(const MceCodeEdits& edits);

// Loaded once from the plugin's data folder (the one holding mce/); edit() is const and thread-safe.
class MceEditor {
 public:
  // Reads <data_folder>/mce/*.tsv.gz (or plain .tsv). Throws std::runtime_error naming the file (and line).
  explicit MceEditor(const std::filesystem::path& data_folder);
  ~MceEditor();
  MceEditor(MceEditor&&) noexcept;
  MceEditor& operator=(MceEditor&&) noexcept;

  MceResult edit(const MceClaim& claim) const;
  int version() const { return kMceVersion; }

 private:
  std::unique_ptr<const mce_detail::MceTables> tables_;
};

}  // namespace chartflow::drg
