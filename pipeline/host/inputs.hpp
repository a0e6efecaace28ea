// Turning the paths a user gave into the list of input files, before anything runs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace chartflow::host {

struct InputFile {
  std::filesystem::path path;   // as found
  std::string display_name;     // path relative to the folder it was found in, or the file name
  std::string expected_sha256;  // when set (a queue message's hash): other content is quarantined as changed
};

// An entry of an input folder that is no input: listed in the summary, never silently dropped.
struct NotRead {
  std::string display_name;
  std::string reason;  // "named pipe, not a regular file", "symbolic link out of the input folder", ...
};

struct InputSet {
  std::vector<InputFile> files;               // sorted, each file once
  std::vector<std::filesystem::path> hidden;  // dot-files inside folders, skipped and reported
  std::vector<NotRead> not_read;              // special files, dangling or escaping links, unlistable folders
};

// Files are taken as given; folders are walked recursively in name order, leaving out
// `exclude` (the output folder, which may sit inside an input folder, but must not be one).
// Symbolic links are followed only to files and folders inside the input folder they were
// found in, each folder once (a link loop ends there); links out of it, dangling links, named
// pipes, sockets, devices and folders that cannot be listed are reported in `not_read`. A path
// given that does not exist throws FatalError naming it: a run whose inputs are wrong should not
// half-start.
InputSet collect_inputs(const std::vector<std::filesystem::path>& paths, const std::filesystem::path& exclude = {});

// The folders the inputs' display names are relative to (absolute, each once): where a sink
// finds a record's original file again by its source name.
std::vector<std::filesystem::path> input_folders(const InputSet& inputs);

// One input's bytes, or why they could not be read (named in its quarantine entry).
struct ReadResult {
  std::string bytes;
  std::string error;  // empty when read
};
// Reads a whole input, refusing one over `max_bytes` without reading it.
ReadResult read_input(const std::filesystem::path& path, std::uint64_t max_bytes);

}  // namespace chartflow::host
