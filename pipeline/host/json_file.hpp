// Reading a JSON file a user gave us, with errors that name the file, line and column.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace chartflow::host {

// Throws FatalError: "<file>: cannot read ..." or "<file>: line 3, column 7: ...".
nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& what);

// Reads a whole file; throws FatalError naming the file when it cannot.
std::string read_file(const std::filesystem::path& file, const std::string& what);

}  // namespace chartflow::host
