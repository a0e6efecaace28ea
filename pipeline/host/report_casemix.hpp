// The batch report's case-mix section: the records' final MS-DRGs by count with their MDC and
// title, the surgical/medical split, and the share of DRGs with a CC or an MCC (report.cpp puts
// it on the page; casemix.csv has every row).
#pragma once

#include "runner.hpp"

#include <cstddef>
#include <string>

namespace chartflow::host {

inline constexpr std::size_t kReportTopDrgs = 50;

std::string casemix_section(const RunSummary& summary);

}  // namespace chartflow::host
