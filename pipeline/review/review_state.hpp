// Where a document's review stands: the record's proposed codes and abstract with every decision
// of the store replayed over them, in order. Decisions refer to codes by a key that survives a
// re-run ("ICD-10-CM|I50.9"), so decisions on an unchanged document carry over, and a decision
// whose code's evidence moved, or whose code is no longer proposed, is flagged, never silently
// applied to something else.
#pragma once

#include "decision.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::review {

enum class CodeState { proposed, accepted, rejected, edited, added };
const char* code_state_name(CodeState state);

// Title and billability of a code, from the code sets (nullopt: no such code).
struct CodeFacts {
  std::string title;
  bool billable = false;
};
using CodeFinder = std::function<std::optional<CodeFacts>(const std::string& system, const std::string& code)>;

struct ReviewCode {
  std::string key, code_id, system, code, display, role, proposed_code, reason, rule;
  int sequence = 0;
  CodeState state = CodeState::proposed;
  bool billable = true, needs_review = false, evidence_changed = false;
  double confidence = 0;
  std::vector<std::string> review_reasons, mention_ids;
  nlohmann::json evidence = nlohmann::json::array();  // spans as in the record
  std::size_t record_index = 0;                        // order in the record (added codes after)

  bool is_diagnosis() const { return system == "ICD-10-CM"; }
  bool is_final() const { return state != CodeState::rejected; }
};

struct ReviewQuery {
  std::string id, status, template_id, title, text, answer, created_by, created_at;
  nlohmann::json content;  // question, options, indicators as the coder wrote them
};

struct ReviewState {
  DocumentStatus status = DocumentStatus::to_review;
  bool changed = false;  // some decision was made on another version of the record
  std::vector<std::string> flags;  // why the review needs another look (changed evidence, ...)
  std::vector<ReviewCode> codes;
  nlohmann::json tumors = nlohmann::json::array();
  std::vector<ReviewQuery> queries;
  std::vector<Decision> decisions;

  ReviewCode* find(const std::string& key);
  const ReviewCode* find(const std::string& key) const;
  std::size_t open_queries() const;
  std::size_t undecided_needing_review() const;
};

// Replays `decisions` (in seq order) over the record's proposals.
ReviewState replay(const nlohmann::json& record, const std::string& record_sha256, const std::vector<Decision>& decisions,
                   const CodeFinder& find_code);

nlohmann::json review_json(const ReviewState& state);

// The key a proposed code item gets: "system|code" (and "#2", "#3" for repeats).
std::string code_key(const std::string& system, const std::string& code, int repeat = 1);

}  // namespace chartflow::review
