// The patient and encounter a chart states it is about: every plausible labelled value, one item
// per distinct value, with the values of kinds that must be single checked for conflicts.
#pragma once

#include "identity_kind.hpp"
#include "values.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::identity {

// More distinct values of one kind than this and the text is a list or a pile of charts: the rest
// are counted, not listed. Two or more are kept, so a conflict is always seen.
inline constexpr std::size_t kMaxValuesPerKind = 32;

struct IdentityItem {
  IdentityKind kind;
  IdentifierType type;
  std::size_t begin = 0, end = 0;  // the first occurrence of the value, as written
  std::string value;               // normalized
  std::string label;               // the first occurrence's label, as written
  std::size_t occurrences = 1;     // the headers of every page repeat it
  bool conflict = false;           // a single-valued kind with another value in the chart
};

struct Rejected {
  IdentityKind kind;
  Rejection why;
  std::size_t count = 0;
};

struct Conflict {
  IdentityKind kind;
  std::size_t values = 0;  // distinct values listed
  bool more = false;       // and more not listed (kMaxValuesPerKind)
};

struct IdentityFindings {
  std::vector<IdentityItem> items;        // in the order of their first occurrence
  std::vector<Rejected> rejected;         // by kind, then reason
  std::vector<Conflict> conflicts;        // by kind
  std::vector<IdentityKind> truncated;    // kinds with values past kMaxValuesPerKind
};

// `today` (YYYY-MM-DD) is the latest birth date taken. Linear in the text's size; memory is
// bounded by kMaxValuesPerKind whatever the text.
IdentityFindings find_identity(std::string_view text, std::string_view today);

}  // namespace chartflow::identity
