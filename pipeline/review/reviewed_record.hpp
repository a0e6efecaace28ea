// A record as the coder approved it, for delivery after review: the proposed codes replaced by
// the final ones (rejected codes gone, edits and additions in, the coder's principal first), and
// edited abstract fields, each marked as the coder's. Sinks then deliver exactly what was approved.
#pragma once

#include "decision_store.hpp"
#include "review_state.hpp"

#include <nlohmann/json.hpp>

namespace chartflow::review {

// `record` with `state`'s final codes and abstract (state must be approved; see replay()).
nlohmann::json reviewed_record(const nlohmann::json& record, const ReviewState& state);

// For `chartflow export --reviewed`: the record file's text as approved, or nullopt when the
// document is not approved (or its record changed since it was approved).
std::optional<std::string> approved_record_text(const DecisionStore& store, const std::string& id, const std::string& text);

}  // namespace chartflow::review
