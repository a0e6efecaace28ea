// Structured logging on spdlog. Every log line is an event name plus fields, and the fields are
// ids, hashes, counts, codes and timings only: no document text, file names or patient
// identifiers ever reach a log (tests/pipeline/host/logging_phi_test.cpp holds us to it).
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace chartflow::host::log {

enum class Level { trace, debug, info, warn, error, off };
enum class Format { text, json };

// Sends logs to stderr (and to `file` when not empty). Safe to call again to reconfigure.
void configure(Level level, Format format, const std::string& file = "");
Level parse_level(std::string_view name, bool* ok);

using Fields = std::initializer_list<std::pair<const char*, nlohmann::json>>;

// One event, e.g. event(Level::info, "document.done", {{"doc", id}, {"ms", 12}}).
void event(Level level, std::string_view name, Fields fields = {});

inline void info(std::string_view name, Fields fields = {}) { event(Level::info, name, fields); }
inline void debug(std::string_view name, Fields fields = {}) { event(Level::debug, name, fields); }
inline void warn(std::string_view name, Fields fields = {}) { event(Level::warn, name, fields); }
inline void error(std::string_view name, Fields fields = {}) { event(Level::error, name, fields); }
bool enabled(Level level);

}  // namespace chartflow::host::log
