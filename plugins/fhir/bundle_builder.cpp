#include "bundle_builder.hpp"

#include "resources.hpp"
#include "common/stable_id.hpp"

#include <map>
#include <set>

namespace chartflow::fhir {
namespace {

using delivery::stable_uuid;

using delivery::ChartCode;
using delivery::CodeSystem;
using json = nlohmann::ordered_json;

// What a code becomes, or nothing when it is held back.
enum class CodeUse { condition, procedure, held_back };

CodeUse use_of(const ChartCode& code, const BundleOptions& options) {
  if (code.partial || (code.needs_review && !options.include_needs_review)) return CodeUse::held_back;
  switch (code.system) {
    case CodeSystem::icd10cm: return CodeUse::condition;
    case CodeSystem::icd10pcs:
    case CodeSystem::hcpcs: return CodeUse::procedure;
    case CodeSystem::other: return CodeUse::held_back;
  }
  return CodeUse::held_back;
}

// The entry's fullUrl is a uuid of its own, never the identifier's: some servers rewrite every
// "urn:uuid:" string of a transaction, identifiers included, which would defeat ifNoneExist.
std::string full_url(const std::string& uuid) { return "urn:uuid:" + stable_uuid(uuid + "|entry"); }

// A POST that the server performs only when no resource has this identifier yet.
json create_entry(const std::string& uuid, json resource) {
  const std::string type = resource["resourceType"].get<std::string>();
  return {{"fullUrl", full_url(uuid)},
          {"resource", std::move(resource)},
          {"request", {{"method", "POST"}, {"url", type}, {"ifNoneExist", "identifier=" + std::string(kIdentifierSystem) + "|urn:uuid:" + uuid}}}};
}

// The MS-DRG to put on the principal diagnosis's Condition, or nullptr (and `note` says why not).
const delivery::ChartDrg* drg_to_send(const delivery::ChartRecord& chart, const BundleOptions& options, std::string& note) {
  if (!chart.drg) return nullptr;
  std::set<std::string> delivered;
  for (const ChartCode& code : chart.codes)
    if (use_of(code, options) == CodeUse::condition || use_of(code, options) == CodeUse::procedure) delivered.insert(code.id);
  note = delivery::drg_hold_reason(*chart.drg, delivered, options.include_needs_review);
  // A DRG belongs to a stay: a problem-list entry outlives it.
  if (note.empty() && options.category != ConditionCategory::encounter_diagnosis)
    note = "MS-DRG " + delivery::drg_code(chart.drg->drg) + " not sent: conditions go to the problem list, not the encounter";
  return note.empty() ? &*chart.drg : nullptr;
}

// The CMS-HCCs by code item id, or nullptr (and `note` says why not): they travel only with every
// code the chart's hierarchies were applied over.
const std::map<std::string, std::vector<delivery::CodeHcc>>* hccs_to_send(const delivery::ChartRecord& chart, const BundleOptions& options,
                                                                         std::string& note) {
  if (!chart.hccs || chart.hccs->by_code.empty()) return nullptr;
  std::set<std::string> delivered;
  for (const ChartCode& code : chart.codes)
    if (use_of(code, options) == CodeUse::condition) delivered.insert(code.id);
  const std::string why = delivery::hcc_hold_reason(*chart.hccs, delivered);
  if (why.empty()) return &chart.hccs->by_code;
  note += (note.empty() ? "" : "; ") + why;
  return nullptr;
}

}  // namespace

BuiltBundle build_bundle(const delivery::ChartRecord& chart, const std::optional<Original>& original, const BundleOptions& options,
                         const std::string& recorded) {
  const std::string seed = "chartflow|" + chart.source_sha256 + "|";
  const ChartContext context = chart_context(chart, options);
  BuiltBundle built;
  json entries = json::array();
  const std::string document_uuid = stable_uuid(seed + "DocumentReference");
  const std::string document_url = full_url(document_uuid);
  entries.push_back(create_entry(document_uuid, document_reference(chart, context, document_uuid, original, options, recorded)));
  std::vector<std::string> targets = {document_url};
  const delivery::ChartDrg* drg = drg_to_send(chart, options, built.note);
  const auto* hccs = hccs_to_send(chart, options, built.note);
  for (const ChartCode& code : chart.codes) {
    const CodeUse use = use_of(code, options);
    if (use == CodeUse::held_back) {
      ++built.held_back;
      continue;
    }
    const bool is_condition = use == CodeUse::condition;
    const std::string uuid = stable_uuid(seed + (is_condition ? "Condition|" : "Procedure|") + code.code);
    // code_ids lists the principal diagnosis first.
    const delivery::ChartDrg* principal_drg = drg && is_condition && code.id == drg->code_ids.front() ? drg : nullptr;
    if (principal_drg) built.drg = true;
    const std::vector<delivery::CodeHcc>* code_hccs = nullptr;
    if (hccs && is_condition)
      if (const auto it = hccs->find(code.id); it != hccs->end()) {
        code_hccs = &it->second;
        ++built.hcc_conditions;
      }
    entries.push_back(create_entry(uuid, is_condition ? condition(code, context, uuid, document_url, options, principal_drg, code_hccs)
                                                     : procedure(code, context, uuid, document_url, chart)));
    targets.push_back(full_url(uuid));
    ++(is_condition ? built.conditions : built.procedures);
  }
  // Provenance has no identifier in R4: a tag carries its stable key, and the create is
  // conditional on that tag, so a re-delivery adds no second Provenance.
  const std::string provenance_key = stable_uuid(seed + "Provenance");
  entries.push_back({{"fullUrl", full_url(provenance_key)},
                     {"resource", provenance(chart, provenance_key, targets, document_url, options, recorded)},
                     {"request", {{"method", "POST"}, {"url", "Provenance"},
                                  {"ifNoneExist", "_tag=" + std::string(kProvenanceKeySystem) + "|" + provenance_key}}}});
  built.bundle = {{"resourceType", "Bundle"},
                  {"identifier", {{"system", kIdentifierSystem}, {"value", "urn:uuid:" + stable_uuid(seed + "Bundle")}}},
                  {"type", "transaction"},
                  {"entry", std::move(entries)}};
  return built;
}

}  // namespace chartflow::fhir
