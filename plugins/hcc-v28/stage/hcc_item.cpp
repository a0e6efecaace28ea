#include "hcc_item.hpp"

#include "score_json.hpp"

namespace chartflow::hcc::stage {
namespace {

using json = nlohmann::json;

std::string hcc_names(const std::vector<int>& hccs) {
  std::string out;
  for (const int h : hccs) out += (out.empty() ? "HCC " : ", HCC ") + std::to_string(h);
  return out;
}

// Each counted code with what the model made of it: its HCCs after the age/sex edits (before
// hierarchies), or why none. A code whose HCCs depend on an unknown age or sex gives none here.
json diagnoses_json(const HccItemInput& in) {
  std::map<std::string, const CodeOutcome*> outcome;
  for (const CodeOutcome& c : in.score->score.codes) outcome[c.evidence_id] = &c;
  json out = json::array();
  for (const chart::CodeItem& d : in.inputs->diagnoses) {
    json entry = {{"code_id", d.id}, {"code", d.code}};
    const auto it = outcome.find(d.id);
    if (in.score->depends.contains(d.id) || it == outcome.end()) {
      entry["status"] = "depends_on_demographics";
      entry["hccs"] = json::array();
    } else {
      entry["status"] = to_string(it->second->status);
      entry["hccs"] = it->second->hccs;
      if (!it->second->edit.empty()) entry["edit"] = it->second->edit;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

json excluded_json(const HccItemInput& in) {
  json out = json::array();
  for (const chart::ExcludedCode& e : in.inputs->excluded) {
    json entry = {{"code_id", e.item.id}, {"code", e.item.code}, {"reason", chart::to_string(e.reason)}};
    if (const auto it = in.excluded_hccs.find(e.item.id); it != in.excluded_hccs.end() && !it->second.empty()) entry["hccs"] = it->second;
    out.push_back(std::move(entry));
  }
  return out;
}

// What a coder or risk adjustment analyst should look at: never chart text, only codes and kinds.
std::vector<std::string> review_reasons(const HccItemInput& in, const Model& model) {
  std::vector<std::string> reasons = in.review_reasons;
  const chart::ChartScore& s = *in.score;
  if (!s.scored && s.not_scored != chart::NotScored::no_segment) reasons.push_back(s.reason);
  for (const chart::CodeItem& d : in.inputs->diagnoses)
    if (s.depends.contains(d.id))
      reasons.push_back(d.code + ": its HCCs depend on the age or sex, which the chart does not state; not listed until they are known");
  for (const chart::ExcludedCode& e : in.inputs->excluded) {
    const auto it = in.excluded_hccs.find(e.item.id);
    if (it == in.excluded_hccs.end() || it->second.empty()) continue;
    const std::string hccs = hcc_names(it->second) + " (" + std::string(model.label(it->second.front())) + ")";
    if (e.reason == chart::Exclusion::historical)
      reasons.push_back(e.item.code + " would give " + hccs + " but is documented only as past history: it counts when this encounter documents the condition as current (monitored, evaluated, assessed or treated)");
    else if (e.reason == chart::Exclusion::not_affirmed)
      reasons.push_back(e.item.code + " would give " + hccs + " but its mentions are negated, uncertain, hypothetical or about a relative: not risk-adjusted");
  }
  if (in.inputs->document_type == "radiology")
    reasons.push_back("a diagnostic radiology report is not an acceptable source of risk adjustment diagnoses (CMS): confirm them in a face-to-face encounter");
  return reasons;
}

}  // namespace

json hcc_item(const HccItemInput& in, const Model& model) {
  const chart::ChartInputs& chart = *in.inputs;
  json item = {{"id", in.id}, {"model", "CMS-HCC V28"}, {"code_ids", chart.code_ids()}};
  item["setting"] = chart.setting.empty() ? "unknown" : chart.setting;
  if (!chart.document_type_id.empty()) item["document_type_id"] = chart.document_type_id;
  if (chart.date_of_service) item["date_of_service"] = *chart.date_of_service;
  item["date_of_service_source"] = chart::to_string(chart.date_source);
  item["diagnoses"] = diagnoses_json(in);
  item["excluded"] = excluded_json(in);
  item["hccs"] = chart::hccs_json(*in.score, [](const Evidence& e) { return json{{"code_id", e.evidence_id}, {"code", e.code}}; });
  chart::add_score_json(*in.score, in.sex, item);
  const auto reasons = review_reasons(in, model);
  item["needs_review"] = !reasons.empty();
  item["review_reasons"] = reasons;
  return item;
}

}  // namespace chartflow::hcc::stage
