// Turning the paths a user gave into the list of input files, before anything runs.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace chartflow::host {

struct InputFile {
  std::filesystem::path path;   // as found
  std::string display_name;     // path relative to the folder it was found in, or the file name
};

struct InputSet {
  std::vector<InputFile> files;               // sorted, each file once
  std::vector<std::filesystem::path> hidden;  // dot-files inside folders, skipped and reported
};

// Files are taken as given; folders are walked recursively in name order, leaving out
// `exclude` (the output folder, which may sit inside an input folder). A path that does not
// exist, or a folder that cannot be listed, throws FatalError naming it: a run whose inputs are
// wrong should not half-start.
InputSet collect_inputs(const std::vector<std::filesystem::path>& paths, const std::filesystem::path& exclude = {});

}  // namespace chartflow::host
