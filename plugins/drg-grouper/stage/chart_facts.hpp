// What the grouper needs from a chart beyond its codes, read from the documentation: each
// diagnosis's present-on-admission indicator where the chart says it, and the discharge status
// (patient disposition) where the chart states it. Anything not stated is left undetermined, for
// the coder to settle: never guessed.
#pragma once

#include "grouper.hpp"  // Poa: the indicator the grouper takes, so a reading goes on the claim as is

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::drg {

struct PoaReading {
  Poa poa = Poa::unknown;  // U (documentation insufficient) unless the documentation says otherwise
  bool stated = false;     // the documentation says it (else: undetermined, to review)
  std::string phrase;      // the words that decided, e.g. "present on admission", "developed on day 3"
  std::size_t begin = 0, end = 0;  // where `phrase` is in the context read (byte offsets), for evidence
};

// Reads the POA of a diagnosis from the sentence(s) around its evidence: "present on admission",
// "admitted with", "on arrival" -> Y; "developed on hospital day 3", "hospital-acquired",
// "postoperative", "during this admission", "complicated by" -> N; "unclear whether present on
// admission" -> W. Negated statements ("not present on admission") -> N. Nothing stated ->
// Poa::unknown, stated = false. Never returns exempt_1, blank or invalid: those are claim
// conventions, not something a chart says.
PoaReading read_poa(std::string_view context);

// UB-04 patient discharge status codes (the ones MS-DRG logic and the MCE distinguish).
struct DischargeStatus {
  std::string code;    // "01", "02", "03", "06", "07", "20", "50", "51", "62", "63", "65", ...
  std::string phrase;  // what the chart says
  std::size_t begin = 0, end = 0;  // where `phrase` is in the text read (byte offsets), for evidence
};

// The discharge disposition the chart states ("Discharge disposition: home with home health",
// "discharged to skilled nursing facility", "left against medical advice", "expired"), or nullopt.
std::optional<DischargeStatus> read_discharge_status(std::string_view text);

}  // namespace chartflow::drg
