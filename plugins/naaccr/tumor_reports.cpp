#include "tumor_reports.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace chartflow::naaccr {
namespace {

using sdk::json;

// A member that may be absent: the record schema makes most of them optional.
const json* member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string string_at(const json& object, const char* key) {
  const json* v = member(object, key);
  return v ? v->get<std::string>() : std::string();
}

// Forty bytes either side of the first evidence span, from the view it points into.
std::string evidence_quote(const json& record, const json& tumor) {
  const json* evidence = member(tumor, "evidence");
  if (!evidence || !evidence->is_array() || evidence->empty()) return {};
  const json& first = evidence->front();
  const std::string view_name = string_at(first, "view");
  const json* views = member(record, "views");
  if (!views || !views->is_array()) return {};
  const auto view = std::find_if(views->begin(), views->end(), [&](const json& v) { return string_at(v, "name") == view_name; });
  if (view == views->end()) return {};
  const std::string& text = view->at("text").get_ref<const std::string&>();
  const auto begin = first.at("begin").get<std::uint64_t>(), end = first.at("end").get<std::uint64_t>();
  const std::size_t from = begin > 40 ? begin - 40 : 0;
  const std::size_t to = std::min<std::uint64_t>(text.size(), end + 40);
  return from < to ? text.substr(from, to - from) : std::string();
}

TumorReport read_tumor(const json& record, const json& tumor) {
  TumorReport t;
  t.id = tumor.at("id").get<std::string>();
  t.status = tumor.at("status").get<std::string>();
  if (const json* reasons = member(tumor, "reasons")) t.reasons = reasons->get<std::vector<std::string>>();
  if (const json* fields = member(tumor, "fields"))
    for (const auto& [name, f] : fields->items()) {
      ReportedField field;
      if (const json* v = member(f, "value")) field.value = v->get<std::string>();
      if (const json* c = member(f, "confidence")) field.confidence = c->get<double>();
      if (const json* r = member(f, "needs_review")) field.needs_review = r->get<bool>();
      t.fields.emplace(name, std::move(field));
    }
  t.evidence = evidence_quote(record, tumor);
  return t;
}

}  // namespace

std::string TumorReport::value(const std::string& field) const {
  auto it = fields.find(field);
  return it != fields.end() && it->second.value ? *it->second.value : std::string();
}

// The identity stage's birth date and sex as NAACCR items (240 dateOfBirth, 225 sexAssignedAtBirth).
std::map<std::string, std::string> patient_items(const json& record) {
  std::map<std::string, std::string> items;
  const json* identity = member(record, "identity");
  if (!identity || !identity->is_array()) return items;
  for (const auto& id : *identity) {
    if (!id.is_object() || id.value("conflict", false)) continue;
    const std::string kind = string_at(id, "kind"), value = string_at(id, "value");
    if (kind == "birth_date" && value.size() == 10) items["dateOfBirth"] = value.substr(0, 4) + value.substr(5, 2) + value.substr(8, 2);
    if (kind == "sex" && (value == "male" || value == "female")) items["sexAssignedAtBirth"] = value == "male" ? "1" : "2";
  }
  return items;
}

RecordReports read_record(const json& record) {
  const json* document = member(record, "document");
  if (!document || !member(*document, "id")) throw std::invalid_argument("not a chartflow record: it has no document.id");
  RecordReports r;
  r.document_id = document->at("id").get<std::string>();
  if (const json* source = member(*document, "source")) r.source_name = string_at(*source, "name");
  r.patient_items = patient_items(record);
  if (const json* tumors = member(record, "tumors")) {
    if (!tumors->is_array()) throw std::invalid_argument("the record's tumors are not an array");
    for (const auto& tumor : *tumors) r.tumors.push_back(read_tumor(record, tumor));
  }
  return r;
}

}  // namespace chartflow::naaccr
