#include "risk_score.hpp"

#include "common/chart_dates.hpp"

#include <array>
#include <charconv>

namespace chartflow::hcc::chart {
namespace {

// Ages on either side of the adult age edit of V28I0ED1 (breast cancer under 50): a code whose
// HCCs are the same at both does not depend on an unknown adult age. An unknown age is taken as
// an adult's (18 or over): Medicare beneficiaries under 18 are few (ESRD), and probing the
// pediatric edits too (J44.9 under 18, perinatal codes at 2 or over) would hold out every COPD
// code of every chart without a birth date.
constexpr std::array<int, 2> kProbeAges = {40, 70};
constexpr int kMaxAge = 130;

int completed_years(const Date& birth, const Date& on) {
  const bool before_birthday = on.month < birth.month || (on.month == birth.month && on.day < birth.day);
  return on.year - birth.year - (before_birthday ? 1 : 0);
}

Beneficiary probe(int age, Sex sex) {
  Beneficiary b;
  b.age = age;
  b.sex = sex;
  b.segment = community_segment(DualStatus::NonDual, age);
  b.entitlement = age < 65 ? EntitlementReason::Disability : EntitlementReason::OldAge;
  return b;
}

bool same_outcome(const CodeOutcome& a, const CodeOutcome& b) { return a.status == b.status && a.hccs == b.hccs; }

// The HCCs of the codes whose HCCs are the same for every age and sex still possible; the others
// are named in `depends`. Hierarchies and the heart rule apply; interactions and the count
// variable are left out, since they depend on the segment.
void list_without_score(const Model& model, const std::vector<Diagnosis>& diagnoses, std::optional<int> age, Sex sex, ChartScore& out) {
  std::vector<int> ages(kProbeAges.begin(), kProbeAges.end());
  if (age && *age >= 0 && *age <= kMaxAge) ages = {*age};
  std::vector<Sex> sexes = {Sex::Female, Sex::Male};
  if (sex != Sex::Unknown) sexes = {sex};
  std::vector<Score> probes;
  for (const int a : ages)
    for (const Sex s : sexes) probes.push_back(model.score({probe(a, s), diagnoses, {}}));
  std::vector<Diagnosis> stable;
  for (std::size_t i = 0; i < diagnoses.size(); ++i) {
    bool same = true;
    for (const Score& p : probes) same = same && p.ok() && same_outcome(p.codes[i], probes.front().codes[i]);
    if (same) stable.push_back(diagnoses[i]);
    else out.depends.insert(diagnoses[i].evidence_id);
  }
  out.score = model.score({probe(ages.back(), sexes.front()), stable, {}});
  out.score.interactions.clear();
  out.score.count_variable.clear();
  out.score.terms.clear();
  out.score.demographic_score = out.score.disease_score = out.score.raw_score = 0;
}

// The beneficiary the model scores, or why there is none.
std::optional<Beneficiary> beneficiary_of(const Person& p, const SegmentChoice& choice, ChartScore& out) {
  if (choice.rule == SegmentRule::none) {
    out.not_scored = NotScored::no_segment;
    out.reason = "no score: no segment was given (segment \"none\")";
  } else if (!p.birth_date) {
    out.not_scored = NotScored::no_birth_date;
    out.reason = "no score: no readable birth date is stated, so the age is unknown";
  } else if (p.sex == Sex::Unknown) {
    out.not_scored = NotScored::no_sex;
    out.reason = "no score: the sex is not stated as male or female";
  } else if (!out.age) {
    out.not_scored = NotScored::no_date_of_service;
    out.reason = "no score: no date of service, so neither the payment year nor the age on its February 1 is known";
  }
  if (out.not_scored != NotScored::none) return std::nullopt;
  Beneficiary b;
  b.age = *out.age;
  b.sex = p.sex;
  b.medicaid = p.medicaid;
  if (choice.rule == SegmentRule::fixed) {
    b.segment = choice.segment;
    out.segment_basis = SegmentBasis::configured;
  } else {
    b.segment = community_segment(DualStatus::NonDual, *out.age);
    out.segment_basis = SegmentBasis::assumed_community_non_dual;
  }
  b.entitlement = p.entitlement.value_or(*out.age < 65 ? EntitlementReason::Disability : EntitlementReason::OldAge);
  return b;
}

}  // namespace

std::optional<SegmentChoice> parse_segment_choice(std::string_view text) {
  if (text == "community_non_dual") return SegmentChoice{SegmentRule::community_non_dual, Segment::CommunityNonDualAged};
  if (text == "none") return SegmentChoice{SegmentRule::none, Segment::CommunityNonDualAged};
  if (const auto s = segment_from_string(text)) return SegmentChoice{SegmentRule::fixed, *s};
  return std::nullopt;
}

std::string_view to_string(SegmentBasis basis) {
  switch (basis) {
    case SegmentBasis::configured: return "configured";
    case SegmentBasis::assumed_community_non_dual: return "assumed_community_non_dual";
    case SegmentBasis::none: break;
  }
  return "none";
}

std::string_view to_string(NotScored why) {
  switch (why) {
    case NotScored::none: return "none";
    case NotScored::no_segment: return "no_segment";
    case NotScored::no_birth_date: return "no_birth_date";
    case NotScored::no_sex: return "no_sex";
    case NotScored::no_date_of_service: return "no_date_of_service";
    case NotScored::conflicting_demographics: return "conflicting_demographics";
    case NotScored::model_refused: return "model_refused";
  }
  return "?";
}

ChartScore score_diagnoses(const Model& model, const std::vector<Diagnosis>& diagnoses, const Person& person, const SegmentChoice& choice,
                           NotScored preset, std::string preset_reason) {
  ChartScore out;
  if (person.service_year) out.payment_year = *person.service_year + 1;
  if (person.birth_date && out.payment_year) {
    const int age = completed_years(*person.birth_date, Date{*out.payment_year, 2, 1});
    if (age >= 0 && age <= kMaxAge) out.age = age;
  }
  out.not_scored = preset;
  out.reason = std::move(preset_reason);
  std::optional<Beneficiary> beneficiary;
  if (preset == NotScored::none) beneficiary = beneficiary_of(person, choice, out);
  if (beneficiary) {
    out.score = model.score({*beneficiary, diagnoses, {}});
    if (out.score.ok()) {
      out.scored = true;
      return out;
    }
    out.not_scored = NotScored::model_refused;
    out.reason = "no score: " + out.score.message;
  }
  list_without_score(model, diagnoses, out.age, person.sex, out);
  return out;
}

std::optional<Date> parse_date(std::string_view iso) {
  if (!charts::is_iso_date(iso)) return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    std::from_chars(iso.data() + at, iso.data() + at + n, v);
    return v;
  };
  return Date{number(0, 4), number(5, 2), number(8, 2)};
}

Sex parse_sex(std::string_view administrative_gender) {
  if (administrative_gender == "female") return Sex::Female;
  if (administrative_gender == "male") return Sex::Male;
  return Sex::Unknown;
}

}  // namespace chartflow::hcc::chart
