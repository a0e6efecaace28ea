#include "candidate.hpp"

#include <algorithm>

namespace chartflow::registry {
namespace {

bool is_pathology_section(std::string_view category) {
  return category == "pathology_final_diagnosis" || category == "microscopic_description" || category == "gross_description" ||
         category == "diagnosis" || category == "comment";
}

}  // namespace

Span context_of(Span sentence, Span mention) {
  return {std::max(sentence.begin, mention.begin > kContext ? mention.begin - kContext : 0), std::min(sentence.end, mention.end + kContext)};
}

std::string_view text_of(std::string_view text, Span span) { return text.substr(span.begin, span.end - span.begin); }

Span span_of(const binary::Value& item) { return {item["begin"].as_uint(), item["end"].as_uint()}; }

Structure read_structure(const sdk::Document& document) {
  Structure out;
  for (const binary::Value s : document.field("sections")) out.sections[s["id"].as_string()] = {span_of(s), s["category"].as_string()};
  const binary::Items sentences = document.field("sentences");
  out.sentences.reserve(sentences.size());
  for (const binary::Value s : sentences) out.sentences[s["id"].as_string()] = span_of(s);
  return out;
}

bool is_pathology_report(const Structure& structure, const std::string& lower) {
  return std::any_of(structure.sections.begin(), structure.sections.end(), [](const auto& s) { return is_pathology_section(s.second.category); }) ||
         lower.substr(0, 400).find("pathology") != std::string::npos || find_phrase(lower, "final diagnosis") != std::string::npos;
}

char behavior_of_icd10(const std::string& code) {
  if (code.starts_with("C")) return code.starts_with("C77") || code.starts_with("C78") || code.starts_with("C79") ? '6' : '3';
  if (code >= "D00" && code < "D10") return '2';
  if (code >= "D37" && code < "D49") return '1';
  return '0';
}

std::optional<Candidate> candidate_of(const binary::Value& m, const Structure& structure) {
  Candidate c;
  if (const auto concepts = m.find("concepts"))
    concepts->for_each_element([&](const binary::Value& concept_item) {
      const std::string_view system = concept_item["system"].as_string(), code = concept_item["code"].as_string();
      if (system == "ICD-O-3" && code.size() == 6 && code[4] == '/') c.histology = code.substr(0, 4), c.behavior = code[5];
      if (system == "ICD-10-CM" && (code.starts_with("C") || (code.starts_with("D") && code < "D50"))) c.icd10cm = code;
    });
  // "Tumor size 2.3 cm" (D49.9, unspecified behaviour) says nothing a registrar can use.
  if (c.histology.empty() && (c.icd10cm.empty() || c.icd10cm.starts_with("D49"))) return std::nullopt;
  if (c.histology.empty()) c.behavior = behavior_of_icd10(c.icd10cm);  // an ICD-O-3 term gives its own
  c.mention_ids = {std::string(m["id"].as_string())};
  const Span span = span_of(m);
  c.spans = {span};
  c.assertion = m["assertion"]["status"].as_string();
  const auto sentence = structure.sentences.find(m.string_or("sentence_id"));
  c.sentence = sentence != structure.sentences.end() ? sentence->second : span;
  c.context = context_of(c.sentence, span);
  c.section = c.sentence;
  if (const auto it = structure.sections.find(m.string_or("section_id")); it != structure.sections.end()) {
    c.section = it->second.span;
    c.section_category = it->second.category;
  }
  return c;
}

}  // namespace chartflow::registry
