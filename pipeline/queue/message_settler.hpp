// What a queue worker does with the messages it holds: runs the documents they name through the
// pipeline (in supervised worker processes, into the shared output folder) and says, for each
// message, whether to ack it (its document ended in a record or a quarantine entry, now on disk)
// or give it back to the queue (the worker was stopped before the document ran). A message that
// is not chartflow's, names a missing or changed file, or was dead-lettered after killing workers
// ends as a quarantine entry with the reason, and is acked.
#pragma once

#include "amqp_connection.hpp"
#include "queue_message.hpp"

#include "../host/output_store.hpp"
#include "../host/pipeline.hpp"
#include "../host/runner.hpp"

#include <optional>
#include <vector>

namespace chartflow::queue {

struct Settled {
  Delivery delivery;
  bool ack = false;                     // false: requeue
  std::optional<ResultMessage> result;  // for the results queue
};

class MessageSettler {
 public:
  MessageSettler(const host::Pipeline& pipeline, host::OutputStore& store, const host::RunOptions& options, std::string worker_name);

  std::vector<Settled> settle(std::vector<Delivery> deliveries);

  // Every document this worker part settled so far, over its restarts (its part's summary):
  // each is also appended to parts/<part>/documents.jsonl before its message is acked.
  const host::RunSummary& summary() const noexcept { return summary_; }
  host::RunSummary& summary() noexcept { return summary_; }

 private:
  Settled quarantine(Delivery delivery, const std::string& id, const std::string& path, const std::string& sha256,
                     const host::StageFailure& failure);
  Settled dead_letter(Delivery delivery);
  ResultMessage result_of(const host::DocumentOutcome& outcome, const std::string& path, const std::string& sha256) const;
  void remember(const host::DocumentOutcome& outcome);
  void load_earlier_documents();

  const host::Pipeline& pipeline_;
  host::OutputStore& store_;
  const host::RunOptions& options_;
  std::string worker_name_;
  host::RunSummary summary_;
  std::filesystem::path lines_;
};

}  // namespace chartflow::queue
