#include "review_state.hpp"

#include <algorithm>
#include <map>

namespace chartflow::review {
namespace {

using nlohmann::json;

std::vector<std::string> strings(const json& array) {
  std::vector<std::string> out;
  if (array.is_array())
    for (const auto& s : array)
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

bool is_first_role(const std::string& role) { return role == "principal" || role == "first_listed"; }

// The proposals, before any decision.
std::vector<ReviewCode> proposed_codes(const json& record) {
  std::vector<ReviewCode> codes;
  std::map<std::string, int> repeats;
  for (const auto& c : record.value("codes", json::array())) {
    ReviewCode rc;
    rc.system = c.value("system", "");
    rc.code = rc.proposed_code = c.value("code", "");
    rc.key = code_key(rc.system, rc.code, ++repeats[rc.system + "|" + rc.code]);
    rc.code_id = c.value("id", "");
    rc.display = c.value("display", "");
    rc.role = c.value("role", "");
    rc.sequence = c.value("sequence", 0);
    rc.rule = c.value("rule", "");
    rc.confidence = c.value("confidence", 0.0);
    rc.needs_review = c.value("needs_review", false);
    rc.billable = !c.value("partial", false);
    rc.review_reasons = strings(c.value("review_reasons", json::array()));
    rc.mention_ids = strings(c.value("mention_ids", json::array()));
    rc.evidence = c.value("evidence", json::array());
    rc.record_index = codes.size();
    codes.push_back(std::move(rc));
  }
  return codes;
}

json proposed_tumors(const json& record) {
  json tumors = json::array();
  for (const auto& t : record.value("tumors", json::array())) {
    json fields = json::object();
    const json proposed = t.value("fields", json::object());  // named: items() must not outlive it
    for (const auto& [name, f] : proposed.items()) {
      fields[name] = {{"value", f.value("value", "")},      {"proposed", f.value("value", "")},
                      {"edited", false},                    {"display", f.value("display", "")},
                      {"needs_review", f.value("needs_review", false)}, {"reason", f.value("reason", "")},
                      {"evidence", f.value("evidence", json::array())}};
    }
    tumors.push_back({{"id", t.value("id", "")}, {"status", t.value("status", "")}, {"reasons", t.value("reasons", json::array())},
                      {"fields", std::move(fields)}});
  }
  return tumors;
}

// The role the first diagnosis takes in this record: what the coding stage used, else principal.
std::string first_role(const std::vector<ReviewCode>& codes) {
  for (const auto& c : codes)
    if (is_first_role(c.role)) return c.role;
  return "principal";
}

void make_principal(ReviewState& state, ReviewCode& chosen) {
  const std::string role = first_role(state.codes);
  for (auto& c : state.codes)
    if (&c != &chosen && is_first_role(c.role)) c.role = "secondary";
  chosen.role = role;
}

// Final order: the principal / first-listed diagnosis, the other diagnoses, then procedures and
// supplies, each in the record's order; rejected codes get no sequence.
void resequence(std::vector<ReviewCode>& codes) {
  std::vector<ReviewCode*> order;
  for (auto& c : codes) {
    c.sequence = 0;
    if (c.is_final()) order.push_back(&c);
  }
  auto rank = [](const ReviewCode* c) { return is_first_role(c->role) ? 0 : c->is_diagnosis() ? 1 : 2; };
  std::stable_sort(order.begin(), order.end(), [&](const ReviewCode* a, const ReviewCode* b) {
    return rank(a) != rank(b) ? rank(a) < rank(b) : a->record_index < b->record_index;
  });
  int sequence = 0;
  for (auto* c : order) c->sequence = ++sequence;
}

class Replayer {
 public:
  Replayer(ReviewState& state, const CodeFinder& find_code) : state_(state), find_code_(find_code) {}

  void apply(const Decision& d) {
    switch (d.action) {
      case Action::accept:
      case Action::reject:
      case Action::edit:
      case Action::principal:
      case Action::reopen: return on_code(d);
      case Action::add: return on_add(d);
      case Action::abstract: return on_abstract(d);
      case Action::status: return on_status(d);
      case Action::query_create: return on_query_create(d);
      case Action::query_update: return on_query_update(d);
    }
  }

  std::string approval_sha;  // the record an approval in force was made on
  bool any_decision = false, status_set = false;

 private:
  void on_code(const Decision& d) {
    ReviewCode* code = state_.find(d.key);
    if (!code) {
      state_.flags.push_back(std::string("a decision (") + action_name(d.action) + " " + d.key +
                             ") refers to a code this version of the record no longer proposes");
      return;
    }
    any_decision = true;
    if (d.before.contains("evidence") && d.before["evidence"] != code->evidence && code->state != CodeState::added)
      code->evidence_changed = true;
    switch (d.action) {
      case Action::accept:
        if (code->state != CodeState::edited && code->state != CodeState::added) code->state = CodeState::accepted;
        break;
      case Action::reject:
        code->state = CodeState::rejected;
        code->reason = d.reason;
        if (is_first_role(code->role)) code->role = code->is_diagnosis() ? "secondary" : code->role;
        break;
      case Action::edit: edit(*code, d); break;
      case Action::principal: make_principal(state_, *code); break;
      default:  // reopen
        code->state = code->proposed_code.empty() ? CodeState::added : CodeState::proposed;
        if (!code->proposed_code.empty()) code->code = code->proposed_code;
        code->reason.clear();
    }
  }

  void edit(ReviewCode& code, const Decision& d) {
    code.code = d.after.value("code", code.code);
    code.state = code.proposed_code.empty() ? CodeState::added : CodeState::edited;
    code.reason = d.reason;
    const auto facts = find_code_(code.system, code.code);
    code.display = facts ? facts->title : d.after.value("display", "");
    code.billable = facts && facts->billable;
  }

  void on_add(const Decision& d) {
    any_decision = true;
    ReviewCode code;
    code.key = d.key;
    code.system = d.after.value("system", "");
    code.code = d.after.value("code", "");
    const auto facts = find_code_(code.system, code.code);
    code.display = facts ? facts->title : "";
    code.billable = facts && facts->billable;
    code.state = CodeState::added;
    code.role = code.is_diagnosis() ? "secondary" : "procedure";
    code.rule = "added by the coder (" + d.user + ")";
    code.confidence = 1.0;
    if (d.after.contains("evidence") && d.after["evidence"].is_object()) code.evidence.push_back(d.after["evidence"]);
    code.record_index = state_.codes.size() + 1000;  // after every proposal
    state_.codes.push_back(std::move(code));
  }

  void on_abstract(const Decision& d) {
    any_decision = true;
    const auto slash = d.key.find('/');
    const std::string tumor_id = d.key.substr(0, slash), field = slash == std::string::npos ? "" : d.key.substr(slash + 1);
    for (auto& t : state_.tumors) {
      if (t.value("id", "") != tumor_id) continue;
      auto& f = t["fields"][field];
      if (!f.contains("proposed")) f = {{"proposed", ""}, {"display", ""}, {"needs_review", false}, {"evidence", json::array()}};
      f["value"] = d.after.value("value", "");
      f["edited"] = f["value"] != f["proposed"];
      f["reason"] = d.reason;
      return;
    }
    state_.flags.push_back("a decision (abstract " + d.key + ") refers to a tumour this version of the record does not have");
  }

  void on_status(const Decision& d) {
    const auto status = parse_status(d.after.value("status", ""));
    if (!status) return;
    state_.status = *status;
    status_set = true;
    approval_sha = *status == DocumentStatus::approved ? d.record_sha256 : "";
    if (*status != DocumentStatus::approved) return;
    for (const auto& key : strings(d.after.value("accepted", json::array())))
      if (auto* code = state_.find(key); code && code->state == CodeState::proposed) code->state = CodeState::accepted;
  }

  void on_query_create(const Decision& d) {
    ReviewQuery q;
    q.id = d.key;
    q.status = "open";
    q.template_id = d.after.value("template", "");
    q.title = d.after.value("title", "");
    q.text = d.after.value("text", "");
    q.content = d.after;
    q.created_by = d.user;
    q.created_at = d.at;
    state_.queries.push_back(std::move(q));
  }

  void on_query_update(const Decision& d) {
    for (auto& q : state_.queries)
      if (q.id == d.key) {
        q.status = d.after.value("status", q.status);
        q.answer = d.after.value("answer", q.answer);
      }
  }

  ReviewState& state_;
  const CodeFinder& find_code_;
};

}  // namespace

const char* code_state_name(CodeState state) {
  switch (state) {
    case CodeState::proposed: return "proposed";
    case CodeState::accepted: return "accepted";
    case CodeState::rejected: return "rejected";
    case CodeState::edited: return "edited";
    case CodeState::added: return "added";
  }
  return "?";
}

std::string code_key(const std::string& system, const std::string& code, int repeat) {
  return system + "|" + code + (repeat > 1 ? "#" + std::to_string(repeat) : "");
}

ReviewCode* ReviewState::find(const std::string& key) {
  for (auto& c : codes)
    if (c.key == key) return &c;
  return nullptr;
}
const ReviewCode* ReviewState::find(const std::string& key) const { return const_cast<ReviewState*>(this)->find(key); }

std::size_t ReviewState::open_queries() const {
  return static_cast<std::size_t>(std::count_if(queries.begin(), queries.end(), [](const auto& q) { return q.status == "open"; }));
}

std::size_t ReviewState::undecided_needing_review() const {
  return static_cast<std::size_t>(
      std::count_if(codes.begin(), codes.end(), [](const auto& c) { return c.state == CodeState::proposed && (c.needs_review || c.evidence_changed); }));
}

ReviewState replay(const json& record, const std::string& record_sha256, const std::vector<Decision>& decisions, const CodeFinder& find_code) {
  ReviewState state;
  state.codes = proposed_codes(record);
  state.tumors = proposed_tumors(record);
  Replayer replayer(state, find_code);
  for (const auto& d : decisions) {
    if (d.record_sha256 != record_sha256) state.changed = true;
    replayer.apply(d);
    state.decisions.push_back(d);
  }
  if (!replayer.status_set) state.status = replayer.any_decision ? DocumentStatus::in_progress : DocumentStatus::to_review;
  if (state.status == DocumentStatus::approved && replayer.approval_sha != record_sha256) {
    state.status = DocumentStatus::in_progress;
    state.flags.push_back("the record changed after it was approved (the pipeline ran again): check it and approve it again");
  }
  for (const auto& c : state.codes)
    if (c.evidence_changed)
      state.flags.push_back("the evidence of " + c.code + " is not where it was when it was decided: check the decision");
  resequence(state.codes);
  return state;
}

json review_json(const ReviewState& state) {
  json codes = json::array();
  for (const auto& c : state.codes) {
    codes.push_back({{"key", c.key},
                     {"code_id", c.code_id},
                     {"system", c.system},
                     {"code", c.code},
                     {"display", c.display},
                     {"billable", c.billable},
                     {"role", c.role},
                     {"sequence", c.sequence},
                     {"state", code_state_name(c.state)},
                     {"proposed_code", c.proposed_code},
                     {"reason", c.reason},
                     {"confidence", c.confidence},
                     {"rule", c.rule},
                     {"needs_review", c.needs_review},
                     {"review_reasons", c.review_reasons},
                     {"mention_ids", c.mention_ids},
                     {"evidence", c.evidence},
                     {"evidence_changed", c.evidence_changed}});
  }
  json queries = json::array();
  for (const auto& q : state.queries)
    queries.push_back({{"id", q.id}, {"status", q.status}, {"template", q.template_id}, {"title", q.title}, {"text", q.text},
                       {"answer", q.answer}, {"created_by", q.created_by}, {"created_at", q.created_at}, {"content", q.content}});
  json decisions = json::array();
  for (const auto& d : state.decisions) decisions.push_back(decision_json(d));
  return {{"status", status_name(state.status)}, {"changed", state.changed}, {"flags", state.flags}, {"codes", std::move(codes)},
          {"tumors", state.tumors}, {"queries", std::move(queries)}, {"decisions", std::move(decisions)}};
}

}  // namespace chartflow::review
