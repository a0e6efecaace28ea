#include "logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace chartflow::host::log {
namespace {

std::mutex config_mutex;
Format current_format = Format::text;

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::trace: return spdlog::level::trace;
    case Level::debug: return spdlog::level::debug;
    case Level::info: return spdlog::level::info;
    case Level::warn: return spdlog::level::warn;
    case Level::error: return spdlog::level::err;
    case Level::off: return spdlog::level::off;
  }
  return spdlog::level::info;
}

std::shared_ptr<spdlog::logger> make_logger(Level level, Format format, const std::string& file) {
  std::vector<spdlog::sink_ptr> sinks{std::make_shared<spdlog::sinks::stderr_sink_mt>()};
  if (!file.empty()) sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(file));
  auto logger = std::make_shared<spdlog::logger>("chartflow", sinks.begin(), sinks.end());
  // In JSON mode the message is already the tail of a JSON object (see event()).
  logger->set_pattern(format == Format::json ? R"({"time":"%Y-%m-%dT%H:%M:%S.%f%z","level":"%l",%v})"
                                             : "[%Y-%m-%d %H:%M:%S.%e] [%l] %v");
  logger->set_level(to_spdlog(level));
  logger->flush_on(spdlog::level::warn);
  return logger;
}

std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> instance = make_logger(Level::info, Format::text, "");
  return instance;
}

}  // namespace

void configure(Level level, Format format, const std::string& file) {
  std::lock_guard lock(config_mutex);
  current_format = format;
  logger() = make_logger(level, format, file);
}

Level parse_level(std::string_view name, bool* ok) {
  *ok = true;
  if (name == "trace") return Level::trace;
  if (name == "debug") return Level::debug;
  if (name == "info") return Level::info;
  if (name == "warn" || name == "warning") return Level::warn;
  if (name == "error") return Level::error;
  if (name == "off") return Level::off;
  *ok = false;
  return Level::info;
}

bool enabled(Level level) { return logger()->should_log(to_spdlog(level)); }

void event(Level level, std::string_view name, Fields fields) {
  auto& log = logger();
  if (!log->should_log(to_spdlog(level))) return;
  std::string line;
  if (current_format == Format::json) {
    line = "\"event\":" + nlohmann::json(name).dump();
    for (const auto& [key, value] : fields) line += std::string(",\"") + key + "\":" + value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    line.assign(name);
    for (const auto& [key, value] : fields)
      line += std::string(" ") + key + "=" + (value.is_string() ? value.get<std::string>() : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  log->log(to_spdlog(level), line);
}

}  // namespace chartflow::host::log
