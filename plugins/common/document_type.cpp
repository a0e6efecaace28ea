#include "document_type.hpp"

#include "words.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace chartflow::charts {
namespace {

struct TypeInfo {
  DocumentType type;
  const char* name;
  const char* loinc;
  const char* display;
  Setting setting;  // the setting when the chart does not say otherwise
};

constexpr std::array<TypeInfo, 11> kTypes = {{
    {DocumentType::discharge_summary, "discharge_summary", "18842-5", "Discharge summary", Setting::inpatient},
    {DocumentType::history_and_physical, "history_and_physical", "34117-2", "History and physical note", Setting::inpatient},
    {DocumentType::consult, "consult", "11488-4", "Consult note", Setting::inpatient},
    {DocumentType::progress, "progress", "11506-3", "Progress note", Setting::inpatient},
    {DocumentType::operative, "operative", "11504-8", "Surgical operation note", Setting::inpatient},
    {DocumentType::procedure, "procedure", "28570-0", "Procedure note", Setting::outpatient},
    {DocumentType::emergency, "emergency", "34111-5", "Emergency department note", Setting::outpatient},
    {DocumentType::office, "office", "34108-1", "Outpatient note", Setting::outpatient},
    {DocumentType::pathology, "pathology", "11526-1", "Pathology study", Setting::outpatient},
    {DocumentType::radiology, "radiology", "18748-4", "Diagnostic imaging study", Setting::outpatient},
    {DocumentType::other, "other", "34109-9", "Note", Setting::outpatient},
}};

const TypeInfo& info(DocumentType type) { return kTypes[static_cast<std::size_t>(type)]; }

// Title words, as charts print them at the top. The earliest in the chart decides; at the same
// place the longer phrase ("pathology consultation" is pathology, not a consult).
struct TitlePhrase {
  const char* phrase;
  DocumentType type;
};
constexpr TitlePhrase kTitles[] = {
    {"discharge summary", DocumentType::discharge_summary}, {"death summary", DocumentType::discharge_summary},
    {"transfer summary", DocumentType::discharge_summary},   {"discharge note", DocumentType::discharge_summary},
    {"history and physical", DocumentType::history_and_physical}, {"h&p", DocumentType::history_and_physical},
    {"admission history", DocumentType::history_and_physical}, {"admission note", DocumentType::history_and_physical},
    {"admission h & p", DocumentType::history_and_physical},  {"consultation", DocumentType::consult},
    {"consult note", DocumentType::consult},                  {"consult", DocumentType::consult},
    {"progress note", DocumentType::progress},                {"hospital day", DocumentType::progress},
    {"daily note", DocumentType::progress},                   {"interval note", DocumentType::progress},
    {"operative report", DocumentType::operative},            {"operative note", DocumentType::operative},
    {"op note", DocumentType::operative},                     {"operation report", DocumentType::operative},
    {"brief operative", DocumentType::operative},             {"procedure note", DocumentType::procedure},
    {"procedure report", DocumentType::procedure},            {"colonoscopy report", DocumentType::procedure},
    {"endoscopy report", DocumentType::procedure},            {"bronchoscopy report", DocumentType::procedure},
    {"egd report", DocumentType::procedure},                  {"emergency department", DocumentType::emergency},
    {"emergency room", DocumentType::emergency},              {"ed note", DocumentType::emergency},
    {"ed provider note", DocumentType::emergency},            {"ed visit", DocumentType::emergency},
    {"er note", DocumentType::emergency},                     {"office visit", DocumentType::office},
    {"office note", DocumentType::office},                    {"clinic note", DocumentType::office},
    {"clinic visit", DocumentType::office},                   {"outpatient visit", DocumentType::office},
    {"outpatient note", DocumentType::office},                {"telehealth visit", DocumentType::office},
    {"wellness visit", DocumentType::office},                 {"surgical pathology", DocumentType::pathology},
    {"pathology report", DocumentType::pathology},            {"pathology consultation", DocumentType::pathology},
    {"cytology report", DocumentType::pathology},             {"radiology report", DocumentType::radiology},
    {"imaging report", DocumentType::radiology},              {"diagnostic imaging", DocumentType::radiology},
};
constexpr std::size_t kTitleBytes = 400;   // titles stand in the first few lines
constexpr std::size_t kLabelBytes = 1500;  // the stay's date labels, in the header block

// Whether the phrase at `at` of `head` is a title, not a section heading ("BRIEF HISTORY AND
// PHYSICAL:" after other words on its line) or an item of a list ("4.  Wound consult.").
bool stands_as_title(std::string_view head, std::size_t at, std::size_t length) {
  const std::size_t line = head.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t line_begin = line == std::string_view::npos || at == 0 ? 0 : line + 1;
  std::string_view before = head.substr(line_begin, at - line_begin);
  while (!before.empty() && (before.front() == ' ' || before.front() == '\t')) before.remove_prefix(1);
  if (!before.empty() && std::isdigit(static_cast<unsigned char>(before.front()))) return false;  // a numbered item
  const std::size_t after = at + length;
  const bool heading = after < head.size() && head[after] == ':';
  return !(heading && !before.empty());
}

// Inpatient and outpatient words near the top override a type's usual setting (a consult in
// clinic, a same-day surgery).
bool says(std::string_view head, std::initializer_list<const char*> phrases) {
  return std::any_of(phrases.begin(), phrases.end(), [&](const char* p) { return words::contains(head, p); });
}

Setting setting_for(DocumentType type, std::string_view head) {
  Setting setting = info(type).setting;
  if (type == DocumentType::consult || type == DocumentType::progress || type == DocumentType::operative ||
      type == DocumentType::history_and_physical) {
    // An admission named at the top wins: "outpatient labs" in an admission H&P is no clinic visit.
    if (says(head, {"clinic", "office", "outpatient", "ambulatory", "same-day surgery", "same day surgery", "surgery center"}) &&
        !says(head, {"admission", "admit", "admitted", "inpatient", "hospital day"}))
      setting = Setting::outpatient;
  }
  if (type == DocumentType::procedure && says(head, {"inpatient", "hospital day", "admitted"})) setting = Setting::inpatient;
  return setting;
}

std::optional<DocumentType> from_sections(const std::vector<SectionSeen>& sections, std::string_view head, std::string& why) {
  const auto has = [&](const char* category) {
    return std::any_of(sections.begin(), sections.end(), [&](const SectionSeen& s) { return s.category == category; });
  };
  if (has("discharge_diagnosis") && (has("hospital_course") || has("discharge_medications") || has("discharge_instructions") ||
                                     has("admission_diagnosis") || has("history_of_present_illness")))
    return why = "discharge diagnosis and hospital course sections", DocumentType::discharge_summary;
  // A stay's dates stated under their labels: only a discharge summary has both ends.
  if (says(head, {"date of discharge", "discharge date"}) && (has("admission_diagnosis") || has("discharge_diagnosis") || says(head, {"date of admission", "admission date"})))
    return why = "admission and discharge dates", DocumentType::discharge_summary;
  if (has("postoperative_diagnosis") || (has("procedure_description") && has("anesthesia")))
    return why = "postoperative diagnosis / operative description sections", DocumentType::operative;
  if (has("gross_description") || has("microscopic_description") || has("pathology_final_diagnosis"))
    return why = "gross / microscopic description sections", DocumentType::pathology;
  if (has("reason_for_consultation")) return why = "reason for consultation section", DocumentType::consult;
  if (has("chief_complaint") && has("history_of_present_illness") && has("physical_exam") && (has("assessment") || has("assessment_and_plan")))
    return why = "chief complaint, HPI, examination and assessment sections", DocumentType::history_and_physical;
  return std::nullopt;
}

}  // namespace

