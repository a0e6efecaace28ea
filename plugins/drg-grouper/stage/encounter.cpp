#include "encounter.hpp"

#include "chart_facts.hpp"
#include "common/chart_dates.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace chartflow::drg::stage {
namespace {

// The MCE's age range (0-124 years); outside it the age is treated as unknown.
constexpr int kMaxAge = 124;

int number(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

std::chrono::sys_days days_of(const Date& d) {
  return std::chrono::sys_days(std::chrono::year_month_day(std::chrono::year(d.year), std::chrono::month(static_cast<unsigned>(d.month)),
                                                           std::chrono::day(static_cast<unsigned>(d.day))));
}

int completed_years(const Date& birth, const Date& on) {
  const bool before_birthday = on.month < birth.month || (on.month == birth.month && on.day < birth.day);
  return on.year - birth.year - (before_birthday ? 1 : 0);
}

// The identity value of a kind, with a review reason when it cannot be trusted or read.
std::optional<std::string> identity_value(const RecordInputs& in, IdentityKind kind, std::string_view what, Encounter& e) {
  const auto it = in.identity.find(kind);
  if (it == in.identity.end()) return std::nullopt;
  if (!it->second.value) {
    e.review_reasons.push_back(std::string(what) + " not readable: the identity stage hashes values (set its \"values\" to \"keep\")");
    return std::nullopt;
  }
  if (it->second.conflict) e.review_reasons.push_back("the chart states more than one " + std::string(what) + "; the first was used");
  return it->second.value;
}

void read_dates(const RecordInputs& in, const std::optional<AssumedDischargeDate>& assumed, Encounter& e) {
  if (const auto value = identity_value(in, IdentityKind::discharge_date, "discharge date", e)) {
    e.discharge_date = parse_iso_date(*value);
    if (e.discharge_date) e.discharge_date_source = DischargeDateSource::identity;
  }
  if (!e.discharge_date) {
    // The chart's labelled date of service (discharge, service, visit... date, as the coding stage
    // picks its code set by) still tells the grouper version.
    const auto service = charts::find_date_of_service(in.text);
    if (service) e.discharge_date = parse_iso_date(*service);
    if (e.discharge_date) {
      e.discharge_date_source = DischargeDateSource::date_of_service;
      e.review_reasons.push_back("no labelled discharge date: the chart's date of service was taken as the discharge date");
    }
  }
  if (const auto value = identity_value(in, IdentityKind::admission_date, "admission date", e)) e.admission_date = parse_iso_date(*value);
  if (e.admission_date && e.discharge_date) {  // the stay's own length, whatever date it is grouped on
    const auto days = (days_of(*e.discharge_date) - days_of(*e.admission_date)).count();
    if (days < 0) e.review_reasons.push_back("the admission date is after the discharge date: length of stay unknown");
    else e.length_of_stay = static_cast<int>(days);
  }
  e.age_on = e.admission_date ? e.admission_date : e.discharge_date;
  e.age_at_discharge = !e.admission_date;
  if (!assumed) return;
  if (!e.discharge_date) {
    if (!e.age_on) e.age_on = assumed->date;
    e.review_reasons.push_back("the chart states no discharge date: grouped with the configured assumed_discharge_date");
  } else if (assumed->outside_v43 && grouper_version_for(e.discharge_date->yyyymmdd()) == 0) {
    e.review_reasons.push_back("the chart's discharge date is outside MS-DRG v43: grouped with the configured assumed_discharge_date");
    // An admission years before the discharge the claim says would not be this stay's; the age
    // stays the one at the stay's own admission (age_on).
    e.admission_date.reset();
  } else {
    return;
  }
  e.discharge_date = assumed->date;
  e.discharge_date_source = DischargeDateSource::assumed;
}

void read_age(const RecordInputs& in, Encounter& e) {
  const auto value = identity_value(in, IdentityKind::birth_date, "birth date", e);
  const auto birth = value ? parse_iso_date(*value) : std::nullopt;
  if (!birth) {
    e.review_reasons.push_back("no birth date: age unknown, so the Medicare Code Editor reports INVALID_AGE and cannot check age conflicts");
    return;
  }
  if (!e.age_on) return;  // no date at all: the record is not grouped
  if (e.age_at_discharge) e.review_reasons.push_back("no admission date: age taken at discharge");
  const int age = completed_years(*birth, *e.age_on);
  if (age < 0 || age > kMaxAge) e.review_reasons.push_back("the birth date gives an age outside 0-124 years: age unknown");
  else e.age = age;
}

void read_sex(const RecordInputs& in, Encounter& e) {
  const auto value = identity_value(in, IdentityKind::sex, "sex", e);
  if (value == "female") e.sex = Sex::female;
  else if (value == "male") e.sex = Sex::male;
  else e.review_reasons.push_back("sex not stated as male or female: grouped as unknown, so sex-specific codes may not group");
}

void read_status(const RecordInputs& in, Encounter& e) {
  if (const auto status = read_discharge_status(in.text)) {
    e.discharge_status = number(status->code);
    e.discharge_status_source = DischargeStatusSource::stated;
    e.discharge_status_evidence = TextSpan{status->begin, status->end};
    return;
  }
  e.review_reasons.push_back("discharge status not stated in the chart: 01 (home or self care) assumed");
}

}  // namespace

std::string Date::iso() const {
  char text[16];
  std::snprintf(text, sizeof(text), "%04u-%02u-%02u", static_cast<unsigned>(year) % 10000U, static_cast<unsigned>(month) % 100U,
                static_cast<unsigned>(day) % 100U);
  return text;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (!charts::is_iso_date(text)) return std::nullopt;
  return Date{number(text.substr(0, 4)), number(text.substr(5, 2)), number(text.substr(8, 2))};
}

std::string_view to_string(DischargeDateSource source) {
  switch (source) {
    case DischargeDateSource::identity: return "identity";
    case DischargeDateSource::date_of_service: return "date_of_service";
    case DischargeDateSource::assumed: return "assumed";
    case DischargeDateSource::none: break;
  }
  return "none";
}

std::string_view to_string(DischargeStatusSource source) {
  return source == DischargeStatusSource::stated ? "stated" : "defaulted";
}

Encounter read_encounter(const RecordInputs& inputs, const std::optional<AssumedDischargeDate>& assumed) {
  Encounter e;
  read_dates(inputs, assumed, e);
  read_age(inputs, e);
  read_sex(inputs, e);
  read_status(inputs, e);
  return e;
}

}  // namespace chartflow::drg::stage
