#include "chart_record.hpp"

#include "chart_dates.hpp"

#include <chartflow/utf8.hpp>

#include <map>
#include <set>
#include <stdexcept>

namespace chartflow::delivery {
namespace {

using nlohmann::json;

// The array under `key`, by reference (never a copy: views are pointed into), or an empty one.
const json& array_of(const json& j, const char* key) {
  static const json empty = json::array();
  const auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

std::string text_of(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

CodeSystem code_system(const std::string& name) {
  if (name == "ICD-10-CM") return CodeSystem::icd10cm;
  if (name == "ICD-10-PCS") return CodeSystem::icd10pcs;
  if (name == "HCPCS") return CodeSystem::hcpcs;
  return CodeSystem::other;
}

std::optional<IdentityKind> identity_kind(const std::string& name) {
  static const std::map<std::string, IdentityKind> kinds = {
      {"mrn", IdentityKind::mrn},
      {"account_number", IdentityKind::account_number},
      {"encounter_number", IdentityKind::encounter_number},
      {"other_identifier", IdentityKind::other_identifier},
      {"patient_name", IdentityKind::patient_name},
      {"birth_date", IdentityKind::birth_date},
      {"sex", IdentityKind::sex},
      {"admission_date", IdentityKind::admission_date},
      {"discharge_date", IdentityKind::discharge_date},
      {"attending", IdentityKind::attending}};
  const auto it = kinds.find(name);
  return it == kinds.end() ? std::nullopt : std::optional(it->second);
}

const char* kind_phrase(IdentityKind kind) {
  switch (kind) {
    case IdentityKind::mrn: return "medical record numbers";
    case IdentityKind::account_number: return "account numbers";
    case IdentityKind::encounter_number: return "encounter numbers";
    case IdentityKind::patient_name: return "patient names";
    case IdentityKind::birth_date: return "birth dates";
    case IdentityKind::sex: return "sexes";
    default: return "identity values";
  }
}

// A code is confirmed when any of its mentions is (a history or family-history code states a
// fact); provisional when its mentions are only uncertain; refuted when they are all negated.
Verification verification_of(const json& code, const std::map<std::string, std::string>& assertion_by_mention) {
  bool any = false, uncertain = false, negated = false;
  for (const auto& id : array_of(code, "mention_ids")) {
    const auto it = id.is_string() ? assertion_by_mention.find(id.get<std::string>()) : assertion_by_mention.end();
    if (it == assertion_by_mention.end()) continue;
    any = true;
    if (it->second == "uncertain" || it->second == "hypothetical") uncertain = true;
    else if (it->second == "negated") negated = true;
    else return Verification::confirmed;
  }
  if (!any) return Verification::confirmed;  // a code from a rule, not a mention (e.g. a companion code)
  return uncertain ? Verification::provisional : negated ? Verification::refuted : Verification::confirmed;
}

std::vector<EvidenceSpan> evidence_of(const json& code, const std::map<std::string, const std::string*>& views) {
  std::vector<EvidenceSpan> spans;
  for (const auto& e : array_of(code, "evidence")) {
    EvidenceSpan span{text_of(e, "view"), e.value("begin", std::size_t{0}), e.value("end", std::size_t{0}), {}};
    const auto view = views.find(span.view);
    if (view != views.end() && span.begin <= span.end && span.end <= view->second->size()) {
      const std::string_view text(*view->second);
      std::size_t cut = std::min(span.end, span.begin + kMaxEvidenceText);
      while (cut > span.begin && !utf8::is_boundary(text, cut)) --cut;  // never split a character
      span.text = std::string(text.substr(span.begin, cut - span.begin));
    }
    spans.push_back(std::move(span));
  }
  return spans;
}

void read_codes(const json& record, const std::map<std::string, const std::string*>& views, ChartRecord& chart) {
  std::map<std::string, std::string> assertion_by_mention;
  for (const auto& m : array_of(record, "mentions"))
    if (m.contains("assertion")) assertion_by_mention[text_of(m, "id")] = text_of(m["assertion"], "status");
  for (const auto& c : array_of(record, "codes")) {
    ChartCode code;
    code.id = text_of(c, "id");
    code.system = code_system(text_of(c, "system"));
    code.code = text_of(c, "code");
    code.display = text_of(c, "display");
    code.role = text_of(c, "role");
    code.sequence = c.value("sequence", 0);
    code.needs_review = c.value("needs_review", false);
    code.partial = c.value("partial", false);
    code.verification = verification_of(c, assertion_by_mention);
    code.evidence = evidence_of(c, views);
    chart.codes.push_back(std::move(code));
  }
}

void read_identity(const json& record, ChartRecord& chart) {
  for (const auto& item : array_of(record, "identity")) {
    const auto kind = identity_kind(text_of(item, "kind"));
    if (!kind) continue;
    chart.identity.push_back({*kind, text_of(item, "value"), text_of(item, "identifier_type"), item.value("conflict", false)});
  }
}

void read_document_type(const json& record, ChartRecord& chart) {
  const auto types = array_of(record, "document_types");
  if (types.empty()) return;
  chart.document_type = text_of(types[0], "type");
  chart.loinc = text_of(types[0], "loinc");
  chart.loinc_display = text_of(types[0], "display");
  chart.setting = text_of(types[0], "setting");
}

void read_producers(const json& record, ChartRecord& chart) {
  std::set<std::string> seen;
  for (const auto& p : array_of(record, "producers"))
    if (seen.insert(text_of(p, "plugin")).second) chart.producers.push_back({text_of(p, "plugin"), text_of(p, "version")});
}

}  // namespace

const char* verification_name(Verification v) {
  switch (v) {
    case Verification::confirmed: return "confirmed";
    case Verification::provisional: return "provisional";
    case Verification::refuted: return "refuted";
  }
  return "confirmed";
}

const IdentityValue* ChartRecord::first(IdentityKind kind) const {
  for (const auto& v : identity)
    if (v.kind == kind) return &v;
  return nullptr;
}

namespace {

ChartRecord read_record_fields(const json& record) {
  if (!record.is_object() || !record.contains("document") || !record["document"].is_object())
    throw std::invalid_argument("the record has no document envelope (is it a chartflow record?)");
  ChartRecord chart;
  const json& document = record["document"];
  chart.id = text_of(document, "id");
  chart.media_type = text_of(document, "media_type");
  if (const auto source = document.find("source"); source != document.end() && source->is_object()) {
    chart.source_name = text_of(*source, "name");
    chart.source_sha256 = text_of(*source, "sha256");
    chart.source_size = source->value("size_bytes", std::uint64_t{0});
  }
  if (chart.id.empty() || chart.source_sha256.empty()) throw std::invalid_argument("the record's document has no id or source hash");
  chart.pipeline_name = record.contains("pipeline") ? text_of(record["pipeline"], "name") : std::string();
  std::map<std::string, const std::string*> views;
  for (const auto& v : array_of(record, "views"))
    if (v.contains("text") && v["text"].is_string()) views[text_of(v, "name")] = v["text"].get_ptr<const std::string*>();
  if (const auto normalized = views.find("normalized"); normalized != views.end()) chart.text = *normalized->second;
  chart.date_of_service = charts::find_date_of_service(chart.text).value_or("");
  read_document_type(record, chart);
  read_identity(record, chart);
  read_codes(record, views, chart);
  read_producers(record, chart);
  chart.drg = read_chart_drg(record);
  chart.hccs = read_chart_hccs(record);
  return chart;
}

}  // namespace

ChartRecord read_chart_record(const json& record) {
  try {
    return read_record_fields(record);
  } catch (const json::exception& e) {  // a hand-edited or foreign file offered to `chartflow export`
    throw std::invalid_argument(std::string("the record does not follow chartflow's record schema (") + e.what() + ")");
  }
}

std::vector<std::string> delivery_blockers(const ChartRecord& chart) {
  std::vector<std::string> blockers;
  const IdentityValue* mrn = chart.first(IdentityKind::mrn);
  if (!mrn) blockers.emplace_back("no patient identifier (MRN) on the chart");
  else if (mrn->value.empty()) blockers.emplace_back("the identity stage wrote hashes only (its \"values\": \"hash\"), so the patient cannot be named");
  std::set<IdentityKind> conflicting;
  for (const auto& v : chart.identity)
    if (v.conflict) conflicting.insert(v.kind);
  for (const IdentityKind kind : conflicting) blockers.push_back(std::string("conflicting ") + kind_phrase(kind) + " on the chart");
  return blockers;
}

Deliverable read_deliverable(const json& record) {
  Deliverable d;
  try {
    d.chart = read_chart_record(record);
  } catch (const std::invalid_argument& e) {
    d.refusal = e.what();
    return d;
  }
  const auto blockers = delivery_blockers(*d.chart);
  if (blockers.empty()) return d;
  d.refusal = "held for review, nothing sent: " + blockers.front();
  for (std::size_t i = 1; i < blockers.size(); ++i) d.refusal += "; " + blockers[i];
  d.chart.reset();
  return d;
}

}  // namespace chartflow::delivery