const char* type_name(DocumentType type) { return info(type).name; }
const char* loinc_code(DocumentType type) { return info(type).loinc; }
const char* loinc_display(DocumentType type) { return info(type).display; }
const char* setting_name(Setting setting) { return setting == Setting::inpatient ? "inpatient" : "outpatient"; }

std::optional<DocumentType> parse_type(std::string_view name) {
  for (const auto& t : kTypes)
    if (name == t.name) return t.type;
  return std::nullopt;
}

DocumentTypeGuess classify_document(std::string_view text, const std::vector<SectionSeen>& sections) {
  std::size_t skip = 0;  // leading blank lines
  while (skip < text.size() && (text[skip] == '\n' || text[skip] == '\r' || text[skip] == ' ')) ++skip;
  const std::string head = words::lower(text.substr(skip, kTitleBytes));
  DocumentTypeGuess guess;
  std::size_t best_at = std::string::npos, best_length = 0;
  for (const auto& title : kTitles) {
    const std::size_t at = words::find(head, title.phrase);
    const std::size_t length = std::string_view(title.phrase).size();
    if (at == std::string::npos || at > best_at || (at == best_at && length <= best_length) || !stands_as_title(head, at, length)) continue;
    best_at = at, best_length = length;
    guess.type = title.type;
  }
  if (best_at != std::string::npos) {
    guess.begin = skip + best_at, guess.end = skip + best_at + best_length;
    guess.confidence = best_at < 80 ? 0.95 : 0.8;  // a title on the first line is the note's own
    guess.rule = std::string("title '") + std::string(text.substr(guess.begin, best_length)) + "'";
  } else if (std::string why; const auto type = from_sections(sections, words::lower(text.substr(skip, kLabelBytes)), why)) {
    guess.type = *type, guess.confidence = 0.7, guess.rule = why;
  } else {
    guess.type = DocumentType::other, guess.confidence = 0.3, guess.rule = "no title or telling sections";
  }
  guess.setting = setting_for(guess.type, head);
  return guess;
}

}  // namespace chartflow::charts
