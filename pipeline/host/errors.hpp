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

namespace chartflow::host {

// The output folder's disk is full (or over quota): nothing more can be written. The batch
// stops taking inputs, keeps what is done, and says so; a re-run finishes the rest.
class OutputFull : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace chartflow::host
