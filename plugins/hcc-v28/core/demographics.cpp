#include "demographics.hpp"

#include <array>

namespace chartflow::hcc {

namespace {

constexpr int kMaxAge = 130;

struct Bracket {
  int low;
  int high;
  std::string_view name;
};

// Continuing-enrollee cells (community and institutional).
constexpr std::array<Bracket, 12> kBrackets = {{
    {0, 34, "0_34"}, {35, 44, "35_44"}, {45, 54, "45_54"}, {55, 59, "55_59"},
    {60, 64, "60_64"}, {65, 69, "65_69"}, {70, 74, "70_74"}, {75, 79, "75_79"},
    {80, 84, "80_84"}, {85, 89, "85_89"}, {90, 94, "90_94"}, {95, kMaxAge, "95_GT"},
}};

// New-enrollee cells: one per year from 65 to 69, where the first year of aged entitlement is.
constexpr std::array<Bracket, 16> kNewEnrolleeBrackets = {{
    {0, 34, "0_34"}, {35, 44, "35_44"}, {45, 54, "45_54"}, {55, 59, "55_59"},
    {60, 64, "60_64"}, {65, 65, "65"}, {66, 66, "66"}, {67, 67, "67"}, {68, 68, "68"},
    {69, 69, "69"}, {70, 74, "70_74"}, {75, 79, "75_79"}, {80, 84, "80_84"},
    {85, 89, "85_89"}, {90, 94, "90_94"}, {95, kMaxAge, "95_GT"},
}};

template <std::size_t N>
std::string_view bracket(const std::array<Bracket, N>& brackets, int age) {
  for (const Bracket& b : brackets) {
    if (age >= b.low && age <= b.high) return b.name;
  }
  return brackets.back().name;
}

template <std::size_t N>
bool is_bracket(const std::array<Bracket, N>& brackets, std::string_view name) {
  for (const Bracket& b : brackets) {
    if (b.name == name) return true;
  }
  return false;
}

char sex_letter(Sex sex) { return sex == Sex::Female ? 'F' : 'M'; }

bool is_aged_segment(Segment s) {
  return s == Segment::CommunityNonDualAged || s == Segment::CommunityFullDualAged ||
         s == Segment::CommunityPartialDualAged;
}

bool is_disabled_segment(Segment s) {
  return s == Segment::CommunityNonDualDisabled || s == Segment::CommunityFullDualDisabled ||
         s == Segment::CommunityPartialDualDisabled;
}

InputError resolve_age(const Beneficiary& b, int& age, std::string& message) {
  if (b.age) {
    age = *b.age;
  } else if (b.birth_date && b.as_of) {
    if (!is_valid_date(*b.birth_date) || !is_valid_date(*b.as_of)) {
      message = "the birth date or the as-of date is not a calendar date";
      return InputError::InvalidDate;
    }
    age = age_on(*b.birth_date, *b.as_of);
    if (age < 0) {
      message = "the birth date is after the as-of date";
      return InputError::BirthAfterAsOf;
    }
  } else {
    message = "no age: give the age, or the birth date and the as-of date (CMS: February 1 of the payment year)";
    return InputError::MissingAge;
  }
  if (age < 0) {
    message = "age " + std::to_string(age) + " is negative";
    return InputError::NegativeAge;
  }
  if (age > kMaxAge) {
    message = "age " + std::to_string(age) + " is over " + std::to_string(kMaxAge);
    return InputError::AgeOutOfRange;
  }
  return InputError::None;
}

InputError check_segment(const Demographics& d, std::string& message) {
  if (is_aged_segment(d.segment) && d.age < 65) {
    message = "segment " + std::string(to_string(d.segment)) + " is for beneficiaries aged 65 or over, age is " +
              std::to_string(d.age) + " (use the disabled segment)";
    return InputError::AgeOutsideSegment;
  }
  if (is_disabled_segment(d.segment) && d.age >= 65) {
    message = "segment " + std::string(to_string(d.segment)) + " is for beneficiaries under 65, age is " +
              std::to_string(d.age) + " (use the aged segment)";
    return InputError::AgeOutsideSegment;
  }
  return InputError::None;
}

}  // namespace

bool is_valid_date(const Date& date) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.year < 1800 || date.year > 9999 || date.month < 1 || date.month > 12 || date.day < 1) return false;
  bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  if (date.month == 2 && !leap) return date.day <= 28;
  return date.day <= kDays[static_cast<std::size_t>(date.month - 1)];
}

