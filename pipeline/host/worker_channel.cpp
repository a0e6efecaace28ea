#include "worker_channel.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace chartflow::host {

namespace {

bool send_all(int fd, std::string_view data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool send_message(int fd, const nlohmann::json& message, std::string_view payload) {
  return send_all(fd, message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n") && send_all(fd, payload);
}

bool MessageReader::read_raw(int fd, std::size_t n, std::string& out) {
  // Raw bytes follow a message line; take() may have buffered their start already.
  out.clear();
  out.reserve(n);
  const std::size_t buffered = std::min(n, buffer_.size());
  out.append(buffer_, 0, buffered);
  buffer_.erase(0, buffered);
  while (out.size() < n) {
    const std::size_t before = out.size();
    out.resize(n);
    const ssize_t got = ::read(fd, out.data() + before, n - before);
    if (got < 0 && errno == EINTR) {
      out.resize(before);
      continue;
    }
    if (got <= 0) return false;
    out.resize(before + static_cast<std::size_t>(got));
  }
  return true;
}

bool MessageReader::read_from(int fd) {
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

std::vector<nlohmann::json> MessageReader::take() {
  std::vector<nlohmann::json> out;
  std::size_t start = 0;
  for (std::size_t nl = buffer_.find('\n'); nl != std::string::npos; nl = buffer_.find('\n', start)) {
    auto message = nlohmann::json::parse(buffer_.begin() + static_cast<std::ptrdiff_t>(start), buffer_.begin() + static_cast<std::ptrdiff_t>(nl), nullptr, false);
    if (message.is_object()) out.push_back(std::move(message));
    start = nl + 1;
  }
  buffer_.erase(0, start);
  return out;
}

nlohmann::json receive_message(int fd, MessageReader& reader) {
  for (;;) {
    if (auto message = reader.next(); !message.is_null()) return message;
    if (!reader.read_from(fd)) return nullptr;
  }
}

nlohmann::json MessageReader::next() {
  // One line only: raw bytes may follow it (read_raw), and they are no messages.
  const std::size_t nl = buffer_.find('\n');
  if (nl == std::string::npos) return nullptr;
  auto message = nlohmann::json::parse(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(nl), nullptr, false);
  buffer_.erase(0, nl + 1);
  return message.is_object() ? message : nlohmann::json::object();
}

}  // namespace chartflow::host
