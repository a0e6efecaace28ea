// Decisions, checked against the document's review as it stands before they are stored: a code
// that does not exist or is not billable, a rejection without a reason, an approval while a
// flagged code is undecided: refused with why, and nothing is written.
#include "review_service.hpp"

#include "evidence_map.hpp"

#include <regex>

namespace chartflow::review {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxReason = 1000;

std::string text_field(const json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
}

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

json code_snapshot(const ReviewCode& c) {
  return {{"code", c.code}, {"system", c.system}, {"state", code_state_name(c.state)}, {"role", c.role}, {"evidence", c.evidence}};
}

// What a registry abstract field may hold (NAACCR item formats); other fields: short printable text.
std::optional<std::string> abstract_value_problem(const std::string& field, const std::string& value) {
  static const std::map<std::string, std::pair<std::regex, const char*>> formats = {
      {"primarySite", {std::regex("C[0-9]{3}"), "an ICD-O-3 topography code such as C504"}},
      {"histologicTypeIcdO3", {std::regex("[89][0-9]{3}"), "a four-digit ICD-O-3 morphology code such as 8500"}},
      {"behaviorCodeIcdO3", {std::regex("[0-3]"), "0, 1, 2 or 3"}},
      {"laterality", {std::regex("[0-59]"), "0-5 or 9 (NAACCR item 410)"}},
      {"dateOfDiagnosis", {std::regex("(19|20)[0-9]{2}((0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])?)?"), "YYYYMMDD, YYYYMM or YYYY"}},
      {"diagnosticConfirmation", {std::regex("[1-9]"), "1-9 (NAACCR item 490)"}},
  };
  if (value.empty()) return std::nullopt;  // blank: the registrar clears a value the text does not support
  if (const auto it = formats.find(field); it != formats.end())
    return std::regex_match(value, it->second.first) ? std::nullopt : std::optional<std::string>(std::string("must be ") + it->second.second);
  if (field.starts_with("grade")) return std::regex_match(value, std::regex("[1-9A-EHLMSUX]")) ? std::nullopt : std::optional<std::string>("must be a grade code (1-9, A-E, H, L, M, S, U, X)");
  if (value.size() > 32 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c < 0x7f; }))
    return "must be at most 32 printable ASCII characters";
  return std::nullopt;
}

}  // namespace

Reply ReviewService::decide(const std::string& id, const json& body, const Actor& actor) {
  if (actor.role != Role::coder) return error_reply(403, "a reader cannot change reviews");
  if (!body.is_object()) return error_reply(400, "the decision must be a JSON object");
  std::lock_guard lock(decide_mutex_);
  const auto record = records_.load(id);
  if (!record) return error_reply(404, "no record " + id + " in this output folder");
  const ReviewState state = state_of(*record);
  Decision d;
  d.doc_id = id;
  d.record_sha256 = record->sha256;
  d.user = actor.user;
  if (Reply refused = check_decision(body, state, *record, d); refused.status != 200) return refused;
  return store_and_reply(std::move(d), *record);
}

Reply ReviewService::store_and_reply(Decision decision, const LoadedRecord& record) {
  store_.append(std::move(decision));
  return json_reply(200, review_for_client(state_of(record), record.json));
}

Reply ReviewService::check_decision(const json& body, const ReviewState& state, const LoadedRecord& record, Decision& d) const {
  const auto action = parse_action(text_field(body, "action"));
  if (!action || *action == Action::query_create || *action == Action::query_update)
    return error_reply(400, "\"action\" must be one of accept, reject, edit, add, principal, reopen, abstract, status");
  d.action = *action;
  const std::string reason = trimmed(text_field(body, "reason"));
  if (reason.size() > kMaxReason) return error_reply(422, "the reason is longer than 1000 bytes");
  d.reason = reason;
  if (d.action != Action::status && state.status == DocumentStatus::approved)
    return error_reply(409, "the document is approved; set it back in progress before changing it");
  switch (d.action) {
    case Action::add: return check_add(body, state, record, d);
    case Action::abstract: return check_abstract(body, state, d);
    case Action::status: return check_status(body, state, d);
    default: return check_code_decision(body, state, d);
  }
}