int age_on(const Date& birth, const Date& as_of) {
  int years = as_of.year - birth.year;
  if (as_of.month < birth.month || (as_of.month == birth.month && as_of.day < birth.day)) --years;
  return years;
}

bool is_new_enrollee_segment(Segment segment) {
  return segment == Segment::NewEnrollee || segment == Segment::SnpNewEnrollee;
}

InputError resolve_demographics(const Beneficiary& b, Demographics& out, std::string& message) {
  if (InputError e = resolve_age(b, out.age, message); e != InputError::None) return e;
  if (b.sex != Sex::Male && b.sex != Sex::Female) {
    message = "sex is unknown: the model has factors for male and female only";
    return InputError::UnknownSex;
  }
  if (static_cast<std::size_t>(b.segment) > static_cast<std::size_t>(Segment::SnpNewEnrollee)) {
    message = "unknown segment " + std::to_string(static_cast<int>(b.segment));
    return InputError::UnknownSegment;
  }
  if (static_cast<int>(b.entitlement) > 3) {
    message = "unknown original reason for entitlement " + std::to_string(static_cast<int>(b.entitlement));
    return InputError::UnknownEntitlement;
  }
  out.sex = b.sex;
  out.segment = b.segment;
  out.entitlement = b.entitlement;
  out.medicaid = b.medicaid;
  out.disabled = out.age < 65 && b.entitlement != EntitlementReason::OldAge;
  out.originally_disabled = b.entitlement == EntitlementReason::Disability && !out.disabled;
  out.ne_originally_disabled = out.age >= 65 && b.entitlement == EntitlementReason::Disability;
  return check_segment(out, message);
}

std::string age_sex_cell(Sex sex, int age) {
  return sex_letter(sex) + std::string(bracket(kBrackets, age));
}

std::string new_enrollee_variable(const Demographics& d) {
  // A new enrollee of 64 entitled by age alone turns 65 during the payment year: CMS puts him
  // in the 65 cell. At 64 with another entitlement reason he stays in 60-64.
  int age = d.age == 64 && d.entitlement == EntitlementReason::OldAge ? 65 : d.age;
  std::string name = d.medicaid ? "MCAID_" : "NMCAID_";
  name += d.ne_originally_disabled ? "ORIGDIS_NE" : "NORIGDIS_NE";
  name += sex_letter(d.sex);
  name += bracket(kNewEnrolleeBrackets, age);
  return name;
}

bool is_age_sex_cell(std::string_view suffix) {
  return suffix.size() > 1 && (suffix[0] == 'F' || suffix[0] == 'M') && is_bracket(kBrackets, suffix.substr(1));
}

bool is_new_enrollee_variable(std::string_view suffix) {
  for (std::string_view medicaid : {"MCAID_", "NMCAID_"}) {
    for (std::string_view origdis : {"ORIGDIS_NE", "NORIGDIS_NE"}) {
      std::string prefix = std::string(medicaid) + std::string(origdis);
      if (!suffix.starts_with(prefix) || suffix.size() < prefix.size() + 2) continue;
      char sex = suffix[prefix.size()];
      if ((sex == 'F' || sex == 'M') && is_bracket(kNewEnrolleeBrackets, suffix.substr(prefix.size() + 1))) return true;
    }
  }
  return false;
}

}  // namespace chartflow::hcc
