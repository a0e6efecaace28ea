// `chartflow registry primaries`: pairs of tumours read from a CSV, each decided by the multiple
// primary rules, with agreement against an expected result when the file gives one (a registry's
// own reviewed pairs, or SEER's test cases).
#pragma once

#include "mph/mph.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::registry {

struct PrimaryPair {
  int line = 0;
  mph::Tumor first, second;
  std::optional<std::string> expected_result, expected_reason;
};

// Reads FILE with the header year1,month1,day1,site1,hist1,beh1,lat1,year2,month2,day2,site2,hist2,
// beh2,lat2 and optionally result,reason (the expected answer). Blank month/day/laterality are
// unknown. Throws CohortError naming the file, line and column of anything that is not a number
// where one is needed; codes that are numbers but not valid are left to the rules (INVALID_INPUT).
std::vector<PrimaryPair> read_primary_pairs(const std::filesystem::path& file);

struct PairAgreement {
  std::size_t pairs = 0, result_agrees = 0, reason_agrees = 0;
};

struct DecidedPairs {
  std::string csv;                                  // the pairs with result,rule_set,step,reason
  std::map<std::string, PairAgreement> by_rule_set;  // only pairs with an expected result; "" = none
};

DecidedPairs decide_pairs(const std::vector<PrimaryPair>& pairs);

}  // namespace chartflow::registry
