// Finds a chart's original file for a delivery sink to attach: the record names it (its path
// relative to the input folder) and gives its SHA-256; the file is taken only from the folders
// the sink was given, only when it is still the same file, and only up to a size limit.
#pragma once

#include "chart_record.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::delivery {

// The chart's original file, found and checked against the record's hash.
struct Original {
  std::string media_type;
  std::string bytes;
};

struct OriginalLookup {
  std::optional<Original> original;
  std::string note;  // why there is none ("" when found), for the delivery receipt
};

OriginalLookup find_original(const std::vector<std::filesystem::path>& folders, const ChartRecord& chart,
                             std::uint64_t max_bytes);

}  // namespace chartflow::delivery
