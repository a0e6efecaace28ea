// `chartflow enqueue` and `chartflow worker`: queue mode on RabbitMQ (docs/scale-out.md).
#include "commands.hpp"
#include "pipeline_options.hpp"

#include "../host/errors.hpp"
#include "../host/hashing.hpp"
#include "../host/inputs.hpp"
#include "../host/logging.hpp"
#include "../host/pipeline.hpp"
#include "../host/pipeline_config.hpp"
#include "../host/stop_signals.hpp"
#include "../queue/amqp_connection.hpp"
#include "../queue/queue_message.hpp"
#include "../queue/queue_worker.hpp"

#include <unistd.h>

#include <iostream>
#include <regex>

namespace chartflow::cli {
namespace {

queue::BrokerUrl broker_url(const Args& args) {
  if (!args.has("broker")) throw UsageError(args.command + " needs --broker amqp://HOST[:PORT][/VHOST] (the login goes in CHARTFLOW_BROKER_USER/_PASSWORD)");
  try {
    return queue::parse_broker_url(args.value("broker"));
  } catch (const queue::BrokerSettingError& e) {
    throw UsageError(e.what());
  }
}

queue::BrokerLogin broker_login() {
  try {
    return queue::broker_login_from_environment();
  } catch (const queue::BrokerSettingError& e) {
    throw host::FatalError(e.what());
  }
}

std::string queue_name(const Args& args) {
  if (!args.has("queue")) throw UsageError(args.command + " needs --queue NAME (for example chartflow.charts)");
  static const std::regex allowed(R"([A-Za-z0-9][A-Za-z0-9._:-]{0,200})");
  const std::string name = args.value("queue");
  if (!std::regex_match(name, allowed) || name.ends_with(".quarantine"))
    throw UsageError("--queue '" + name + "': use letters, digits and . _ : - (and not a name ending in .quarantine, which is the queue's dead-letter queue)");
  return name;
}

unsigned delivery_limit(const Args& args) {
  return args.has("delivery-limit") ? parse_count("delivery-limit", args.value("delivery-limit"), 1, 1000) : 3;
}

std::string default_worker_name() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  std::string name = std::string(host) + "-" + std::to_string(::getpid());
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_') c = '-';
  return name;
}

// A broker that cannot be reached or refuses the login at start is a failed start (exit 1).
[[noreturn]] void fail_to_start(const queue::BrokerError& e) { throw host::FatalError(e.what()); }

}  // namespace

int enqueue_command(const Args& args) {
  const auto url = broker_url(args);
  const std::string queue = queue_name(args);
  if (!args.has("input")) throw UsageError("enqueue needs --input PATH... (files or folders on storage every worker mounts at the same path)");
  const unsigned limit = delivery_limit(args);
  std::vector<std::filesystem::path> paths(args.values("input").begin(), args.values("input").end());
  const host::InputSet inputs = host::collect_inputs(paths);
  const auto login = broker_login();
  std::size_t published = 0;
  std::vector<std::string> failed;
  try {
    queue::AmqpConnection broker(url, login);
    if (broker.declare_queues(queue, limit) == queue::QueueDeclaration::other_arguments)
      std::cerr << "chartflow: warning: queue '" << queue << "' already exists with other arguments than chartflow declares (a quorum queue with "
                << "x-delivery-limit " << limit << ", dead-lettering to " << queue << ".quarantine): if it is not a quorum queue with a delivery "
                << "limit, a document that kills workers is redelivered forever and never quarantined\n";
    for (const auto& file : inputs.files) {
      std::error_code ec;
      const auto absolute = std::filesystem::absolute(file.path, ec).lexically_normal();
      const auto hash = host::sha256_of_file(absolute);
      if (!hash) {
        failed.push_back(file.display_name + ": cannot be read");
        continue;
      }
      broker.publish(queue, queue::encode(queue::WorkMessage{absolute.string(), hash->sha256, hash->size}));
      ++published;
    }
  } catch (const queue::BrokerError& e) {
    if (published == 0) fail_to_start(e);
    std::cerr << "chartflow: error: " << e.what() << "\n";
    std::cerr << "chartflow: " << published << " of " << inputs.files.size() << " input(s) were enqueued before that; run the same command again "
              << "(workers do not redo documents they finished)\n";
    return 3;
  }
  host::log::info("enqueue.done", {{"published", published}, {"failed", failed.size()}});
  std::cout << "chartflow enqueue: " << published << " input(s) published to '" << queue << "' on " << url.display() << " (confirmed by the broker)\n";
  for (const auto& f : failed) std::cout << "  not enqueued: " << f << "\n";
  for (const auto& n : inputs.not_read) std::cout << "  not read: " << n.display_name << " (" << n.reason << ")\n";
  if (!inputs.hidden.empty()) std::cout << "  hidden files ignored: " << inputs.hidden.size() << "\n";
  return failed.empty() && inputs.not_read.empty() ? 0 : 3;
}

