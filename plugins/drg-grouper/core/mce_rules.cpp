#include "mce_rules.hpp"

#include <initializer_list>
#include <utility>

namespace chartflow::drg::mce_detail {

namespace {

// Age-specific codes (newborn, pediatric, maternity, adult) conflict with an age outside their group's range.
// CMS checks the groups in AgeGroup order; a code raises at most one AGE_CONFLICT.
bool age_conflict(FlagSet flags, const ClaimFacts& facts) {
  constexpr std::array<std::pair<Flag, AgeGroup>, kAgeGroupCount> kGroups{{
      {Flag::pediatric, AgeGroup::pediatric},
      {Flag::newborn, AgeGroup::newborn},
      {Flag::maternity, AgeGroup::maternity},
      {Flag::adult, AgeGroup::adult},
  }};
  for (const auto& [flag, group] : kGroups)
    if (flags.has(flag) && !facts.age_fits[static_cast<std::size_t>(group)]) return true;
  return false;
}

// Sex-specific codes conflict with the other sex. Since FY2025 CMS accepts an unknown sex without conflict
// (and the 43.1 masters only carry male/female flags on rows that ended 2024-09-30).
bool sex_conflict(FlagSet flags, const ClaimFacts& facts) {
  if (facts.sex == MceSex::unknown && facts.date >= kUnknownSexValidFrom) return false;
  return (flags.has(Flag::male) && facts.sex != MceSex::male) ||
         (flags.has(Flag::female) && facts.sex != MceSex::female);
}

// Both artificial-heart device codes on the claim: covered only within a clinical trial.
bool artificial_heart_pair(const ClaimFacts& facts) {
  return facts.procedure_flags.has(Flag::lcov_artheartxpa) && facts.procedure_flags.has(Flag::lcov_artheartxpb);
}

bool is_artificial_heart(FlagSet flags) {
  return flags.has(Flag::lcov_artheartxpa) || flags.has(Flag::lcov_artheartxpb);
}

bool non_covered(FlagSet flags, const ClaimFacts& facts) {
  if (flags.has(Flag::noncovered)) return true;
  // Pancreas transplant: covered with a kidney transplant on the claim or with type I diabetes.
  if (flags.has(Flag::ncov45) && !facts.procedure_flags.has(Flag::kidneyxp) && !facts.dx_flags.has(Flag::diabtype1))
    return true;
  if (is_artificial_heart(flags) && artificial_heart_pair(facts) && !facts.dx_flags.has(Flag::clintrial)) return true;
  // Procedure/diagnosis pairs that are not covered together (ncov6, ncov7, ncov_z302 on both codes).
  for (const Flag pair : {Flag::ncov6, Flag::ncov7, Flag::ncov_z302})
    if (flags.has(pair) && facts.dx_flags.has(pair)) return true;
  // Covered only up to age 60.
  return flags.has(Flag::ncov12agele60) && (facts.age < 0 || facts.age > 60);
}

bool limited_coverage(FlagSet flags, const ClaimFacts& facts) {
  if (flags.has(Flag::lcov)) return true;
  return is_artificial_heart(flags) && artificial_heart_pair(facts) && facts.dx_flags.has(Flag::clintrial);
}

}  // namespace

void edit_principal(const CodeVersion& pdx, const ClaimFacts& facts, EditRecorder& recorder, MceCodeEdits& out) {
  const FlagSet flags = pdx.flags;
  if (flags.has(Flag::ecodepdx)) recorder.add(out, MceEdit::e_code_as_pdx);
  if (flags.has(Flag::manifestation)) recorder.add(out, MceEdit::manifestation_as_pdx);
  if (flags.has(Flag::unacceptable)) {
    // `reqsdx` codes are acceptable as principal diagnosis only together with a secondary diagnosis.
    if (!flags.has(Flag::reqsdx))
      recorder.add(out, MceEdit::unacceptable_pdx);
    else if (!facts.has_sdx)
      recorder.add(out, MceEdit::requires_sdx);
  }
  if (flags.has(Flag::qadm)) recorder.add(out, MceEdit::questionable_admission);
  if (age_conflict(flags, facts)) recorder.add(out, MceEdit::age_conflict);
  if (sex_conflict(flags, facts)) recorder.add(out, MceEdit::sex_conflict);
  if (flags.has(Flag::wrngproc)) recorder.add(out, MceEdit::wrong_procedure_performed);
  if (flags.has(Flag::unspecified)) recorder.add(out, MceEdit::unspecified);
}

void edit_secondary(const CodeVersion* sdx, bool duplicates_pdx, const ClaimFacts& facts, EditRecorder& recorder,
                    MceCodeEdits& out) {
  if (duplicates_pdx) recorder.add(out, MceEdit::duplicate_of_pdx);
  if (sdx == nullptr) return;
  const FlagSet flags = sdx->flags;
  if (flags.has(Flag::unspecified)) recorder.add(out, MceEdit::unspecified);
  if (flags.has(Flag::wrngproc)) recorder.add(out, MceEdit::wrong_procedure_performed);
  if (age_conflict(flags, facts)) recorder.add(out, MceEdit::age_conflict);
  if (sex_conflict(flags, facts)) recorder.add(out, MceEdit::sex_conflict);
}

void edit_procedure(const CodeVersion& procedure, const ClaimFacts& facts, EditRecorder& recorder,
                    MceCodeEdits& out) {
  const FlagSet flags = procedure.flags;
  if (sex_conflict(flags, facts)) recorder.add(out, MceEdit::sex_conflict);
  // Procedures that imply a stay of at least 5 days.
  if (flags.has(Flag::los) && facts.length_of_stay < 5) recorder.add(out, MceEdit::inconsistent_with_length_of_stay);
  // A non-covered procedure is not also reported as limited coverage.
  if (non_covered(flags, facts))
    recorder.add(out, MceEdit::non_covered);
  else if (limited_coverage(flags, facts))
    recorder.add(out, MceEdit::limited_coverage);
  // A delivery (caesarean or vaginal) needs a secondary diagnosis coding the outcome of delivery.
  if ((flags.has(Flag::csect) || flags.has(Flag::vagdel)) && !facts.sdx_flags.has(Flag::delout))
    recorder.add(out, MceEdit::questionable_obstetric_admission);
}

}  // namespace chartflow::drg::mce_detail
