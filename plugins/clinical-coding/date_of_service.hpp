// The date of service a chart states ("Discharge Date: 03/14/2026", "DOS: 2026-03-14"), which
// decides the code set version in force.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chartflow::coding {

// YYYY-MM-DD of the first labelled date found, preferring discharge, then service, then
// admission dates; nullopt when the text labels none (or the date is not a real calendar date).
std::optional<std::string> find_date_of_service(std::string_view text);

// A real calendar date in YYYY-MM-DD form.
bool is_iso_date(std::string_view date);

}  // namespace chartflow::coding
