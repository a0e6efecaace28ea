// One AMQP 0-9-1 connection to RabbitMQ (rabbitmq-c, MIT), with what chartflow needs of it:
// declaring its queues, publishing with publisher confirms, and consuming with manual acks.
// Not thread-safe: one connection per thread. Heartbeats are off, because a worker holds the
// connection idle while a long document runs and rabbitmq-c only answers heartbeats inside its
// own calls; a lost broker shows up at the next call, and unacked messages go back to the queue.
#pragma once

#include "broker_settings.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct amqp_connection_state_t_;

namespace chartflow::queue {

enum class BrokerFailure {
  unreachable,    // no TCP (or TLS) connection: wrong host or port, broker down, certificate refused
  login_refused,  // wrong user or password, or no access to the vhost
  refused,        // the broker refused an operation (e.g. a queue's arguments)
  lost            // the connection broke after it was made
};

class BrokerError : public std::runtime_error {
 public:
  BrokerError(BrokerFailure failure, const std::string& message) : std::runtime_error(message), failure_(failure) {}
  BrokerFailure failure() const noexcept { return failure_; }

 private:
  BrokerFailure failure_;
};

// What declaring chartflow's work queue found.
enum class QueueDeclaration {
  as_declared,       // a quorum queue with chartflow's delivery limit and dead-lettering
  other_arguments    // it existed with other arguments (a classic queue, another limit): used as it is
};

struct Delivery {
  std::uint16_t channel = 0;
  std::uint64_t tag = 0;
  std::string queue;  // the queue it came from
  std::string body;
  bool redelivered = false;
  std::int64_t delivery_count = 0;  // x-delivery-count of a quorum queue: earlier deliveries that were not acked
};

class AmqpConnection {
 public:
  // Connects and logs in; throws BrokerError (unreachable, login_refused) saying what to check.
  AmqpConnection(const BrokerUrl& url, const BrokerLogin& login, std::chrono::seconds timeout = std::chrono::seconds(10));
  ~AmqpConnection();
  AmqpConnection(const AmqpConnection&) = delete;
  AmqpConnection& operator=(const AmqpConnection&) = delete;

  // The quarantine queue `queue`.quarantine (quorum) and the work queue `queue` (quorum, with
  // `delivery_limit`, dead-lettering at least once to the quarantine queue, rejecting publishes
  // when full, as at-least-once dead-lettering requires).
  QueueDeclaration declare_queues(const std::string& queue, unsigned delivery_limit);
  // A plain durable quorum queue (the results queue).
  void declare_quorum_queue(const std::string& queue);

  // Publishes a persistent JSON message to `queue` and waits for the broker's confirm; throws
  // BrokerError when the broker refuses it or does not confirm within the timeout.
  void publish(const std::string& queue, std::string_view body, std::chrono::seconds timeout = std::chrono::seconds(30));

  // Starts consuming `queue` on its own channel with at most `prefetch` unacked messages.
  void consume(const std::string& queue, unsigned prefetch);
  // The next message of any consumed queue, or nullopt after `timeout`.
  std::optional<Delivery> next(std::chrono::milliseconds timeout);
  void ack(const Delivery& delivery);
  // Back to the queue for another worker (a document this worker did not finish).
  void requeue(const Delivery& delivery);

  const BrokerUrl& url() const noexcept { return url_; }

 private:
  void open_channel(std::uint16_t channel);
  void check_reply(const std::string& what, std::uint16_t channel);
  void handle_unexpected_frame();

  BrokerUrl url_;
  amqp_connection_state_t_* conn_ = nullptr;
  bool confirms_ = false;
  std::uint64_t published_ = 0;
  std::uint16_t next_channel_ = 2;  // channel 1: declarations and publishing
  std::string consumed_[8];         // queue consumed on channel i
};

}  // namespace chartflow::queue
