// Leukemias, lymphomas, myeloma and myeloproliferative neoplasms named by their histology
// (hematopoietic.cpp): the Neoplasm Table has no row for them, the index codes them by type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chartflow::coding {

struct HematopoieticCode {
  std::string_view code;  // ICD-10-CM
  std::string_view type;  // as the index names it, for the rule
};

// The ICD-10-CM code of an ICD-O-3 morphology ("9823/3") of the hematopoietic and lymphoid
// tissues, not in remission and of unspecified site where the code has those axes; nullopt for
// any other morphology.
std::optional<HematopoieticCode> hematopoietic_code(std::string_view icdo_morphology);

// The lymph node regions a sentence (lower case) names, as the lymphoma codes' site character
// (C81-C85, the last: 1 head, face and neck ... 7 spleen, 8 multiple sites): 0 when it names
// none, 8 for two regions or more. Also what makes lymphadenopathy localized (R59.0: one region).
char lymph_node_site(std::string_view sentence);

}  // namespace chartflow::coding
