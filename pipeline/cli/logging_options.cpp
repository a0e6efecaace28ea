#include "commands.hpp"

#include "../host/errors.hpp"
#include "../host/logging.hpp"

#include <filesystem>

namespace chartflow::cli {

void configure_logging(const Args& args) {
  bool ok = true;
  const auto level = host::log::parse_level(args.value("log-level", "warn"), &ok);
  if (!ok) throw UsageError("--log-level expects trace, debug, info, warn, error or off, got '" + args.value("log-level") + "'");
  const std::string format = args.value("log-format", "text");
  if (format != "text" && format != "json") throw UsageError("--log-format expects text or json, got '" + format + "'");
  // spdlog would create any missing folders of the log file's path; a typo then logs somewhere
  // nobody looks. The folder must exist.
  if (const std::string file = args.value("log-file"); !file.empty()) {
    const auto folder = std::filesystem::absolute(file).parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
      throw host::FatalError(file + ": --log-file's folder " + folder.string() + " does not exist; create it or pick another path");
  }
  host::log::configure(level, format == "json" ? host::log::Format::json : host::log::Format::text, args.value("log-file"));
}

}  // namespace chartflow::cli
