#include "supervisor.hpp"

#include "errors.hpp"

#include "logging.hpp"
#include "worker_channel.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <cstring>
#include <deque>
#include <fstream>
#include <thread>

namespace chartflow::host {
namespace {

using Clock = std::chrono::steady_clock;

constexpr unsigned kAttempts = 2;        // a document that kills its worker is retried once
constexpr std::size_t kQueueDepth = 2;   // jobs sent to a worker ahead of its results

// Blocked from just before a fork until each side has its own handlers: a SIGTERM to the group
// in between would otherwise run the supervisor's handler in the new worker, which then
// carries on as if nothing had happened.
sigset_t stop_signal_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void unblock_stop_signals() {
  const sigset_t set = stop_signal_set();
  ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

// ---- the worker process -------------------------------------------------------------------

// What a worker shows its supervisor without a message: the stage it is in (an index into the
// pipeline's stages, -1 between stages), in a page shared across the fork. A crash leaves it
// behind, so the quarantine can name the stage that crashed.
struct SharedState {
  std::atomic<std::int32_t> stage{-1};
};
static_assert(std::atomic<std::int32_t>::is_always_lock_free);

// What a worker says when its document is done: the outcome fields the supervisor keeps.
nlohmann::json outcome_message(std::size_t i, const DocumentOutcome& out) {
  return {{"done", i},        {"id", out.id},         {"outcome", outcome_name(out.outcome)}, {"stage", out.stage},
          {"status", out.status}, {"reason", out.reason}, {"stats", out.stats.to_json()}};
}

[[noreturn]] void worker_main(Batch& batch, int fd, unsigned worker, SharedState& shared) {
  // The supervisor's handlers are not the worker's: a signal ends the worker like any process.
  ::signal(SIGINT, SIG_IGN);  // Ctrl-C reaches the whole process group; the supervisor decides
  ::signal(SIGTERM, SIG_DFL);
  unblock_stop_signals();     // blocked across the fork: none can reach the supervisor's handler here
  MessageReader reader;
  for (;;) {
    const nlohmann::json job = receive_message(fd, reader);
    if (!job.is_object() || !job.contains("job")) ::_exit(0);  // the supervisor closed the socket: done
    const auto i = job["job"].get<std::size_t>();
    DocumentOutcome& out = batch.summary().documents[i];
    out = DocumentOutcome{};
    // The input's bytes follow the job: the supervisor read and hashed them in triage.
    std::string bytes;
    if (!reader.read_raw(fd, job.value("bytes", std::size_t{0}), bytes)) ::_exit(0);
    batch.adopt(i, job.value("id", ""), job.value("sha256", ""));
    try {
      {
        const auto& stages = batch.pipeline().stages();
        const auto on_stage = [&](const Stage& stage) {
          for (std::size_t k = 0; k < stages.size(); ++k)
            if (stages[k].get() == &stage) shared.stage.store(static_cast<std::int32_t>(k), std::memory_order_relaxed);
        };
        batch.process(i, bytes, worker, on_stage, false);
        shared.stage.store(-1, std::memory_order_relaxed);
      }
    } catch (const OutputFull&) {
      out.outcome = Outcome::pending;  // the supervisor hears "not_processed" and stops the batch
    } catch (const std::exception& e) {
      batch.quarantine_failure(i, StageFailure{"chartflow", "internal", std::string("host error: ") + e.what()});
    }
    if (!send_message(fd, outcome_message(i, out))) ::_exit(0);
  }
}

// ---- the supervisor ------------------------------------------------------------------------

struct Worker {
  pid_t pid = -1;
  int fd = -1;
  SharedState* shared = nullptr;  // mapped before the fork, unmapped never (a page per worker slot)
  MessageReader reader;
  // Jobs sent, in order: the front one is running, the next waits in the socket so the worker
  // never sits idle between documents.
  std::deque<std::size_t> jobs;
  Clock::time_point started;  // of the front job
  std::string kill_reason;  // set when the supervisor killed it (timeout, memory)
  std::string kill_status;
};

std::uint64_t resident_bytes(pid_t pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  std::uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = ::sigabbrev_np(sig);
    return std::string("the worker process was killed by signal ") + std::to_string(sig) + (name ? std::string(" (SIG") + name + ")" : "");
  }
  if (WIFEXITED(status)) return "the worker process exited with status " + std::to_string(WEXITSTATUS(status)) + " in the middle of the document";
  return "the worker process ended";
}

class Supervisor {
 public:
  Supervisor(Batch& batch, unsigned workers, const WorkerLimits& limits, const RunHooks& hooks)
      : batch_(batch), limits_(limits), hooks_(hooks), workers_(workers) {}

