// document-type: what kind of note each chart is (discharge summary, H&P, consult, progress,
// operative, procedure, ED, office, pathology, radiology, other), with its LOINC document code
// and the setting its codes follow. The classifier is shared with the coding stage's `auto`
// policy (plugins/common/document_type.*), so the record says what the coder acted on.
#include "common/document_type.hpp"

#include <chartflow/sdk.hpp>

namespace chartflow::charts {

class DocumentTypeStage {
 public:
  explicit DocumentTypeStage(const sdk::Context& context) {
    if (const auto& c = context.config(); c.contains("setting")) {
      const std::string setting = c["setting"].get<std::string>();
      forced_setting_ = setting == "inpatient" ? Setting::inpatient : Setting::outpatient;
    }
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    const auto text = document.view("normalized");
    if (!text) throw sdk::InvalidInput("the document has no normalized text view");
    std::vector<SectionSeen> sections;
    for (const binary::Value s : document.field("sections")) sections.push_back({std::string(s["category"].as_string()), s["begin"].as_uint()});
    DocumentTypeGuess guess = classify_document(*text, sections);
    if (forced_setting_) guess.setting = *forced_setting_, guess.rule += "; setting from the stage's config";
    binary::Writer items;
    items.begin_object().member("id", "dt1");
    if (guess.end > guess.begin) items.member("view", "normalized").member("begin", guess.begin).member("end", guess.end);
    items.member("type", type_name(guess.type))
        .member("loinc", loinc_code(guess.type))
        .member("display", loinc_display(guess.type))
        .member("setting", setting_name(guess.setting))
        .member("confidence", guess.confidence)
        .member("rule", guess.rule)
        .end_object();
    output.add("document_types", items);
  }

 private:
  std::optional<Setting> forced_setting_;
};

}  // namespace chartflow::charts

CHARTFLOW_PLUGIN(chartflow::charts::DocumentTypeStage)
