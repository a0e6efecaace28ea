// Errors that stop a whole run (bad configuration, missing plugin, unreadable input path).
// Each message names the file or key at fault and what was expected; the CLI prints it as one
// line and exits non-zero. Per-document problems never use this: they quarantine the document.
#pragma once

#include <stdexcept>
#include <string>

namespace chartflow::host {

class FatalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace chartflow::host
