// From ICD-10-CM codes to payment HCCs: code normalisation, the age/sex edits (CMS V28I0ED1),
// the ICD-10-CM -> HCC table, the heart failure rule for HCC 223 and the hierarchies (V28115H1).
#pragma once

#include "tables.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::hcc {

// " e11.9 " -> "E119" (ends trimmed, dots dropped, upper case). nullopt unless the code is shaped like ICD-10-CM: a letter, a digit, then
// one to five letters or digits (3 to 7 characters without the dot).
std::optional<std::string> normalize_code(std::string_view code);

struct Conditions {
  std::vector<CodeOutcome> codes;  // one per diagnosis, in order
  std::vector<HccOutcome> hccs;    // every HCC assigned, ascending, with its fate
  HccSet kept;                     // the payment HCCs after the heart rule and hierarchies
};

Conditions assign_conditions(const Tables& tables, const std::vector<Diagnosis>& diagnoses, int age, Sex sex);

}  // namespace chartflow::hcc
