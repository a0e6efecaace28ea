#include "stop_signals.hpp"

#include <atomic>
#include <csignal>
#include <ctime>

namespace chartflow::host {
namespace {

std::atomic<int> g_signal{0};
std::atomic<long long> g_first_ms{0};  // when the first signal came, CLOCK_MONOTONIC
int g_depth = 0;  // nested StopSignals (the CLI's, from start-up on; the runner's) share one state
struct sigaction g_previous_int, g_previous_term;

// One request often arrives twice within microseconds: `timeout` and `kill -- -PGID` signal the
// process and then its whole group, and a terminal's Ctrl-C reaches every process in it. Only a
// signal a second or more after the first is a user insisting.
constexpr long long kInsistAfterMs = 1000;

long long monotonic_ms() noexcept {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);  // async-signal-safe
  return static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

extern "C" void on_stop_signal(int sig) {
  const long long now = monotonic_ms();
  if (g_signal.exchange(sig) == 0) {
    g_first_ms = now;
    return;
  }
  if (now - g_first_ms.load() < kInsistAfterMs) return;  // the same request, delivered twice
  std::signal(sig, SIG_DFL);  // the second one: the user means it
  std::raise(sig);
}

}  // namespace

StopSignals::StopSignals() {
  if (g_depth++ > 0) return;  // already installed: a signal during start-up must not be forgotten
  g_signal = 0;
  g_first_ms = 0;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: poll() and sleeps return at once
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

StopSignals::~StopSignals() {
  if (--g_depth > 0) return;
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

bool StopSignals::requested() const noexcept { return g_signal.load() != 0; }

}  // namespace chartflow::host
