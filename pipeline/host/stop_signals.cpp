#include "stop_signals.hpp"

#include <atomic>
#include <csignal>

namespace chartflow::host {
namespace {

std::atomic<int> g_signal{0};
int g_depth = 0;  // nested StopSignals (the CLI's, from start-up on; the runner's) share one state
struct sigaction g_previous_int, g_previous_term;

extern "C" void on_stop_signal(int sig) {
  if (g_signal.exchange(sig) != 0) {
    // The second one: the user means it.
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
}

}  // namespace

StopSignals::StopSignals() {
  if (g_depth++ > 0) return;  // already installed: a signal during start-up must not be forgotten
  g_signal = 0;
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
