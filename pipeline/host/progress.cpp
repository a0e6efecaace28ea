#include "progress.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace chartflow::host {
namespace {

using Clock = std::chrono::steady_clock;

std::string duration(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s >= 3600) std::snprintf(text, sizeof(text), "%ldh%02ldm", s / 3600, (s % 3600) / 60);
  else if (s >= 60) std::snprintf(text, sizeof(text), "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(text, sizeof(text), "%lds", s);
  return text;
}

}  // namespace

Progress::Progress(ProgressMode mode, std::size_t total) : mode_(mode), total_(total), started_(Clock::now()), last_print_(started_) {}

void Progress::settled(Outcome outcome) {
  ++done_;
  if (outcome == Outcome::quarantined) ++quarantined_;
}

void Progress::tick() {
  if (mode_ == ProgressMode::none) return;
  const auto every = mode_ == ProgressMode::line ? std::chrono::milliseconds(250) : std::chrono::milliseconds(1000);
  if (Clock::now() - last_print_ < every) return;
  print(false);
}

void Progress::finish() {
  if (mode_ != ProgressMode::none) print(true);
}

void Progress::print(bool final) {
  last_print_ = Clock::now();
  const double elapsed = std::chrono::duration<double>(last_print_ - started_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
  if (mode_ == ProgressMode::json) {
    const nlohmann::json event = {{"event", final ? "progress.done" : "progress"}, {"documents_done", done_}, {"documents_total", total_},
                                  {"quarantined", quarantined_}, {"per_second", rate}, {"eta_seconds", eta}, {"elapsed_seconds", elapsed}};
    std::fprintf(stderr, "%s\n", event.dump().c_str());
  } else {
    std::fprintf(stderr, "\r\033[2K%zu/%zu documents, %.1f/s, %s, ETA %s, quarantined %zu%s", done_, total_, rate,
                 duration(elapsed).c_str(), duration(eta).c_str(), quarantined_, final ? "\n" : "");
  }
  std::fflush(stderr);
}

}  // namespace chartflow::host
