// What an identity item is: its kind (the record's closed set), the HL7 identifier type a kind's
// identifiers carry, and which kinds a chart can hold only one value of.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace chartflow::identity {

// In the order of the schema's enum (schemas/annotations/identity.schema.json).
enum class IdentityKind : std::uint8_t {
  mrn,
  account_number,
  encounter_number,
  other_identifier,
  patient_name,
  birth_date,
  sex,
  admission_date,
  discharge_date,
  attending,
};
inline constexpr std::size_t kKindCount = 10;

// HL7 v2 table 0203 (identifier type): the codes an EHR's patient index files identifiers under.
enum class IdentifierType : std::uint8_t {
  none,              // the kind is not an identifier
  medical_record,    // MR
  account,           // AN
  visit,             // VN
  patient_internal,  // PI: a "Patient ID" that does not say it is the medical record number
  accession,         // ACSN: a specimen's accession number
  member,            // MB: an insurance member number
  medicare,          // MC
  medicaid,          // MA
};

// How a kind's value is checked and normalized.
enum class ValueShape : std::uint8_t { identifier, person_name, date, sex };

std::string_view kind_name(IdentityKind kind);
std::optional<IdentityKind> parse_kind(std::string_view name);
// "MRNs", "birth dates": what a diagnostic counts, never a value.
std::string_view kind_plural(IdentityKind kind);
// The HL7 0203 code ("MR"); empty for IdentifierType::none.
std::string_view hl7_code(IdentifierType type);
ValueShape shape_of(IdentityKind kind);
// A chart is about one patient and one encounter: two different values of these kinds mean the
// chart (or the text it was read from) mixes patients, and the record must not be filed blindly.
bool is_single_valued(IdentityKind kind);

}  // namespace chartflow::identity
