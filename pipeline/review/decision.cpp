#include "decision.hpp"

#include <array>
#include <utility>

namespace chartflow::review {
namespace {

constexpr std::array<std::pair<Action, const char*>, 10> kActions = {{
    {Action::accept, "accept"}, {Action::reject, "reject"}, {Action::edit, "edit"}, {Action::add, "add"},
    {Action::principal, "principal"}, {Action::reopen, "reopen"}, {Action::abstract, "abstract"},
    {Action::status, "status"}, {Action::query_create, "query_create"}, {Action::query_update, "query_update"},
}};

constexpr std::array<std::pair<DocumentStatus, const char*>, 4> kStatuses = {{
    {DocumentStatus::to_review, "to_review"}, {DocumentStatus::in_progress, "in_progress"},
    {DocumentStatus::approved, "approved"}, {DocumentStatus::returned, "returned"},
}};

template <typename E, std::size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "?";
}

template <typename E, std::size_t N>
std::optional<E> parse(const std::array<std::pair<E, const char*>, N>& table, std::string_view name) {
  for (const auto& [v, n] : table)
    if (name == n) return v;
  return std::nullopt;
}

}  // namespace

const char* action_name(Action action) { return name_of(kActions, action); }
std::optional<Action> parse_action(std::string_view name) { return parse(kActions, name); }
const char* status_name(DocumentStatus status) { return name_of(kStatuses, status); }
std::optional<DocumentStatus> parse_status(std::string_view name) { return parse(kStatuses, name); }

nlohmann::json decision_json(const Decision& d) {
  return {{"seq", d.seq},       {"doc_id", d.doc_id}, {"record_sha256", d.record_sha256}, {"user", d.user},
          {"at", d.at},         {"action", action_name(d.action)}, {"key", d.key},     {"before", d.before},
          {"after", d.after},   {"reason", d.reason}};
}

}  // namespace chartflow::review
