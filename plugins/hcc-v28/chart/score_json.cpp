#include "score_json.hpp"

#include <cmath>

namespace chartflow::hcc::chart {
namespace {

using json = nlohmann::json;

// The model sums factors in millionths; three decimals are what CMS publishes and analysts read,
// and rounding here keeps 0.1 + 0.2 from printing as 0.30000000000000004.
double thousandths(double v) { return std::round(v * 1000.0) / 1000.0; }

json terms_json(const Score& s) {
  json terms = json::array();
  for (const Term& t : s.terms) {
    json term = {{"variable", t.variable}, {"kind", to_string(t.kind)}, {"coefficient", thousandths(t.coefficient)}};
    if (!t.hccs.empty()) term["hccs"] = t.hccs;
    terms.push_back(std::move(term));
  }
  return terms;
}

}  // namespace

json hccs_json(const ChartScore& s, const EvidenceJson& evidence) {
  json out = json::array();
  for (const HccOutcome& h : s.score.hccs) {
    json e = json::array();
    for (const Evidence& ev : h.evidence) e.push_back(evidence(ev));
    json hcc = {{"hcc", h.hcc}, {"label", h.label}, {"status", to_string(h.fate)}};
    if (h.fate == HccFate::DroppedByHierarchy) hcc["dropped_by"] = h.dropped_by;
    hcc["evidence"] = std::move(e);
    out.push_back(std::move(hcc));
  }
  return out;
}

void add_score_json(const ChartScore& s, Sex sex, json& out) {
  out["status"] = s.scored ? "scored" : "not_scored";
  if (!s.scored) {
    out["not_scored_reason"] = to_string(s.not_scored);
    out["reason"] = s.reason;
  }
  if (s.payment_year) out["payment_year"] = *s.payment_year;
  if (s.age) out["age"] = *s.age;
  out["sex"] = to_string(sex);
  if (s.scored) {
    out["segment"] = to_string(s.score.segment);
    out["segment_basis"] = to_string(s.segment_basis);
  }
  out["payment_hccs"] = s.score.payment_hccs;
  out["payment_hcc_count"] = s.score.payment_hcc_count;
  if (!s.scored) return;
  out["interactions"] = s.score.interactions;
  if (!s.score.count_variable.empty()) out["count_variable"] = s.score.count_variable;
  out["raw_score"] = thousandths(s.score.raw_score);
  out["demographic_score"] = thousandths(s.score.demographic_score);
  out["disease_score"] = thousandths(s.score.disease_score);
  out["terms"] = terms_json(s.score);
}

}  // namespace chartflow::hcc::chart
