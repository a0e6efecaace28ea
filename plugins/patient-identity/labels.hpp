// The labels a chart puts before the identity values it states ("MRN:", "Medical Record #",
// "Visit/Encounter No.:", "Date of Birth:", "Attending Physician:"), and the test for any other
// label ("Room:", "Chief Complaint:") that ends the value before it.
#pragma once

#include "identity_kind.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace chartflow::identity {

struct LabelMatch {
  IdentityKind kind;
  IdentifierType type;
  std::size_t label_end = 0;    // end of the label as written, with a "#" or "No." that belongs to it
  std::size_t value_begin = 0;  // just past the separator (":" or "#")
};

// The identity label that starts at text[at], if one does and is followed by its separator: the
// longest such label. Case-insensitive; words may be apart by any spaces or tabs, or by dots
// ("D.O.B.", "Med. Rec. No."). Nothing past `end` (the end of the line) is read.
std::optional<LabelMatch> match_label(std::string_view text, std::size_t at, std::size_t end);

// Whether any label, known or not, starts at text[at]: one to six words of at most 48
// characters, then ":" or "#". Values run up to the next label on their line.
bool starts_any_label(std::string_view text, std::size_t at, std::size_t end);

}  // namespace chartflow::identity
