// The batch report: report.html beside summary.json, the picture of a night's run for a
// back-office operator (counts, quarantine reasons and inputs, throughput, OCR confidence, pages
// and codes flagged for review, codes by frequency, the case mix of MS-DRGs). One self-contained
// file: inline CSS and SVG, no scripts, nothing fetched (its Content-Security-Policy forbids it),
// so it opens from a share or a mail attachment. It names inputs, like summary.json: it is
// PHI-bearing. Beside it, casemix.csv: one row per record with an MS-DRG.
#pragma once

#include "runner.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

namespace chartflow::host {

// Long lists are cut so a batch of any size gives a page a browser opens at once; the rest is
// in summary.json.
inline constexpr std::size_t kReportQuarantineRows = 200;
inline constexpr std::size_t kReportTopCodes = 50;
inline constexpr std::size_t kReportReasonBytes = 300;  // a reason longer than this is cut ("…")
inline constexpr std::size_t kReportConfidenceBins = 20;

// The batch's state as the report's headline shows it.
enum class BatchState {
  complete,     // every input settled
  interrupted,  // stopped by SIGINT or SIGTERM
  incomplete    // not every input settled otherwise (a checkpoint of a running batch)
};
BatchState batch_state(const RunSummary& summary);

// The whole page. `generated`: the time it states it was written (a parameter so tests are
// repeatable).
std::string render_report(const RunSummary& summary, std::chrono::system_clock::time_point generated);
std::string render_report(const RunSummary& summary);

// Writes <output_root>/casemix.csv and report.html atomically. Throws std::exception on failure;
// the runner logs it and goes on, since the report never decides whether a run succeeded.
void write_report(const std::filesystem::path& output_root, const RunSummary& summary);

}  // namespace chartflow::host
