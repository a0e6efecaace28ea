// Sends a chart's messages over MLLP and decides, from the ACKs, whether the receiver has them:
// an AA for the message's own control id is the only proof. A dropped connection, a timeout, a
// garbled answer or an ACK for another message is retried on a new connection with backoff; an
// AE is retried or refused as configured; an AR is refused.
#pragma once

#include "messages.hpp"
#include "mllp_client.hpp"

#include "common/retry_policy.hpp"

#include <string>

namespace chartflow::hl7 {

enum class OnApplicationError { retry, fail };

struct SenderOptions {
  MllpOptions endpoint;
  delivery::RetryPolicy retry;
  OnApplicationError on_error = OnApplicationError::fail;
};

enum class SendOutcome { acknowledged, retry_later, refused };

struct SendResult {
  SendOutcome outcome = SendOutcome::refused;
  std::string message;  // "MDM^T02 CF...: AA", or why not
};

// One delivery's connection: opened on first use, reopened after a failure, closed at the end.
class Sender {
 public:
  explicit Sender(const SenderOptions& options) : options_(options) {}
  SendResult send(const BuiltMessage& message);

 private:
  const SenderOptions& options_;
  std::optional<MllpConnection> connection_;
};

}  // namespace chartflow::hl7
