// Finds a chart's original file for a delivery sink to attach: the record names it (its path
// relative to the input folder) and gives its SHA-256; the file is taken only from the folders
// the sink was given, only when it is still the same file, and only up to a size limit.
#pragma once

#include "chart_record.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <mutex>
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

// Where a sink looks for originals: the folder it was configured with, else the input folders of
// the run delivering to it (begin_batch's "input_folders"; `chartflow export` has none). Thread-safe.
class OriginalFolders {
 public:
  explicit OriginalFolders(std::filesystem::path configured) : configured_(std::move(configured)) {}
  void begin_batch(const nlohmann::json& batch);
  std::vector<std::filesystem::path> folders() const;

 private:
  const std::filesystem::path configured_;
  mutable std::mutex mutex_;
  std::vector<std::filesystem::path> run_inputs_;
};

OriginalLookup find_original(const std::vector<std::filesystem::path>& folders, const ChartRecord& chart,
                             std::uint64_t max_bytes);

}  // namespace chartflow::delivery
