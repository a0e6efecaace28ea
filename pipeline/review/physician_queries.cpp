#include "physician_queries.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace chartflow::review {
namespace embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_files();
}
namespace {

using nlohmann::json;

constexpr const char* kOther = "Other (please specify)";
constexpr const char* kUnable = "Unable to determine";
constexpr std::size_t kMaxIndicators = 6, kMaxQuote = 300, kMaxField = 4000;

std::vector<std::string> string_list(const json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& s : j)
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

using words::lower;

std::string humanize(std::string category) {
  std::replace(category.begin(), category.end(), '_', ' ');
  if (!category.empty()) category[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(category[0])));
  return category;
}

const json& items_of(const json& record, const char* key) {
  static const json none = json::array();
  return record.contains(key) && record[key].is_array() ? record[key] : none;
}

// The item of `items` (sections, sentences) whose span holds `span`'s start, in the same view.
const json* containing(const json& items, const Span& span) {
  for (const auto& item : items)
    if (item.value("view", "") == span.view && item.value("begin", std::size_t{0}) <= span.begin && span.begin < item.value("end", std::size_t{0}))
      return &item;
  return nullptr;
}

// A quoted clinical indicator: the sentence around the evidence, and where it is.
json indicator(const json& record, const EvidenceMap& map, const Span& span) {
  Span quoted = span;
  if (const json* sentence = containing(items_of(record, "sentences"), span))
    quoted = {span.view, sentence->value("begin", span.begin), sentence->value("end", span.end)};
  std::string location;
  if (const int page = map.page_of(span); page > 0) location = "page " + std::to_string(page);
  if (const json* section = containing(items_of(record, "sections"), span))
    location += (location.empty() ? "" : ", ") + humanize(section->value("category", "")) + " section";
  if (location.empty()) location = "characters " + std::to_string(span.begin) + "-" + std::to_string(span.end);
  std::string text = map.text(quoted, kMaxQuote);
  std::replace(text.begin(), text.end(), '\n', ' ');
  return {{"text", text}, {"location", location}, {"view", quoted.view}, {"begin", quoted.begin}, {"end", quoted.end}};
}

json code_indicators(const json& record, const EvidenceMap& map, const ReviewCode& code) {
  json out = json::array();
  for (const auto& e : code.evidence)
    if (const auto span = parse_span(e); span && out.size() < kMaxIndicators) out.push_back(indicator(record, map, *span));
  return out;
}

json suggestion(const QueryTemplate& t, json indicators, const std::string& subject) {
  std::vector<std::string> options = t.options;
  options.insert(options.end(), {kOther, kUnable});
  return {{"template", t.id}, {"title", t.title}, {"why", t.why + (subject.empty() ? "" : " (" + subject + ")")},
          {"question", t.question}, {"options", options}, {"indicators", std::move(indicators)}};
}

// Mentions by their first concept code, for the two mention triggers.
std::map<std::string, std::vector<const json*>> diagnosis_mentions(const json& record) {
  std::map<std::string, std::vector<const json*>> out;
  for (const auto& m : items_of(record, "mentions")) {
    if (m.value("kind", "") != "diagnosis") continue;
    const auto& concepts = m.value("concepts", json::array());
    if (!concepts.empty()) out[concepts[0].value("code", "")].push_back(&m);
  }
  return out;
}

void mention_suggestions(const QueryTemplate& t, const json& record, const EvidenceMap& map, json& out) {
  for (const auto& [concept_code, mentions] : diagnosis_mentions(record)) {
    std::set<std::string> statuses;
    for (const json* m : mentions) statuses.insert(m->value("assertion", json::object()).value("status", ""));
    const bool fires = t.trigger == QueryTrigger::uncertain_mention ? statuses.count("uncertain") != 0
                                                                    : statuses.count("affirmed") && statuses.count("negated");
    if (!fires) continue;
    json indicators = json::array();
    for (const json* m : mentions)
      if (const auto span = parse_span(*m); span && indicators.size() < kMaxIndicators) indicators.push_back(indicator(record, map, *span));
    out.push_back(suggestion(t, std::move(indicators), mentions.front()->value("matched_term", concept_code)));
  }
}

// Whether a code or title template triggers on `code` (the mention triggers never do).
bool fires_on(const QueryTemplate& t, const ReviewCode& code) {
  if (t.trigger == QueryTrigger::code) return std::find(t.codes.begin(), t.codes.end(), code.code) != t.codes.end();
  if (t.trigger != QueryTrigger::title_contains) return false;
  return std::any_of(t.phrases.begin(), t.phrases.end(), [&](const std::string& p) { return lower(code.display).find(p) != std::string::npos; });
}

std::string required_text(const json& body, const char* key) {
  if (!body.contains(key) || !body[key].is_string() || body[key].get<std::string>().empty())
    throw std::invalid_argument(std::string("the query needs \"") + key + "\" (text)");
  std::string value = body[key].get<std::string>();
  if (value.size() > kMaxField) throw std::invalid_argument(std::string("\"") + key + "\" is longer than 4000 bytes");
  return value;
}

}  // namespace

