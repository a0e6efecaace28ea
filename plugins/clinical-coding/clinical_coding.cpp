// clinical-coding: turns asserted mentions into ICD-10-CM, ICD-10-PCS and HCPCS codes with their
// evidence, under the configured coding policy, using the code set in force on the chart's date
// of service. Every code it emits is billable in that code set.
#include "coder.hpp"
#include "common/chart_dates.hpp"

#include <chartflow/sdk.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

namespace chartflow::coding {

using charts::find_date_of_service;
using charts::is_iso_date;

class ClinicalCoding {
 public:
  explicit ClinicalCoding(const sdk::Context& context) {
    const auto& c = context.config();
    const std::filesystem::path dir = context.plugin_dir();
    const auto policy = parse_policy(c.value("policy", std::string("outpatient")));
    if (!policy) throw sdk::ConfigError("policy must be outpatient, inpatient or all_findings");
    policy_ = *policy;
    fixed_date_ = c.value("date_of_service", std::string());
    if (!fixed_date_.empty() && !is_iso_date(fixed_date_)) throw sdk::ConfigError("date_of_service '" + fixed_date_ + "' is not a YYYY-MM-DD calendar date");
    try {
      catalog_.load(c.value("code_sets", (dir / "codesets" / "codesets.json").string()));
      data_.load_rules((dir / "rules" / "history_codes.tsv").string(), (dir / "rules" / "combinations.tsv").string());
      data_.load_procedures((dir / "pcs" / "procedures.tsv").string());
      data_.load_procedures((dir / "pcs" / "hcpcs_phrases.tsv").string());
      data_.load_pcs_axes((dir / "pcs" / "axes.tsv").string());
    } catch (const std::runtime_error& e) {
      throw sdk::ConfigError(e.what());
    }
    // The newest version of each system loads now, so a broken code set fails start-up; other
    // versions load when a chart's date of service first needs them.
    for (const char* system : {"ICD-10-CM", "ICD-10-PCS", "HCPCS"}) {
      const auto newest = catalog_.newest(system);
      if (!newest) throw sdk::ConfigError(std::string("the code set catalog has no ") + system + " code set");
      try {
        code_set(*newest);
      } catch (const std::runtime_error& e) {
        throw sdk::ConfigError(e.what());
      }
    }
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    const auto text_view = document.view("normalized");
    if (!text_view) throw sdk::InvalidInput("the document has no normalized text view");
    const std::string_view text = *text_view;

    // The code set version: the configured date, else the chart's own, else the newest.
    std::string date = fixed_date_;
    if (date.empty()) date = find_date_of_service(text).value_or("");
    std::vector<std::string> set_review;
    CodeSetRefs sets;
    for (const char* system : {"ICD-10-CM", "ICD-10-PCS", "HCPCS"}) {
      auto entry = date.empty() ? std::nullopt : catalog_.for_date(system, date);
      if (!entry) {
        entry = catalog_.newest(system);
        if (!date.empty())
          set_review.push_back(std::string("date of service ") + date + " is outside the dates of every " + system + " code set here; coded with " + entry->version);
      }
      const CodeSet& set = code_set(*entry);
      (std::string(system) == "ICD-10-CM" ? sets.icd10cm : std::string(system) == "ICD-10-PCS" ? sets.icd10pcs : sets.hcpcs) = &set;
    }
    if (date.empty()) output.note("no-date-of-service", "the chart states no date of service; coded with the newest code sets");

    std::map<std::string, std::string> section_category;
    for (const auto& s : document.items("sections")) section_category[s.at("id")] = s.at("category");
    std::map<std::string, std::pair<std::size_t, std::size_t>> sentence_span;
    for (const auto& s : document.items("sentences")) sentence_span[s.at("id")] = {s.at("begin"), s.at("end")};

    std::vector<MentionInput> mentions;
    for (const auto& m : document.items("mentions")) {
      if (!m.contains("concepts") || m["concepts"].empty()) continue;
      const auto& concept_item = m["concepts"][0];
      MentionInput in;
      in.id = m.at("id");
      in.view = m.at("view");
      in.begin = m.at("begin");
      in.end = m.at("end");
      in.kind = m.at("kind");
      in.system = concept_item.at("system");
      in.code = concept_item.at("code");
      in.score = concept_item.value("score", 0.7);
      in.matched_term = m.value("matched_term", std::string());
      in.status = m.at("assertion").at("status");
      in.section_category = m.contains("section_id") ? section_category[m["section_id"]] : "";
      in.sentence_id = m.value("sentence_id", std::string());
      if (in.begin <= in.end && in.end <= text.size()) in.text = std::string(text.substr(in.begin, in.end - in.begin));
      if (auto it = sentence_span.find(in.sentence_id); it != sentence_span.end() && it->second.second <= text.size())
        in.context = std::string(text.substr(it->second.first, it->second.second - it->second.first));
      else if (in.end <= text.size())
        in.context = std::string(text.substr(in.begin, in.end - in.begin));
      mentions.push_back(std::move(in));
    }

    const auto codes = Coder(data_, sets).code(mentions, policy_);
    sdk::json items = sdk::json::array();
    for (std::size_t i = 0; i < codes.size(); ++i) {
      const auto& c = codes[i];
      sdk::json evidence = sdk::json::array();
      for (const auto& e : c.evidence) evidence.push_back({{"view", e.view}, {"begin", e.begin}, {"end", e.end}});
      auto reasons = c.review_reasons;
      reasons.insert(reasons.end(), set_review.begin(), set_review.end());
      sdk::json item = {{"id", "c" + std::to_string(i + 1)},
                        {"system", c.system},
                        {"code", c.code},
                        {"display", c.display},
                        {"code_set_version", c.version},
                        {"mention_ids", c.mention_ids},
                        {"evidence", evidence},
                        {"confidence", c.confidence},
                        {"rule", c.rule},
                        {"needs_review", !reasons.empty()},
                        {"sequence", i + 1},
                        {"role", c.role},
                        {"policy", policy_name(policy_)}};
      if (!reasons.empty()) item["review_reasons"] = reasons;
      if (c.partial) {
        item["partial"] = true;
        item["attributes"]["candidate_codes"] = c.candidates;
      }
      if (!c.use_additional.empty()) item["attributes"] = {{"use_additional_code", c.use_additional}};
      if (!date.empty()) item["attributes"]["date_of_service"] = date;
      items.push_back(std::move(item));
    }
    if (!items.empty()) output.add("codes", items);
  }

 private:
  const CodeSet& code_set(const CodeSetEntry& entry) {
    const std::string key = entry.system + "/" + entry.version;
    std::lock_guard lock(mutex_);
    auto& slot = sets_[key];
    if (!slot) {
      slot = std::make_unique<CodeSet>();
      slot->load(entry.system, entry.version, entry.codes, entry.rules);
    }
    return *slot;
  }

  Policy policy_ = Policy::outpatient;
  std::string fixed_date_;
  CodeSetCatalog catalog_;
  CoderData data_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<CodeSet>> sets_;
};

}  // namespace chartflow::coding

CHARTFLOW_PLUGIN(chartflow::coding::ClinicalCoding)
