// The CMS MCE 43.1 tables in memory: the ICD-10-CM (dx) and ICD-10-PCS (sg) code masters with their validity
// ranges and edit flags, the age groups and the valid discharge status codes, all keyed by discharge date.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chartflow::drg::mce_detail {

using Date = std::uint32_t;                    // yyyymmdd
inline constexpr Date kOpenEnd = 99991231;     // an empty end_date: still valid
inline constexpr Date kFirstDischargeDate = 19851001;  // CMS MCE: no claims before the first DRG year
inline constexpr Date kLastDischargeDate = 20260930;   // MCE 43.1 termination date (end of FY2026)
// From this date on, CMS accepts an unknown sex and raises no sex conflict for it.
inline constexpr Date kUnknownSexValidFrom = 20241001;

// The edit flags of the 43.1 code masters (the `flags` column). A flag outside this list is a table error.
enum class Flag : std::uint8_t {
  // diagnoses
  adult, newborn, pediatric, maternity, ecodepdx, manifestation, unacceptable, reqsdx, qadm, unspecified,
  wrngproc, clintrial, delout, diabtype1,
  // both (sex flags only on rows that ended 2024-09-30)
  male, female, ncov6, ncov7, ncov_z302,
  // procedures
  noncovered, ncov45, kidneyxp, ncov12agele60, lcov, lcov_artheartxpa, lcov_artheartxpb, csect, vagdel, los,
};
inline constexpr std::size_t kFlagCount = 29;
std::optional<Flag> flag_from_name(std::string_view name);

class FlagSet {
 public:
  void add(Flag f) { bits_ |= bit(f); }
  bool has(Flag f) const { return (bits_ & bit(f)) != 0; }
  bool has_any(FlagSet other) const { return (bits_ & other.bits_) != 0; }
  FlagSet& operator|=(FlagSet other) {
    bits_ |= other.bits_;
    return *this;
  }

 private:
  static std::uint64_t bit(Flag f) { return std::uint64_t{1} << static_cast<unsigned>(f); }
  std::uint64_t bits_ = 0;
};

// One row of a code master: the code's flags while start <= discharge date <= end.
struct CodeVersion {
  Date start = 0;
  Date end = kOpenEnd;
  FlagSet flags;
};

// Codes are at most 7 characters, so each is packed into one 64-bit key: lookups hash an integer.
std::optional<std::uint64_t> pack_code(std::string_view code);

class CodeMaster {
 public:
  void load(const std::filesystem::path& file);
  // The code's row in force on `date`; nullptr when the code is unknown or not valid then (INVALID_CODE).
  const CodeVersion* find(std::string_view code, Date date) const;
  std::size_t size() const { return index_.size(); }

 private:
  struct Span {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
  };
  std::unordered_map<std::uint64_t, Span> index_;
  std::vector<CodeVersion> versions_;  // grouped by code
};

enum class AgeGroup : std::uint8_t { pediatric, newborn, maternity, adult };
inline constexpr std::size_t kAgeGroupCount = 4;

struct AgeRange {
  AgeGroup group{};
  int min_age = 0;
  int max_age = 0;
  Date start = 0;
  Date end = kOpenEnd;
};

struct DatedCode {
  int code = 0;
  Date start = 0;
  Date end = kOpenEnd;
};

struct MceTables {
  CodeMaster dx;  // mce_i10dx_master
  CodeMaster sg;  // mce_i10sg_master
  std::vector<AgeRange> age_ranges;
  std::vector<DatedCode> discharge_statuses;

  // Reads <folder>/mce_*.tsv(.gz).
  static MceTables load(const std::filesystem::path& folder);
  // Whether `age` lies in the group's range in force on `date` (no range in force: not in the group).
  bool age_in_group(AgeGroup group, int age, Date date) const;
  bool valid_discharge_status(int status, Date date) const;
};

}  // namespace chartflow::drg::mce_detail
