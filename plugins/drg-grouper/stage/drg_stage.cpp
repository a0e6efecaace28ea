// drg-grouper: the Medicare MS-DRG (v43) of an inpatient record. Takes the record's codes (the
// principal diagnosis, the other ICD-10-CM codes, the ICD-10-PCS procedures), reads each
// diagnosis's present-on-admission indicator and the discharge status from the documentation,
// takes dates, age and sex from the identity stage, groups the claim with the CMS grouper logic
// and Medicare Code Editor computed from CMS's tables (core/), and adds one reimbursement.drg
// item: initial and final DRG, the codes that drove it, CC/MCC use, POA and its basis, MCE edits,
// review reasons, documentation-improvement hints (what-if), and with the user's CMS Table 5 the
// relative weight and an estimated base payment. Records of other settings get nothing. See
// docs/drg-stage.md.
#include "claim_builder.hpp"
#include "drg_catalog.hpp"
#include "drg_item.hpp"
#include "drg_payment.hpp"
#include "dx_titles.hpp"
#include "poa_exempt.hpp"
#include "record_inputs.hpp"
#include "what_if.hpp"

#include "grouper.hpp"
#include "mce.hpp"
#include "table5.hpp"

#include <chartflow/sdk.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace chartflow::drg::stage {

constexpr std::string_view kField = "reimbursement.drg";
// The grouper versions the tables hold (MS-DRG v43: 430 and 431), newest first.
constexpr std::array<int, 2> kVersions = {431, 430};

class DrgStage {
 public:
  explicit DrgStage(const sdk::Context& context) : item_id_(context.stage_id() + "-1") {
    const auto& config = context.config();
    const std::filesystem::path dir = context.plugin_dir();
    what_if_enabled_ = config.value("what_if", true);
    options_.hints_per_diagnosis = config.value("what_if_hints_per_diagnosis", std::size_t{3});
    // The settings first: a wrong one fails start-up at once, before 35 MB of tables load.
    load_assumed_discharge_date(config.value("assumed_discharge_date", std::string()), config.value("assume_when", std::string("undated")));
    read_payment(config);
    // The tables load once per instance (the instance is shared: grouping is const and reads
    // only immutable tables), so a damaged table fails start-up, not the first chart.
    try {
      grouper_ = std::make_unique<const Grouper>(dir);
      mce_ = std::make_unique<const MceEditor>(dir);
      catalog_ = std::make_unique<const DrgCatalog>(dir);
    } catch (const std::runtime_error& e) {
      throw sdk::ConfigError(std::string("cannot load the MS-DRG or MCE tables: ") + e.what());
    }
    load_poa_exempt(dir);
    load_titles(context, config.value("icd10cm_titles", std::string()));
    check_payment(context);
    context.log(sdk::LogLevel::info, "MS-DRG v43 and MCE 43.1 tables loaded (" + std::to_string(grouper_->table_bytes() / 1024) +
                                         " KiB); POA-exempt codes: " + std::to_string(poa_exempt_.size()) +
                                         "; ICD-10-CM titles for what-if: " + std::to_string(titles_.size()));
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    const RecordInputs in = read_inputs(document);
    const InpatientBasis basis = inpatient_basis(in);
    if (basis == InpatientBasis::not_inpatient) return;  // an MS-DRG is for inpatient stays only
    const ClaimDraft draft = draft_claim(in, poa_exempt_, assumed_discharge_date_);
    DrgItemInput item{item_id_, basis, &in, &draft};
    item.payment = &payment_;
    if (draft.not_grouped) {
      output.note("drg-not-grouped", "the record was not grouped: " + std::string(to_string(*draft.not_grouped)));
      output.add(kField, drg_item(item, *catalog_));
      return;
    }
    const GroupResult result = grouper_->group(draft.claim);
    const MceResult mce = mce_->edit(draft.mce);
    std::vector<WhatIf> hints;
    if (what_if_enabled_) hints = what_if(*grouper_, *catalog_, titles_, draft.claim, result, sdx_titles(draft), options_);
    item.result = &result;
    item.mce = &mce;
    item.what_if = &hints;
    output.add(kField, drg_item(item, *catalog_));
  }

 private:
  // The schema checked the shape; the date must exist and fall within v43, or every record it
  // served would be refused one by one.
  void load_assumed_discharge_date(const std::string& text, const std::string& when) {
    if (when != "undated" && when != "undated_or_outside_v43")
      throw sdk::ConfigError("assume_when '" + when + "' is neither undated nor undated_or_outside_v43");
    if (text.empty()) {
      if (when != "undated") throw sdk::ConfigError("assume_when needs assumed_discharge_date: the date to group with");
      return;
    }
    const auto date = parse_iso_date(text);
    if (!date || grouper_version_for(date->yyyymmdd()) == 0)
      throw sdk::ConfigError("assumed_discharge_date '" + text + "' is not a date within MS-DRG v43 (2025-10-01 to 2026-09-30)");
    assumed_discharge_date_ = AssumedDischargeDate{*date, when == "undated_or_outside_v43"};
  }

