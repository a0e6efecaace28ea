#include "commands.hpp"
#include "pipeline_options.hpp"

#include "../host/errors.hpp"
#include "../host/inputs.hpp"
#include "../host/logging.hpp"
#include "../host/output_store.hpp"
#include "../host/pipeline.hpp"
#include "../host/runner.hpp"
#include "../host/shard.hpp"
#include "../host/stop_signals.hpp"

#include <unistd.h>

#include <iomanip>
#include <iostream>

namespace chartflow::cli {

namespace {

std::optional<host::Shard> shard_of_run(const Args& args) {
  auto flag = [&](const char* name) { return args.has(name) ? std::optional<std::string>(args.value(name)) : std::nullopt; };
  try {
    return host::resolve_shard(flag("shard-index"), flag("shard-count"), host::process_environment());
  } catch (const host::ShardSettingError& e) {
    throw UsageError(e.what());
  }
}

host::ProgressMode progress_mode(const Args& args) {
  const std::string progress = args.value("progress", ::isatty(2) ? "line" : "none");
  if (progress != "line" && progress != "json" && progress != "none") throw UsageError("--progress must be line, json or none, not '" + progress + "'");
  return progress == "line" ? host::ProgressMode::line : progress == "json" ? host::ProgressMode::json : host::ProgressMode::none;
}

// What each sink delivered, and how to deliver what waits for review.
void print_sinks(const host::RunSummary& summary, const host::Pipeline& pipeline, const std::filesystem::path& root) {
  for (const auto& [sink, totals] : summary.sinks.items()) {
    std::cout << "  sink " << sink << ": delivered " << totals.value("delivered", 0) << ", retry " << totals.value("retry", 0)
              << ", failed " << totals.value("failed", 0);
    if (totals.contains("delivered_earlier")) std::cout << ", delivered earlier " << totals["delivered_earlier"].get<std::size_t>();
    std::cout << "\n";
    for (const char* key : {"begin_error", "end_error", "report"})
      if (totals.contains(key)) std::cout << "    " << (std::string(key) == "report" ? "" : std::string(key) + ": ") << totals[key].get<std::string>() << "\n";
  }
  for (const auto& sink : pipeline.sinks_after_review())
    std::cout << "  sink " << sink.id << ": delivers after review; approve documents in `chartflow review --records " << root.string()
              << "`, then run `chartflow export " << sink.plugin << " --records " << root.string() << " --reviewed --config <its config>`\n";
}

// The run's outcome for the operator: counts by outcome with where they went, and what to do next.
void print_summary(const host::RunSummary& summary, const host::Pipeline& pipeline, const host::OutputStore& store, unsigned jobs,
                   const std::optional<host::Shard>& shard, std::size_t inputs_elsewhere) {
  const auto& root = store.root();
  std::cout << "chartflow: pipeline '" << pipeline.name() << "', " << summary.documents.size() << " input(s), " << jobs
            << " worker(s), " << std::fixed << std::setprecision(2) << summary.seconds << " s\n";
  if (shard)
    std::cout << "  shard        " << shard->index << " of " << shard->count << " (" << inputs_elsewhere
              << " input(s) left to the other shards; when all have ended: chartflow merge --output " << root.string() << ")\n";
  std::cout << "  written      " << summary.count(host::Outcome::written) << "  -> " << (root / "records").string() << "\n";
  std::cout << "  quarantined  " << summary.count(host::Outcome::quarantined) << "  -> " << (root / "quarantine").string();
  if (const auto reasons = summary.quarantine_reasons(); !reasons.empty()) {
    std::cout << "  (";
    bool first = true;
    for (const auto& [reason, n] : reasons) std::cout << (first ? "" : ", ") << reason << ": " << n, first = false;
    std::cout << ")";
  }
  std::cout << "\n  skipped      " << summary.count(host::Outcome::skipped) << "  (already done by this pipeline; --force redoes them)\n";
  std::cout << "  duplicates   " << summary.count(host::Outcome::duplicate) << "  (same content as another input)\n";
  if (const auto pending = summary.count(host::Outcome::pending))
    std::cout << "  not processed " << pending << "  (the run was stopped; run the same command again to finish)\n";
  if (summary.output_full)
    std::cerr << "chartflow: the disk of " << root.string() << " is full: the batch stopped taking inputs; what is written stays written. "
              << "Free some space and run the same command again to finish the rest.\n";
  if (summary.superseded_removed)
    std::cout << "  superseded   " << summary.superseded_removed << "  (outcomes of inputs whose file changed since, removed)\n";
  if (summary.hidden_skipped) std::cout << "  hidden files ignored: " << summary.hidden_skipped << "\n";
  if (!summary.not_read.empty())
    std::cout << "  not read     " << summary.not_read.size() << "  (special files, links out of the input folder, unlistable folders: see summary.json)\n";
  print_sinks(summary, pipeline, root);
  std::cout << "  summary: " << (store.state_root() / "summary.json").string() << "\n";
}

}  // namespace

int run_command(const Args& args) {
  const host::StopSignals stop_signals;  // from here on, SIGINT/SIGTERM end the run with a summary
  if (!args.has("config")) throw UsageError("run needs --config FILE (for example configs/default.json)");
  if (!args.has("input")) throw UsageError("run needs --input PATH... (files or folders)");
  if (!args.has("output")) throw UsageError("run needs --output DIR");
  // Command-line mistakes are reported before any file is read.
  const unsigned jobs_given = jobs_option(args);
  const host::PipelineConfig config = host::read_pipeline_config(args.value("config"));
  const unsigned jobs = worker_count(jobs_given, config);

  const std::optional<host::Shard> shard = shard_of_run(args);

  std::vector<std::filesystem::path> paths(args.values("input").begin(), args.values("input").end());
  host::InputSet inputs = host::collect_inputs(paths, args.value("output"));
  host::OutputStore store(args.value("output"), shard ? shard->part_name() : std::string());
  const host::Pipeline pipeline(config, jobs);
  host::RunOptions options = run_options(args, config);
  if (shard) {
    refuse_batch_sinks(pipeline, "shards", args.value("output"));
    auto selection = host::select_shard(inputs, *shard, config.max_input_bytes);
    host::log::info("run.shard", {{"index", shard->index}, {"count", shard->count}, {"inputs", selection.inputs.files.size()},
                                  {"others", selection.others}});
    inputs = std::move(selection.inputs);
    options.shard = shard;
    options.inputs_elsewhere = selection.others;
  }
  host::log::info("run.start", {{"pipeline", pipeline.name()}, {"fingerprint", pipeline.fingerprint().substr(0, 16)},
                                {"inputs", inputs.files.size()}, {"workers", jobs}});

  options.force = args.has("force");
  options.final_validation = !args.has("no-final-check");
  options.retry_quarantined = args.has("retry-quarantined");
  options.progress = progress_mode(args);
  const host::RunSummary summary = host::run_pipeline(pipeline, inputs, store, options);
  host::log::info("run.done", {{"written", summary.count(host::Outcome::written)},
                               {"quarantined", summary.count(host::Outcome::quarantined)},
                               {"skipped", summary.count(host::Outcome::skipped)},
                               {"seconds", summary.seconds}});

  print_summary(summary, pipeline, store, jobs, shard, options.inputs_elsewhere);
  return summary.exit_code();
}

}  // namespace chartflow::cli
