// The primary site a report states in words ("consistent with an ovarian primary", "PRIMARY
// OVARIAN TUMORS", "The location of the primary tumor is the right ovary", "Primary site:
// stomach", "arising in the endometrium"). A debulking report names the colon, the omentum and
// the uterus with the same serous carcinoma; only such a statement says where it started.
#pragma once

#include "registry_rules.hpp"

#include <optional>
#include <string_view>

namespace chartflow::registry {

struct StatedPrimary {
  SiteTerm term;
  std::size_t at = 0;  // offset of the site words in the text
};

// The site the report's statements of a primary or origin name, when they all name one site
// group; nullopt when there is none, or two groups, or only lymph nodes, blood, skin, soft tissue
// or bone (where a statement names spread or a specimen more often than an origin). A
// statement after a negation or a differential ("no", "rule out", "vs", "or") counts for nothing.
std::optional<StatedPrimary> stated_primary_site(const RegistryTables& tables, std::string_view normalised_text);

}  // namespace chartflow::registry
