// cancer-registry: finds the neoplasms a report names, decides whether each is a reportable
// case by SEER/NAACCR rules, and abstracts its NAACCR fields (primary site, histology,
// behaviour, grade, laterality, date of diagnosis, diagnostic confirmation, pathologic TNM and
// stage group) with the evidence for each; uncertain fields are left blank and flagged.
//
// The stage's jobs, one file each: candidate.cpp (a mention's finding), site_locator.cpp (its
// primary site), labelled_site.cpp and stated_primary.cpp (the site the report states),
// one_primary.cpp (which findings are one primary), registry_rules.cpp (reportability and the
// tables), abstract_fields.cpp (the NAACCR fields); this file puts them together.
#include "abstract_fields.hpp"
#include "candidate.hpp"
#include "labelled_site.hpp"
#include "one_primary.hpp"
#include "registry_rules.hpp"
#include "site_locator.hpp"
#include "stated_primary.hpp"

#include <chartflow/sdk.hpp>
#include <chartflow/tsv.hpp>

#include <filesystem>
#include <map>
#include <optional>

namespace chartflow::registry {

class CancerRegistry {
 public:
  explicit CancerRegistry(const sdk::Context& context) {
    const std::filesystem::path dir = context.plugin_dir();
    try {
      const auto valid = dir / "data" / "site_histology_valid.tsv";
      tables_.load((dir / "rules" / "ambiguous_terms.tsv").string(), (dir / "rules" / "site_terms.tsv").string(),
                   std::filesystem::exists(valid) ? valid.string() : "");
      if (const auto catalog = dir / "data" / "topography.tsv"; std::filesystem::exists(catalog)) tables_.load_site_catalog(catalog.string());
      tables_.load_histology_sites((dir / "rules" / "histology_sites.tsv").string());
      tables_.load_histology_organs((dir / "rules" / "histology_organs.tsv").string());
      const auto map = dir / "data" / "icd10cm_to_icdo3.tsv";
      if (std::filesystem::exists(map))
        sdk::read_tsv(map.string(), "ICD-10-CM to ICD-O-3 map", [&](const std::vector<std::string>& f, const std::string&) {
          if (f.size() >= 2 && !f[0].empty() && !f[1].empty()) icd10_site_.emplace(f[0], f[1]);
        }, "icd10cm");
    } catch (const std::runtime_error& e) {
      throw sdk::ConfigError(e.what());
    }
    include_not_reportable_ = context.config().value("include_not_reportable", true);
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    const auto view = document.view("normalized");
    if (!view) throw sdk::InvalidInput("the document has no normalized text view");
    const std::string_view text = *view;
    const std::string lower = normalise(text);
    const Structure structure = read_structure(document);

    std::vector<Candidate> found;
    SiteLocator sites(tables_, icd10_site_);
    for (const binary::Value m : document.field("mentions"))
      if (auto c = candidate_of(m, structure)) {
        c->component = names_a_component(lower, c->spans.front().begin, c->spans.front().end);
        sites.locate(*c, lower);
        found.push_back(std::move(*c));
      }
    const bool separate_primaries = names_separate_primaries(lower);
    if (!separate_primaries)
      if (const auto labelled = labelled_primary_site(tables_, lower)) apply_labelled_site(*labelled, found, tables_, lower);
    drop_metastases_beside_a_primary(found);
    order_findings(found, lower);

    const ReportFacts report = report_facts(text, lower, is_pathology_report(structure, lower));
    sdk::json tumors = tumours_of(found, report, separate_primaries);
    if (tumors.empty()) return;
    const sdk::json patient = patient_identifier(document);
    for (auto& t : tumors)
      if (!t["fields"].empty()) t["fields"]["medicalRecordNumber"] = patient;
    output.add("tumors", tumors);
  }

 private:
  // Each reportable tumour's first finding (which decides what joins it), what its fields are
  // abstracted from (the first, improved by what joined) and its index.
  struct Primary {
    Candidate first, lead;
    std::size_t index;
  };

