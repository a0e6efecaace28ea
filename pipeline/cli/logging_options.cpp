#include "commands.hpp"

#include "../host/logging.hpp"

namespace chartflow::cli {

void configure_logging(const Args& args) {
  bool ok = true;
  const auto level = host::log::parse_level(args.value("log-level", "warn"), &ok);
  if (!ok) throw UsageError("--log-level expects trace, debug, info, warn, error or off, got '" + args.value("log-level") + "'");
  const std::string format = args.value("log-format", "text");
  if (format != "text" && format != "json") throw UsageError("--log-format expects text or json, got '" + format + "'");
  host::log::configure(level, format == "json" ? host::log::Format::json : host::log::Format::text, args.value("log-file"));
}

}  // namespace chartflow::cli
