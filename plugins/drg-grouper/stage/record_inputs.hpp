// What the drg-grouper stage reads from a record, copied out of the host's binary fields once:
// the codes with their evidence, the sentences and sections that give the documentation around
// that evidence, the document type, and the identity values (dates, sex) a claim needs.
#pragma once

#include <chartflow/sdk.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::drg::stage {

// The one view every upstream stage points its spans into.
inline constexpr std::string_view kView = "normalized";

struct TextSpan {
  std::size_t begin = 0, end = 0;  // UTF-8 byte offsets into kView
};

enum class CodeSystem { icd10cm, icd10pcs, other };
enum class CodeRole { principal, first_listed, secondary, procedure, supply, none };

struct CodeRef {
  std::string id;
  CodeSystem system = CodeSystem::other;
  std::string code;     // as coded, e.g. "I50.9"
  std::string display;  // the code set's title, "" when absent
  CodeRole role = CodeRole::none;
  bool inpatient_policy = false;  // coded under clinical-coding's inpatient policy
  bool partial = false;           // ICD-10-PCS with axes the text does not support: not billable
  bool rejected = false;          // a coder rejected it in review (attributes.review)
  std::size_t sequence = 0;       // 0 when absent
  std::vector<TextSpan> evidence;  // the spans in kView only
};

struct SectionRef {
  TextSpan span;
  std::string category;
};

// Identity kinds the claim needs; other kinds are not read.
enum class IdentityKind { birth_date, sex, admission_date, discharge_date };

struct IdentityValue {
  std::optional<std::string> value;  // absent when the identity stage hashes values
  bool conflict = false;             // the chart states another value of this kind
};

struct RecordInputs {
  std::string_view text;                  // kView, empty when the record has none
  std::vector<CodeRef> codes;             // in sequence order (unsequenced last, in record order)
  std::vector<TextSpan> sentences;        // sorted by begin
  std::vector<SectionRef> sections;       // sorted by begin
  std::optional<std::string> document_type_id;  // set when the document-type stage says discharge summary
  std::map<IdentityKind, IdentityValue> identity;

  // The sentence holding `at`, else the line holding it (a record without sentences).
  TextSpan sentence_at(std::size_t at) const;
  // The section category holding `at`, "" when none.
  std::string_view section_category_at(std::size_t at) const;
};

RecordInputs read_inputs(const sdk::Document& document);

// Why a record counts as inpatient for grouping.
enum class InpatientBasis { not_inpatient, discharge_summary, inpatient_policy };
InpatientBasis inpatient_basis(const RecordInputs& inputs);
std::string_view to_string(InpatientBasis basis);

}  // namespace chartflow::drg::stage
