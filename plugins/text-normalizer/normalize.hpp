// Text normalisation with an offset map back to the source text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::normalizer {

struct Options {
  bool join_hyphenated_line_breaks = true;
};

struct Normalized {
  std::string text;
  // Breakpoints [offset, source_offset]: offset o maps to source_offset + (o - offset) of the
  // last breakpoint at or before o (the record's source_map convention).
  std::vector<std::pair<std::uint64_t, std::uint64_t>> source_map;
  std::size_t changes = 0;  // characters replaced, removed or joined
};

// `source` must be valid UTF-8 (views are).
Normalized normalize(std::string_view source, const Options& options);

// Maps an offset of the normalized text back to the source (for tests and tools).
std::uint64_t to_source_offset(const Normalized& normalized, std::uint64_t offset);

}  // namespace chartflow::normalizer
