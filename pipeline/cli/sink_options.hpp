// The config of the sink `chartflow export <sink>` runs: the JSON object of --config FILE, then
// every option of the command line the export itself does not use (--case-list x.csv ->
// "case_list": "x.csv"), typed by the sink's config_schema, and checked against that schema.
#pragma once

#include "args.hpp"

#include "../host/manifest.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace chartflow::cli {

// `host_options` are the export's own options (records, plugin-path, ...), never passed on.
// Throws UsageError for an option the sink does not know or a value of the wrong type, naming
// the option; FatalError for a --config file that cannot be read or is no JSON object.
nlohmann::json sink_config(const Args& args, const host::Manifest& sink, const std::set<std::string>& host_options);

// Validates `config` against the sink's config_schema. A problem with an option given on the
// command line (or a required one missing) is a UsageError naming the option; one in the
// --config file is a FatalError naming the file and key.
void check_sink_config(const Args& args, const host::Manifest& sink, const nlohmann::json& config, const std::set<std::string>& host_options);

// "case_list" -> "--case-list".
std::string option_name(const std::string& key);

}  // namespace chartflow::cli
