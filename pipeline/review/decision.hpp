// A coder's or registrar's decision on a document, as the workstation stores it: append-only,
// each with who, when, the record it was made on, and the state before and after.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::review {

enum class Action {
  accept,        // a proposed code is right
  reject,        // a proposed code is wrong (reason required)
  edit,          // a proposed code is replaced by another of the same system
  add,           // the coder adds a code (evidence optional)
  principal,     // this diagnosis is the principal / first-listed one
  reopen,        // back to proposed
  abstract,      // a registry abstract field gets another value
  status,        // the document is approved, returned or back in progress
  query_create,  // a physician query is written
  query_update,  // a query is answered or withdrawn
};
const char* action_name(Action action);
std::optional<Action> parse_action(std::string_view name);

enum class DocumentStatus { to_review, in_progress, approved, returned };
const char* status_name(DocumentStatus status);
std::optional<DocumentStatus> parse_status(std::string_view name);

struct Decision {
  std::int64_t seq = 0;          // order in the store
  std::string doc_id;
  std::string record_sha256;     // of the record file the decision was made on
  std::string user, at;          // at: ISO 8601 UTC
  Action action = Action::accept;
  std::string key;               // the code ("ICD-10-CM|I50.9"), tumour field ("t1/primarySite") or query id
  nlohmann::json before = nlohmann::json::object();
  nlohmann::json after = nlohmann::json::object();
  std::string reason;
};

nlohmann::json decision_json(const Decision& d);

}  // namespace chartflow::review
