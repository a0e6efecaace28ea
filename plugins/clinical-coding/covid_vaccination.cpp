// A COVID-19 chart's vaccination status: "59M, unvaccinated, admitted with COVID-19 pneumonia" is
// Z28.310 beside U07.1 (FY2023 on: Z28.31- underimmunization for COVID-19 status). Read only where
// the chart codes COVID-19 or an exposure to it: there the vaccine the chart means is that one.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>

namespace chartflow::coding {

void Coder::add_covid_vaccination_status(std::vector<ProposedCode>& dx, std::string_view text, const std::string& view) const {
  if (text.empty() || !sets_.icd10cm) return;
  const bool covid = std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code == "U07.1" || c.code == "Z20.822"; });
  if (!covid || std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("Z28.31"); })) return;
  const std::string lowered = words::lower(text);
  // Longest first: "partially vaccinated" is no "vaccinated", "not vaccinated" no "vaccinated".
  static constexpr std::pair<std::string_view, std::string_view> kStatuses[] = {
      {"partially vaccinated", "Z28.311"}, {"not fully vaccinated", "Z28.311"}, {"unvaccinated", "Z28.310"},
      {"not vaccinated", "Z28.310"},       {"has not received any covid", "Z28.310"}};
  for (const auto& [phrase, code] : kStatuses) {
    const std::size_t at = words::find(lowered, phrase);
    if (at == std::string::npos || !sets_.icd10cm->is_billable(code)) continue;
    dx.push_back(stated_code(std::string(code), 0.8,
                             "COVID-19 vaccination status stated ('" + std::string(phrase) + "') in a chart coding COVID-19 -> " + std::string(code),
                             view, at, at + phrase.size()));
    return;
  }
}

}  // namespace chartflow::coding
