// Settings read from the environment (a scheduler's shard index, the broker's login), through a
// lookup the tests can replace. An unset or empty variable is absent.
#pragma once

#include <cstdlib>
#include <functional>
#include <optional>
#include <string>

namespace chartflow::host {

using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

inline EnvLookup process_environment() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::string(value);
  };
}

}  // namespace chartflow::host
