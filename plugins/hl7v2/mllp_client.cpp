#include "mllp_client.hpp"

#include "common/tls.hpp"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>

namespace chartflow::hl7 {
namespace {

constexpr char kStart = 0x0B, kEnd = 0x1C, kCarriageReturn = 0x0D;
constexpr std::size_t kMaxAck = 1u << 20;  // an ACK is a few hundred bytes; a runaway answer is cut

Poco::Timespan timespan(double seconds) { return Poco::Timespan(static_cast<long>(seconds * 1e6)); }

}  // namespace

MllpConnection::MllpConnection(const MllpOptions& options) : options_(options) {
  try {
    const Poco::Net::SocketAddress address(options.host, options.port);
    if (options.tls) {
      Poco::Net::SecureStreamSocket secure(delivery::tls_client_context(options.ca_file));
      secure.setPeerHostName(options.host);
      secure.connect(address, timespan(options.timeout_seconds));
      secure.completeHandshake();
      socket_ = secure;
    } else {
      socket_.connect(address, timespan(options.timeout_seconds));
    }
    socket_.setReceiveTimeout(timespan(options.timeout_seconds));
    socket_.setSendTimeout(timespan(options.timeout_seconds));
  } catch (const Poco::Net::SSLException& e) {
    throw TransportError("TLS: the receiver's certificate did not verify or the handshake failed (" + e.displayText() +
                         "); give the CA that signed it in ca_file");
  } catch (const Poco::TimeoutException&) {
    throw TransportError("cannot connect to the MLLP receiver within " + std::to_string(static_cast<int>(options.timeout_seconds)) + " s");
  } catch (const Poco::Exception& e) {
    throw TransportError("cannot connect to the MLLP receiver (" + e.displayText() + ")");
  }
}

void MllpConnection::send_all(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const int n = socket_.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
    if (n <= 0) throw TransportError("the MLLP receiver closed the connection while the message was sent");
    sent += static_cast<std::size_t>(n);
  }
}

std::string MllpConnection::read_frame() {
  std::string frame;
  bool started = false;
  char buffer[4096];
  while (frame.size() < kMaxAck) {
    const int n = socket_.receiveBytes(buffer, sizeof buffer);
    if (n <= 0) throw TransportError("the MLLP receiver closed the connection without acknowledging the message");
    for (int i = 0; i < n; ++i) {
      const char c = buffer[i];
      if (!started) {
        if (c == kStart) started = true;
        else if (c != '\r' && c != '\n') throw TransportError("garbled answer: the receiver's reply is not an MLLP-framed HL7 message");
        continue;
      }
      if (c == kEnd) return frame;  // the trailing CR is read with the next message or never
      frame += c;
    }
  }
  throw TransportError("garbled answer: no end of frame within " + std::to_string(kMaxAck) + " bytes");
}

std::string MllpConnection::exchange(const std::string& message) {
  try {
    send_all(std::string(1, kStart) + message + kEnd + kCarriageReturn);
    return read_frame();
  } catch (const Poco::TimeoutException&) {
    throw TransportError("no ACK within " + std::to_string(static_cast<int>(options_.timeout_seconds)) + " s");
  } catch (const Poco::Exception& e) {
    throw TransportError("the MLLP connection failed (" + e.displayText() + ")");
  }
}

}  // namespace chartflow::hl7
