#include "hl7_report.hpp"

#include <chartflow/utf8.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace chartflow::hl7 {
namespace {

// Report sections by their LOINC code in OBX-3 (NAACCR Volume V).
const std::map<std::string, std::string, std::less<>>& section_names() {
  static const std::map<std::string, std::string, std::less<>> names = {
      {"22637-3", "FINAL DIAGNOSIS"},         {"22634-0", "GROSS DESCRIPTION"}, {"22635-7", "MICROSCOPIC DESCRIPTION"},
      {"22636-5", "CLINICAL HISTORY"},        {"22633-2", "SPECIMEN"},          {"22638-1", "COMMENT"},
      {"33746-9", "PATHOLOGY FINDINGS"},      {"11529-5", "SURGICAL PATHOLOGY"}, {"22639-9", "SUPPLEMENTAL REPORTS"},
      {"60570-9", "PATHOLOGY REPORT"},        {"22049-1", "CANCER-RELATED STUDIES"}};
  return names;
}

// YYYYMMDD[HHMM...] -> MM/DD/YYYY, the form the chart-date reader understands.
std::string us_date(std::string_view ts) {
  if (ts.size() < 8 || !std::all_of(ts.begin(), ts.begin() + 8, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) return {};
  return std::string(ts.substr(4, 2)) + "/" + std::string(ts.substr(6, 2)) + "/" + std::string(ts.substr(0, 4));
}

// An HL7 table code (ADT, A01, R01): structure, not chart text, so a reason may name it.
bool is_code(std::string_view s) {
  return !s.empty() && s.size() <= 7 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

// Appends a value of field `field` of `segment` to the view's text. A value that is not UTF-8 is
// refused with its place in the file, never its bytes.
void append_checked(std::string& text, std::string_view value, const Segment& segment, std::size_t field) {
  if (!utf8::is_valid(value))
    throw ReportError(ReportProblem::bad_encoding, segment.where() + ", field " + std::to_string(field) + " at byte offset " +
                                                       std::to_string(segment.field_offset(field)) +
                                                       ": the text is not valid UTF-8 (check MSH-18, the character set, or convert "
                                                       "the file to UTF-8)");
  text += value;
}

void check_message_type(const Message& m, const Segment& msh) {
  const std::string type = m.component(msh, 9, 1), event = m.component(msh, 9, 2);
  if (type == "ORU") return;
  std::string named = "(none)";
  if (!type.empty() && is_code(type) && (event.empty() || is_code(event))) named = type + (event.empty() ? "" : "^" + event);
  else if (!type.empty()) named = "(not a code; see " + msh.where() + ", field 9)";  // the field may hold any text
  throw ReportError(ReportProblem::unsupported_type, "HL7 message type " + named + ": only ORU^R01 pathology reports are read");
}

// "Label: value" on a line of its own, when there is a value.
void append_line(std::string& text, std::string_view label, const std::string& value, const Segment& segment, std::size_t field) {
  if (value.empty()) return;
  text += label;
  append_checked(text, value, segment, field);
  text += '\n';
}

void append_identifiers(const Message& m, std::string& text) {
  if (const Segment* pid = m.first("PID")) {
    // PID-3 repeats: the identifier typed MR (PID-3.5) is the medical record number.
    std::string mrn;
    m.for_each_repetition(*pid, 3, [&](std::string_view rep) {
      if (m.decode(m.raw_component(rep, 5)) == "MR") mrn = m.decode(m.raw_component(rep, 1));
    });
    append_line(text, "MRN: ", mrn, *pid, 3);
  }
  std::string date;
  if (const Segment* obr = m.first("OBR")) {
    append_line(text, "Accession number: ", m.component(*obr, 3, 1), *obr, 3);
    date = us_date(m.component(*obr, 7, 1));
    append_line(text, "Report: ", m.component(*obr, 4, 2), *obr, 4);
  }
  if (date.empty())
    if (const Segment* spm = m.first("SPM")) date = us_date(m.component(*spm, 17, 1));
  if (!date.empty()) text += "Date of procedure: " + date + "\n";
}

// The text of one OBX, appended to `value`; false for value types that hold no report text
// (encapsulated data, dates and the like).
bool observation_value(const Message& m, const Segment& obx, std::string& value) {
  const std::string type = m.component(obx, 2, 1);
  if (type == "TX" || type == "FT" || type == "ST") {
    m.for_each_repetition(obx, 5, [&](std::string_view rep) {
      if (!value.empty()) value += '\n';
      m.decode_into(rep, value);
    });
  } else if (type == "CE" || type == "CWE" || type == "CNE") {
    m.decode_into(m.raw_component(nth_part(obx.field(5), m.separators.repetition, 0), 2), value);
  } else if (type == "NM") {
    value = m.component(obx, 5, 1);
    if (const std::string unit = m.component(obx, 6, 1); !unit.empty()) value += " " + unit;
  } else {
    return false;
  }
  return true;
}

// The heading an OBX's text goes under: its section by LOINC code, else its own name.
std::string heading(const Message& m, const Segment& obx) {
  const std::string loinc = m.component(obx, 3, 1), sub_id = m.component(obx, 4, 1);
  std::string name;
  if (const auto it = section_names().find(loinc); it != section_names().end()) name = it->second;
  else name = m.component(obx, 3, 2);
  for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (name.empty()) name = "RESULT";
  return name + (sub_id.empty() ? "" : " (PART " + sub_id + ")");
}

std::size_t append_observations(const Message& m, std::string& text) {
  std::string current, value;  // one buffer for every value: a 10 MB OBX-5 is decoded once
  std::size_t observations = 0;
  for (const auto& s : m.segments) {
    if (s.id != "OBX") continue;
    value.clear();
    if (!observation_value(m, s, value) || value.find_first_not_of(" \t\n") == std::string::npos) continue;
    if (std::string key = heading(m, s); key != current) {
      text += '\n';
      append_checked(text, key, s, 3);
      text += ":\n";
      current = std::move(key);
    }
    append_checked(text, value, s, 5);
    text += "\n";
    ++observations;
  }
  return observations;
}

void append_report(const Message& m, std::size_t index, std::size_t total, std::string& text) {
  check_message_type(m, m.segments.front());  // a message always starts with its MSH
  text += "PATHOLOGY REPORT (HL7 v2 ORU^R01";
  text += total > 1 ? ", message " + std::to_string(index + 1) + " of " + std::to_string(total) + ")\n" : ")\n";
  append_identifiers(m, text);
  if (!append_observations(m, text))
    throw ReportError(ReportProblem::no_text,
                      "HL7 message " + std::to_string(index + 1) + " carries no report text (no OBX with a TX, FT or ST value)");
}

}  // namespace

std::string report_text(const std::vector<Message>& messages) {
  std::size_t size = 0;
  for (const auto& m : messages)
    for (const auto& s : m.segments) size += s.line.size();
  std::string text;
  text.reserve(size + 4096);  // the text is about the size of the segments: grown once, not doubled
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i) text += '\n';
    append_report(messages[i], i, messages.size(), text);
  }
  // Only printable text goes into the view: HL7 hex escapes may carry any byte.
  std::replace_if(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t'; }, ' ');
  return text;
}

}  // namespace chartflow::hl7
