#include "review_service.hpp"

#include "evidence_map.hpp"
#include "reimbursement_view.hpp"

#include <algorithm>
#include <set>

namespace chartflow::review {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSearchResults = 200;

std::string first_document_type(const json& record, const char* key) {
  const auto& types = record.value("document_types", json::array());
  return types.empty() ? "" : types[0].value(key, "");
}

// The distinct reasons the chart needs a look: codes still proposed, pages, tumours, the review.
std::vector<std::string> flags_of(const json& record, const ReviewState& state) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  const auto add = [&](const std::string& f) {
    if (!f.empty() && seen.insert(f).second) out.push_back(f);
  };
  for (const auto& c : state.codes)
    if (c.state == CodeState::proposed)
      for (const auto& r : c.review_reasons) add(r);
  for (const auto& p : record.value("pages", json::array()))
    for (const auto& r : p.value("review_reasons", json::array()))
      if (r.is_string()) add(r.get<std::string>());
  for (const auto& t : state.tumors) {
    const json fields = t.value("fields", json::object());  // named: items() must not outlive it
    for (const auto& [name, f] : fields.items())
      if (f.value("needs_review", false) && !f.value("edited", false)) add(name + ": " + f.value("reason", "check the value"));
  }
  for (const auto& f : state.flags) add(f);
  return out;
}

json worklist_row(const LoadedRecord& record, const ReviewState& state, const std::string& decided_at) {
  const json& r = record.json;
  const auto& document = r.value("document", json::object());
  json codes = json::array();
  std::size_t needing_review = 0, final_codes = 0;
  std::string policy;
  for (const auto& c : state.codes) {
    if (c.is_final()) ++final_codes, codes.push_back(c.code);
    if (c.state == CodeState::proposed && c.needs_review) ++needing_review;
  }
  for (const auto& c : r.value("codes", json::array()))
    if (policy.empty()) policy = c.value("policy", "");
  return {{"id", record.id},
          {"source_name", document.value("source", json::object()).value("name", "")},
          {"media_type", document.value("media_type", "")},
          {"page_count", document.value("page_count", 0)},
          {"document_type", first_document_type(r, "type")},
          {"document_type_display", first_document_type(r, "display")},
          {"policy", policy},
          {"kind", r.value("tumors", json::array()).empty() ? "coding" : "registry"},
          {"status", status_name(state.status)},
          {"code_count", final_codes},
          {"codes_needing_review", needing_review},
          {"codes", std::move(codes)},
          {"flags", flags_of(r, state)},
          {"open_queries", state.open_queries()},
          {"changed", state.changed},
          {"decided_at", decided_at}};
}

json spans_for_client(const json& spans, const EvidenceMap& map, std::vector<PageBox>& boxes) {
  json out = json::array();
  for (const auto& e : spans) {
    const auto span = parse_span(e);
    if (!span) continue;
    out.push_back({{"view", span->view}, {"begin", span->begin}, {"end", span->end}, {"text", map.text(*span)}});
    for (const auto& b : map.boxes(*span)) boxes.push_back(b);
  }
  return out;
}

}  // namespace

Reply json_reply(int status, const json& body) { return {status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace), ""}; }
Reply error_reply(int status, const std::string& message) { return json_reply(status, {{"error", message}}); }

ReviewService::ReviewService(RecordFolder& records, DecisionStore& store, const CodeLookup* codes, PageImages& pages,
                             std::vector<QueryTemplate> templates)
    : records_(records), store_(store), codes_(codes), pages_(pages), templates_(std::move(templates)) {}

CodeFinder ReviewService::code_finder() const {
  return [codes = codes_](const std::string& system, const std::string& code) -> std::optional<CodeFacts> {
    return codes ? codes->find(system, code) : std::nullopt;
  };
}

ReviewState ReviewService::state_of(const LoadedRecord& record) const {
  return replay(record.json, record.sha256, store_.for_document(record.id), code_finder());
}

json ReviewService::review_for_client(const ReviewState& state, const json& record) const {
  const EvidenceMap map(record);
  json review = review_json(state);
  for (auto& c : review["codes"]) {
    std::vector<PageBox> boxes;
    c["evidence"] = spans_for_client(c["evidence"], map, boxes);
    c["boxes"] = boxes_json(boxes);
  }
  for (auto& t : review["tumors"])
    for (auto& [name, f] : t["fields"].items()) {
      std::vector<PageBox> boxes;
      f["evidence"] = spans_for_client(f["evidence"], map, boxes);
      f["boxes"] = boxes_json(boxes);
    }
  review["reimbursement"] = reimbursement_json(record, state, map, templates_, regrouper_);
  return review;
}

