// What the stage writes: the record's `identity` items and the diagnostics its findings call for.
// Kept apart from the stage so the tests check exactly what reaches the record.
#pragma once

#include "identity.hpp"

#include <chartflow/binary.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::identity {

// "keep" writes each value; "hash" leaves it out and keeps its SHA-256, kind, label and span, for
// users who must not store these values in records. The hash is unsalted: a short MRN or a
// birth date is found again by hashing every candidate, so it serves matching, not anonymity.
enum class ValuePolicy : std::uint8_t { keep, hash };
std::optional<ValuePolicy> parse_value_policy(std::string_view name);

// "pi1", "pi2", ... in text order, in the shape of schemas/annotations/identity.schema.json.
void write_items(const IdentityFindings& findings, ValuePolicy policy, binary::Writer& items);

enum class Severity : std::uint8_t { info, warning };

// A diagnostic's message names kinds, reasons and counts, never a value: diagnostics reach logs,
// reports and people who may not see patient data.
struct Notice {
  Severity severity;
  std::string code;
  std::string message;
};

// "identity-conflict" (a warning: sinks hold such records back), "identity-value-rejected" per
// kind and reason, "identity-truncated" per kind with values past kMaxValuesPerKind.
std::vector<Notice> notices_for(const IdentityFindings& findings);

}  // namespace chartflow::identity
