#include "resources.hpp"

#include "common/stable_id.hpp"

#include <algorithm>
#include <cstdio>

namespace chartflow::fhir {
namespace {

using delivery::base64;
using delivery::sha1_base64;
using delivery::stable_uuid;

using delivery::ChartCode;
using delivery::CodeSystem;
using delivery::IdentityKind;
using json = nlohmann::ordered_json;

constexpr const char* kUsCore = "http://hl7.org/fhir/us/core/StructureDefinition/";

json profile(const char* name) { return {{"profile", {std::string(kUsCore) + name}}}; }

json identifier(const std::string& uuid) { return json::array({{{"system", kIdentifierSystem}, {"value", "urn:uuid:" + uuid}}}); }

json coding(const std::string& system, const std::string& code, const std::string& display) {
  json c = {{"system", system}, {"code", code}};
  if (!display.empty()) c["display"] = display;
  return c;
}

json codeable(const std::string& system, const std::string& code, const std::string& display) {
  return {{"coding", json::array({coding(system, code, display)})}};
}

// Where the words that justify a code stand in the record (chartflow's evidence-span extension).
json evidence_extensions(const ChartCode& code) {
  json extensions = json::array();
  for (const auto& span : code.evidence) {
    json parts = json::array();
    if (!span.text.empty()) parts.push_back({{"url", "text"}, {"valueString", span.text}});
    parts.push_back({{"url", "view"}, {"valueString", span.view}});
    parts.push_back({{"url", "begin"}, {"valueInteger", span.begin}});
    parts.push_back({{"url", "end"}, {"valueInteger", span.end}});
    extensions.push_back({{"url", kEvidenceExtension}, {"extension", std::move(parts)}});
  }
  return extensions;
}

json sequence_extension(const ChartCode& code) {
  json parts = json::array({{{"url", "role"}, {"valueCode", code.role.empty() ? "secondary" : code.role}}});
  if (code.sequence > 0) parts.push_back({{"url", "sequence"}, {"valuePositiveInt", code.sequence}});
  return {{"url", kSequenceExtension}, {"extension", std::move(parts)}};
}

const char* severity_code(const std::string& severity) {
  if (severity == "MCC") return "mcc";
  if (severity == "CC") return "cc";
  if (severity == "NON_CC") return "non-cc";
  return "";
}

// The stay's MS-DRG (chartflow's ms-drg extension, docs/ehr-delivery.md). FHIR R4's own place for
// a DRG, Claim.diagnosis.packageCode, needs a Claim, whose insurance and provider chartflow does
// not know; the DRG rides on the diagnosis it was grouped under instead, as packageCode would.
json drg_extension(const delivery::ChartDrg& drg) {
  char mdc[8];
  std::snprintf(mdc, sizeof(mdc), "%02d", drg.mdc % 100);
  json drg_coding = coding(kMsDrgSystem, delivery::drg_code(drg.drg), drg.title);
  drg_coding["version"] = delivery::grouper_version_name(drg.grouper_version);
  json parts = json::array({{{"url", "drg"}, {"valueCoding", std::move(drg_coding)}},
                            {{"url", "mdc"}, {"valueCoding", coding(kMdcSystem, mdc, drg.mdc_title)}}});
  if (drg.type != delivery::DrgType::none)
    parts.push_back({{"url", "type"}, {"valueCode", drg.type == delivery::DrgType::surgical ? "surgical" : "medical"}});
  if (const std::string severity = severity_code(drg.severity); !severity.empty()) parts.push_back({{"url", "severity"}, {"valueCode", severity}});
  return {{"url", kMsDrgExtension}, {"extension", std::move(parts)}};
}

json attachment(const std::string& content_type, std::string_view bytes, const std::string& title) {
  return {{"contentType", content_type}, {"data", base64(bytes)}, {"size", bytes.size()}, {"hash", sha1_base64(bytes)}, {"title", title}};
}

void add_context(json& resource, const ChartContext& context) {
  resource["subject"] = context.patient;
  if (!context.encounter.is_null()) resource["encounter"] = context.encounter;
}

}  // namespace

ChartContext chart_context(const delivery::ChartRecord& chart, const BundleOptions& options) {
  ChartContext context;
  const auto* mrn = chart.first(IdentityKind::mrn);
  context.patient = {{"reference", "Patient?identifier=" + options.patient_identifier_system + "|" + mrn->value}};
  const auto* encounter = chart.first(IdentityKind::encounter_number);
  if (encounter && !encounter->value.empty() && !options.encounter_identifier_system.empty())
    context.encounter = {{"reference", "Encounter?identifier=" + options.encounter_identifier_system + "|" + encounter->value}};
  if (const auto* v = chart.first(IdentityKind::admission_date)) context.admitted = v->value;
  if (const auto* v = chart.first(IdentityKind::discharge_date)) context.discharged = v->value;
  return context;
}

json document_reference(const delivery::ChartRecord& chart, const ChartContext& context, const std::string& uuid,
                        const std::optional<Original>& original, const BundleOptions& options, const std::string& recorded) {
  json content = json::array();
  if (original) content.push_back({{"attachment", attachment(original->media_type, original->bytes, "Original chart")}});
  if (options.include_text || !original)
    content.push_back({{"attachment", attachment("text/plain; charset=utf-8", chart.text, "Text extracted by chartflow")}});
  json doc = {{"resourceType", "DocumentReference"},
              {"meta", profile("us-core-documentreference")},
              {"identifier", identifier(uuid)},
              {"status", "current"},
              {"type", codeable("http://loinc.org", chart.loinc.empty() ? "34109-9" : chart.loinc,
                               chart.loinc.empty() ? "Note" : chart.loinc_display)},
              {"category", json::array({codeable("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category",
                                                "clinical-note", "Clinical Note")})},
              {"subject", context.patient},
              {"date", recorded},
              {"content", std::move(content)}};
  json doc_context = json::object();
  if (!context.encounter.is_null()) doc_context["encounter"] = json::array({context.encounter});
  if (!context.admitted.empty() || !context.discharged.empty()) {
    json period = json::object();
    if (!context.admitted.empty()) period["start"] = context.admitted;
    if (!context.discharged.empty()) period["end"] = context.discharged;
    doc_context["period"] = std::move(period);
  }
  if (!doc_context.empty()) doc["context"] = std::move(doc_context);
  return doc;
}

// A CMS-HCC the diagnosis is evidence of (chartflow's cms-hcc extension, docs/ehr-delivery.md),
// and whether the chart's hierarchies kept it. A risk score is the patient's over a year of
// charts, not a diagnosis's, so none is sent.
json hcc_extension(const delivery::CodeHcc& hcc) {
  const auto hcc_coding = [](int number, const std::string& label) {
    json c = coding(kHccSystem, std::to_string(number), label);
    c["version"] = "V28";
    return c;
  };
  std::string status = hcc.status;
  std::replace(status.begin(), status.end(), '_', '-');  // FHIR codes are written with hyphens
  json parts = json::array({{{"url", "hcc"}, {"valueCoding", hcc_coding(hcc.hcc, hcc.label)}}, {{"url", "status"}, {"valueCode", status}}});
  if (hcc.dropped_by > 0) parts.push_back({{"url", "droppedBy"}, {"valueCoding", hcc_coding(hcc.dropped_by, "")}});
  return {{"url", kHccExtension}, {"extension", std::move(parts)}};
}

json condition(const ChartCode& code, const ChartContext& context, const std::string& uuid, const std::string& document_full_url,
               const BundleOptions& options, const delivery::ChartDrg* drg, const std::vector<delivery::CodeHcc>* hccs) {
  const bool encounter_diagnosis = options.category == ConditionCategory::encounter_diagnosis;
  json extensions = evidence_extensions(code);
  extensions.push_back(sequence_extension(code));
  if (drg) extensions.push_back(drg_extension(*drg));
  if (hccs)
    for (const delivery::CodeHcc& hcc : *hccs) extensions.push_back(hcc_extension(hcc));
  json c = {{"resourceType", "Condition"},
            {"meta", profile(encounter_diagnosis ? "us-core-condition-encounter-diagnosis" : "us-core-condition-problems-health-concerns")},
            {"extension", std::move(extensions)},
            {"identifier", identifier(uuid)}};
  // A refuted condition carries no clinical status (FHIR invariant con-5).
  if (code.verification != delivery::Verification::refuted)
    c["clinicalStatus"] = codeable("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active");
  const std::string verification = delivery::verification_name(code.verification);
  c["verificationStatus"] = codeable("http://terminology.hl7.org/CodeSystem/condition-ver-status", verification, "");
  c["category"] = json::array({codeable("http://terminology.hl7.org/CodeSystem/condition-category",
                                       encounter_diagnosis ? "encounter-diagnosis" : "problem-list-item",
                                       encounter_diagnosis ? "Encounter Diagnosis" : "Problem List Item")});
  c["code"] = codeable("http://hl7.org/fhir/sid/icd-10-cm", code.code, code.display);
  add_context(c, context);
  c["evidence"] = json::array({{{"detail", json::array({{{"reference", document_full_url}}})}}});
  return c;
}

json procedure(const ChartCode& code, const ChartContext& context, const std::string& uuid, const std::string& document_full_url,
               const delivery::ChartRecord& chart) {
  // HCPCS's system is http:// in terminology.hl7.org and US Core 5.0.1 (https:// only from US Core 6).
  const std::string system = code.system == CodeSystem::icd10pcs ? "http://www.cms.gov/Medicare/Coding/ICD10"
                                                                 : "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
  json extensions = evidence_extensions(code);
  extensions.push_back(sequence_extension(code));
  json p = {{"resourceType", "Procedure"},
            {"meta", profile("us-core-procedure")},
            {"extension", std::move(extensions)},
            {"identifier", identifier(uuid)},
            {"status", "completed"},
            {"code", codeable(system, code.code, code.display)}};
  add_context(p, context);
  // US Core requires when a completed procedure was performed; a chart that states no date says so.
  if (!chart.date_of_service.empty()) p["performedDateTime"] = chart.date_of_service;
  else
    p["_performedDateTime"] = {{"extension", json::array({{{"url", "http://hl7.org/fhir/StructureDefinition/data-absent-reason"},
                                                           {"valueCode", "unknown"}}})}};
  p["report"] = json::array({{{"reference", document_full_url}}});
  return p;
}

json provenance(const delivery::ChartRecord& chart, const std::string& key, const std::vector<std::string>& targets,
                const std::string& document_full_url, const BundleOptions& options, const std::string& recorded) {
  // chartflow is the author; each plugin that made the record a performer, as a contained Device
  // under it. US Core (provenance-1) wants the organization a Device acts for.
  const json on_behalf_of = {{"display", options.organization}};
  const auto agent = [&](const char* type, const char* display, const std::string& device, const std::string& name) {
    return json{{"type", codeable("http://terminology.hl7.org/CodeSystem/provenance-participant-type", type, display)},
                {"who", {{"reference", "#" + device}, {"display", name}}},
                {"onBehalfOf", on_behalf_of}};
  };
  const auto device = [](const std::string& id, const std::string& name, const std::string& version, const char* kind) {
    json d = {{"resourceType", "Device"}, {"id", id}, {"deviceName", json::array({{{"name", name}, {"type", "model-name"}}})},
              {"type", {{"text", kind}}}, {"version", json::array({{{"value", version}}})}};
    if (id != "chartflow") d["parent"] = {{"reference", "#chartflow"}};
    return d;
  };
  json contained = json::array({device("chartflow", "chartflow", options.chartflow_version, "chartflow chart pipeline")});
  json agents = json::array({agent("author", "Author", "chartflow", "chartflow " + options.chartflow_version)});
  for (std::size_t i = 0; i < chart.producers.size(); ++i) {
    const auto& p = chart.producers[i];
    const std::string id = "plugin-" + std::to_string(i + 1);
    contained.push_back(device(id, p.plugin, p.version, "chartflow plugin"));
    agents.push_back(agent("performer", "Performer", id, p.plugin + " " + p.version));
  }
  json target = json::array();
  for (const auto& t : targets) target.push_back({{"reference", t}});
  return {{"resourceType", "Provenance"},
          {"meta", {{"profile", {std::string(kUsCore) + "us-core-provenance"}}, {"tag", json::array({{{"system", kProvenanceKeySystem}, {"code", key}}})}}},
          {"contained", std::move(contained)},
          {"target", std::move(target)},
          {"recorded", recorded},
          {"activity", codeable("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create")},
          {"agent", std::move(agents)},
          {"entity", json::array({{{"role", "source"}, {"what", {{"reference", document_full_url}}}}})}};
}

}  // namespace chartflow::fhir
