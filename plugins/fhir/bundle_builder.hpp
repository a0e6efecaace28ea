// One FHIR R4 transaction Bundle per chart, on the US Core 5.0.1 profiles: the chart as a
// DocumentReference (the original file and the extracted text), a Condition per ICD-10-CM code (the
// principal diagnosis's with the stay's MS-DRG when the record was grouped, each with the CMS-HCCs
// its code is evidence of when the record was risk-adjusted), a Procedure per
// ICD-10-PCS or HCPCS code, and a Provenance naming chartflow and every plugin that made the record. The Patient and Encounter are referenced conditionally by the chart's
// identifiers, never created: the receiving EHR already knows them, or the bundle is refused.
// docs/ehr-delivery.md documents the mapping and chartflow's extensions.
#pragma once

#include "common/chart_record.hpp"
#include "common/originals.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace chartflow::fhir {

enum class ConditionCategory { encounter_diagnosis, problem_list_item };

struct BundleOptions {
  std::string patient_identifier_system;    // the system of the MRN at the receiving EHR
  std::string encounter_identifier_system;  // empty: the bundle references no Encounter
  ConditionCategory category = ConditionCategory::encounter_diagnosis;
  bool include_text = true;           // the extracted text as a second attachment
  bool include_needs_review = false;  // codes the coder flagged for review are held back unless set
  std::string chartflow_version;
  std::string organization;  // who sends: Provenance agents act on its behalf (US Core provenance-1)
};

using delivery::Original;

struct BuiltBundle {
  nlohmann::ordered_json bundle;
  std::size_t conditions = 0, procedures = 0;
  std::size_t held_back = 0;  // codes left out: needing review, incomplete, or of another system
  bool drg = false;           // the MS-DRG went on the principal diagnosis's Condition
  std::size_t hcc_conditions = 0;  // Conditions that carry the cms-hcc extension
  std::string note;           // why the record's MS-DRG or CMS-HCCs were not sent ("" when sent or none)
};

// `recorded`: the FHIR instant of this delivery (Provenance.recorded, DocumentReference.date).
// The chart must have no delivery blockers (delivery_blockers() is empty).
BuiltBundle build_bundle(const delivery::ChartRecord& chart, const std::optional<Original>& original, const BundleOptions& options,
                         const std::string& recorded);

// The canonical URLs of chartflow's extensions (docs/ehr-delivery.md).
inline constexpr const char* kEvidenceExtension = "https://chartflow.dev/fhir/StructureDefinition/evidence-span";
inline constexpr const char* kSequenceExtension = "https://chartflow.dev/fhir/StructureDefinition/diagnosis-sequence";
inline constexpr const char* kMsDrgExtension = "https://chartflow.dev/fhir/StructureDefinition/ms-drg";
// MS-DRGs as terminology.hl7.org's NamingSystem MSDRG names them (CMS's classification page).
inline constexpr const char* kMsDrgSystem = "https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/AcuteInpatientPPS/MS-DRG-Classifications-and-Software";
// MDCs have no registered system: chartflow's, codes "00".."25" as CMS numbers them.
inline constexpr const char* kMdcSystem = "https://chartflow.dev/fhir/CodeSystem/ms-drg-mdc";
inline constexpr const char* kHccExtension = "https://chartflow.dev/fhir/StructureDefinition/cms-hcc";
// CMS-HCCs have no registered system either: chartflow's, version "V28", codes the HCC numbers.
inline constexpr const char* kHccSystem = "https://chartflow.dev/fhir/CodeSystem/cms-hcc";

}  // namespace chartflow::fhir
