// What a person or a monitor sees while a batch runs: on a terminal, one live line (documents
// done of total, rate, ETA, quarantined so far); with --progress json, one JSON event per second
// on stderr. Counts only: never a file name or document text.
#pragma once

#include "runner.hpp"

#include <chrono>
#include <cstddef>

namespace chartflow::host {

class Progress {
 public:
  Progress(ProgressMode mode, std::size_t total);
  // Called as each input is settled.
  void settled(Outcome outcome);
  // Prints if a second has passed since the last print (the line mode redraws at most 4 times a second).
  void tick();
  // The last line, ended with a newline.
  void finish();

 private:
  void print(bool final);

  ProgressMode mode_;
  std::size_t total_, done_ = 0, quarantined_ = 0;
  std::chrono::steady_clock::time_point started_, last_print_;
};

}  // namespace chartflow::host
