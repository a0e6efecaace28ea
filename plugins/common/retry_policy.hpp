// How long a delivery sink waits before trying a destination again: what the server asked for
// (HTTP Retry-After) when it said, else exponential backoff with jitter, always capped. Shared
// by the FHIR and HL7 v2 sinks (header-only).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <random>

namespace chartflow::delivery {

struct RetryPolicy {
  int max_attempts = 5;          // tries per record within one delivery, the first included
  double initial_seconds = 1.0;  // the wait after the first failure; doubled after each next one
  double max_seconds = 60.0;     // no wait is longer, whatever a server asks for

  // The wait after failed attempt `attempt` (1-based). Jitter (0.8-1.2x) keeps many workers that
  // failed together from retrying together; a server's own hint is taken as given.
  std::chrono::milliseconds delay(int attempt, std::optional<double> server_seconds = std::nullopt) const {
    double seconds;
    if (server_seconds) {
      seconds = *server_seconds;
    } else {
      thread_local std::mt19937 random{std::random_device{}()};
      seconds = initial_seconds * std::pow(2.0, std::max(0, attempt - 1)) * std::uniform_real_distribution<double>(0.8, 1.2)(random);
    }
    seconds = std::clamp(seconds, 0.0, max_seconds);
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
  }
};

}  // namespace chartflow::delivery
