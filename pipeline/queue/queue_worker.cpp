#include "queue_worker.hpp"

#include "amqp_connection.hpp"
#include "message_settler.hpp"

#include "../host/logging.hpp"
#include "../host/report.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <thread>

namespace chartflow::queue {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// The liveness file: rewritten at most once a second while the worker loop turns.
class Heartbeat {
 public:
  explicit Heartbeat(std::filesystem::path file) : file_(std::move(file)) {}
  void beat() {
    if (file_.empty() || Clock::now() - last_ < 1s) return;
    last_ = Clock::now();
    std::ofstream(file_, std::ios::trunc) << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count()
                                          << "\n";
  }

 private:
  std::filesystem::path file_;
  Clock::time_point last_{};
};

struct Session {
  std::unique_ptr<AmqpConnection> consumer;   // deliveries and acks
  std::unique_ptr<AmqpConnection> publisher;  // result messages, with confirms, on their own connection
};

Session connect(const QueueWorkerSettings& settings, QueueWorkerReport& report) {
  Session s;
  s.consumer = std::make_unique<AmqpConnection>(settings.url, settings.login);
  if (s.consumer->declare_queues(settings.queue, settings.delivery_limit) == QueueDeclaration::other_arguments) {
    report.queue_as_declared = false;
    host::log::warn("queue.not_as_declared", {{"queue", settings.queue}});
  }
  s.consumer->consume(settings.queue, settings.prefetch);
  s.consumer->consume(settings.queue + ".quarantine", 1);
  if (!settings.results_queue.empty()) {
    s.publisher = std::make_unique<AmqpConnection>(settings.url, settings.login);
    s.publisher->declare_quorum_queue(settings.results_queue);
  }
  return s;
}

// The next few messages: waits up to half a second for one, then takes those already on their
// way (up to the prefetch), so documents run side by side in the worker processes. It does not
// wait long for more: with the prefetch reached, none can come before an ack.
std::vector<Delivery> take_messages(AmqpConnection& consumer, unsigned most) {
  std::vector<Delivery> taken;
  auto first = consumer.next(500ms);
  if (!first) return taken;
  taken.push_back(std::move(*first));
  const auto deadline = Clock::now() + 5ms;
  while (taken.size() < most && Clock::now() < deadline) {
    auto more = consumer.next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    if (!more) break;
    taken.push_back(std::move(*more));
  }
  return taken;
}

void deliver_outcomes(Session& s, const QueueWorkerSettings& settings, std::vector<Settled>& settled, QueueWorkerReport& report) {
  for (auto& x : settled) {
    if (!x.ack) {
      s.consumer->requeue(x.delivery);
      ++report.requeued;
      continue;
    }
    if (x.result && s.publisher) s.publisher->publish(settings.results_queue, encode(*x.result));
    s.consumer->ack(x.delivery);  // last: the outcome is on disk (and announced) before the broker forgets the message
  }
}

void write_part_summary(host::OutputStore& store, host::RunSummary& summary, Clock::time_point started, bool final) {
  summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  summary.complete = final;
  try {
    store.write_summary(summary.to_json());
    if (final) host::write_report(store.state_root(), summary);
  } catch (const std::exception&) {
    host::log::warn("summary.write_failed", {});
  }
}

// Waits `seconds` (or until stopped), keeping the heartbeat: a worker waiting for its broker is
// alive, and restarting it would not bring the broker back.
void back_off(unsigned seconds, Heartbeat& heartbeat, const std::function<bool()>& stop) {
  const auto until = Clock::now() + std::chrono::seconds(seconds);
  while (Clock::now() < until && !stop()) {
    heartbeat.beat();
    std::this_thread::sleep_for(100ms);
  }
}

}  // namespace

QueueWorkerReport run_queue_worker(const host::Pipeline& pipeline, host::OutputStore& store, const QueueWorkerSettings& settings,
                                   const std::function<bool()>& stop) {
  QueueWorkerReport report;
  Heartbeat heartbeat(settings.heartbeat);
  heartbeat.beat();
  host::RunOptions options = settings.run;
  options.on_tick = [&heartbeat] { heartbeat.beat(); };
  options.batch_files = false;
  options.progress = host::ProgressMode::none;
  // A stopped worker finishes the documents it runs (up to their time limit): they are acked.
  options.limits.stop_grace_seconds = options.limits.seconds_per_document;
  MessageSettler settler(pipeline, store, options, settings.name);
  const auto started = Clock::now();
  auto last_summary = started;

  Session session = connect(settings, report);  // the first failure is the caller's to report
  host::log::info("worker.ready", {{"prefetch", settings.prefetch}, {"delivery_limit", settings.delivery_limit}});
  unsigned backoff = 1;
  while (!stop()) {
    heartbeat.beat();
    try {
      if (!session.consumer) {
        session = connect(settings, report);
        ++report.reconnects;
        host::log::info("broker.reconnected", {{"reconnects", report.reconnects}});
        backoff = 1;
      }
      auto deliveries = take_messages(*session.consumer, settings.prefetch + 1);
      if (!deliveries.empty()) {
        report.messages += deliveries.size();
        const auto taken = Clock::now();
        auto settled = settler.settle(std::move(deliveries));
        const auto ran = Clock::now();
        deliver_outcomes(session, settings, settled, report);
        if (host::log::enabled(host::log::Level::debug))
          host::log::debug("messages.settled", {{"messages", settled.size()},
                                                {"run_ms", std::chrono::duration<double, std::milli>(ran - taken).count()},
                                                {"ack_ms", std::chrono::duration<double, std::milli>(Clock::now() - ran).count()}});
      }
    } catch (const BrokerError& e) {
      // Messages in hand go back to the queue with the connection; what was written stays written.
      host::log::warn("broker.lost", {{"error", e.what()}, {"retry_in_s", backoff}});
      session = {};
      back_off(backoff, heartbeat, stop);
      backoff = std::min(backoff * 2, 30u);
    }
    if (settler.summary().output_full) {
      report.output_full = true;
      break;
    }
    if (Clock::now() - last_summary > 10s) write_part_summary(store, settler.summary(), started, false), last_summary = Clock::now();
  }
  write_part_summary(store, settler.summary(), started, true);
  report.summary = settler.summary();
  return report;
}

}  // namespace chartflow::queue
