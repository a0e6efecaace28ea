// The date the identity tests take as today: a date after it is in the future.
#pragma once

#include <string_view>

namespace chartflow::identity::identity_test {

inline constexpr std::string_view kToday = "2026-12-01";

}  // namespace chartflow::identity::identity_test
