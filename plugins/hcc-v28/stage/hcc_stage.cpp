// hcc-v28: CMS-HCC V28 risk adjustment of a coded record. Takes the record's ICD-10-CM codes
// that count (affirmed, current, not rejected by a coder), the birth date and sex the identity
// stage read and the date of service, maps the codes to V28 HCCs with the age/sex edits, applies
// the hierarchies, and adds one reimbursement.hcc item: each HCC with the code items behind it
// and its fate, interactions, the count variable and, when the demographics and a segment allow,
// the risk score with every term; otherwise the HCCs and why there is no score. Every record with
// an ICD-10-CM code gets an item, inpatient and outpatient alike (risk adjustment takes both), with
// its setting noted. See docs/hcc.md.
#include "chart_inputs.hpp"
#include "hcc_item.hpp"
#include "risk_score.hpp"

#include "hcc.hpp"

#include <chartflow/sdk.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace chartflow::hcc::stage {

constexpr std::string_view kField = "reimbursement.hcc";

class HccStage {
 public:
  explicit HccStage(const sdk::Context& context) : item_id_(context.stage_id() + "-1") {
    const std::string segment = context.config().value("segment", std::string("community_non_dual"));
    const auto choice = chart::parse_segment_choice(segment);
    if (!choice) throw sdk::ConfigError("segment: '" + segment + "' is not " + std::string(chart::kSegmentChoices));
    choice_ = *choice;
    // The tables load once (the instance is shared: scoring is const and reads immutable
    // tables), so a damaged table fails start-up, not the first chart.
    try {
      model_ = std::make_unique<const Model>(Model::load(context.plugin_dir()));
    } catch (const std::runtime_error& e) {
      throw sdk::ConfigError(std::string("cannot load the CMS-HCC V28 tables: ") + e.what());
    }
    context.log(sdk::LogLevel::info, "CMS-HCC V28 tables loaded; segment: " + segment);
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    const chart::ChartInputs in = chart::read_chart_inputs({document.items("codes"), document.items("mentions"), document.items("identity"),
                                                            document.items("document_types"),
                                                            document.view("normalized").value_or(std::string_view())});
    if (in.diagnoses.empty() && in.excluded.empty()) return;  // no ICD-10-CM code: nothing to risk-adjust
    HccItemInput item{item_id_, &in, nullptr, Sex::Unknown, {}, {}};
    const chart::Person person = person_of(in, item.review_reasons);
    item.sex = person.sex;
    std::vector<Diagnosis> diagnoses;
    for (const chart::CodeItem& d : in.diagnoses) diagnoses.push_back({d.code, d.id});
    const chart::ChartScore score = chart::score_diagnoses(*model_, diagnoses, person, choice_);
    item.score = &score;
    item.excluded_hccs = excluded_hccs(in, person);
    output.add(kField, hcc_item(item, *model_));
  }

 private:
  // Birth date and sex as the identity stage read them; a value the stage hashed or the chart
  // states twice differently is not used, and a review reason says why.
  static chart::Person person_of(const chart::ChartInputs& in, std::vector<std::string>& reasons) {
    chart::Person p;
    const auto usable = [&](const chart::IdentityFact& f, const char* what) -> std::optional<std::string> {
      if (f.hashed) reasons.push_back(std::string(what) + " not readable: the identity stage hashes values (set its \"values\" to \"keep\")");
      else if (f.conflict) reasons.push_back(std::string("the chart states more than one ") + what + ": not used");
      else return f.value;
      return std::nullopt;
    };
    if (const auto birth = usable(in.birth_date, "birth date")) p.birth_date = chart::parse_date(*birth);
    if (const auto sex = usable(in.sex, "sex")) p.sex = chart::parse_sex(*sex);
    if (in.date_of_service) p.service_year = chart::parse_date(*in.date_of_service).value_or(Date{}).year;
    return p;
  }

  // The HCCs a left-out code would give, so that a coder sees what documentation would count.
  std::map<std::string, std::vector<int>> excluded_hccs(const chart::ChartInputs& in, const chart::Person& person) const {
    std::vector<Diagnosis> left_out;
    for (const chart::ExcludedCode& e : in.excluded)
      if (e.reason == chart::Exclusion::historical || e.reason == chart::Exclusion::not_affirmed) left_out.push_back({e.item.code, e.item.id});
    std::map<std::string, std::vector<int>> out;
    if (left_out.empty()) return out;
    const chart::ChartScore listed = chart::score_diagnoses(*model_, left_out, person, {chart::SegmentRule::none, {}});
    for (const CodeOutcome& c : listed.score.codes) out[c.evidence_id] = c.hccs;
    return out;
  }

  std::string item_id_;
  chart::SegmentChoice choice_;
  std::unique_ptr<const Model> model_;
};

}  // namespace chartflow::hcc::stage

CHARTFLOW_PLUGIN(chartflow::hcc::stage::HccStage)
