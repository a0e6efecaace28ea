// Where a chart states identity values: each known label at the start of a line or of a field
// (after two or more spaces or a tab, as typed headers lay fields side by side), with the value
// that follows it up to the end of the line or the next gap (where the next field begins).
#pragma once

#include "identity_kind.hpp"

#include <cstddef>
#include <functional>
#include <string_view>

namespace chartflow::identity {

struct LabelledField {
  IdentityKind kind;
  IdentifierType type;
  std::size_t label_begin = 0, label_end = 0;  // the label as written: "Medical Record #"
  std::size_t value_begin = 0, value_end = 0;  // the value as written, without surrounding spaces; empty when none
};

// Calls `visit` for each labelled field, in text order. One pass over the text: time is linear
// in its size and nothing is kept between lines, so any input is safe to give it.
void for_each_labelled_field(std::string_view text, const std::function<void(const LabelledField&)>& visit);

}  // namespace chartflow::identity
