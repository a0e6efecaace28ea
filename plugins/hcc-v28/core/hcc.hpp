// CMS-HCC risk adjustment model, version 28 (payment year 2026), computed from the CMS tables in
// plugins/hcc-v28/data/ (see docs/hcc.md). A Model is loaded once from the data folder; score() is
// const and thread-safe, and turns one beneficiary and his ICD-10-CM codes into the HCCs (with the
// codes behind each, and the ones hierarchies dropped), the interactions, the payment-HCC count
// variable, the demographic factors and the raw risk score with every term that made it.
// Bad input (age < 0, unknown sex, impossible dates, a segment the age does not fit) gives a
// Score with an error code and message, never an exception; a malformed table line throws
// std::runtime_error naming the file and line when the model is loaded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::hcc {

enum class Sex : std::uint8_t { Unknown, Male, Female };

// The nine CMS-HCC segments (the coefficient prefixes CNA_ ... SNPNE_). "Aged" segments are for
// beneficiaries aged 65 or over, "disabled" ones for those under 65.
enum class Segment : std::uint8_t {
  CommunityNonDualAged,         // CNA
  CommunityNonDualDisabled,     // CND
  CommunityFullDualAged,        // CFA
  CommunityFullDualDisabled,    // CFD
  CommunityPartialDualAged,     // CPA
  CommunityPartialDualDisabled, // CPD
  Institutional,                // INS (long-term institutional)
  NewEnrollee,                  // NE
  SnpNewEnrollee,               // SNPNE (C-SNP new enrollee)
};

enum class DualStatus : std::uint8_t { NonDual, FullDual, PartialDual };

// Original reason for Medicare entitlement (CMS OREC).
enum class EntitlementReason : std::uint8_t { OldAge = 0, Disability = 1, Esrd = 2, DisabilityAndEsrd = 3 };

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
};

struct Beneficiary {
  // Either the age in completed years, or a birth date and the date to take the age at. CMS
  // takes the age on February 1 of the payment year. When both are given, `age` wins.
  std::optional<int> age;
  std::optional<Date> birth_date;
  std::optional<Date> as_of;
  Sex sex = Sex::Unknown;
  Segment segment = Segment::CommunityNonDualAged;
  EntitlementReason entitlement = EntitlementReason::OldAge;
  // Medicaid: the LTIMCAID factor of the institutional segment and the MCAID cells of the
  // new-enrollee segments. Community segments take dual status from the segment itself.
  bool medicaid = false;
};

struct Diagnosis {
  std::string code;         // ICD-10-CM, with or without the dot, any case
  std::string evidence_id;  // the caller's reference (document, claim line...), copied to the output
};

// Applied only when given: CMS publishes them with each year's Rate Announcement.
struct PaymentAdjustments {
  std::optional<double> normalization_factor;  // raw / factor (must be > 0)
  std::optional<double> coding_adjustment;     // MA coding pattern adjustment: x (1 - value), 0 <= value < 1
};

struct Request {
  Beneficiary beneficiary;
  std::vector<Diagnosis> diagnoses;
  PaymentAdjustments adjustments;
};

enum class InputError : std::uint8_t {
  None,
  MissingAge,         // neither age nor birth date + as-of date
  InvalidDate,        // a birth or as-of date that is not a calendar date
  BirthAfterAsOf,     // the birth date is after the as-of date
  NegativeAge,
  AgeOutOfRange,      // over 130
  UnknownSex,
  UnknownSegment,
  UnknownEntitlement,
  AgeOutsideSegment,  // an aged segment under 65, or a disabled segment at 65 or over
  MissingFactor,      // the coefficient table has no factor for the beneficiary's demographic cell
  InvalidAdjustment,  // normalization factor <= 0, coding adjustment outside [0, 1)
};

enum class CodeStatus : std::uint8_t {
  Mapped,      // gave its HCC(s) from the ICD-10-CM -> HCC table
  Overridden,  // an age/sex edit gave it another HCC (e.g. D66 in a female -> HCC 112)
  EditedOut,   // an age/sex edit made it invalid for this beneficiary (e.g. J44.9 under 18)
  NoHcc,       // a well-formed code the V28 payment model does not map (or does not know)
  Malformed,   // not shaped like an ICD-10-CM code
};

enum class HccFate : std::uint8_t {
  Kept,                // a payment HCC of the beneficiary
  DroppedByHierarchy,  // a more severe HCC of the same hierarchy is present (see dropped_by)
  DroppedHeartRule,    // HCC 223 with no other heart failure HCC (221, 222, 224, 225, 226)
};

