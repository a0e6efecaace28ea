// The socket between the supervisor and a worker process: one compact JSON object per line
// (compact JSON never holds a raw newline). Messages carry ids, indexes, stage names and outcomes,
// never document text.
#pragma once

#include <nlohmann/json.hpp>

#include <deque>
#include <string>
#include <vector>

namespace chartflow::host {

// Writes one message, then `payload` raw when given; false when the other end is gone (never
// raises SIGPIPE).
bool send_message(int fd, const nlohmann::json& message, std::string_view payload = {});

// Reads what is available and splits it into messages.
class MessageReader {
 public:
  // Reads once from `fd` (which poll() said is readable). Returns false at end of file or on error.
  bool read_from(int fd);
  // Complete messages received so far; a torn or malformed line is skipped.
  std::vector<nlohmann::json> take();
  // The next complete message (an empty object for a malformed line), or null when none is complete.
  nlohmann::json next();
  // Exactly `n` raw bytes that follow the last message taken (blocking); false at end of file.
  bool read_raw(int fd, std::size_t n, std::string& out);

 private:
  std::string buffer_;
};

// Blocks until one whole message arrives; nullopt-like null json at end of file.
nlohmann::json receive_message(int fd, MessageReader& reader);

}  // namespace chartflow::host