  void run() {
    for (unsigned w = 0; w < workers_.size(); ++w) spawn(w);
    while (settled_ < batch_.size() && !hooks_.stop()) {
      dispatch();
      wait_for_messages();
      enforce_limits();
      hooks_.tick();
    }
    if (settled_ < batch_.size()) drain();
    for (auto& w : workers_) stop(w);
  }

  // Stopped: documents already running get a few seconds to finish; then their workers go.
  void drain() {
    stopping_ = true;
    log::warn("run.stopping", {{"settled", settled_}, {"inputs", batch_.size()}});
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limits_.stop_grace_seconds));
    const auto running = [&] {
      for (const auto& w : workers_)
        if (w.fd >= 0 && !w.jobs.empty()) return true;
      return false;
    };
    while (running() && Clock::now() < deadline) {
      for (auto& w : workers_)  // jobs queued behind the running one will not start
        while (w.jobs.size() > 1) w.jobs.pop_back();
      wait_for_messages();
      hooks_.tick();
    }
    for (auto& w : workers_)
      if (w.pid > 0 && !w.jobs.empty()) ::kill(w.pid, SIGKILL);
  }

 private:
  void spawn(unsigned index) {
    Worker& w = workers_[index];
    SharedState* shared = w.shared ? w.shared : map_shared_state();  // before the fork, so both sides see it
    shared->stage.store(-1);
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
    const pid_t parent = ::getpid();
    const sigset_t stop_set = stop_signal_set();
    sigset_t previous_mask;
    ::pthread_sigmask(SIG_BLOCK, &stop_set, &previous_mask);
    const pid_t pid = ::fork();
    if (pid != 0) ::pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);  // a signal meanwhile is delivered now
    if (pid < 0) throw std::runtime_error(std::string("cannot start a worker process: ") + std::strerror(errno));
    if (pid == 0) {
      // A supervisor killed with SIGKILL takes its workers along: an orphan finishing its
      // document would write into an output folder the next run already holds.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(0);
      ::close(fds[0]);
      for (const auto& other : workers_)
        if (other.fd >= 0) ::close(other.fd);
      worker_main(batch_, fds[1], index, *shared);
    }
    ::close(fds[1]);
    w = Worker{};
    w.pid = pid, w.fd = fds[0], w.shared = shared;
    log::debug("worker.started", {{"worker", index}, {"pid", pid}});
  }

  static SharedState* map_shared_state() {
    void* page = ::mmap(nullptr, sizeof(SharedState), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) throw std::runtime_error(std::string("cannot map memory shared with a worker: ") + std::strerror(errno));
    return new (page) SharedState();
  }

  std::string stage_of(const Worker& w) const {
    const auto k = w.shared ? w.shared->stage.load(std::memory_order_relaxed) : -1;
    const auto& stages = batch_.pipeline().stages();
    return k >= 0 && static_cast<std::size_t>(k) < stages.size() ? stages[static_cast<std::size_t>(k)]->id() : std::string();
  }

  void stop(Worker& w) {
    if (w.fd >= 0) ::close(w.fd);  // the worker sees end of file and exits
    if (w.pid > 0) ::waitpid(w.pid, nullptr, 0);
    w.fd = -1, w.pid = -1;
  }

  // Gives idle workers the next document that needs its stages run, then triages ahead while
  // they work, so a worker never waits for the supervisor to read its next input.
  void dispatch() {
    for (auto& w : workers_) {
      while (w.fd >= 0 && w.jobs.size() < kQueueDepth) {
        const auto i = next_job();
        if (!i) break;
        if (w.jobs.empty()) w.started = Clock::now();
        w.jobs.push_back(*i);
        const std::string& bytes = bytes_[*i];
        if (!send_message(w.fd, {{"job", *i}, {"id", batch_.summary().documents[*i].id}, {"sha256", batch_.sha256(*i)}, {"bytes", bytes.size()}},
                          bytes))
          break;  // it died meanwhile: seen as end of file below
      }
    }
    while (ready_.size() < workers_.size() && next_ < batch_.size()) {
      const std::size_t i = next_++;
      if (needs_stages(i)) ready_.push_back(i);
    }
  }

  std::optional<std::size_t> next_job() {
    std::optional<std::size_t> i;
    if (!retry_.empty()) i = retry_.front(), retry_.pop_front();
    else if (!ready_.empty()) i = ready_.front(), ready_.pop_front();
    while (!i && next_ < batch_.size())
      if (const std::size_t candidate = next_++; needs_stages(candidate)) i = candidate;
    return i;
  }

  // Triage in the supervisor settles duplicates and finished documents without a worker; the
  // bytes of the others wait here until their document is settled (a retry sends them again).
  bool needs_stages(std::size_t i) {
    bool needed = false;
    try {
      if (auto bytes = batch_.triage(i)) bytes_[i] = std::move(*bytes), needed = true;
    } catch (const OutputFull&) {
      batch_.output_full(i);
    } catch (const std::exception& e) {
      batch_.quarantine_failure(i, StageFailure{"chartflow", "internal", std::string("host error: ") + e.what()});
    }
    if (!needed) settle(i);
    return needed;
  }

  void settle(std::size_t i) {
    bytes_.erase(i);
    try {
      batch_.finish(i);
    } catch (const OutputFull&) {
      batch_.output_full(i);
    } catch (const std::exception&) {
      log::error("document.finish_failed", {{"doc", batch_.summary().documents[i].id}});
    }
    ++settled_;
    hooks_.settled(batch_.summary().documents[i].outcome);
  }

  void wait_for_messages() {
    std::vector<pollfd> fds;
    for (const auto& w : workers_) fds.push_back({w.fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), 100) <= 0) return;
    for (unsigned index = 0; index < workers_.size(); ++index) {
      if (!(fds[index].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Worker& w = workers_[index];
      const bool open = w.reader.read_from(w.fd);
      for (const auto& message : w.reader.take()) on_message(w, message);
      if (!open) on_worker_ended(index);
    }
  }

  void on_message(Worker& w, const nlohmann::json& message) {
    if (!message.contains("done") || w.jobs.empty() || !message["done"].is_number_unsigned() || message["done"].get<std::size_t>() != w.jobs.front())
      return;
    const std::size_t i = w.jobs.front();
    DocumentOutcome& out = batch_.summary().documents[i];
    out.id = message.value("id", out.id);
    const std::string outcome = message.value("outcome", "");
    out.outcome = outcome == "written" ? Outcome::written : outcome == "skipped" ? Outcome::skipped
                : outcome == "duplicate" ? Outcome::duplicate : outcome == "not_processed" ? Outcome::pending : Outcome::quarantined;
    out.stage = message.value("stage", ""), out.status = message.value("status", ""), out.reason = message.value("reason", "");
    if (message.contains("stats")) out.stats = DocumentStats::from_json(message["stats"]);
    if (out.outcome == Outcome::pending) batch_.output_full(i);  // only a full disk ends a document that way
    w.jobs.pop_front();
    w.started = Clock::now();  // the worker goes straight on to the next job
    settle(i);
  }

  // The worker is gone: find out why, settle or retry its document, and start another.
  void on_worker_ended(unsigned index) {
    Worker& w = workers_[index];
    int status = 0;
    ::waitpid(w.pid, &status, 0);
    ::close(w.fd);
    const std::string cause = !w.kill_reason.empty() ? w.kill_reason : describe_exit(status);
    const std::string kind = !w.kill_status.empty() ? w.kill_status : "crashed";
    log::warn("worker.ended", {{"worker", index}, {"pid", w.pid}, {"status", kind}});
    // Jobs queued behind the running one never started: they go back, no attempt spent.
    for (std::size_t k = w.jobs.size(); k > 1; --k) retry_.push_front(w.jobs[k - 1]);
    if (!w.jobs.empty()) {
      const std::size_t i = w.jobs.front();
      if (!stopping_) ++attempts_[i];
      batch_.summary().documents[i].attempts = attempts_[i];
      const std::string in_stage = stage_of(w);
      const std::string stage = in_stage.empty() ? "chartflow" : in_stage;
      if (stopping_) {
        // Killed because the run is stopping: not the document's fault, so not_processed.
      } else if (attempts_[i] < kAttempts) {
        retry_.push_back(i);
      } else {
        batch_.quarantine_failure(i, StageFailure{stage, kind, cause + (in_stage.empty() ? "" : " during stage '" + in_stage + "'") + "; tried " +
                                                                  std::to_string(attempts_[i]) + " times, each on a fresh worker"});
        settle(i);
      }
    }
    w.fd = -1, w.pid = -1, w.jobs.clear();
    if (settled_ < batch_.size() && !stopping_) spawn(index);
  }

  void enforce_limits() {
    const auto now = Clock::now();
    if (now - last_check_ < std::chrono::milliseconds(100)) return;  // /proc reads cost syscalls: ten a second is enough
    last_check_ = now;
    for (auto& w : workers_) {
      if (w.jobs.empty() || !w.kill_reason.empty()) continue;
      const double seconds = std::chrono::duration<double>(now - w.started).count();
      if (seconds > limits_.seconds_per_document) {
        kill(w, "timeout", "the document ran past the time limit of " + std::to_string(static_cast<long>(limits_.seconds_per_document)) +
                               " s (limits.seconds_per_document)");
      } else if (const auto rss = resident_bytes(w.pid); rss > limits_.memory_bytes) {
        kill(w, "memory", "the worker process grew to " + std::to_string(rss >> 20) + " MB, over the limit of " +
                              std::to_string(limits_.memory_bytes >> 20) + " MB (limits.worker_memory_mb)");
      }
    }
  }

  void kill(Worker& w, const std::string& status, const std::string& reason) {
    w.kill_status = status, w.kill_reason = reason;
    ::kill(w.pid, SIGKILL);
  }

  Batch& batch_;
  WorkerLimits limits_;
  const RunHooks& hooks_;
  bool stopping_ = false;
  std::vector<Worker> workers_;
  std::deque<std::size_t> retry_, ready_;  // crashed once; triaged and waiting for a worker
  std::map<std::size_t, unsigned> attempts_;
  std::map<std::size_t, std::string> bytes_;  // inputs triaged and not yet settled
  std::size_t next_ = 0, settled_ = 0;
  Clock::time_point last_check_{};
};

}  // namespace

void run_in_process(Batch& batch, unsigned workers, const RunHooks& hooks) {
  std::atomic<std::size_t> next{0};
  std::mutex hooks_mutex;  // the hooks are not thread-safe; documents are slow next to them
  const auto work = [&](unsigned worker) {
    for (std::size_t i = next++; i < batch.size(); i = next++) {
      {
        std::lock_guard lock(hooks_mutex);
        if (hooks.stop()) return;
      }
      batch.run_one(i, worker);
      std::lock_guard lock(hooks_mutex);
      hooks.settled(batch.summary().documents[i].outcome);
      hooks.tick();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(work, w);
  work(0);
  for (auto& t : threads) t.join();
}

void run_supervised(Batch& batch, unsigned workers, const WorkerLimits& limits, const RunHooks& hooks) {
  if (batch.size() == 0) return;
  Supervisor(batch, static_cast<unsigned>(std::min<std::size_t>(workers, batch.size())), limits, hooks).run();
}

}  // namespace chartflow::host