Reply ReviewService::check_code_decision(const json& body, const ReviewState& state, Decision& d) const {
  d.key = text_field(body, "key");
  const ReviewCode* code = state.find(d.key);
  if (!code) return error_reply(404, "no code '" + d.key + "' in this document");
  d.before = code_snapshot(*code);
  if (d.action == Action::reject && d.reason.empty()) return error_reply(422, "say why the code is rejected (\"reason\")");
  if (d.action == Action::principal && (!code->is_diagnosis() || !code->is_final()))
    return error_reply(422, "only a diagnosis that is not rejected can be the principal / first-listed diagnosis");
  if (d.action == Action::edit) {
    const std::string to = trimmed(text_field(body, "code"));
    if (!codes_) return error_reply(503, "the code sets are not installed, so no code can be checked");
    const auto facts = codes_->find(code->system, to);
    if (!facts) return error_reply(422, "'" + to + "' is not a " + code->system + " code (" + codes_->version(code->system) + ")");
    if (!facts->billable) return error_reply(422, to + " (" + facts->title + ") is a header, not a billable code: choose one of its subcodes");
    d.after = {{"code", to}, {"display", facts->title}};
    return {};
  }
  if (d.action == Action::principal) {
    bool first_listed = false;  // the role the coding stage gives the first diagnosis of this chart
    for (const auto& c : state.codes) first_listed = first_listed || c.role == "first_listed";
    d.after = {{"role", first_listed ? "first_listed" : "principal"}, {"sequence", 1}};
    return {};
  }
  d.after = {{"state", d.action == Action::reject ? "rejected" : d.action == Action::reopen ? "proposed" : "accepted"}};
  return {};
}

Reply ReviewService::check_add(const json& body, const ReviewState& state, const LoadedRecord& record, Decision& d) const {
  const std::string system = text_field(body, "system"), code = trimmed(text_field(body, "code"));
  if (!codes_) return error_reply(503, "the code sets are not installed, so no code can be checked");
  const auto facts = codes_->find(system, code);
  if (!facts) return error_reply(422, "'" + code + "' is not a code of " + (system.empty() ? "a known code set" : system));
  if (!facts->billable) return error_reply(422, code + " (" + facts->title + ") is a header, not a billable code: choose one of its subcodes");
  for (const auto& c : state.codes)
    if (c.is_final() && c.system == system && c.code == code) return error_reply(409, code + " is already among the document's codes");
  d.after = {{"system", system}, {"code", code}, {"display", facts->title}};
  if (body.contains("evidence") && !body["evidence"].is_null()) {
    const auto span = parse_span(body["evidence"]);
    const EvidenceMap map(record.json);
    if (!span || !map.has_view(span->view) || span->begin >= span->end || span->end > map.view_size(span->view))
      return error_reply(422, "\"evidence\" must be {view, begin, end} inside one of the record's views");
    d.after["evidence"] = {{"view", span->view}, {"begin", span->begin}, {"end", span->end}};
  }
  int repeat = 1;
  while (state.find("added|" + code_key(system, code, repeat))) ++repeat;
  d.key = "added|" + code_key(system, code, repeat);
  return {};
}

Reply ReviewService::check_abstract(const json& body, const ReviewState& state, Decision& d) const {
  const std::string tumor = text_field(body, "tumor"), field = text_field(body, "field"), value = trimmed(text_field(body, "value"));
  if (!std::regex_match(field, std::regex("[a-z][A-Za-z0-9]{0,63}"))) return error_reply(422, "\"field\" must be a NAACCR item id such as primarySite");
  const auto it = std::find_if(state.tumors.begin(), state.tumors.end(), [&](const json& t) { return t.value("id", "") == tumor; });
  if (it == state.tumors.end()) return error_reply(404, "no tumour '" + tumor + "' in this document");
  if (const auto problem = abstract_value_problem(field, value)) return error_reply(422, field + " " + *problem);
  d.key = tumor + "/" + field;
  d.before = {{"value", (*it)["fields"].contains(field) ? (*it)["fields"][field].value("value", "") : ""}};
  d.after = {{"value", value}};
  return {};
}

