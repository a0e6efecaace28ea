// SIGINT and SIGTERM during a run: instead of dying with the batch half-recorded, the runner
// stops taking inputs, lets running documents finish for a few seconds and writes the summary.
// A second signal, a second or more after the first, ends the process at once, as usual (one
// sent to the process and to its group, as `timeout` does, is one request). The CLI installs them
// before start-up (loading plugins can take seconds), so a signal then still ends the run with a
// summary; nested instances share the first one's state.
#pragma once

namespace chartflow::host {

class StopSignals {
 public:
  StopSignals();   // installs the handlers
  ~StopSignals();  // restores the previous ones
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  bool requested() const noexcept;
};

}  // namespace chartflow::host
