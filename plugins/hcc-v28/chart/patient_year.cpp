#include "patient_year.hpp"

#include <map>
#include <set>
#include <stdexcept>

namespace chartflow::hcc::chart {
namespace {

using json = nlohmann::json;

const json& array_of(const json& record, const char* field) {
  static const json empty = json::array();
  const auto it = record.find(field);
  return it != record.end() && it->is_array() ? *it : empty;
}

std::string_view normalized_text(const json& record) {
  for (const json& v : array_of(record, "views"))
    if (v.is_object() && v.value("name", "") == "normalized") {
      const auto text = v.find("text");
      if (text != v.end() && text->is_string()) return text->get_ref<const std::string&>();
    }
  return {};
}

// The grouping key: the MRN's hash when the chart states one MRN, else the record itself.
std::string key_of(const Chart& c, PatientBasis& basis) {
  const IdentityFact& mrn = c.inputs.mrn;
  if (mrn.stated() && !mrn.conflict && !mrn.sha256.empty()) {
    basis = PatientBasis::mrn;
    return "mrn-sha256:" + mrn.sha256;
  }
  basis = PatientBasis::own_record;
  return "record:" + c.record_id;
}

// One value of a kind across the patient's charts: the values that are readable and not in
// conflict within their chart. Two different ones across charts is a conflict.
struct Agreed {
  std::optional<std::string> value;
  bool conflict = false;
};
Agreed agree(const std::vector<const Chart*>& charts, IdentityFact ChartInputs::*fact) {
  Agreed out;
  for (const Chart* c : charts) {
    const IdentityFact& f = c->inputs.*fact;
    if (!f.value || f.conflict) continue;
    if (out.value && *out.value != *f.value) out.conflict = true;
    if (!out.value) out.value = f.value;
  }
  return out;
}

bool in_year(const Chart& c, int year, YearCounts& counts) {
  const auto date = c.inputs.date_of_service ? parse_date(*c.inputs.date_of_service) : std::nullopt;
  std::size_t* tally = &counts.in_year;
  if (!date) tally = &counts.no_date;
  else if (date->year != year) tally = &counts.other_year;
  else if (c.inputs.document_type == "radiology") tally = &counts.radiology;  // CMS takes no diagnoses from diagnostic radiology
  ++*tally;
  return tally == &counts.in_year;
}

// The MRN as a chart of the patient states it ("" when every chart has it hashed, or none).
std::string stated_mrn(const std::vector<const Chart*>& charts) {
  for (const Chart* c : charts)
    if (c->inputs.mrn.value && !c->inputs.mrn.conflict) return *c->inputs.mrn.value;
  return {};
}

PatientYear score_one(const Model& model, const std::vector<const Chart*>& all, const std::vector<const Chart*>& year_charts, int year,
                      const std::optional<Enrollment>& enrollment) {
  PatientYear p;
  PatientBasis basis = PatientBasis::own_record;
  p.key = key_of(*all.front(), basis);
  p.basis = basis;
  if (basis == PatientBasis::mrn) p.patient = stated_mrn(all);
  std::vector<Diagnosis> diagnoses;
  for (const Chart* c : year_charts) {
    p.records.push_back(c->record_id);
    for (const CodeItem& d : c->inputs.diagnoses) diagnoses.push_back({d.code, c->record_id + "/" + d.id});
  }
  // Demographics from every chart of the patient, whatever its year: the birth date on last
  // year's chart is the same person's.
  const Agreed birth = agree(all, &ChartInputs::birth_date), sex = agree(all, &ChartInputs::sex);
  Person person;
  person.service_year = year;
  if (birth.value) person.birth_date = parse_date(*birth.value);
  if (sex.value) person.sex = parse_sex(*sex.value);
  p.sex = person.sex;
  NotScored preset = NotScored::none;
  std::string reason;
  if (birth.conflict || sex.conflict) {
    preset = NotScored::conflicting_demographics;
    reason = std::string("no score: the patient's charts state different ") + (birth.conflict ? "birth dates" : "sexes") +
             ": check that they are one patient";
  } else if (!enrollment) {
    preset = NotScored::no_segment;
    reason = "no score: the patient is not in the beneficiaries file";
  }
  SegmentChoice choice = enrollment ? enrollment->segment : SegmentChoice{SegmentRule::none, {}};
  if (enrollment) person.entitlement = enrollment->entitlement, person.medicaid = enrollment->medicaid;
  p.score = score_diagnoses(model, diagnoses, person, choice, preset, reason);
  for (const Diagnosis& d : diagnoses) p.evidence.push_back({d.code, d.evidence_id});
  return p;
}

}  // namespace

std::string_view to_string(PatientBasis basis) { return basis == PatientBasis::mrn ? "mrn" : "own_record"; }

Chart read_chart(const json& record) {
  const auto document = record.find("document");
  if (!record.is_object() || document == record.end() || !document->is_object() || !document->contains("id") || !(*document)["id"].is_string())
    throw std::invalid_argument("not a chartflow record (no document id)");
  Chart c;
  c.record_id = (*document)["id"].get<std::string>();
  c.inputs = read_chart_inputs({array_of(record, "codes"), array_of(record, "mentions"), array_of(record, "identity"),
                                array_of(record, "document_types"), normalized_text(record)});
  return c;
}

std::vector<PatientYear> score_patient_years(const Model& model, const std::vector<Chart>& charts, int year,
                                             const std::function<std::optional<Enrollment>(const PatientYear&)>& enrollment,
                                             YearCounts& counts) {
  std::map<std::string, std::vector<const Chart*>> all, of_year;
  for (const Chart& c : charts) {
    ++counts.records;
    PatientBasis basis = PatientBasis::own_record;
    const std::string key = key_of(c, basis);
    all[key].push_back(&c);
    if (in_year(c, year, counts)) of_year[key].push_back(&c);
  }
  std::vector<PatientYear> out;
  for (const auto& [key, year_charts] : of_year) {
    // The enrollment look-up is by the patient's identifier, known before he is scored.
    PatientYear who;
    who.key = key;
    if (key.starts_with("mrn-")) who.patient = stated_mrn(all[key]);
    out.push_back(score_one(model, all[key], year_charts, year, enrollment(who)));
  }
  return out;
}

}  // namespace chartflow::hcc::chart
