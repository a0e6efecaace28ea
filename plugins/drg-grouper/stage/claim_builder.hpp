// From a record's codes and documentation to the claim the grouper and the MCE take: which code is
// the principal diagnosis, which are secondary diagnoses and procedures, each diagnosis's POA, and
// the encounter facts. A record that cannot make a claim says why.
#pragma once

#include "encounter.hpp"
#include "poa_rules.hpp"
#include "record_inputs.hpp"

#include "grouper.hpp"
#include "mce.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::drg::stage {

// Why an inpatient record was not grouped.
enum class NotGrouped { no_principal_diagnosis, no_discharge_date, discharge_date_out_of_range };
std::string_view to_string(NotGrouped reason);

struct ClaimCodes {
  const CodeRef* pdx = nullptr;
  std::vector<const CodeRef*> sdx;         // parallel to Claim::sdx
  std::vector<const CodeRef*> procedures;  // parallel to Claim::procedures, the principal procedure first
  std::vector<std::string> review_reasons;  // codes left out, and why
  bool outpatient_sequenced = false;        // a first-listed diagnosis, no principal one
};

// PDX: the ICD-10-CM code with role principal; SDX: the other ICD-10-CM codes; procedures: the
// ICD-10-PCS codes, partial ones left out. Rejected codes and repeats are left out.
ClaimCodes select_codes(const RecordInputs& inputs);

struct ClaimDraft {
  ClaimCodes codes;
  Encounter encounter;
  std::vector<PoaDecision> poa;  // [0] the principal diagnosis, then parallel to codes.sdx
  Claim claim;
  MceClaim mce;
  std::optional<NotGrouped> not_grouped;
  std::string not_grouped_reason;        // one sentence, no chart text
  std::vector<std::string> review_reasons;
};

// `exempt`: the codes reported with the POA-exempt indicator instead of one read from the chart;
// `assumed`: the configured discharge date for charts that state none (or none within v43).
ClaimDraft draft_claim(const RecordInputs& inputs, const PoaExemptCodes& exempt, const std::optional<AssumedDischargeDate>& assumed = std::nullopt);

// Without its dot, upper case: how claims and the MCE tables write codes.
std::string claim_code(std::string_view code);

}  // namespace chartflow::drg::stage
