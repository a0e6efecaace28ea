// The decisions out of the workstation (CSV or JSON), and how often chartflow's proposals were
// right: per code and per rule path, the feedback that shows which coding rules to fix.
#include "review_export.hpp"

#include "review_service.hpp"

#include <chartflow/csv.hpp>

#include <map>

namespace chartflow::review {
namespace {

using nlohmann::json;

// "index: acute Appendicitis -> K35.80; ..." -> "index": the kind of rule, without the words.
std::string rule_path(const std::string& rule) {
  const auto colon = rule.find(':');
  return colon == std::string::npos ? rule : rule.substr(0, colon);
}

struct Tally {
  std::size_t accepted = 0, edited = 0, rejected = 0;
  json as_json(const std::string& key_name, const std::string& key) const {
    const std::size_t decided = accepted + edited + rejected;
    return {{key_name, key}, {"accepted", accepted}, {"edited", edited}, {"rejected", rejected},
            {"precision", decided ? static_cast<double>(accepted) / static_cast<double>(decided) : 0.0}};
  }
  void add(CodeState s) {
    if (s == CodeState::accepted) ++accepted;
    else if (s == CodeState::edited) ++edited;
    else if (s == CodeState::rejected) ++rejected;
  }
};

}  // namespace

std::string decisions_csv(const std::vector<Decision>& decisions) {
  std::string out = "seq,at,user,doc_id,action,key,before,after,reason,record_sha256\n";
  for (const auto& d : decisions) {
    const std::string before = d.before.value("code", d.before.value("value", d.before.value("status", "")));
    std::string after = d.after.value("code", d.after.value("value", d.after.value("status", d.after.value("state", d.after.value("role", "")))));
    if (d.after.contains("accepted") && d.after["accepted"].is_array() && !d.after["accepted"].empty()) {
      after += " (accepting";  // the undecided proposals an approval accepted, so the CSV alone tells all
      for (const auto& key : d.after["accepted"]) after += " " + key.get<std::string>();
      after += ")";
    }
    for (const std::string& f : {std::to_string(d.seq), d.at, d.user, d.doc_id, std::string(action_name(d.action)), d.key, before, after, d.reason})
      out += sdk::csv_cell(f) + ",";
    out += d.record_sha256 + "\n";
  }
  return out;
}

json proposal_agreement(const std::vector<ReviewState>& reviewed) {
  std::map<std::string, Tally> by_code, by_rule;
  std::map<std::string, std::size_t> added;
  Tally all;
  std::size_t documents = 0;
  for (const auto& state : reviewed) {
    if (state.decisions.empty()) continue;
    ++documents;
    for (const auto& c : state.codes) {
      if (c.state == CodeState::added) {
        ++added[c.system + " " + c.code];
        continue;
      }
      // In an approved document an undecided proposal was accepted with the approval.
      const CodeState s = c.state == CodeState::proposed && state.status == DocumentStatus::approved ? CodeState::accepted : c.state;
      if (s == CodeState::proposed) continue;
      by_code[c.system + " " + c.proposed_code].add(s);
      by_rule[rule_path(c.rule)].add(s);
      all.add(s);
    }
  }
  json codes = json::array(), rules = json::array(), missed = json::array();
  for (const auto& [code, t] : by_code) codes.push_back(t.as_json("code", code));
  for (const auto& [rule, t] : by_rule) rules.push_back(t.as_json("rule", rule));
  for (const auto& [code, n] : added) missed.push_back({{"code", code}, {"added", n}});
  json out = all.as_json("scope", "all proposals decided");
  out["documents_reviewed"] = documents;
  out["by_code"] = std::move(codes);
  out["by_rule"] = std::move(rules);
  out["added_by_coders"] = std::move(missed);
  return out;
}

Reply ReviewService::export_decisions(const std::string& format, const Actor& actor) {
  store_.audit(AuditEvent::export_decisions, actor.user, "", format);
  const auto decisions = store_.all();
  if (format == "csv") return {200, "text/csv; charset=utf-8", decisions_csv(decisions), "decisions.csv"};
  json out = json::array();
  for (const auto& d : decisions) out.push_back(decision_json(d));
  return {200, "application/json", json({{"decisions", std::move(out)}}).dump(1), "decisions.json"};
}

Reply ReviewService::agreement() {
  std::vector<ReviewState> states;
  for (const auto& id : records_.ids())
    if (const auto record = records_.slim(id)) states.push_back(state_of(*record));
  return json_reply(200, proposal_agreement(states));
}

}  // namespace chartflow::review
