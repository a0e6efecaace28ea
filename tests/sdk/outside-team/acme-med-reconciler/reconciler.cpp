// acme-med-reconciler: a downstream stage of acme-medications. It reads the field that plugin
// declares ("acme.medications") and the built-in "codes", and adds a field of its own,
// "acme.med_flags", whose items point back at a medication by "medication_id": the host checks
// that every such id names an item of the field whose local name is "medications".
//
// Flags:
//  - duplicate: the drug is listed (named with a dose) more than once; each listing after the
//    first is flagged, since the first is where a reader would expect it.
//  - no_dose: the drug is never given a dose anywhere in the chart; a drug named once in prose
//    ("adherent to metformin") and once with a dose is not flagged.
//  - insulin_without_diabetes_code: an insulin when no ICD-10-CM code of E08-E13 (the diabetes
//    mellitus categories) was proposed for the chart.
// Stateless after construction: one shared instance serves every worker.
#include <chartflow/sdk.hpp>

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace {

namespace sdk = chartflow::sdk;
using sdk::json;

// E08-E13: diabetes mellitus (due to underlying condition, drug-induced, type 1, type 2, other).
bool is_diabetes_code(const json& code) {
  if (code.value("system", "") != "ICD-10-CM") return false;
  const std::string value = code.value("code", "");
  if (value.size() < 3 || (value[0] != 'E' && value[0] != 'e') || value[1] < '0' || value[1] > '9' || value[2] < '0' || value[2] > '9')
    return false;
  const int category = (value[1] - '0') * 10 + (value[2] - '0');
  return category >= 8 && category <= 13;
}

bool any_diabetes_code(const json& codes) {
  for (const json& code : codes)
    if (is_diabetes_code(code)) return true;
  return false;
}

bool is_insulin(const std::string& name) { return name.starts_with("insulin"); }

// Drug names given a dose somewhere in the chart.
std::set<std::string> dosed_drugs(const json& medications) {
  std::set<std::string> dosed;
  for (const json& m : medications)
    if (m.contains("dose")) dosed.insert(m.at("name").get<std::string>());
  return dosed;
}

class MedReconciler {
 public:
  explicit MedReconciler(const sdk::Context& context) : id_prefix_(context.stage_id() + "-") {}

  void process(const sdk::Document& document, sdk::Output& output) const {
    const json& medications = document.items("acme.medications");
    if (medications.empty()) return;
    const bool diabetes = any_diabetes_code(document.items("codes"));
    const std::set<std::string> dosed = dosed_drugs(medications);
    std::map<std::string, std::size_t> listings;  // drug name -> listings seen so far
    json flags = json::array();
    // Items come in text order, so "first listing" means first in the chart.
    for (const json& medication : medications) {
      const std::string name = medication.at("name").get<std::string>();
      if (medication.contains("dose") && ++listings[name] > 1) add_flag(flags, medication, "duplicate");
      if (!dosed.contains(name)) add_flag(flags, medication, "no_dose");
      if (is_insulin(name) && !diabetes) add_flag(flags, medication, "insulin_without_diabetes_code");
    }
    if (!flags.empty()) output.add("acme.med_flags", flags);
  }

 private:
  // A flag sits on the medication's own words, so a reviewer's tool can highlight it.
  void add_flag(json& flags, const json& medication, std::string_view flag) const {
    flags.push_back({{"id", id_prefix_ + std::to_string(flags.size() + 1)},
                     {"medication_id", medication.at("id")},
                     {"flag", flag},
                     {"view", medication.at("view")},
                     {"begin", medication.at("begin")},
                     {"end", medication.at("end")}});
  }

  const std::string id_prefix_;  // the stage id: ids unique in the record
};

}  // namespace

CHARTFLOW_PLUGIN(MedReconciler)
