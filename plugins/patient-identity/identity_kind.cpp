#include "identity_kind.hpp"

#include <array>

namespace chartflow::identity {
namespace {

struct KindInfo {
  std::string_view name, plural;
  ValueShape shape;
  bool single;
};

// Indexed by IdentityKind.
constexpr std::array<KindInfo, kKindCount> kKinds = {{
    {"mrn", "MRNs", ValueShape::identifier, true},
    {"account_number", "account numbers", ValueShape::identifier, true},
    {"encounter_number", "encounter numbers", ValueShape::identifier, true},
    {"other_identifier", "other identifiers", ValueShape::identifier, false},
    {"patient_name", "patient names", ValueShape::person_name, true},
    {"birth_date", "birth dates", ValueShape::date, true},
    {"sex", "sexes", ValueShape::sex, true},
    // A chart may name a readmission's dates, or an attending who handed over: more than one
    // value of these is ordinary.
    {"admission_date", "admission dates", ValueShape::date, false},
    {"discharge_date", "discharge dates", ValueShape::date, false},
    {"attending", "attendings", ValueShape::person_name, false},
}};

const KindInfo& info(IdentityKind kind) { return kKinds[static_cast<std::size_t>(kind)]; }

}  // namespace

std::string_view kind_name(IdentityKind kind) { return info(kind).name; }
std::string_view kind_plural(IdentityKind kind) { return info(kind).plural; }
ValueShape shape_of(IdentityKind kind) { return info(kind).shape; }
bool is_single_valued(IdentityKind kind) { return info(kind).single; }

std::optional<IdentityKind> parse_kind(std::string_view name) {
  for (std::size_t i = 0; i < kKinds.size(); ++i)
    if (kKinds[i].name == name) return static_cast<IdentityKind>(i);
  return std::nullopt;
}

std::string_view hl7_code(IdentifierType type) {
  switch (type) {
    case IdentifierType::medical_record: return "MR";
    case IdentifierType::account: return "AN";
    case IdentifierType::visit: return "VN";
    case IdentifierType::patient_internal: return "PI";
    case IdentifierType::accession: return "ACSN";
    case IdentifierType::member: return "MB";
    case IdentifierType::medicare: return "MC";
    case IdentifierType::medicaid: return "MA";
    case IdentifierType::none: break;
  }
  return "";
}

}  // namespace chartflow::identity
