// SHA-256 (FIPS 180-4), for value_sha256: a plugin links nothing of the host's, and the values
// hashed are a few bytes each, so a small portable implementation is all it needs.
#pragma once

#include <string>
#include <string_view>

namespace chartflow::identity {

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace chartflow::identity
