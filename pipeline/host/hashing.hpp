#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::host {

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

struct FileHash {
  std::string sha256;
  std::uint64_t size = 0;
};
// The SHA-256 of a file's content, read in pieces (a file of any size); nullopt when it cannot
// be read completely.
std::optional<FileHash> sha256_of_file(const std::filesystem::path& file);

}  // namespace chartflow::host