  // The sentence around a finding with the finding's own words blanked: "atypical" is an
  // ambiguous term of SEER's, but in "atypical meningioma" (9539/1) it is the histology's name.
  static std::string sentence_around(std::string_view text, const Candidate& c) {
    std::string sentence(text_of(text, c.context));
    const Span own = c.spans.front();
    if (own.begin >= c.context.begin && own.end <= c.context.end)
      std::fill(sentence.begin() + static_cast<std::ptrdiff_t>(own.begin - c.context.begin),
                sentence.begin() + static_cast<std::ptrdiff_t>(own.end - c.context.begin), ' ');
    return sentence;
  }

  // One tumour per site group and histology group, each with its decision, abstracted fields and
  // the evidence of every finding merged into it; a report's reportable findings are one primary
  // unless it names separate primaries.
  sdk::json tumours_of(const std::vector<Candidate>& found, const ReportFacts& report, bool separate_primaries) const {
    sdk::json tumors = sdk::json::array();
    std::map<std::string, std::size_t> by_key;  // one tumour per site group and histology group
    std::vector<Primary> primaries;
    const auto stated = separate_primaries ? std::nullopt : stated_primary_site(tables_, report.normalised_text);
    for (const auto& c : found) {
      const Decision d = decide({c.assertion, c.histology, c.behavior, c.topography, sentence_around(report.normalised_text, c), c.site_from_document}, tables_);
      if (d.verdict == Verdict::not_reportable && !include_not_reportable_) continue;
      std::string key = std::string(verdict_name(d.verdict)) + "|" + c.topography.substr(0, 3) +
                        (d.verdict == Verdict::reportable ? "" : "|" + c.histology.substr(0, 3));
      Candidate* lead = nullptr;
      if (d.verdict == Verdict::reportable && !separate_primaries)
        for (auto& p : primaries)
          if (same_primary(p.first, c)) key = "primary|" + std::to_string(p.index), lead = &p.lead;
      if (auto it = by_key.find(key); it != by_key.end()) {
        join(tumors[it->second], c, lead, report);
        continue;
      }
      Candidate first = c;
      if (d.verdict == Verdict::reportable && primaries.empty() && stated) take_stated_site(*stated, first);
      by_key[key] = tumors.size();
      if (d.verdict == Verdict::reportable) {
        by_key["primary|" + std::to_string(tumors.size())] = tumors.size();
        primaries.push_back({first, first, tumors.size()});
      }
      tumors.push_back(new_tumour(first, d, tumors.size() + 1, report));
    }
    return tumors;
  }

  sdk::json new_tumour(const Candidate& first, const Decision& d, std::size_t number, const ReportFacts& report) const {
    sdk::json tumor = {{"id", "t" + std::to_string(number)},
                       {"status", verdict_name(d.verdict)},
                       {"reasons", d.reasons},
                       {"evidence", sdk::json::array({span_json(first.spans.front())})},
                       {"mention_ids", first.mention_ids},
                       {"fields", sdk::json::object()}};
    if (d.verdict != Verdict::not_reportable) tumor["fields"] = abstract_fields(first, report, tables_);
    tumor["confidence"] = d.verdict == Verdict::reportable ? 0.9 : d.verdict == Verdict::needs_review ? 0.5 : 0.8;
    return tumor;
  }

  // A finding joins a tumour with its evidence; joining the report's one primary it may name the
  // tumour's kind better than the lead.
  void join(sdk::json& tumor, const Candidate& c, Candidate* lead, const ReportFacts& report) const {
    tumor["mention_ids"].push_back(c.mention_ids.front());
    tumor["evidence"].push_back(span_json(c.spans.front()));
    if (lead && refines_histology({lead->histology, lead->behavior}, {c.histology, c.behavior})) {
      lead->histology = c.histology, lead->behavior = c.behavior;
      tumor["fields"] = abstract_fields(*lead, report, tables_);
    }
  }

  RegistryTables tables_;
  std::map<std::string, std::string> icd10_site_;
  bool include_not_reportable_ = true;
};

}  // namespace chartflow::registry

CHARTFLOW_PLUGIN(chartflow::registry::CancerRegistry)