Reply ReviewService::check_status(const json& body, const ReviewState& state, Decision& d) const {
  const auto status = parse_status(text_field(body, "status"));
  if (!status || *status == DocumentStatus::to_review) return error_reply(400, "\"status\" must be approved, returned or in_progress");
  const std::string note = trimmed(text_field(body, "note"));
  if (note.size() > kMaxReason) return error_reply(422, "the note is longer than 1000 bytes");
  d.key = "document";
  d.reason = note.empty() ? d.reason : note;
  d.before = {{"status", status_name(state.status)}};
  d.after = {{"status", status_name(*status)}};
  if (*status == DocumentStatus::returned && d.reason.empty()) return error_reply(422, "say why the document is returned (\"note\")");
  if (*status != DocumentStatus::approved) return {};
  std::vector<std::string> undecided;
  json accepted = json::array();
  bool has_diagnosis = false, has_first = false;
  for (const auto& c : state.codes) {
    if (c.state == CodeState::proposed && (c.needs_review || c.evidence_changed)) undecided.push_back(c.code);
    else if (c.state == CodeState::proposed) accepted.push_back(c.key);
    if (c.is_final() && c.is_diagnosis()) has_diagnosis = true, has_first = has_first || c.role == "principal" || c.role == "first_listed";
  }
  if (!undecided.empty()) {
    std::string list;
    for (const auto& c : undecided) list += (list.empty() ? "" : ", ") + c;
    return error_reply(409, "decide the codes flagged for review first: " + list);
  }
  if (state.open_queries() > 0) return error_reply(409, std::to_string(state.open_queries()) + " physician query is still open: record its answer or withdraw it first");
  if (has_diagnosis && !has_first) return error_reply(409, "choose the principal / first-listed diagnosis first");
  d.after["accepted"] = std::move(accepted);
  return {};
}

Reply ReviewService::create_query(const std::string& id, const json& body, const Actor& actor) {
  if (actor.role != Role::coder) return error_reply(403, "a reader cannot write queries");
  std::lock_guard lock(decide_mutex_);
  const auto record = records_.load(id);
  if (!record) return error_reply(404, "no record " + id + " in this output folder");
  Decision d;
  d.doc_id = id;
  d.record_sha256 = record->sha256;
  d.user = actor.user;
  d.action = Action::query_create;
  d.at = utc_now();
  try {
    d.after = make_query(body, record->json, actor.user, d.at);
  } catch (const std::invalid_argument& e) {
    return error_reply(422, e.what());
  }
  d.key = "q" + std::to_string(state_of(*record).queries.size() + 1);
  return store_and_reply(std::move(d), *record);
}

Reply ReviewService::update_query(const std::string& id, const std::string& query_id, const json& body, const Actor& actor) {
  if (actor.role != Role::coder) return error_reply(403, "a reader cannot change queries");
  if (!body.is_object()) return error_reply(400, "the update must be a JSON object");
  std::lock_guard lock(decide_mutex_);
  const auto record = records_.load(id);
  if (!record) return error_reply(404, "no record " + id + " in this output folder");
  const ReviewState state = state_of(*record);
  const auto q = std::find_if(state.queries.begin(), state.queries.end(), [&](const ReviewQuery& x) { return x.id == query_id; });
  if (q == state.queries.end()) return error_reply(404, "no query " + query_id + " on " + id);
  const std::string status = text_field(body, "status"), answer = trimmed(text_field(body, "answer"));
  if (status != "answered" && status != "withdrawn") return error_reply(400, "\"status\" must be answered or withdrawn");
  if (status == "answered" && answer.empty()) return error_reply(422, "record the physician's answer (\"answer\")");
  if (answer.size() > kMaxReason * 4) return error_reply(422, "the answer is longer than 4000 bytes");
  Decision d;
  d.doc_id = id;
  d.record_sha256 = record->sha256;
  d.user = actor.user;
  d.action = Action::query_update;
  d.key = query_id;
  d.before = {{"status", q->status}};
  d.after = {{"status", status}, {"answer", answer}};
  return store_and_reply(std::move(d), *record);
}

}  // namespace chartflow::review
