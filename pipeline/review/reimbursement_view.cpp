#include "reimbursement_view.hpp"

#include "drg_regroup.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace chartflow::review {
namespace {

using nlohmann::json;

constexpr const char* kDrgField = "reimbursement.drg";
constexpr const char* kHccField = "reimbursement.hcc";

// The first item of a stage's field (each stage adds one per record), or nullptr.
const json* first_item(const json& record, const char* field) {
  const auto it = record.find(field);
  if (it == record.end() || !it->is_array() || it->empty() || !(*it)[0].is_object()) return nullptr;
  return &(*it)[0];
}

const json& array_of(const json& item, const char* key) {
  static const json none = json::array();
  const auto it = item.find(key);
  return it != item.end() && it->is_array() ? *it : none;
}

// The stage items name codes by the record's code item ids; the panel names them as the review
// does, so a click can select the code in the codes panel.
class CodeNames {
 public:
  CodeNames(const json& record, const ReviewState& state) : state_(state) {
    for (const auto& c : array_of(record, "codes"))
      if (c.is_object()) titles_[c.value("id", "")] = c.value("display", "");
  }

  const ReviewCode* find(const std::string& code_id) const {
    if (code_id.empty()) return nullptr;
    for (const auto& c : state_.codes)
      if (c.code_id == code_id) return &c;
    return nullptr;
  }

  // {key, code_id, code, display, state}: the code as the pipeline coded it (what the stage used),
  // its title, and where the review has it now (state "" when the review does not know it).
  json ref(const json& entry) const {
    const std::string id = entry.value("code_id", "");
    const ReviewCode* c = find(id);
    const auto title = titles_.find(id);
    return {{"key", c ? c->key : ""},
            {"code_id", id},
            {"code", c ? c->proposed_code : entry.value("code", "")},
            {"display", title != titles_.end() ? title->second : ""},
            {"state", c ? code_state_name(c->state) : ""}};
  }

