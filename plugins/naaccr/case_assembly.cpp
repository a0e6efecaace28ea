#include "case_assembly.hpp"

#include <algorithm>

namespace chartflow::naaccr {

void CaseAssembler::add(const RecordReports& record) {
  for (const auto& tumor : record.tumors) {
    if (tumor.status == "not_reportable") {
      ++counts_.not_reportable;
      continue;
    }
    if (tumor.status == "needs_review") {
      ++counts_.review;
      if (!include_review_) continue;
    }
    add_tumor(record, tumor);
  }
}

void CaseAssembler::add_tumor(const RecordReports& record, const TumorReport& t) {
  // Several reports about one tumour of one patient are one case: same patient, same site
  // group and histology group.
  std::string patient_key = t.value("medicalRecordNumber");
  if (patient_key.empty()) patient_key = "doc:" + record.document_id;
  if (!patients_.contains(patient_key)) patient_order_.push_back(patient_key);
  auto& patient = patients_[patient_key];
  // Birth date and sex as the first report states them; a report that says otherwise is counted
  // for review and changes nothing (the registry store refuses such a patient on import).
  for (const auto& [item, value] : record.patient_items) {
    const auto [it, added] = patient.items.emplace(item, value);
    if (!added && it->second != value) ++counts_.patient_conflicts;
  }
  const std::string site = t.value("primarySite").substr(0, 3), histology = t.value("histologicTypeIcdO3").substr(0, 3);
  auto same = std::find_if(patient.tumors.begin(), patient.tumors.end(), [&](const CaseTumor& c) {
    const auto s = c.items.find("primarySite"), h = c.items.find("histologicTypeIcdO3");
    return s != c.items.end() && s->second.first.substr(0, 3) == site &&
           (h == c.items.end() || histology.empty() || h->second.first.substr(0, 3) == histology);
  });
  CaseTumor* target = nullptr;
  if (same != patient.tumors.end() && !site.empty()) {
    target = &*same;
    ++counts_.merged;
  } else {
    patient.tumors.emplace_back();
    target = &patient.tumors.back();
  }
  target->documents.push_back(record.document_id);
  for (const auto& [name, f] : t.fields) {
    if (!f.value) continue;
    auto& slot = target->items[name];
    // The date of diagnosis is the earliest any report gives; otherwise the best supported value wins.
    const bool earlier = name == "dateOfDiagnosis" && !slot.first.empty() && *f.value < slot.first;
    if (slot.first.empty() || earlier || (name != "dateOfDiagnosis" && f.confidence > slot.second)) slot = {*f.value, f.confidence};
  }
}

std::vector<const CasePatient*> CaseAssembler::patients() const {
  std::vector<const CasePatient*> out;
  for (const auto& key : patient_order_) out.push_back(&patients_.at(key));
  return out;
}

}  // namespace chartflow::naaccr
