// What goes through the broker: a work message names one input on shared storage by its path
// and content hash (never the chart's text); a result message names where a document ended.
// Both are small JSON objects with a schema name, so a worker recognises a message that is not
// chartflow's and quarantines it instead of guessing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::queue {

inline constexpr std::size_t kMaxMessageBytes = 64 * 1024;

struct WorkMessage {
  std::string path;    // absolute, as every worker mounts the shared storage
  std::string sha256;  // of the file's content when it was enqueued
  std::uint64_t size = 0;
};

std::string encode(const WorkMessage& message);

struct ParsedWorkMessage {
  std::optional<WorkMessage> message;
  std::string error;  // why it is not a chartflow work message (set when message is empty)
};
ParsedWorkMessage parse_work_message(std::string_view body);

struct ResultMessage {
  std::string doc_id, sha256, path;
  std::string outcome;  // written, quarantined, skipped, duplicate
  std::string location; // records/<id>.json or quarantine/<id>.json under the output folder
  std::string fingerprint, worker;
};
std::string encode(const ResultMessage& message);

}  // namespace chartflow::queue
