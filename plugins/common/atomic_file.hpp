// Writing an output file (shared by the sinks that write files) so that a reader never sees half of it: a temporary file beside it,
// flushed, then renamed over it.
#pragma once

#include <filesystem>
#include <string>

namespace chartflow::files {

// Throws std::runtime_error naming the file when it cannot be written.
void write_atomically(const std::filesystem::path& file, const std::string& content);

// "" when `file` can be written (its folder exists and is writable, it is no folder itself),
// else what is wrong.
std::string check_writable(const std::filesystem::path& file);

}  // namespace chartflow::files
