#include "segments.hpp"

#include "common/stable_id.hpp"

namespace chartflow::hl7 {
namespace {

using delivery::ChartCode;
using delivery::ChartRecord;
using delivery::CodeSystem;
using delivery::IdentityKind;

std::string value_of(const ChartRecord& chart, IdentityKind kind) {
  const auto* v = chart.first(kind);
  return v ? v->value : std::string();
}

std::string hl7_date(const std::string& iso) {  // YYYY-MM-DD -> YYYYMMDD
  std::string out;
  for (const char c : iso)
    if (c != '-') out += c;
  return out;
}

// HL7 table 0396: I10C ICD-10-CM (configurable), I10P ICD-10-PCS, HPC HCPCS.
std::string coding_system(CodeSystem system, const MessageOptions& options) {
  switch (system) {
    case CodeSystem::icd10cm: return options.icd10cm_system;
    case CodeSystem::icd10pcs: return "I10P";
    case CodeSystem::hcpcs: return "HPC";
    case CodeSystem::other: return "";
  }
  return "";
}

// PID-5: "Last, First" as written, else the first word as given name and the rest as family.
std::string patient_name(const std::string& name) {
  if (name.empty()) return {};
  if (const auto comma = name.find(','); comma != std::string::npos) {
    std::string given = name.substr(comma + 1);
    while (!given.empty() && given.front() == ' ') given.erase(0, 1);
    return component({name.substr(0, comma), given});
  }
  const auto space = name.find(' ');
  if (space == std::string::npos) return component({name});
  return component({name.substr(space + 1), name.substr(0, space)});
}

const char* administrative_sex(const std::string& sex) {  // HL7 table 0001
  if (sex == "female") return "F";
  if (sex == "male") return "M";
  if (sex == "other") return "O";
  return sex.empty() ? "" : "U";
}

// HL7 table 0270 document types; a type it lacks is sent as its LOINC code.
std::string document_type_code(const ChartRecord& chart) {
  static const std::vector<std::pair<std::string, std::string>> codes = {
      {"discharge_summary", "DS"}, {"history_and_physical", "HP"}, {"consult", "CN"}, {"progress", "PR"}, {"operative", "OP"},
      {"procedure", "PN"},         {"emergency", "ED"},            {"pathology", "SP"}, {"radiology", "DI"}};
  for (const auto& [type, code] : codes)
    if (type == chart.document_type) return code;
  return chart.loinc.empty() ? "34109-9" : chart.loinc;
}

}  // namespace

std::string coded(const ChartCode& code, const MessageOptions& options) {
  return component({code.code, code.display, coding_system(code.system, options)});
}

Segment msh(MessageType type, const std::string& control_id, const MessageOptions& options, const std::string& timestamp) {
  // MSH-1 is the field separator itself, so field n of this Segment is MSH-(n+1).
  return Segment("MSH")
      .field(1, "^~\\&")
      .field(2, escape(options.sending_application))
      .field(3, escape(options.sending_facility))
      .field(4, escape(options.receiving_application))
      .field(5, escape(options.receiving_facility))
      .field(6, timestamp)
      .field(8, type == MessageType::mdm_t02 ? "MDM^T02^MDM_T02" : "DFT^P03^DFT_P03")
      .field(9, control_id)
      .field(10, escape(options.processing_id))
      .field(11, "2.5.1")
      .field(17, "UNICODE UTF-8");
}

// EVN-1 is kept only for backward compatibility in v2.5.1 (MSH-9.2 carries the trigger event).
Segment evn(const std::string& timestamp) { return Segment("EVN").field(2, timestamp); }

Segment pid(const ChartRecord& chart, const MessageOptions& options) {
  std::string identifiers = component({value_of(chart, IdentityKind::mrn), "", "", options.assigning_authority, "MR"});
  Segment s("PID");
  s.field(1, "1").field(3, identifiers).field(5, patient_name(value_of(chart, IdentityKind::patient_name)));
  s.field(7, hl7_date(value_of(chart, IdentityKind::birth_date))).field(8, administrative_sex(value_of(chart, IdentityKind::sex)));
  if (const std::string account = value_of(chart, IdentityKind::account_number); !account.empty())
    s.field(18, component({account, "", "", options.assigning_authority, "AN"}));
  return s;
}

Segment pv1(const ChartRecord& chart) {
  const char* patient_class = chart.setting == "inpatient" ? "I" : chart.setting == "outpatient" ? "O" : "U";
  Segment s("PV1");
  s.field(1, "1").field(2, patient_class);
  if (const std::string visit = value_of(chart, IdentityKind::encounter_number); !visit.empty()) s.field(19, component({visit, "", "", "", "VN"}));
  s.field(44, hl7_date(value_of(chart, IdentityKind::admission_date))).field(45, hl7_date(value_of(chart, IdentityKind::discharge_date)));
  return s;
}

Segment txa(const ChartRecord& chart, bool original_as_ed) {
  // TXA-12, the unique document number, is the same for the same chart at every delivery.
  // 30 characters in all, the most v2.5.1 lets TXA-12 hold.
  const std::string document_number = component({"CF" + delivery::stable_hex("chartflow|" + chart.source_sha256 + "|document", 18), "CHARTFLOW"});
  return Segment("TXA")
      .field(1, "1")
      .field(2, escape(document_type_code(chart)))
      .field(3, original_as_ed ? "AP" : "TX")
      .field(4, hl7_date(chart.date_of_service))
      .field(12, document_number)
      .field(17, "DO");  // documented: the text as charted, not yet authenticated in the receiving system
}

Segment dg1(const ChartCode& code, std::size_t set_id, const std::string& timestamp, const MessageOptions& options) {
  // DG1-6 W (working): a code no coder has approved yet; DG1-15 1 marks the principal diagnosis.
  const bool principal = code.role == "principal" || code.role == "first_listed";
  return Segment("DG1")
      .field(1, std::to_string(set_id))
      .field(3, coded(code, options))
      .field(5, timestamp)
      .field(6, "W")
      .field(15, principal ? "1" : std::to_string(code.sequence > 1 ? code.sequence : 2));
}

Segment drg(const delivery::ChartDrg& drg) {
  // DRG-2 (assigned date/time) would be when the stage grouped the record, which the record does
  // not keep; DRG-3/4 (approval, grouper review) are a reviewer's, outliers and payor are the
  // payer's: chartflow knows none of them, so they are left empty rather than guessed.
  return Segment("DRG").field(1, component({delivery::drg_code(drg.drg), drg.title, "MS-DRG v" + delivery::grouper_version_name(drg.grouper_version)}));
}

std::string document_observation(const ChartRecord& chart) {
  return component({chart.loinc.empty() ? "34109-9" : chart.loinc, chart.loinc.empty() ? "Note" : chart.loinc_display, "LN"});
}

std::string procedure_date(const ChartRecord& chart) {
  for (const std::string& date : {chart.date_of_service, value_of(chart, IdentityKind::discharge_date), value_of(chart, IdentityKind::admission_date)})
    if (!date.empty()) return hl7_date(date);
  return {};
}

void add_financial_groups(std::vector<Segment>& segments, const std::vector<const ChartCode*>& procedures,
                          const std::vector<const ChartCode*>& diagnoses, const std::string& date, const MessageOptions& options) {
  std::string diagnosis_codes;  // FT1-19: the diagnoses the charges are for
  for (const ChartCode* d : diagnoses) diagnosis_codes += (diagnosis_codes.empty() ? "" : "~") + coded(*d, options);
  const std::string& when = date;
  if (procedures.empty()) {
    segments.push_back(Segment("FT1").field(1, "1").field(4, when).field(6, "CG").field(7, options.charge_code).field(19, diagnosis_codes));
    return;
  }
  for (std::size_t i = 0; i < procedures.size(); ++i) {
    const ChartCode& p = *procedures[i];
    segments.push_back(Segment("FT1").field(1, std::to_string(i + 1)).field(4, when).field(6, "CG").field(7, coded(p, options)).field(10, "1").field(19, diagnosis_codes).field(25, coded(p, options)));
    segments.push_back(Segment("PR1").field(1, std::to_string(i + 1)).field(3, coded(p, options)).field(5, when));  // PR1-4 is legacy: the title is PR1-3.2
  }
}

}  // namespace chartflow::hl7
