// One MLLP connection to an HL7 v2 receiver (an interface engine's listener): each message
// framed as 0x0B message 0x1C 0x0D, sent, and its ACK read back within a timeout; optionally
// over TLS with the receiver's certificate verified.
#pragma once

#include <Poco/Net/StreamSocket.h>

#include <stdexcept>
#include <string>

namespace chartflow::hl7 {

struct MllpOptions {
  std::string host;
  unsigned short port = 0;
  bool tls = false;
  std::string ca_file;  // PEM CAs to trust instead of the system's ("" for those)
  double timeout_seconds = 30;
};

// The connection failed, was dropped, timed out, or the answer was not a framed message: the
// message may be sent again on a new connection. what() is one line for the summary.
struct TransportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class MllpConnection {
 public:
  // Connects. Throws TransportError.
  explicit MllpConnection(const MllpOptions& options);
  // Sends one message (segments ending in CR) and returns the receiver's answer, unframed.
  // Throws TransportError.
  std::string exchange(const std::string& message);

 private:
  void send_all(const std::string& bytes);
  std::string read_frame();

  MllpOptions options_;
  Poco::Net::StreamSocket socket_;
};

}  // namespace chartflow::hl7
