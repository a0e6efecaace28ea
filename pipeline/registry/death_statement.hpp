// A chart that says the patient died: "Date of death: 03/14/2026", "pronounced dead at 04:10",
// "the patient expired on 3/14/2026", "Discharge disposition: Expired", a death summary. For the
// registry's follow-up, such a chart is a death event (NAACCR 1760 vital status 0), dated by the
// date it states, else by the chart's date of service.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace chartflow::registry {

struct DeathStatement {
  std::string date;         // YYYY-MM-DD: the stated date of death, else the chart's date of service
  bool date_stated = false;  // the chart gives the date of death itself
  std::size_t begin = 0, end = 0;  // the statement's byte span in the text (evidence)
};

// The first statement that the patient (not a relative, not a risk) died. `date_of_service` is
// YYYY-MM-DD or "". nullopt when there is none, or when the death cannot be dated at all.
std::optional<DeathStatement> find_death_statement(const std::string& text, const std::string& date_of_service);

}  // namespace chartflow::registry
