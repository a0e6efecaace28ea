// A finding a registrar would abstract from one neoplasm mention: its codes, assertion, sentence
// and the site found for it. Built from the mention stage's binary items, read in place.
#pragma once

#include "registry_rules.hpp"

#include <chartflow/sdk.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chartflow::registry {

struct Span {
  std::size_t begin = 0, end = 0;
};

struct Candidate {
  std::vector<std::string> mention_ids;
  std::vector<Span> spans;
  std::string assertion, histology, topography, icd10cm;
  char behavior = '3';
  Span sentence;
  Span context;  // the sentence, at most kContext characters either side of the mention
  std::string section_category;
  Span section;  // the mention's section (its sentence when it has none): where site words are looked for
  std::optional<Span> site_span;
  std::string site_source;  // how the site was found
  bool site_from_document = false;  // not from the diagnosis itself: flagged for review
  bool site_from_tissue = false;    // from a tissue word in the tumour's name ("urothelial"), which only implies an organ
  bool component = false;  // a part of another tumour ("differentiation to chondrosarcoma"), never a primary of its own
};

// The words a mention is judged by (ambiguous terms, site words) are its sentence's, but only so
// far either side of it: a report with no sentence breaks (a 10 MB OBX of prose) is one sentence,
// and judging each of its 100 000 mentions by all of it took minutes and gigabytes.
constexpr std::size_t kContext = 1000;
Span context_of(Span sentence, Span mention);

std::string_view text_of(std::string_view text, Span span);
Span span_of(const binary::Value& item);

struct Section {
  Span span;
  std::string_view category;
};

// Sections and sentences by id, read in place from the binary items (a JSON tree of a long
// report's sentences alone took hundreds of megabytes). The views point into the host's items,
// valid for the call.
struct Structure {
  std::unordered_map<std::string_view, Section> sections;
  std::unordered_map<std::string_view, Span> sentences;
};
Structure read_structure(const sdk::Document& document);

// Whether a report is a pathology report: pathology sections, or "pathology" (surgical, neuro-,
// dermato-) or a final diagnosis heading near the top.
bool is_pathology_report(const Structure& structure, const std::string& normalised_text);

// ICD-10-CM neoplasm code -> ICD-O-3 behaviour (C: malignant, C77-C79 metastatic; D00-D09 in
// situ; D37-D48 uncertain; other D benign).
char behavior_of_icd10(const std::string& code);

// The finding of a mention (its codes, assertion, sentence and section; no site yet), or nullopt
// for mentions of no neoplasm.
std::optional<Candidate> candidate_of(const binary::Value& mention, const Structure& structure);

}  // namespace chartflow::registry
