// The resources of a chart's bundle, one function each (bundle_builder.cpp assembles them).
#pragma once

#include "bundle_builder.hpp"

#include <string>
#include <vector>

namespace chartflow::fhir {

// Resource identifiers are URNs (RFC 3986), the system FHIR gives for them.
inline constexpr const char* kIdentifierSystem = "urn:ietf:rfc:3986";
// Provenance has no identifier in R4: its stable key is a tag of this system.
inline constexpr const char* kProvenanceKeySystem = "https://chartflow.dev/fhir/CodeSystem/provenance-key";

// What every resource of one chart refers to.
struct ChartContext {
  nlohmann::ordered_json patient;    // {"reference": "Patient?identifier=system|mrn"}
  nlohmann::ordered_json encounter;  // the same for the Encounter, or null
  std::string admitted, discharged;  // YYYY-MM-DD or ""
};

ChartContext chart_context(const delivery::ChartRecord& chart, const BundleOptions& options);

nlohmann::ordered_json document_reference(const delivery::ChartRecord& chart, const ChartContext& context, const std::string& uuid,
                                          const std::optional<Original>& original, const BundleOptions& options, const std::string& recorded);

// `uuid`: the stable identifier's; `document_full_url`: the DocumentReference's entry in the bundle;
// `drg`: the stay's MS-DRG, given for the principal diagnosis only (chartflow's ms-drg extension);
// `hccs`: the CMS-HCCs the code is evidence of (chartflow's cms-hcc extension, one per HCC).
nlohmann::ordered_json condition(const delivery::ChartCode& code, const ChartContext& context, const std::string& uuid,
                                 const std::string& document_full_url, const BundleOptions& options, const delivery::ChartDrg* drg = nullptr,
                                 const std::vector<delivery::CodeHcc>* hccs = nullptr);

nlohmann::ordered_json procedure(const delivery::ChartCode& code, const ChartContext& context, const std::string& uuid,
                                 const std::string& document_full_url, const delivery::ChartRecord& chart);

// `key`: the stable key tagged on it; `targets`: the full URLs of every other entry.
nlohmann::ordered_json provenance(const delivery::ChartRecord& chart, const std::string& key, const std::vector<std::string>& targets,
                                  const std::string& document_full_url, const BundleOptions& options, const std::string& recorded);

}  // namespace chartflow::fhir
