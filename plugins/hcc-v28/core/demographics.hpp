// The beneficiary side of the model: input checks, the age (CMS AGEF), the disabled and
// originally-disabled flags, and the names of the demographic cells (CMS macro AGESEXV2).
#pragma once

#include "hcc.hpp"

#include <string>
#include <string_view>

namespace chartflow::hcc {

struct Demographics {
  int age = 0;
  Sex sex = Sex::Unknown;
  Segment segment = Segment::CommunityNonDualAged;
  EntitlementReason entitlement = EntitlementReason::OldAge;
  bool medicaid = false;
  bool disabled = false;                // DISABL = age < 65 and OREC != 0
  bool originally_disabled = false;     // ORIGDS = OREC 1 and not DISABL
  bool ne_originally_disabled = false;  // NE_ORIGDS = age >= 65 and OREC 1
};

// Checks the beneficiary and derives the flags; on error, `message` says why.
InputError resolve_demographics(const Beneficiary& beneficiary, Demographics& out, std::string& message);

bool is_valid_date(const Date& date);
// Completed years from birth to as_of (a birthday not reached yet in as_of's year does not count).
int age_on(const Date& birth, const Date& as_of);

bool is_new_enrollee_segment(Segment segment);

// "F70_74", "M0_34", "F95_GT": the continuing-enrollee age/sex cell.
std::string age_sex_cell(Sex sex, int age);
// "NMCAID_NORIGDIS_NEF66": the new-enrollee cell with its Medicaid and originally-disabled parts.
std::string new_enrollee_variable(const Demographics& d);

// Whether a coefficient suffix names a cell (used to check the coefficient table).
bool is_age_sex_cell(std::string_view suffix);
bool is_new_enrollee_variable(std::string_view suffix);

}  // namespace chartflow::hcc
