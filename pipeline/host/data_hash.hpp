// Content hashes of the files a stage's results depend on besides its code version and config:
// the data files in its plugin folder (dictionaries, code tables, models) and every file or
// folder its config names (custom term lists, code set catalogs). They go into the pipeline
// fingerprint, so editing a dictionary re-runs the documents instead of keeping old results.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace chartflow::host {

// A fast 64-bit hash of `bytes` (not cryptographic: it detects edits, it does not resist forgers).
std::uint64_t content_hash(std::string_view bytes, std::uint64_t seed = 0);

// Hex hash over the relative paths and contents of every regular file under `folder` except
// `skip` (the plugin's library: its code is versioned by the manifest, and its bits differ between
// builds of the same source), in sorted order. "" for a folder that does not exist.
std::string folder_content_hash(const std::filesystem::path& folder, const std::filesystem::path& skip = {});

// Hex hash over every regular file that a string anywhere in `config` names (relative paths
// against the working folder, as the plugin would open them), with the names themselves.
std::string config_files_hash(const nlohmann::json& config);

}  // namespace chartflow::host
