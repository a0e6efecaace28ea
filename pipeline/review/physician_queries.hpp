// Physician queries: where a chart's documentation is ambiguous or incomplete for coding, a
// compliant, non-leading query built from templates kept as data (data/query-templates.json):
// the clinical indicators quoted from the chart with where they are, a neutral question, and
// multiple choice that always includes "Other" and "Unable to determine".
#pragma once

#include "evidence_map.hpp"
#include "review_state.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace chartflow::review {

enum class QueryTrigger {
  code,                  // one of `codes` is among the final codes
  title_contains,        // a final code's title contains one of `phrases`
  uncertain_mention,     // a diagnosis mention is uncertain (rule out, possible, suspected)
  conflicting_mentions,  // one concept is both affirmed and negated
};

struct QueryTemplate {
  std::string id, title, why, question;
  QueryTrigger trigger = QueryTrigger::code;
  std::vector<std::string> codes, phrases, options;
};

// Parses the templates file's JSON. Throws std::runtime_error naming `where` and the template.
std::vector<QueryTemplate> parse_query_templates(const nlohmann::json& file, const std::string& where);
// The templates compiled into the program.
const std::vector<QueryTemplate>& builtin_query_templates();

// The queries this chart calls for, each with its indicators ({text, location, view, begin, end}).
nlohmann::json suggest_queries(const std::vector<QueryTemplate>& templates, const nlohmann::json& record, const ReviewState& state);

// A query asking the provider to document `code` more specifically, for a documentation hint (the
// DRG's what-if): the suggestion of the first template that triggers on the code when there is
// one, else a neutral "can this be further specified?" offering `forms` (titles of the more
// specific forms), each with the code's evidence as indicators. Like every suggestion it names no
// DRG, weight or payment: a compliant query does not.
nlohmann::json specificity_query(const std::vector<QueryTemplate>& templates, const nlohmann::json& record, const EvidenceMap& map,
                                 const ReviewCode& code, const std::vector<std::string>& forms);

// A query as it is stored: the coder's edited content, with the two fixed answers ensured and the
// text to send rendered. Throws std::invalid_argument on a malformed body.
nlohmann::json make_query(const nlohmann::json& body, const nlohmann::json& record, const std::string& user, const std::string& at);

// A stored query's text rendered as a one- or multi-page PDF (Helvetica, Latin-1).
std::string query_pdf(const std::string& text);

}  // namespace chartflow::review