 private:
  const ReviewState& state_;
  std::map<std::string, std::string> titles_;
};

json with(json base, const json& extra) {
  base.update(extra);
  return base;
}

bool reads(const std::vector<std::string>& systems, const std::string& system) {
  return std::find(systems.begin(), systems.end(), system) != systems.end();
}

const ReviewCode* principal_now(const ReviewState& state) {
  for (const auto& c : state.codes)
    if (c.is_final() && c.is_diagnosis() && c.role == "principal") return &c;
  return nullptr;
}

// What the coder's decisions changed in the codes a stage computed from: codes of `systems` it used
// (`used`, code item ids) now rejected or edited, and codes of those systems added. With
// `principal_matters`, also another principal diagnosis than `principal_id`.
std::vector<std::string> changes(const ReviewState& state, const std::set<std::string>& used, const std::vector<std::string>& systems,
                                 bool principal_matters, const std::string& principal_id) {
  std::vector<std::string> out;
  for (const auto& c : state.codes) {
    if (!reads(systems, c.system)) continue;
    if (c.proposed_code.empty()) {
      if (c.is_final()) out.push_back(c.code + " added");
      continue;
    }
    if (!used.contains(c.code_id)) continue;
    if (c.state == CodeState::rejected) out.push_back(c.proposed_code + " rejected");
    else if (c.code != c.proposed_code) out.push_back(c.proposed_code + " changed to " + c.code);
  }
  if (principal_matters) {
    const ReviewCode* now = principal_now(state);
    if (now && now->code_id != principal_id) out.push_back("principal diagnosis now " + now->code);
    else if (!now && !principal_id.empty()) out.push_back("no principal diagnosis chosen");
  }
  return out;
}

// The code item the drg-grouper stage took as principal diagnosis: the first ICD-10-CM code with
// role principal that no earlier review rejected ("" when none).
std::string pipeline_principal(const json& record) {
  for (const auto& c : array_of(record, "codes")) {
    if (!c.is_object() || c.value("system", "") != "ICD-10-CM" || c.value("role", "") != "principal") continue;
    const json attributes = c.value("attributes", json::object());
    if (attributes.is_object() && attributes.value("review", "") == "rejected") continue;
    return c.value("id", "");
  }
  return "";
}

void mark_changes(json& out, std::vector<std::string> list) {
  out["computed_from"] = "pipeline_codes";
  out["codes_changed"] = !list.empty();
  out["changes"] = std::move(list);
}

json common(const json& item) {
  json out = {{"status", item.value("status", "")},
              {"needs_review", item.value("needs_review", false)},
              {"review_reasons", array_of(item, "review_reasons")}};
  if (item.contains("reason")) out["reason"] = item.value("reason", "");
  return out;
}

// Each what-if hint, with the query a coder may send when the clinical indicators support it. The
// query offers every more specific form the stage found for the code, not only this hint's one.
json what_if_json(const json& item, const CodeNames& names, const json& record, const EvidenceMap& map, const std::vector<QueryTemplate>& templates) {
  json out = json::array();
  for (const auto& w : array_of(item, "what_if")) {
    json entry = with(names.ref(w), {{"if_documented", w.value("if_documented", json::object())},
                                     {"drg", w.value("drg", 0)},
                                     {"drg_title", w.value("drg_title", "")},
                                     {"severity", w.value("severity", "")},
                                     {"hint", w.value("hint", "")}});
    const ReviewCode* code = names.find(w.value("code_id", ""));
    if (code && code->is_final()) {
      std::vector<std::string> forms;
      for (const auto& other : array_of(item, "what_if")) {
        if (other.value("code_id", "") != w.value("code_id", "")) continue;
        const json form = other.value("if_documented", json::object());
        const std::string title = form.value("title", form.value("code", ""));
        if (!title.empty() && std::find(forms.begin(), forms.end(), title) == forms.end()) forms.push_back(title);
      }
      entry["query"] = specificity_query(templates, record, map, *code, forms);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

json drg_json(const json& item, const CodeNames& names, const ReviewState& state, const json& record, const EvidenceMap& map,
              const std::vector<QueryTemplate>& templates, const DrgRegrouper* regrouper) {
  json out = common(item);
  const bool grouped = out["status"] == "grouped";
  std::set<std::string> used;
  for (const auto& id : array_of(item, "code_ids"))
    if (id.is_string()) used.insert(id.get<std::string>());
  mark_changes(out, changes(state, used, {"ICD-10-CM", "ICD-10-PCS"}, true, pipeline_principal(record)));
  if (!grouped) return out;
  const json final = item.value("final", json::object()), initial = item.value("initial", json::object());
  out["grouper_version"] = item.value("grouper_version", 0);
  for (const char* key : {"drg", "title", "mdc", "mdc_title", "severity", "med_surg", "return_code"})
    out[key] = final.contains(key) ? final[key] : json();
  if (initial.value("drg", 0) != final.value("drg", 0)) out["initial"] = {{"drg", initial.value("drg", 0)}, {"title", initial.value("title", "")}};
  out["hac_status"] = item.value("hac_status", "");
  for (const char* key : {"relative_weight", "expected_payment"})
    if (item.contains(key)) out[key] = item[key];
  out["drivers"] = json::array();
  for (const auto& d : array_of(item, "drivers"))
    out["drivers"].push_back(with(names.ref(d), {{"role", d.value("role", "")}, {"effect", d.value("effect", "")}, {"affects", d.value("affects", "")}}));
  out["cc_mcc"] = json::array();
  for (const auto& c : array_of(item, "cc_mcc"))
    out["cc_mcc"].push_back(with(names.ref(c), {{"level", c.value("level", "")}, {"usage", c.value("usage", "")}, {"counted", c.value("counted", false)}}));
  out["what_if"] = what_if_json(item, names, record, map, templates);
  if (regrouper && out["codes_changed"].get<bool>()) {
    // A record edited by hand (a claim member of the wrong type) costs the recomputed DRG, not the chart.
    try {
      out["reviewed"] = regrouper->regroup(item, state);
    } catch (const std::exception&) {
      out["reviewed"] = {{"error", "the DRG of the reviewed codes could not be computed: the record's claim is malformed"}};
    }
  }
  return out;
}

json hcc_json(const json& item, const CodeNames& names, const ReviewState& state) {
  json out = common(item);
  std::set<std::string> counted;
  for (const auto& d : array_of(item, "diagnoses")) counted.insert(d.value("code_id", ""));
  mark_changes(out, changes(state, counted, {"ICD-10-CM"}, false, ""));
  out["model"] = item.value("model", "");
  for (const char* key : {"payment_year", "segment", "raw_score", "payment_hccs"})
    if (item.contains(key)) out[key] = item[key];
  out["hccs"] = json::array();
  for (const auto& h : array_of(item, "hccs")) {
    json entry = {{"hcc", h.value("hcc", 0)}, {"label", h.value("label", "")}, {"status", h.value("status", "")}, {"codes", json::array()}};
    if (h.contains("dropped_by")) entry["dropped_by"] = h["dropped_by"];
    for (const auto& e : array_of(h, "evidence")) entry["codes"].push_back(names.ref(e));
    out["hccs"].push_back(std::move(entry));
  }
  // Codes left out that would give an HCC: what better documentation could add.
  out["excluded"] = json::array();
  for (const auto& x : array_of(item, "excluded"))
    if (!array_of(x, "hccs").empty()) out["excluded"].push_back(with(names.ref(x), {{"reason", x.value("reason", "")}, {"hccs", x["hccs"]}}));
  return out;
}

}  // namespace

json reimbursement_json(const json& record, const ReviewState& state, const EvidenceMap& map, const std::vector<QueryTemplate>& templates,
                        const DrgRegrouper* regrouper) {
  const CodeNames names(record, state);
  const json* drg = first_item(record, kDrgField);
  const json* hcc = first_item(record, kHccField);
  return {{"drg", drg ? drg_json(*drg, names, state, record, map, templates, regrouper) : json()},
          {"hcc", hcc ? hcc_json(*hcc, names, state) : json()}};
}

}  // namespace chartflow::review
