// Dates a chart states under a label ("Discharge Date: 03/14/2026", "DOS: 2026-03-14", "Date of
// procedure: March 7, 2026"): the date of service that decides the code set version, the
// specimen date a registry takes as the date of diagnosis. Shared by the coding and registry
// plugins (compiled into each).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chartflow::charts {

// YYYY-MM-DD of the first labelled date found, preferring discharge, then service, visit,
// procedure and specimen, then admission dates; nullopt when the text labels none (or the date is not a real calendar date).
std::optional<std::string> find_date_of_service(std::string_view text);

// A real calendar date in YYYY-MM-DD form.
bool is_iso_date(std::string_view date);

}  // namespace chartflow::charts
