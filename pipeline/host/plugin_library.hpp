// Loading a plugin's shared library and shaking hands with it over the C ABI.
#pragma once

#include "manifest.hpp"

#include <chartflow_plugin.h>

namespace chartflow::host {

// Loads the library named by `manifest` (RTLD_LOCAL | RTLD_NOW, through Boost.DLL), calls its
// entry point with this host's ABI version and checks the answer: ABI versions, the struct size,
// the three functions, and that the manifest embedded in the library equals the manifest file.
// A library is loaded once per process and never unloaded, so nothing it handed out can dangle.
// Throws FatalError naming the plugin and what is wrong with it.
const cf_plugin_v1& load_plugin(const Manifest& manifest);

}  // namespace chartflow::host