std::vector<QueryTemplate> parse_query_templates(const json& file, const std::string& where) {
  if (!file.is_object() || !file.contains("templates") || !file["templates"].is_array())
    throw std::runtime_error(where + ": expected {\"templates\": [...]}");
  std::vector<QueryTemplate> out;
  for (const auto& j : file["templates"]) {
    QueryTemplate t;
    t.id = j.value("id", "");
    const std::string what = where + ": template '" + t.id + "'";
    t.title = j.value("title", "");
    t.why = j.value("why", "");
    t.question = j.value("question", "");
    if (t.id.empty() || t.title.empty() || t.question.empty()) throw std::runtime_error(what + " needs id, title and question");
    const json trigger = j.value("trigger", json::object());
    const std::string kind = trigger.is_object() ? trigger.value("kind", "") : "";
    if (kind == "code") t.trigger = QueryTrigger::code;
    else if (kind == "title_contains") t.trigger = QueryTrigger::title_contains;
    else if (kind == "uncertain_mention") t.trigger = QueryTrigger::uncertain_mention;
    else if (kind == "conflicting_mentions") t.trigger = QueryTrigger::conflicting_mentions;
    else throw std::runtime_error(what + ": unknown trigger kind '" + kind + "' (code, title_contains, uncertain_mention, conflicting_mentions)");
    t.codes = string_list(trigger.value("codes", json::array()));
    t.phrases = string_list(trigger.value("phrases", json::array()));
    for (auto& p : t.phrases) p = lower(p);
    t.options = string_list(j.value("options", json::array()));
    if (t.options.empty()) throw std::runtime_error(what + " needs options (Other and Unable to determine are added)");
    out.push_back(std::move(t));
  }
  return out;
}

const std::vector<QueryTemplate>& builtin_query_templates() {
  static const std::vector<QueryTemplate> templates = [] {
    for (const auto& [name, text] : embedded::embedded_files())
      if (name == "query-templates.json") return parse_query_templates(json::parse(text), "query-templates.json (built in)");
    return std::vector<QueryTemplate>{};
  }();
  return templates;
}

json suggest_queries(const std::vector<QueryTemplate>& templates, const json& record, const ReviewState& state) {
  const EvidenceMap map(record);
  json out = json::array();
  for (const auto& t : templates) {
    if (t.trigger == QueryTrigger::uncertain_mention || t.trigger == QueryTrigger::conflicting_mentions) {
      mention_suggestions(t, record, map, out);
      continue;
    }
    for (const auto& code : state.codes)
      if (code.is_final() && fires_on(t, code)) out.push_back(suggestion(t, code_indicators(record, map, code), code.code + " " + code.display));
  }
  return out;
}

json specificity_query(const std::vector<QueryTemplate>& templates, const json& record, const EvidenceMap& map, const ReviewCode& code,
                       const std::vector<std::string>& forms) {
  for (const auto& t : templates)
    if (fires_on(t, code)) return suggestion(t, code_indicators(record, map, code), code.code + " " + code.display);
  QueryTemplate t;
  t.id = "specificity";
  t.title = "Specificity: " + (code.display.empty() ? code.code : code.display);
  t.why = "A diagnosis is documented in an unspecified form.";
  t.question = "The record documents " + (code.display.empty() ? "a condition coded " + code.code : "\"" + code.display + "\"") +
               ". Based on your clinical judgment and the indicators below, can this condition be further specified?";
  t.options = forms;
  return suggestion(t, code_indicators(record, map, code), code.code + " " + code.display);
}

json make_query(const json& body, const json& record, const std::string& user, const std::string& at) {
  if (!body.is_object()) throw std::invalid_argument("the query must be a JSON object");
  const std::string title = required_text(body, "title"), question = required_text(body, "question");
  std::vector<std::string> options = string_list(body.value("options", json::array()));
  if (options.size() > 20) throw std::invalid_argument("a query offers at most 20 answers");
  // A compliant query never forces a choice: the two open answers are always offered, last.
  std::erase_if(options, [](const std::string& o) { return o.empty() || o == kOther || o == kUnable; });
  options.insert(options.end(), {kOther, kUnable});
  json indicators = json::array();
  for (const auto& i : body.value("indicators", json::array()))
    if (i.is_object() && i.value("text", "").size() <= kMaxField) indicators.push_back({{"text", i.value("text", "")}, {"location", i.value("location", "")}});
  const auto& document = record.value("document", json::object());
  std::string text = "PHYSICIAN QUERY: " + title + "\n\nDocument: " + document.value("id", "") + " (" +
                     document.value("source", json::object()).value("name", "") + ")\nWritten: " + at + " by " + user + "\n\n";
  text += "Clinical indicators from the record:\n";
  int n = 0;
  for (const auto& i : indicators) text += "  " + std::to_string(++n) + ". \"" + i.value("text", "") + "\" (" + i.value("location", "") + ")\n";
  if (n == 0) text += "  (none quoted)\n";
  text += "\nQuestion:\n" + question + "\n\nPlease answer by documenting in the medical record:\n";
  for (const auto& o : options) text += "  [ ] " + o + (o == kOther ? ": ______________________" : "") + "\n";
  text += "\nThis query asks for clarification only; it does not suggest any particular answer.\n";
  return {{"template", body.value("template", "")}, {"title", title}, {"question", question}, {"options", options},
          {"indicators", indicators}, {"text", text}};
}

}  // namespace chartflow::review
