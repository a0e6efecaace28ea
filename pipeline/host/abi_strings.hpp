#pragma once
// Strings across the C ABI: a cf_str borrows the bytes of a string_view and back; neither copies.
// (The plugin SDK has its own pair: the host does not build on the SDK plugins are written against.)

#include <chartflow_plugin.h>

#include <string_view>

namespace chartflow::host {

inline cf_str to_cf(std::string_view s) noexcept { return cf_str{s.data(), s.size()}; }
inline std::string_view to_view(cf_str s) noexcept { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }

}  // namespace chartflow::host
