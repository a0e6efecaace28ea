// Sentence splitting that survives clinical text: abbreviations (Dr., mg., b.i.d., e.g.),
// decimals and initials, numbered lists, vitals lines, headers without punctuation, and lines
// wrapped mid-sentence by scanners and word processors.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::sections {

// Sentences of text[begin, end) as [begin, end) pairs, trimmed, none empty.
std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view text, std::size_t begin, std::size_t end);

}  // namespace chartflow::sections
