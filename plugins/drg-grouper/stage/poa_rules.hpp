// The present-on-admission indicator the claim reports for each diagnosis, from what the
// documentation around the diagnosis's evidence says (chart_facts.hpp). POA is never guessed: a
// diagnosis the chart says nothing about is reported U (documentation insufficient) with a review
// reason; only the principal diagnosis may become Y without an explicit POA statement, and only
// when the chart says the patient was admitted with or for it. A code CMS exempts from POA
// reporting gets the exempt indicator, whatever the chart says (poa_exempt.hpp).
#pragma once

#include "poa_exempt.hpp"
#include "record_inputs.hpp"

#include "grouper.hpp"

#include <optional>
#include <string_view>

namespace chartflow::drg::stage {

enum class PoaBasis {
  stated,          // the documentation states it around the evidence
  admitted_for,    // principal diagnosis: the chart says the patient was admitted with or for it
  conflicting,     // the documentation says different things in different places: U, to review
  not_documented,  // nothing said: U, to review
  exempt,          // on CMS's POA-exempt list: 1, nothing to review
};
std::string_view to_string(PoaBasis basis);

struct PoaDecision {
  Poa poa = Poa::unknown;
  PoaBasis basis = PoaBasis::not_documented;
  std::optional<TextSpan> evidence;  // the words that decided (stated, admitted_for)
};

PoaDecision decide_poa(const RecordInputs& inputs, const CodeRef& diagnosis, bool principal, const PoaExemptCodes& exempt);

}  // namespace chartflow::drg::stage
