#pragma once

#include <string>
#include <string_view>

namespace chartflow::host {

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace chartflow::host
