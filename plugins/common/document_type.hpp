// What kind of note a chart is (discharge summary, operative note, ED note, ...) and the setting
// its codes follow: inpatient rules (Guidelines Section II/III) for the notes of an admission,
// outpatient rules (Section IV) for the rest. Shared by the document-type stage, which records
// it, and the coding stage's `auto` policy, which acts on it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::charts {

enum class DocumentType {
  discharge_summary,
  history_and_physical,
  consult,
  progress,
  operative,
  procedure,
  emergency,
  office,
  pathology,
  radiology,
  other,
};
enum class Setting { inpatient, outpatient };

const char* type_name(DocumentType type);
std::optional<DocumentType> parse_type(std::string_view name);
const char* loinc_code(DocumentType type);     // LOINC document ontology code
const char* loinc_display(DocumentType type);
const char* setting_name(Setting setting);

struct DocumentTypeGuess {
  DocumentType type = DocumentType::other;
  Setting setting = Setting::outpatient;
  double confidence = 0.5;
  std::size_t begin = 0, end = 0;  // the words that decided it (a title), empty when sections did
  std::string rule;                // why, for a reviewer
};

struct SectionSeen {
  std::string category;
  std::size_t begin = 0;
};

// From the title words near the top of the chart first, then the sections it has.
DocumentTypeGuess classify_document(std::string_view text, const std::vector<SectionSeen>& sections);

}  // namespace chartflow::charts
