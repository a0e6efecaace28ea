// Ways to run a batch's documents.
//
// run_in_process: a pool of threads in this process. Fastest; a plugin that crashes the process
// ends the batch (the next run resumes it).
//
// run_supervised: the default. The supervisor (this process, which loaded and instantiated every
// plugin) forks worker processes that inherit the loaded plugins, so each worker starts at once and
// shares the dictionaries' memory pages. The supervisor triages each input (reads it, names it by
// content, settles duplicates and finished documents), hands the rest to idle workers over a
// socket, and watches them: a worker that dies (any signal, exit, abort, stack overflow), runs
// past the per-document time limit or grows past the memory limit is killed if need be and costs
// only its document, which is retried once on a fresh worker and then quarantined with the stage
// it was in and why. Sinks run in the supervisor only.
#pragma once

#include "batch.hpp"

#include <functional>

namespace chartflow::host {

// What the runner hears from either way of running: each settled input, a periodic tick (for
// progress and checkpoints), and whether to stop taking inputs (SIGINT, SIGTERM).
struct RunHooks {
  std::function<void(Outcome)> settled = [](Outcome) {};
  std::function<void()> tick = [] {};
  std::function<bool()> stop = [] { return false; };
};

void run_in_process(Batch& batch, unsigned workers, const RunHooks& hooks);
// On stop: no new document is started; running ones get limits.stop_grace_seconds to finish, then their
// workers are killed and their documents stay not_processed (a re-run does them).
void run_supervised(Batch& batch, unsigned workers, const WorkerLimits& limits, const RunHooks& hooks);

}  // namespace chartflow::host