enum class TermKind : std::uint8_t {
  AgeSex,              // F70_74, INS M80_84 ...
  NewEnrolleeCell,     // NMCAID_NORIGDIS_NEF66 ...
  OriginallyDisabled,  // OriginallyDisabled_Female/_Male (community aged), ORIGDS (institutional)
  Medicaid,            // LTIMCAID (institutional)
  Hcc,
  Interaction,
  HccCount,            // D1 ... D9, D10P
};

struct CodeOutcome {
  std::string code;         // normalised (upper case, no dot); as given when malformed
  std::string evidence_id;
  CodeStatus status = CodeStatus::NoHcc;
  std::vector<int> hccs;    // HCCs the code gave after age/sex edits, before hierarchies
  std::string edit;         // the age/sex edit that fired, if any
};

struct Evidence {
  std::string code;
  std::string evidence_id;
};

struct HccOutcome {
  int hcc = 0;
  std::string label;
  bool chronic = false;
  std::vector<Evidence> evidence;  // every code (and its evidence id) that gave this HCC
  HccFate fate = HccFate::Kept;
  int dropped_by = 0;              // the parent HCC, for DroppedByHierarchy
};

struct Term {
  std::string variable;   // the CMS variable with the segment prefix, e.g. "CNA_HCC37"
  TermKind kind = TermKind::AgeSex;
  double coefficient = 0;
  std::vector<int> hccs;  // the HCCs behind an HCC or interaction term
};

struct Score {
  InputError error = InputError::None;
  std::string message;  // why, when error != None (then nothing below is set)
  bool ok() const { return error == InputError::None; }

  Segment segment = Segment::CommunityNonDualAged;
  int age = 0;
  bool disabled = false;             // CMS DISABL: under 65 and entitled for another reason than age
  bool originally_disabled = false;  // CMS ORIGDS: entitled by disability, now 65 or over
  bool uses_diagnoses = true;        // false for the new-enrollee segments (demographics only)

  std::vector<CodeOutcome> codes;        // one per diagnosis, in request order
  std::vector<HccOutcome> hccs;          // every HCC the codes gave, kept or dropped, ascending
  std::vector<int> payment_hccs;         // the kept ones, ascending
  std::vector<std::string> interactions; // interaction variables that are on in this segment
  int payment_hcc_count = 0;
  std::string count_variable;  // the count factor scored ("D3", "D10P"); empty with no payment
                               // HCC and in the new-enrollee segments

  std::vector<Term> terms;  // every factor summed into raw_score (zero-valued ones included)
  double demographic_score = 0;  // AgeSex + NewEnrolleeCell + OriginallyDisabled + Medicaid terms
  double disease_score = 0;      // Hcc + Interaction + HccCount terms
  double raw_score = 0;          // exact sum of the table's decimal factors
  std::optional<double> normalized_score;  // raw / normalization factor, when given
  std::optional<double> payment_score;     // after the coding adjustment, when given
};

// File names inside the data folder; point `coefficients` at v28_coefficients_2027_proposed.csv
// to score with the PY2027 proposed factors.
struct ModelFiles {
  std::string dx_to_hcc = "v28_dx_to_hcc_2026.csv";
  std::string dx_edits = "v28_dx_edits.csv";
  std::string hierarchies = "v28_hierarchies_2026.csv";
  std::string labels = "v28_labels_2026.csv";
  std::string chronic = "v28_is_chronic.csv";
  std::string coefficients = "v28_coefficients_2026.csv";
};

struct Tables;

class Model {
 public:
  // Throws std::runtime_error ("<file>:<line>: <what>") on a missing file or malformed line.
  static Model load(const std::filesystem::path& data_dir, const ModelFiles& files = {});

  Score score(const Request& request) const;

  // The factor of a full CMS variable ("CNA_HCC37"), if the table has it.
  std::optional<double> coefficient(std::string_view variable) const;
  // The label of a payment HCC; empty for a number that is not one.
  std::string_view label(int hcc) const;

 private:
  explicit Model(std::shared_ptr<const Tables> tables);
  std::shared_ptr<const Tables> tables_;
};

// The community segment CMS uses for a dual status and age (aged = 65 or over).
Segment community_segment(DualStatus dual, int age);

std::string_view to_string(Sex sex);
std::string_view to_string(Segment segment);  // the coefficient prefix: "CNA", "INS", "SNPNE"...
// The segment a coefficient prefix names ("CNA" ... "SNPNE", as to_string writes them); nullopt
// for anything else.
std::optional<Segment> segment_from_string(std::string_view prefix);
std::string_view to_string(EntitlementReason reason);
std::string_view to_string(InputError error);
std::string_view to_string(CodeStatus status);
std::string_view to_string(HccFate fate);
std::string_view to_string(TermKind kind);

}  // namespace chartflow::hcc