  // CMS's POA-exempt list (FY2026) from the plugin's folder, which the host hashes into the
  // pipeline fingerprint with the other tables. A code the tables put on a hospital-acquired
  // condition list is never taken as exempt (none is in FY2026): the grouper needs its Y/N/U/W,
  // and "1" there would make the claim ungroupable (HAC_MISSING_ONE_POA).
  void load_poa_exempt(const std::filesystem::path& dir) {
    const auto not_hac = [&](detail::CodeKey key) {
      const std::string code = detail::unpack_code(key);
      return std::none_of(kVersions.begin(), kVersions.end(), [&](int version) {
        const DxRow* row = catalog_->find(code, version);
        return row != nullptr && row->hac;
      });
    };
    try {
      poa_exempt_ = PoaExemptCodes::load(dir / kPoaExemptFolder, not_hac);
    } catch (const std::runtime_error& e) {
      throw sdk::ConfigError(std::string("cannot load CMS's list of POA-exempt codes: ") + e.what());
    }
  }

  // A configured titles file must load; without one, the clinical-coding plugin's code set is
  // used when it is installed beside this plugin, and the what-if search narrows without it.
  void load_titles(const sdk::Context& context, const std::string& configured) {
    std::optional<std::filesystem::path> file;
    if (!configured.empty()) file = configured;
    else file = clinical_coding_titles(context.plugin_dir());
    if (!file) {
      context.log(sdk::LogLevel::info, "no ICD-10-CM titles: what-if looks only at each code's own subcategory");
      return;
    }
    // Only the titles what-if reads: CC/MCC codes (candidates) and unspecified forms (coded codes
    // without a display). Other titles would cost memory for nothing.
    const auto keep = [&](std::string_view code, std::string_view title) {
      const bool unspecified = title.find("unspecified") != std::string_view::npos || title.find("Unspecified") != std::string_view::npos;
      for (const int version : kVersions)
        if (const DxRow* row = catalog_->find(code, version)) return row->level != DxLevel::non_cc || unspecified;
      return false;
    };
    try {
      titles_ = DxTitles::load(*file, keep);
    } catch (const std::runtime_error& e) {
      if (!configured.empty()) throw sdk::ConfigError(std::string("icd10cm_titles: ") + e.what());
      context.log(sdk::LogLevel::warn, "the clinical-coding ICD-10-CM titles could not be read; what-if looks only at each code's own subcategory");
    }
  }

  // The user's Table 5 and base rate, read before the tables load.
  void read_payment(const nlohmann::json& config) {
    const std::string table5 = config.value("table5", std::string());
    if (config.contains("base_rate")) {
      if (table5.empty()) throw sdk::ConfigError("base_rate needs table5: the payment is the Table 5 relative weight times the base rate");
      payment_.base_rate = config["base_rate"].get<double>();
    }
    if (table5.empty()) return;
    try {
      payment_.table5 = Table5::read(table5);
    } catch (const Table5Error& e) {
      throw sdk::ConfigError(std::string("table5: ") + e.what());
    }
  }

  // Table 5 checked whole against the grouper's DRGs at start-up, so a file that lacks a DRG
  // fails here and not on the first chart that groups to it.
  void check_payment(const sdk::Context& context) {
    if (!payment_.table5) return;
    std::vector<int> drgs;
    for (const int version : kVersions) {
      const auto assignable = grouper_->drgs(version);
      drgs.insert(drgs.end(), assignable.begin(), assignable.end());
    }
    std::sort(drgs.begin(), drgs.end());
    drgs.erase(std::unique(drgs.begin(), drgs.end()), drgs.end());
    try {
      payment_.table5->require(drgs);
    } catch (const Table5Error& e) {
      throw sdk::ConfigError(std::string("table5: ") + e.what());
    }
    context.log(sdk::LogLevel::info, "Table 5: relative weights of " + std::to_string(payment_.table5->size()) + " MS-DRGs" +
                                         (payment_.base_rate ? "; payment estimated from the configured base rate" : "; no base_rate, so no payment"));
  }

  // Each secondary diagnosis's title: the code item's display, else the titles file.
  std::vector<std::string> sdx_titles(const ClaimDraft& draft) const {
    std::vector<std::string> out;
    for (const CodeRef* c : draft.codes.sdx) out.emplace_back(c->display.empty() ? titles_.title(c->code) : std::string_view(c->display));
    return out;
  }

  std::string item_id_;
  bool what_if_enabled_ = true;
  WhatIfOptions options_;
  std::unique_ptr<const Grouper> grouper_;
  std::unique_ptr<const MceEditor> mce_;
  std::unique_ptr<const DrgCatalog> catalog_;
  PoaExemptCodes poa_exempt_;
  DxTitles titles_;
  PaymentSettings payment_;
  std::optional<AssumedDischargeDate> assumed_discharge_date_;
};

}  // namespace chartflow::drg::stage

CHARTFLOW_PLUGIN(chartflow::drg::stage::DrgStage)
