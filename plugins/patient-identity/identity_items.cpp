#include "identity_items.hpp"

#include "sha256.hpp"

namespace chartflow::identity {
namespace {

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

Notice conflict_notice(const std::vector<Conflict>& conflicts) {
  std::string message;
  for (const Conflict& c : conflicts) {
    if (!message.empty()) message += "; ";
    message += (c.more ? "more than " : "") + std::to_string(c.values) + " different " + std::string(kind_plural(c.kind));
  }
  return {Severity::warning, "identity-conflict", message + ": the chart may mix patients or encounters"};
}

}  // namespace

std::optional<ValuePolicy> parse_value_policy(std::string_view name) {
  if (name == "keep") return ValuePolicy::keep;
  if (name == "hash") return ValuePolicy::hash;
  return std::nullopt;
}

void write_items(const IdentityFindings& findings, ValuePolicy policy, binary::Writer& items) {
  std::size_t n = 0;
  for (const IdentityItem& item : findings.items) {
    items.begin_object()
        .member("id", "pi" + std::to_string(++n))
        .member("view", "normalized")
        .member("begin", item.begin)
        .member("end", item.end)
        .member("kind", kind_name(item.kind));
    if (policy == ValuePolicy::keep) items.member("value", item.value);
    items.member("value_sha256", sha256_hex(item.value)).member("label", item.label);
    if (item.type != IdentifierType::none) items.member("identifier_type", hl7_code(item.type));
    // Present on every kind that must be single, so a reader sees "checked, no other value".
    if (is_single_valued(item.kind)) items.member("conflict", item.conflict);
    items.key("attributes").begin_object().member("occurrences", item.occurrences).end_object();
    items.end_object();
  }
}

std::vector<Notice> notices_for(const IdentityFindings& findings) {
  std::vector<Notice> notices;
  if (!findings.conflicts.empty()) notices.push_back(conflict_notice(findings.conflicts));
  for (const Rejected& r : findings.rejected) {
    const std::string kind(kind_name(r.kind));
    notices.push_back({Severity::info, "identity-value-rejected",
                       count_of(r.count, kind + " value", kind + " values") + " not taken: " + std::string(rejection_reason(r.why))});
  }
  for (const IdentityKind kind : findings.truncated)
    notices.push_back({Severity::info, "identity-truncated",
                       "more than " + std::to_string(kMaxValuesPerKind) + " different " + std::string(kind_plural(kind)) +
                           "; only the first " + std::to_string(kMaxValuesPerKind) + " are listed"});
  return notices;
}

}  // namespace chartflow::identity
