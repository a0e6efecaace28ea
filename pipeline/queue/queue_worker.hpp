// `chartflow worker`: consumes chartflow's work queue on RabbitMQ until stopped. Messages are
// taken a few at a time (the prefetch), their documents run in supervised worker processes into
// the shared output folder, and only then are they acked, so a worker killed at any moment loses
// nothing: the broker gives its unacked messages to another worker, which finds finished records
// by content hash and pipeline fingerprint and does not redo them. A document that kills every
// worker that takes it reaches the queue's delivery limit and is dead-lettered to
// <queue>.quarantine; workers consume that too and write its quarantine entry. A lost broker is
// reconnected with backoff; SIGTERM finishes the documents in hand, acks them and returns.
#pragma once

#include "broker_settings.hpp"

#include "../host/output_store.hpp"
#include "../host/pipeline.hpp"
#include "../host/runner.hpp"

#include <filesystem>
#include <functional>
#include <string>

namespace chartflow::queue {

struct QueueWorkerSettings {
  BrokerUrl url;
  BrokerLogin login;
  std::string queue;
  std::string results_queue;  // empty: no result messages (the output folder is the result)
  unsigned prefetch = 2;
  unsigned delivery_limit = 3;
  std::filesystem::path heartbeat;  // touched while healthy (a liveness probe reads its age)
  std::string name;
  host::RunOptions run;
};

struct QueueWorkerReport {
  bool queue_as_declared = true;
  std::size_t messages = 0, requeued = 0, reconnects = 0;
  bool output_full = false;
  host::RunSummary summary;  // every document this worker settled
};

// Runs until `stop()` is true. Throws BrokerError when the first connection fails (the broker is
// unreachable or refuses the login): a worker that never worked should say so and exit.
QueueWorkerReport run_queue_worker(const host::Pipeline& pipeline, host::OutputStore& store, const QueueWorkerSettings& settings,
                                   const std::function<bool()>& stop);

}  // namespace chartflow::queue