Reply ReviewService::worklist() {
  const auto latest = store_.latest_decisions();
  const auto ids = records_.ids();
  records_.prefetch(ids);
  json rows = json::array();
  for (const auto& id : ids) {
    const auto record = records_.slim(id);
    if (!record) continue;
    const auto decided = latest.find(id);
    const std::int64_t last_seq = decided == latest.end() ? 0 : decided->second.first;
    {
      std::lock_guard lock(rows_mutex_);
      if (const auto it = rows_.find(id); it != rows_.end() && it->second.record_sha256 == record->sha256 && it->second.last_seq == last_seq) {
        rows.push_back(it->second.row);
        continue;
      }
    }
    const auto decisions = last_seq ? store_.for_document(id) : std::vector<Decision>{};
    json row = worklist_row(*record, replay(record->json, record->sha256, decisions, code_finder()), decisions.empty() ? "" : decisions.back().at);
    std::lock_guard lock(rows_mutex_);
    rows_[id] = {record->sha256, last_seq, row};
    rows.push_back(std::move(row));
  }
  const auto total = rows.size();
  return json_reply(200, {{"documents", std::move(rows)}, {"total", total}});
}

Reply ReviewService::chart(const std::string& id, const Actor& actor) {
  const auto record = records_.load(id);
  if (!record) return error_reply(404, "no record " + id + " in this output folder");
  store_.audit(AuditEvent::view_chart, actor.user, id);
  return json_reply(200, {{"record", record->json}, {"review", review_for_client(state_of(*record), record->json)}});
}

Reply ReviewService::page(const std::string& id, const std::string& number, const Actor& actor) {
  const auto record = records_.slim(id);
  if (!record) return error_reply(404, "no record " + id + " in this output folder");
  int n = 0;
  if (number.empty() || number.size() > 5 || !std::all_of(number.begin(), number.end(), ::isdigit) || (n = std::stoi(number)) < 1 ||
      n > static_cast<int>(record->json["pages"].size()))
    return error_reply(404, "the record has no page " + number);
  // A PDF page is rendered at the resolution its boxes were measured in (300 dpi scans, 72 dpi
  // text layers shown at 2x); the slim copy has it, so a page costs no parse of the whole record.
  const int dpi = static_cast<int>(record->json["pages"][static_cast<std::size_t>(n - 1)].value("dpi_x", 150.0));
  store_.audit(AuditEvent::view_page, actor.user, id, "page " + std::to_string(n));
  const PageImage image = pages_.render(record->json["document"], n, dpi <= 72 ? 144 : std::clamp(dpi, 72, 300));
  if (image.http_status != 200) return error_reply(image.http_status, image.error);
  return {200, "image/png", image.png, ""};
}

Reply ReviewService::search_codes(const std::string& query, const std::string& system, const std::string& limit) const {
  if (!codes_) return error_reply(503, "the code sets are not installed (the clinical-coding plugin was not found in the plugin path)");
  std::size_t n = 30;
  if (!limit.empty()) {
    if (limit.size() > 4 || !std::all_of(limit.begin(), limit.end(), ::isdigit)) return error_reply(400, "limit must be a number");
    n = std::clamp<std::size_t>(std::stoul(limit), 1, kMaxSearchResults);
  }
  if (query.size() > 200) return error_reply(400, "the search is longer than 200 characters");
  json results = json::array();
  for (const auto& hit : codes_->search(query, system, n))
    results.push_back({{"system", hit.system}, {"code", hit.code}, {"title", hit.title}, {"billable", hit.billable}});
  return json_reply(200, {{"results", std::move(results)}});
}

Reply ReviewService::check_code(const std::string& system, const std::string& code, const std::string& doc_id) {
  if (!codes_) return error_reply(503, "the code sets are not installed (the clinical-coding plugin was not found in the plugin path)");
  const auto facts = codes_->find(system, code);
  json out = {{"system", system}, {"code", code}, {"exists", facts.has_value()}, {"billable", facts && facts->billable},
              {"title", facts ? facts->title : ""}, {"conflicts", json::array()}};
  if (!doc_id.empty()) {
    const auto record = records_.slim(doc_id);
    if (!record) return error_reply(404, "no record " + doc_id + " in this output folder");
    std::vector<std::string> others;
    for (const auto& c : state_of(*record).codes)
      if (c.is_final() && c.system == system) others.push_back(c.code);
    for (const auto& conflict : codes_->conflicts(system, code, others))
      out["conflicts"].push_back({{"kind", conflict.kind}, {"with", conflict.with}, {"message", conflict.message}});
  }
  return json_reply(200, out);
}

Reply ReviewService::query_suggestions(const std::string& id) {
  const auto record = records_.load(id);
  if (!record) return error_reply(404, "no record " + id + " in this output folder");
  return json_reply(200, {{"suggestions", suggest_queries(templates_, record->json, state_of(*record))}});
}

Reply ReviewService::query_file(const std::string& id, const std::string& query_id, const std::string& format) {
  const auto record = records_.slim(id);
  if (!record) return error_reply(404, "no record " + id + " in this output folder");
  for (const auto& q : state_of(*record).queries) {
    if (q.id != query_id) continue;
    if (format == "txt") return {200, "text/plain; charset=utf-8", q.text, id + "-" + q.id + ".txt"};
    return {200, "application/pdf", query_pdf(q.text), id + "-" + q.id + ".pdf"};
  }
  return error_reply(404, "no query " + query_id + " on " + id);
}

}  // namespace chartflow::review
