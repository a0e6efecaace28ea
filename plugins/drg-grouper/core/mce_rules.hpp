// The MCE's code edits: what one principal diagnosis, secondary diagnosis or procedure raises, given the
// claim-wide facts some edits depend on (age group fit, the flags of the other codes). The functions add the
// edits to the code's list and to the claim counts, in the order CMS applies them.
#pragma once

#include "mce.hpp"
#include "mce_tables.hpp"

#include <array>

namespace chartflow::drg::mce_detail {

struct ClaimFacts {
  Date date = 0;
  int age = 0;
  MceSex sex = MceSex::unknown;
  int length_of_stay = 0;
  bool has_sdx = false;
  std::array<bool, kAgeGroupCount> age_fits{};  // indexed by AgeGroup, for the groups in force on `date`
  FlagSet dx_flags;                             // flags of the valid principal and secondary diagnoses
  FlagSet sdx_flags;                            // flags of the valid secondary diagnoses
  FlagSet procedure_flags;                      // flags of the valid procedures
};

// Adds an edit to one code's list and to the claim's counts.
class EditRecorder {
 public:
  explicit EditRecorder(MceResult& result) : result_(result) {}
  void add(MceCodeEdits& code, MceEdit edit) {
    code.add(edit);
    add_claim(edit);
  }
  void add_claim(MceEdit edit) { ++result_.counts[static_cast<std::size_t>(edit)]; }

 private:
  MceResult& result_;
};

void edit_principal(const CodeVersion& pdx, const ClaimFacts& facts, EditRecorder& recorder, MceCodeEdits& out);
// `sdx` is null for a code invalid on the discharge date (it can still duplicate the principal diagnosis).
void edit_secondary(const CodeVersion* sdx, bool duplicates_pdx, const ClaimFacts& facts, EditRecorder& recorder,
                    MceCodeEdits& out);
void edit_procedure(const CodeVersion& procedure, const ClaimFacts& facts, EditRecorder& recorder,
                    MceCodeEdits& out);

}  // namespace chartflow::drg::mce_detail
