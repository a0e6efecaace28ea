#include "chart_facts.hpp"

#include <array>
#include <regex>

namespace chartflow::drg {
namespace {

constexpr auto kFlags = std::regex::icase | std::regex::ECMAScript | std::regex::optimize;

struct PoaPattern {
  std::regex pattern;
  Poa poa;
};

// Checked in order: the specific (negated, undetermined) before the general.
const std::array<PoaPattern, 4>& poa_patterns() {
  static const std::array<PoaPattern, 4> patterns = {{
      {std::regex(R"(\b(not|was\s+not|wasn't)\s+present\s+on\s+admission\b|\bnot\s+(POA)\b)", kFlags), Poa::no},
      {std::regex(R"(\b(unclear|uncertain|unknown|cannot\s+(be\s+)?determined?)\s+(whether|if)\b[^.]{0,40}?\bpresent\s+on\s+admission\b)", kFlags),
       Poa::clinically_undetermined},
      {std::regex(R"(\b(developed|acquired|occurred|arose|noted)\s+(on|during)\s+(hospital\s+day|day|post-?operative\s+day|POD)\s*#?\s*\d+\b|)"
                  R"(\bhospital[-\s]acquired\b|\bnosocomial\b|\b(during|in\s+the\s+course\s+of)\s+(this|the)\s+(admission|hospitali[sz]ation|hospital\s+stay)\b|)"
                  R"(\bhospital\s+course\s+(was\s+)?complicated\s+by\b|\bdeveloped\s+(post-?operatively|after\s+(surgery|admission))\b|\bcatheter[-\s]associated\b)",
                  kFlags),
       Poa::no},
      {std::regex(R"(\bpresent\s+on\s+admission\b|\b(POA)\b|\b(admitted|presents?|presented|presenting)\s+(with|for)\b|\bon\s+(admission|arrival|presentation)\b|)"
                  R"(\b(reason\s+for\s+admission|chief\s+complaint|admitting\s+diagnosis)\b|\bchronic\b)",
                  kFlags),
       Poa::yes},
  }};
  return patterns;
}

struct StatusPattern {
  std::regex pattern;
  const char* code;
};

// More specific dispositions first ("home with home health" before "home").
const std::array<StatusPattern, 12>& status_patterns() {
  static const std::array<StatusPattern, 12> patterns = {{
      {std::regex(R"(\b(expired|deceased|died|pronounced\s+dead)\b)", kFlags), "20"},
      {std::regex(R"(\bagainst\s+medical\s+advice\b|\bAMA\b)", kFlags), "07"},
      {std::regex(R"(\bhospice\b[^.\n]{0,30}\b(facility|inpatient|unit|center)\b|\b(inpatient|facility)\s+hospice\b)", kFlags), "51"},
      {std::regex(R"(\bhospice\b)", kFlags), "50"},
      {std::regex(R"(\b(inpatient\s+rehab(ilitation)?|acute\s+rehab(ilitation)?|rehab(ilitation)?\s+(facility|hospital|unit)|IRF)\b)", kFlags), "62"},
      {std::regex(R"(\b(long[-\s]term\s+(acute\s+)?care\s+hospital|LTACH?)\b)", kFlags), "63"},
      {std::regex(R"(\b(skilled\s+nursing(\s+facility)?|SNF|nursing\s+home|nursing\s+facility)\b)", kFlags), "03"},
      {std::regex(R"(\bpsychiatric\s+(hospital|facility|unit)\b)", kFlags), "65"},
      {std::regex(R"(\btransfer(red)?\s+to\s+(another|an\s+outside|outside)\s+(acute\s+care\s+)?(hospital|facility)\b)", kFlags), "02"},
      {std::regex(R"(\bhome\s+(with|w/)\s+(home\s+health|HHC|visiting\s+nurse|VNA)\b|\bhome\s+health\b)", kFlags), "06"},
      {std::regex(R"(\b(home|self[-\s]care|routine)\b)", kFlags), "01"},
      {std::regex(R"(\bcustodial\s+care\b|\bassisted\s+living\b)", kFlags), "04"},
  }};
  return patterns;
}

}  // namespace

PoaReading read_poa(std::string_view context) {
  const std::string text(context);
  for (const auto& [pattern, poa] : poa_patterns()) {
    std::smatch m;
    if (std::regex_search(text, m, pattern)) {
      const auto at = static_cast<std::size_t>(m.position(0));
      return {poa, true, m.str(), at, at + static_cast<std::size_t>(m.length(0))};
    }
  }
  return {};
}

std::optional<DischargeStatus> read_discharge_status(std::string_view chart) {
  // Only what follows a disposition heading or "discharged to": "home" anywhere else in a chart
  // (lives at home, home medications) says nothing about the discharge.
  static const std::regex disposition(
      R"(\b(discharge\s+(disposition|status)|disposition(\s+at\s+discharge)?)\s*:\s*([^\n]{1,120})|\b(discharged|transferred|released)\s+(to|home)\b([^.\n]{0,100}))",
      kFlags);
  const std::string text(chart);
  for (std::sregex_iterator it(text.begin(), text.end(), disposition), end; it != end; ++it) {
    const bool headed = (*it)[4].matched;
    const std::string said = headed ? (*it)[4].str() : it->str();
    const auto said_at = static_cast<std::size_t>(headed ? it->position(4) : it->position(0));
    for (const auto& [pattern, code] : status_patterns()) {
      std::smatch m;
      if (std::regex_search(said, m, pattern)) {
        const std::size_t at = said_at + static_cast<std::size_t>(m.position(0));
        return DischargeStatus{code, m.str(), at, at + static_cast<std::size_t>(m.length(0))};
      }
    }
  }
  return std::nullopt;
}

}  // namespace chartflow::drg
