#include "sender.hpp"

#include "ack.hpp"

#include <thread>

namespace chartflow::hl7 {
namespace {

struct Try {
  bool acknowledged = false, retryable = true;
  std::string why;
};

}  // namespace

SendResult Sender::send(const BuiltMessage& message) {
  const std::string name = std::string(message_type_name(message.type)) + " " + message.control_id;
  std::string last;
  for (int attempt = 1;; ++attempt) {
    Try t;
    try {
      if (!connection_) connection_.emplace(options_.endpoint);
      const std::optional<Ack> ack = parse_ack(connection_->exchange(message.text));
      if (!ack) t.why = "garbled ACK: the receiver's answer is not an HL7 acknowledgment";
      else if (ack->control_id != message.control_id)
        t.why = "the ACK acknowledges control id '" + ack->control_id.substr(0, 40) + "', not this message's";
      else if (ack->code == AckCode::accept) t.acknowledged = true;
      else {
        t.why = std::string(ack->code == AckCode::error ? "AE (application error)" : "AR (rejected)") + (ack->text.empty() ? "" : ": " + ack->text);
        t.retryable = ack->code == AckCode::error && options_.on_error == OnApplicationError::retry;
      }
    } catch (const TransportError& e) {
      t.why = e.what();
    }
    if (t.acknowledged) return {SendOutcome::acknowledged, name + ": AA"};
    if (!t.retryable) return {SendOutcome::refused, name + ": " + t.why};
    connection_.reset();  // after any failure the stream may be out of step: start afresh
    if (attempt >= options_.retry.max_attempts)
      return {SendOutcome::retry_later, name + ": " + t.why + " (after " + std::to_string(attempt) + " attempts)"};
    std::this_thread::sleep_for(options_.retry.delay(attempt));
  }
}

}  // namespace chartflow::hl7
