#include "chart_inputs.hpp"

#include "common/chart_dates.hpp"

#include <map>
#include <set>

namespace chartflow::hcc::chart {
namespace {

using json = nlohmann::json;

std::string text_of(const json& item, const char* key) {
  const auto it = item.find(key);
  return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The assertion status of each mention, by id.
std::map<std::string, std::string> assertions_of(const json& mentions) {
  std::map<std::string, std::string> out;
  for (const json& m : mentions)
    if (const auto a = m.find("assertion"); a != m.end() && a->is_object()) out[text_of(m, "id")] = text_of(*a, "status");
  return out;
}

// Risk adjustment counts a condition the encounter documents as present and current. A code
// counts when any of its mentions is affirmed; a code from a rule rather than a mention (a
// companion code) counts as the coder's. Mentions only about the past ("history of", Past
// Medical History) do not make a condition current, and negated, uncertain, hypothetical or
// family mentions never support one (outpatient rules, Guidelines IV.H). A Z code is the
// exception: personal and family history codes (Z80-Z87) and status codes (Z89 amputation, Z94
// transplant, Z99.2 dialysis...) state the history or status itself, so a historical or family
// mention is what they code.
std::optional<Exclusion> assertion_exclusion(const json& code, const std::map<std::string, std::string>& assertions) {
  const bool states_history = text_of(code, "code").starts_with('Z');
  bool any = false, historical = false;
  if (const auto ids = code.find("mention_ids"); ids != code.end() && ids->is_array())
    for (const json& id : *ids) {
      const auto it = id.is_string() ? assertions.find(id.get<std::string>()) : assertions.end();
      if (it == assertions.end()) continue;
      any = true;
      const std::string& status = it->second;
      if (status == "affirmed" || (states_history && (status == "historical" || status == "family"))) return std::nullopt;
      historical = historical || status == "historical";
    }
  if (!any) return std::nullopt;
  return historical ? Exclusion::historical : Exclusion::not_affirmed;
}

bool rejected(const json& code) {
  const auto a = code.find("attributes");
  return a != code.end() && a->is_object() && text_of(*a, "review") == "rejected";
}

void read_codes(const RecordFields& f, ChartInputs& in) {
  const auto assertions = assertions_of(f.mentions);
  std::set<std::string> seen;
  for (const json& c : f.codes) {
    if (text_of(c, "system") != "ICD-10-CM") continue;
    CodeItem item{text_of(c, "id"), text_of(c, "code")};
    std::optional<Exclusion> why;
    if (rejected(c)) why = Exclusion::rejected_in_review;
    else why = assertion_exclusion(c, assertions);
    if (!why && !seen.insert(item.code).second) why = Exclusion::duplicate;
    if (why) in.excluded.push_back({std::move(item), *why});
    else in.diagnoses.push_back(std::move(item));
  }
}

void read_identity(const json& identity, ChartInputs& in) {
  for (const json& i : identity) {
    const std::string kind = text_of(i, "kind");
    IdentityFact* fact = kind == "birth_date" ? &in.birth_date : kind == "sex" ? &in.sex : kind == "mrn" ? &in.mrn : nullptr;
    if (!fact) continue;
    fact->conflict = fact->conflict || i.value("conflict", false);
    if (fact->stated()) continue;  // the first item of a kind is the one a conflict flag refers to
    if (const auto v = i.find("value"); v != i.end() && v->is_string()) fact->value = v->get<std::string>();
    else fact->hashed = true;
    fact->sha256 = text_of(i, "value_sha256");
  }
}

std::optional<std::string> identity_date(const json& identity, const char* kind) {
  for (const json& i : identity)
    if (text_of(i, "kind") == kind && !i.value("conflict", false))
      if (const std::string v = text_of(i, "value"); charts::is_iso_date(v)) return v;
  return std::nullopt;
}

// The encounter's date of service: the discharge date of a stay (CMS takes the through date),
// else the date the chart labels as the date of service or visit, else the admission date.
void read_service_date(const RecordFields& f, ChartInputs& in) {
  if ((in.date_of_service = identity_date(f.identity, "discharge_date"))) {
    in.date_source = ServiceDateSource::discharge_date;
  } else if ((in.date_of_service = charts::find_date_of_service(f.text))) {
    in.date_source = ServiceDateSource::date_of_service;
  } else if ((in.date_of_service = identity_date(f.identity, "admission_date"))) {
    in.date_source = ServiceDateSource::admission_date;
  }
}

}  // namespace

std::string_view to_string(Exclusion reason) {
  switch (reason) {
    case Exclusion::rejected_in_review: return "rejected_in_review";
    case Exclusion::not_affirmed: return "not_affirmed";
    case Exclusion::historical: return "historical";
    case Exclusion::duplicate: return "duplicate";
  }
  return "?";
}

std::string_view to_string(ServiceDateSource source) {
  switch (source) {
    case ServiceDateSource::discharge_date: return "discharge_date";
    case ServiceDateSource::date_of_service: return "date_of_service";
    case ServiceDateSource::admission_date: return "admission_date";
    case ServiceDateSource::none: break;
  }
  return "none";
}

std::vector<std::string> ChartInputs::code_ids() const {
  std::vector<std::string> ids;
  for (const CodeItem& d : diagnoses) ids.push_back(d.id);
  for (const ExcludedCode& e : excluded) ids.push_back(e.item.id);
  return ids;
}

ChartInputs read_chart_inputs(const RecordFields& fields) {
  ChartInputs in;
  read_codes(fields, in);
  read_identity(fields.identity, in);
  read_service_date(fields, in);
  if (!fields.document_types.empty()) {
    const json& t = fields.document_types.front();
    in.setting = text_of(t, "setting");
    in.document_type = text_of(t, "type");
    in.document_type_id = text_of(t, "id");
  }
  return in;
}

}  // namespace chartflow::hcc::chart
