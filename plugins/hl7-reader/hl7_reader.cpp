// hl7-reader: pathology reports sent as HL7 v2.5.1 ORU^R01 messages (NAACCR Volume V) become a
// text view a registrar would recognise: the report's identifiers (MRN, accession number,
// specimen date) and its sections (final diagnosis, gross, microscopic, ...) under headings,
// from the OBX segments in order. Names, addresses and other identifiers are not copied.
#include "hl7_message.hpp"

#include <chartflow/sdk.hpp>
#include <chartflow/utf8.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace chartflow::hl7 {
namespace {

// Report sections by their LOINC code in OBX-3 (NAACCR Volume V).
const std::map<std::string, std::string>& section_names() {
  static const std::map<std::string, std::string> names = {
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

std::string render(const Message& m, std::size_t index, std::size_t total) {
  const Segment* msh = m.first("MSH");
  const std::string type = m.component(*msh, 9, 1), event = m.component(*msh, 9, 2);
  if (type != "ORU") throw sdk::Unsupported("HL7 message type " + (type.empty() ? std::string("(none)") : type + "^" + event) + ": only ORU^R01 pathology reports are read");
  std::string text = "PATHOLOGY REPORT (HL7 v2 ORU^R01";
  text += total > 1 ? ", message " + std::to_string(index + 1) + " of " + std::to_string(total) + ")\n" : ")\n";
  if (const Segment* pid = m.first("PID")) {
    // PID-3 repeats: the identifier typed MR is the medical record number.
    std::string mrn;
    for (auto rep : m.repetitions(*pid, 3)) {
      const auto parts = m.components(rep);
      if (parts.size() >= 5 && m.decode(parts[4]) == "MR") mrn = m.decode(parts[0]);
    }
    if (!mrn.empty()) text += "MRN: " + mrn + "\n";
  }
  std::string date;
  if (const Segment* obr = m.first("OBR")) {
    if (const std::string accession = m.component(*obr, 3, 1); !accession.empty()) text += "Accession number: " + accession + "\n";
    date = us_date(m.component(*obr, 7, 1));
    if (const std::string report = m.component(*obr, 4, 2); !report.empty()) text += "Report: " + report + "\n";
  }
  if (date.empty())
    if (const Segment* spm = m.first("SPM")) date = us_date(m.component(*spm, 17, 1));
  if (!date.empty()) text += "Date of procedure: " + date + "\n";

  std::string current;
  std::size_t observations = 0;
  for (const auto& s : m.segments) {
    if (s.id != "OBX") continue;
    const std::string value_type = m.component(s, 2, 1);
    std::string value;
    if (value_type == "TX" || value_type == "FT" || value_type == "ST") {
      for (auto rep : m.repetitions(s, 5)) value += (value.empty() ? "" : "\n") + m.decode(rep);
    } else if (value_type == "CE" || value_type == "CWE" || value_type == "CNE") {
      value = m.decode(m.components(m.repetitions(s, 5).front()).size() > 1 ? m.components(m.repetitions(s, 5).front())[1] : std::string_view());
    } else if (value_type == "NM") {
      value = m.component(s, 5, 1) + (m.component(s, 6, 1).empty() ? "" : " " + m.component(s, 6, 1));
    } else {
      continue;  // encapsulated data, dates and the like are no report text
    }
    if (value.find_first_not_of(" \t\n") == std::string::npos) continue;
    const std::string loinc = m.component(s, 3, 1), sub_id = m.component(s, 4, 1);
    std::string heading;
    if (auto it = section_names().find(loinc); it != section_names().end()) heading = it->second;
    else heading = m.component(s, 3, 2);
    for (auto& c : heading) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (heading.empty()) heading = "RESULT";
    const std::string key = heading + (sub_id.empty() ? "" : " (PART " + sub_id + ")");
    if (key != current) {
      text += "\n" + key + ":\n";
      current = key;
    }
    text += value + "\n";
    ++observations;
  }
  if (!observations) throw sdk::InvalidInput("HL7 message " + std::to_string(index + 1) + " carries no report text (no OBX with a TX, FT or ST value)");
  return text;
}

}  // namespace

class Hl7Reader {
 public:
  explicit Hl7Reader(const sdk::Context&) {}

  void process(const sdk::Document& document, sdk::Output& output) {
    const std::string_view bytes = document.source_bytes();
    if (bytes.empty()) throw sdk::InvalidInput("empty file: no HL7 message");
    std::vector<Message> messages;
    try {
      messages = parse_messages(bytes);
    } catch (const Hl7Error& e) {
      throw sdk::InvalidInput(std::string("not a readable HL7 v2 message: ") + e.what());
    }
    std::string text;
    for (std::size_t i = 0; i < messages.size(); ++i) text += (i ? "\n" : "") + render(messages[i], i, messages.size());
    // Only printable text goes into the view: HL7 hex escapes may carry any byte.
    std::string clean;
    for (char c : text) clean += (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') ? ' ' : c;
    if (!utf8::is_valid(clean)) throw sdk::InvalidInput("the HL7 message text is not valid UTF-8 (check MSH-18, the character set)");
    output.add_view("raw", clean, {{"origin", "hl7"}, {"encoding", "utf-8"}});
    if (messages.size() > 1)
      output.warn("several-hl7-messages", std::to_string(messages.size()) + " HL7 messages in one file became one record; send one message per file for one record per report");
  }
};

}  // namespace chartflow::hl7

CHARTFLOW_PLUGIN(chartflow::hl7::Hl7Reader)
