#include "poa_rules.hpp"

#include "chart_facts.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>
#include <vector>

namespace chartflow::drg::stage {
namespace {

// A run-on "sentence" (a list without full stops, a table) is read only near the evidence: what
// decides a diagnosis's POA is written beside it, and regexes on 90 KB lines cost seconds.
constexpr std::size_t kContextBytes = 400;
// At most this many other mentions of the principal diagnosis are looked at for "admitted with".
constexpr std::size_t kMaxOccurrences = 50;

// The clause holding the evidence: its sentence, cut at semicolons ("admitted with CHF; course
// complicated by AKI" says two things about two diagnoses) and to kContextBytes either side.
TextSpan clause_around(const RecordInputs& in, TextSpan evidence) {
  const std::string_view text = in.text;
  const TextSpan sentence = in.sentence_at(evidence.begin);
  const std::size_t anchor_begin = std::clamp(evidence.begin, sentence.begin, sentence.end);
  const std::size_t anchor_end = std::clamp(evidence.end, anchor_begin, sentence.end);
  std::size_t from = std::max(sentence.begin, anchor_begin > kContextBytes ? anchor_begin - kContextBytes : 0);
  std::size_t to = std::min(sentence.end, anchor_end + kContextBytes);
  if (const auto semi = text.substr(from, anchor_begin - from).rfind(';'); semi != std::string_view::npos) from += semi + 1;
  if (const auto semi = text.substr(anchor_end, to - anchor_end).find(';'); semi != std::string_view::npos) to = anchor_end + semi;
  return {from, to};
}

const std::regex& admission_phrase() {
  static const std::regex phrase(
      R"(\b(admitted|admission|presented|presents|presenting|came\s+in)\s+(with|for|due\s+to)\b|)"
      R"(\breason\s+for\s+(admission|hospitali[sz]ation)\b|\b(admitting|admission)\s+diagnos[ie]s\b)",
      std::regex::icase | std::regex::ECMAScript | std::regex::optimize);
  return phrase;
}

std::optional<TextSpan> admission_phrase_in(const RecordInputs& in, TextSpan clause) {
  const std::string text(in.text.substr(clause.begin, clause.end - clause.begin));
  std::smatch m;
  if (!std::regex_search(text, m, admission_phrase())) return std::nullopt;
  const std::size_t at = clause.begin + static_cast<std::size_t>(m.position(0));
  return TextSpan{at, at + static_cast<std::size_t>(m.length(0))};
}

using words::lower;

// Where the chart says the patient was admitted with or for the principal diagnosis: its
// evidence under a chief complaint or admission diagnosis heading, or a sentence elsewhere that
// names it in the evidence's own words ("heart failure") and says "admitted with/for".
std::optional<TextSpan> admission_statement(const RecordInputs& in, const CodeRef& pdx) {
  for (const TextSpan& e : pdx.evidence) {
    const std::string_view category = in.section_category_at(e.begin);
    if (category == "chief_complaint" || category == "admission_diagnosis") return e;
  }
  const std::string text = lower(in.text);
  std::vector<std::string> seen;
  for (const TextSpan& e : pdx.evidence) {
    std::string words = lower(in.text.substr(e.begin, e.end - e.begin));
    if (words.size() < 4 || std::find(seen.begin(), seen.end(), words) != seen.end()) continue;  // "CHF" alone is too loose
    std::size_t looked = 0;
    for (std::size_t at = text.find(words); at != std::string::npos && looked < kMaxOccurrences; at = text.find(words, at + 1), ++looked)
      if (const auto phrase = admission_phrase_in(in, clause_around(in, {at, at + words.size()}))) return phrase;
    seen.push_back(std::move(words));
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(PoaBasis basis) {
  switch (basis) {
    case PoaBasis::stated: return "stated";
    case PoaBasis::admitted_for: return "admitted_for";
    case PoaBasis::conflicting: return "conflicting";
    case PoaBasis::exempt: return "exempt";
    case PoaBasis::not_documented: break;
  }
  return "not_documented";
}

PoaDecision decide_poa(const RecordInputs& in, const CodeRef& diagnosis, bool principal, const PoaExemptCodes& exempt) {
  // CMS wants no Y/N/U/W for an exempt code, so what the chart says about it does not matter.
  if (exempt.contains(diagnosis.code)) return {Poa::exempt_1, PoaBasis::exempt, std::nullopt};
  std::optional<PoaDecision> first;
  bool conflict = false;
  std::vector<std::size_t> clauses_read;  // evidence repeats: each clause is read once
  for (const TextSpan& e : diagnosis.evidence) {
    const TextSpan clause = clause_around(in, e);
    if (std::find(clauses_read.begin(), clauses_read.end(), clause.begin) != clauses_read.end()) continue;
    clauses_read.push_back(clause.begin);
    const PoaReading reading = read_poa(in.text.substr(clause.begin, clause.end - clause.begin));
    if (!reading.stated) continue;
    if (!first) first = PoaDecision{reading.poa, PoaBasis::stated, TextSpan{clause.begin + reading.begin, clause.begin + reading.end}};
    else if (first->poa != reading.poa) conflict = true;
  }
  // "Admitted with pneumonia" in the HPI and "pneumonia developed on day 3" in the course cannot
  // both be right: the coder settles it with the provider.
  if (conflict) return {Poa::unknown, PoaBasis::conflicting, std::nullopt};
  if (first) return *first;
  if (principal)
    if (const auto statement = admission_statement(in, diagnosis)) return {Poa::yes, PoaBasis::admitted_for, statement};
  return {};
}

}  // namespace chartflow::drg::stage
