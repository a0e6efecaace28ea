#include "case_assembly.hpp"

#include "mph/mph.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <optional>

namespace chartflow::naaccr {
namespace {

int digits(std::string_view text) {
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc{} && end == text.data() + text.size() ? v : -1;
}

// A tumour as the multiple primary rules need it, from NAACCR items; nullopt when site,
// histology, behaviour or the year of diagnosis is missing (the rules cannot be applied).
std::optional<mph::Tumor> rules_input(const std::function<std::string(const char*)>& item) {
  const std::string site = item("primarySite"), histology = item("histologicTypeIcdO3"), behavior = item("behaviorCodeIcdO3"),
                    date = item("dateOfDiagnosis"), laterality = item("laterality");
  if (site.size() != 4 || histology.size() != 4 || behavior.size() != 1 || date.size() < 4) return std::nullopt;
  mph::Tumor t{site, digits(histology), digits(behavior), laterality.size() == 1 ? laterality[0] : '\0', digits(date.substr(0, 4)), 0, 0};
  // NAACCR dates are YYYY, YYYYMM or YYYYMMDD; 99 is an unknown part.
  if (date.size() >= 6) t.month = std::max(0, digits(date.substr(4, 2)) % 99);
  if (date.size() >= 8) t.day = std::max(0, digits(date.substr(6, 2)) % 99);
  if (t.histology < 0 || t.behavior < 0 || t.year < 0) return std::nullopt;
  return t;
}

}  // namespace

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
  auto same = std::find_if(patient.tumors.begin(), patient.tumors.end(), [&](const CaseTumor& c) { return same_primary(c, t); });
  CaseTumor* target = nullptr;
  if (same != patient.tumors.end()) {
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

// Is the report about a tumour the case already holds? SEER's multiple primary rules decide when
// both give site, histology, behaviour and year; a pair the rules call questionable stays two
// tumours (counted for the registrar), never merged on a guess. Without those items, the same
// site and histology group (three characters each) is one tumour.
bool CaseAssembler::same_primary(const CaseTumor& c, const TumorReport& t) {
  const auto case_item = [&](const char* name) {
    const auto it = c.items.find(name);
    return it == c.items.end() ? std::string() : it->second.first;
  };
  const auto report_item = [&](const char* name) { return t.value(name); };
  const auto existing = rules_input(case_item), added = rules_input(report_item);
  if (existing && added) {
    const auto decision = mph::decide(*existing, *added);
    if (decision.result == mph::Result::single_primary) return true;
    if (decision.result != mph::Result::invalid_input) {
      if (decision.result == mph::Result::questionable) ++counts_.questionable;
      return false;
    }
  }
  const std::string site = report_item("primarySite").substr(0, 3), histology = report_item("histologicTypeIcdO3").substr(0, 3);
  const std::string case_histology = case_item("histologicTypeIcdO3");
  return !site.empty() && case_item("primarySite").substr(0, 3) == site &&
         (case_histology.empty() || histology.empty() || case_histology.substr(0, 3) == histology);
}

std::vector<const CasePatient*> CaseAssembler::patients() const {
  std::vector<const CasePatient*> out;
  for (const auto& key : patient_order_) out.push_back(&patients_.at(key));
  return out;
}

}  // namespace chartflow::naaccr
