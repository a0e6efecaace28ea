// Output names of the public enums, stable for logs, JSON and tests.
#include "hcc.hpp"

namespace chartflow::hcc {

std::string_view to_string(Sex sex) {
  switch (sex) {
    case Sex::Male: return "male";
    case Sex::Female: return "female";
    case Sex::Unknown: return "unknown";
  }
  return "unknown";
}

std::string_view to_string(Segment segment) {
  switch (segment) {
    case Segment::CommunityNonDualAged: return "CNA";
    case Segment::CommunityNonDualDisabled: return "CND";
    case Segment::CommunityFullDualAged: return "CFA";
    case Segment::CommunityFullDualDisabled: return "CFD";
    case Segment::CommunityPartialDualAged: return "CPA";
    case Segment::CommunityPartialDualDisabled: return "CPD";
    case Segment::Institutional: return "INS";
    case Segment::NewEnrollee: return "NE";
    case Segment::SnpNewEnrollee: return "SNPNE";
  }
  return "?";
}

std::optional<Segment> segment_from_string(std::string_view prefix) {
  for (const Segment s : {Segment::CommunityNonDualAged, Segment::CommunityNonDualDisabled, Segment::CommunityFullDualAged,
                          Segment::CommunityFullDualDisabled, Segment::CommunityPartialDualAged, Segment::CommunityPartialDualDisabled,
                          Segment::Institutional, Segment::NewEnrollee, Segment::SnpNewEnrollee})
    if (to_string(s) == prefix) return s;
  return std::nullopt;
}

std::string_view to_string(EntitlementReason reason) {
  switch (reason) {
    case EntitlementReason::OldAge: return "old_age";
    case EntitlementReason::Disability: return "disability";
    case EntitlementReason::Esrd: return "esrd";
    case EntitlementReason::DisabilityAndEsrd: return "disability_and_esrd";
  }
  return "?";
}

std::string_view to_string(InputError error) {
  switch (error) {
    case InputError::None: return "none";
    case InputError::MissingAge: return "missing_age";
    case InputError::InvalidDate: return "invalid_date";
    case InputError::BirthAfterAsOf: return "birth_after_as_of";
    case InputError::NegativeAge: return "negative_age";
    case InputError::AgeOutOfRange: return "age_out_of_range";
    case InputError::UnknownSex: return "unknown_sex";
    case InputError::UnknownSegment: return "unknown_segment";
    case InputError::UnknownEntitlement: return "unknown_entitlement";
    case InputError::AgeOutsideSegment: return "age_outside_segment";
    case InputError::MissingFactor: return "missing_factor";
    case InputError::InvalidAdjustment: return "invalid_adjustment";
  }
  return "?";
}

std::string_view to_string(CodeStatus status) {
  switch (status) {
    case CodeStatus::Mapped: return "mapped";
    case CodeStatus::Overridden: return "overridden";
    case CodeStatus::EditedOut: return "edited_out";
    case CodeStatus::NoHcc: return "no_hcc";
    case CodeStatus::Malformed: return "malformed";
  }
  return "?";
}

std::string_view to_string(HccFate fate) {
  switch (fate) {
    case HccFate::Kept: return "kept";
    case HccFate::DroppedByHierarchy: return "dropped_by_hierarchy";
    case HccFate::DroppedHeartRule: return "dropped_heart_rule";
  }
  return "?";
}

std::string_view to_string(TermKind kind) {
  switch (kind) {
    case TermKind::AgeSex: return "age_sex";
    case TermKind::NewEnrolleeCell: return "new_enrollee_cell";
    case TermKind::OriginallyDisabled: return "originally_disabled";
    case TermKind::Medicaid: return "medicaid";
    case TermKind::Hcc: return "hcc";
    case TermKind::Interaction: return "interaction";
    case TermKind::HccCount: return "hcc_count";
  }
  return "?";
}

}  // namespace chartflow::hcc
