#pragma once

#include "args.hpp"

namespace chartflow::cli {

int run_command(const Args& args);
int plugins_command(const Args& args);
int validate_command(const Args& args);
int export_command(const Args& args);
int review_command(const Args& args);
int registry_command(const Args& args);
int drg_command(const Args& args);
int hcc_command(const Args& args);
int merge_command(const Args& args);
int enqueue_command(const Args& args);
int worker_command(const Args& args);
// `chartflow export [<sink>] --help`: the export's usage and the installed sinks with their options.
int export_help(const Args& args);

// Applies --log-level / --log-format / --log-file.
void configure_logging(const Args& args);

}  // namespace chartflow::cli