int worker_command(const Args& args) {
  const host::StopSignals stop_signals;  // SIGTERM: finish the documents in hand, ack them, stop
  const auto url = broker_url(args);
  queue::QueueWorkerSettings settings;
  settings.url = url;
  settings.queue = queue_name(args);
  if (!args.has("config")) throw UsageError("worker needs --config FILE (for example configs/default.json)");
  if (!args.has("output")) throw UsageError("worker needs --output DIR (the output folder every worker shares)");
  settings.delivery_limit = delivery_limit(args);
  const unsigned jobs_given = jobs_option(args);
  if (args.has("results-queue")) settings.results_queue = args.value("results-queue");
  if (args.has("heartbeat")) settings.heartbeat = args.value("heartbeat");
  settings.name = args.has("name") ? args.value("name") : default_worker_name();
  static const std::regex name_pattern(R"([A-Za-z0-9][A-Za-z0-9._-]{0,63})");
  if (!std::regex_match(settings.name, name_pattern)) throw UsageError("--name '" + settings.name + "': use up to 64 letters, digits and . _ -");
  const host::PipelineConfig config = host::read_pipeline_config(args.value("config"));
  settings.run = run_options(args, config);
  const unsigned jobs = worker_count(jobs_given, config);
  settings.prefetch = args.has("prefetch") ? parse_count("prefetch", args.value("prefetch"), 1, 1000) : jobs;
  settings.login = broker_login();

  host::OutputStore store(args.value("output"), "worker-" + settings.name);
  const host::Pipeline pipeline(config, jobs);
  refuse_batch_sinks(pipeline, "queue workers", args.value("output"));
  host::log::info("worker.start", {{"pipeline", pipeline.name()}, {"fingerprint", pipeline.fingerprint().substr(0, 16)}, {"workers", jobs}});
  queue::QueueWorkerReport report;
  try {
    report = queue::run_queue_worker(pipeline, store, settings, [&] { return stop_signals.requested(); });
  } catch (const queue::BrokerError& e) {
    fail_to_start(e);
  }
  if (!report.queue_as_declared)
    std::cerr << "chartflow: warning: queue '" << settings.queue << "' exists with other arguments than chartflow declares: if it is not a quorum "
              << "queue with a delivery limit, delivery limits and dead-lettering do not apply\n";
  const auto& s = report.summary;
  std::cout << "chartflow worker " << settings.name << ": " << report.messages << " message(s), " << s.count(host::Outcome::written) << " written, "
            << s.count(host::Outcome::quarantined) << " quarantined, " << s.count(host::Outcome::skipped) << " already done, "
            << s.count(host::Outcome::duplicate) << " duplicate(s), " << report.requeued << " returned to the queue, " << report.reconnects
            << " reconnect(s)\n  summary: " << (store.state_root() / "summary.json").string() << "\n";
  if (report.output_full) {
    std::cerr << "chartflow: the disk of " << store.root().string() << " is full: this worker stopped; its unfinished messages are back in the queue\n";
    return 3;
  }
  return 0;
}

}  // namespace chartflow::cli
