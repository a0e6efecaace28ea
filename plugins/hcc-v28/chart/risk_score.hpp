// From a chart's (or a patient's year of charts') diagnoses and demographics to V28 HCCs and,
// when the demographics allow, a risk score. Shared by the hcc stage and `chartflow hcc
// patient-year` so that one chart and one patient-year are scored by the same rules:
// - the age is taken on February 1 of the payment year, the year after the dates of service
//   (CMS's prospective model: diagnoses of year N are paid in year N + 1);
// - the segment comes from the caller (enrollment data), or is assumed community non-dual (CNA
//   at 65 or over, CND under 65): the chart cannot tell dual, institutional or new-enrollee status;
// - under 65, the entitlement is taken as disability (a beneficiary under 65 is entitled by
//   disability, or by ESRD, whom the ESRD model scores), unless the caller says otherwise;
// - without a birth date, a sex or a date of service there is no score, and the HCCs are listed
//   from the codes whose HCCs do not depend on what is unknown (an age/sex edit could change them;
//   an unknown age is taken as an adult's).
#pragma once

#include "hcc.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::hcc::chart {

// The segment option: one CMS segment, the assumed community non-dual one, or no score at all.
enum class SegmentRule { fixed, community_non_dual, none };
struct SegmentChoice {
  SegmentRule rule = SegmentRule::community_non_dual;
  Segment segment = Segment::CommunityNonDualAged;  // for `fixed`
};
// "CNA" ... "SNPNE", "community_non_dual" or "none"; nullopt for anything else.
std::optional<SegmentChoice> parse_segment_choice(std::string_view text);
inline constexpr std::string_view kSegmentChoices = "CNA, CND, CFA, CFD, CPA, CPD, INS, NE, SNPNE, community_non_dual or none";

enum class SegmentBasis { configured, assumed_community_non_dual, none };
std::string_view to_string(SegmentBasis basis);

// Why there is no score (the HCCs are still listed).
enum class NotScored { none, no_segment, no_birth_date, no_sex, no_date_of_service, conflicting_demographics, model_refused };
std::string_view to_string(NotScored why);

struct Person {
  std::optional<Date> birth_date;
  Sex sex = Sex::Unknown;
  std::optional<int> service_year;  // the year of the dates of service
  std::optional<EntitlementReason> entitlement;  // from enrollment data, when the caller has it
  bool medicaid = false;
};

struct ChartScore {
  Score score;  // the model's; when not scored, the HCC listing only (no terms, no score)
  bool scored = false;
  NotScored not_scored = NotScored::none;
  std::string reason;  // a sentence saying why not scored ("" when scored)
  SegmentBasis segment_basis = SegmentBasis::none;
  std::optional<int> age;             // on February 1 of the payment year, when known
  std::optional<int> payment_year;    // service year + 1
  std::set<std::string> depends;      // evidence ids whose HCCs depend on an unknown age or sex
};

// `not_scored` preset (e.g. conflicting_demographics, from the caller) is kept, with `reason`.
ChartScore score_diagnoses(const Model& model, const std::vector<Diagnosis>& diagnoses, const Person& person, const SegmentChoice& choice,
                           NotScored preset = NotScored::none, std::string preset_reason = {});

// YYYY-MM-DD to a Date (nullopt when not a calendar date); "female"/"male" (FHIR) to Sex.
std::optional<Date> parse_date(std::string_view iso);
Sex parse_sex(std::string_view administrative_gender);

}  // namespace chartflow::hcc::chart
