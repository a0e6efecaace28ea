#include "record_inputs.hpp"

#include <algorithm>
#include <cstdint>

namespace chartflow::drg::stage {
namespace {

using binary::Value;

CodeSystem system_of(std::string_view s) {
  if (s == "ICD-10-CM") return CodeSystem::icd10cm;
  if (s == "ICD-10-PCS") return CodeSystem::icd10pcs;
  return CodeSystem::other;
}

CodeRole role_of(std::string_view s) {
  if (s == "principal") return CodeRole::principal;
  if (s == "first_listed") return CodeRole::first_listed;
  if (s == "secondary") return CodeRole::secondary;
  if (s == "procedure") return CodeRole::procedure;
  if (s == "supply") return CodeRole::supply;
  return CodeRole::none;
}

std::optional<IdentityKind> identity_kind_of(std::string_view s) {
  if (s == "birth_date") return IdentityKind::birth_date;
  if (s == "sex") return IdentityKind::sex;
  if (s == "admission_date") return IdentityKind::admission_date;
  if (s == "discharge_date") return IdentityKind::discharge_date;
  return std::nullopt;
}

// A span of kView that lies inside the text (others are not ours to read).
std::optional<TextSpan> span_of(const Value& v, std::size_t text_size) {
  if (v.string_or("view") != kView) return std::nullopt;
  const auto begin = v.find("begin"), end = v.find("end");
  if (!begin || !end || !begin->is_integer() || !end->is_integer()) return std::nullopt;
  const TextSpan span{begin->as_uint(), end->as_uint()};
  if (span.begin > span.end || span.end > text_size) return std::nullopt;
  return span;
}

CodeRef code_of(const Value& c, std::size_t text_size) {
  CodeRef code;
  code.id = c.string_or("id");
  code.system = system_of(c.string_or("system"));
  code.code = c.string_or("code");
  code.display = c.string_or("display");
  code.role = role_of(c.string_or("role"));
  code.inpatient_policy = c.string_or("policy") == "inpatient";
  code.partial = c.bool_or("partial");
  code.sequence = c.uint_or("sequence");
  // The review workstation marks a coder's decision in attributes.review; a rejected code is not
  // the hospital's code, whatever the coding stage proposed.
  if (const auto attributes = c.find("attributes"); attributes && attributes->is_object())
    code.rejected = attributes->string_or("review") == "rejected";
  if (const auto evidence = c.find("evidence"); evidence && evidence->is_array())
    evidence->for_each_element([&](const Value& e) {
      if (e.is_object())
        if (const auto span = span_of(e, text_size)) code.evidence.push_back(*span);
    });
  return code;
}

void read_codes(const sdk::Document& document, RecordInputs& in) {
  for (const Value c : document.field("codes")) in.codes.push_back(code_of(c, in.text.size()));
  // Sequence is the coder's order (principal first, then the principal procedure first among
  // procedures); codes without one keep their record order, after the sequenced ones.
  std::stable_sort(in.codes.begin(), in.codes.end(), [](const CodeRef& a, const CodeRef& b) {
    const std::size_t ka = a.sequence == 0 ? SIZE_MAX : a.sequence, kb = b.sequence == 0 ? SIZE_MAX : b.sequence;
    return ka < kb;
  });
}

void read_structure(const sdk::Document& document, RecordInputs& in) {
  for (const Value s : document.field("sentences"))
    if (const auto span = span_of(s, in.text.size())) in.sentences.push_back(*span);
  for (const Value s : document.field("sections"))
    if (const auto span = span_of(s, in.text.size())) in.sections.push_back({*span, std::string(s.string_or("category"))});
  std::sort(in.sentences.begin(), in.sentences.end(), [](const TextSpan& a, const TextSpan& b) { return a.begin < b.begin; });
  std::sort(in.sections.begin(), in.sections.end(), [](const SectionRef& a, const SectionRef& b) { return a.span.begin < b.span.begin; });
}

void read_context(const sdk::Document& document, RecordInputs& in) {
  for (const Value t : document.field("document_types"))
    if (t.string_or("type") == "discharge_summary" && !in.document_type_id) in.document_type_id = std::string(t.string_or("id"));
  for (const Value i : document.field("identity")) {
    const auto kind = identity_kind_of(i.string_or("kind"));
    if (!kind) continue;
    IdentityValue& slot = in.identity[*kind];
    if (const auto v = i.find("value"); v && v->is_string() && !slot.value) slot.value = std::string(v->as_string());
    slot.conflict = slot.conflict || i.bool_or("conflict");
  }
}

}  // namespace

TextSpan RecordInputs::sentence_at(std::size_t at) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), at, [](std::size_t pos, const TextSpan& s) { return pos < s.begin; });
  if (it != sentences.begin() && at < std::prev(it)->end) return *std::prev(it);
  // No sentence holds it: the line does (a list item, or a record without sentences).
  const std::size_t from = std::min(at, text.size());
  const std::size_t line_begin = text.rfind('\n', from == 0 ? 0 : from - 1);
  const std::size_t line_end = text.find('\n', from);
  return {line_begin == std::string_view::npos || from == 0 ? 0 : line_begin + 1, line_end == std::string_view::npos ? text.size() : line_end};
}

std::string_view RecordInputs::section_category_at(std::size_t at) const {
  // Sections may nest; the innermost (the last one starting before `at`) that holds it wins.
  for (auto it = sections.rbegin(); it != sections.rend(); ++it)
    if (it->span.begin <= at && at < it->span.end) return it->category;
  return {};
}

RecordInputs read_inputs(const sdk::Document& document) {
  RecordInputs in;
  in.text = document.view(kView).value_or(std::string_view());
  read_codes(document, in);
  read_structure(document, in);
  read_context(document, in);
  return in;
}

InpatientBasis inpatient_basis(const RecordInputs& inputs) {
  if (inputs.document_type_id) return InpatientBasis::discharge_summary;
  const bool inpatient_coded = std::any_of(inputs.codes.begin(), inputs.codes.end(),
                                           [](const CodeRef& c) { return c.inpatient_policy && !c.rejected; });
  return inpatient_coded ? InpatientBasis::inpatient_policy : InpatientBasis::not_inpatient;
}

std::string_view to_string(InpatientBasis basis) {
  switch (basis) {
    case InpatientBasis::discharge_summary: return "discharge_summary";
    case InpatientBasis::inpatient_policy: return "inpatient_policy";
    case InpatientBasis::not_inpatient: break;
  }
  return "not_inpatient";
}

}  // namespace chartflow::drg::stage
