// cancer-registry: finds the neoplasms a report names, decides whether each is a reportable
// case by SEER/NAACCR rules, and abstracts its NAACCR fields (primary site, histology,
// behaviour, grade, laterality, date of diagnosis, diagnostic confirmation, pathologic TNM and
// stage group) with the evidence for each; uncertain fields are left blank and flagged.
#include "common/chart_dates.hpp"
#include "registry_rules.hpp"
#include "stated_primary.hpp"

#include <chartflow/sdk.hpp>
#include <chartflow/tsv.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace chartflow::registry {
namespace {

struct Span {
  std::size_t begin = 0, end = 0;
};

struct Candidate {
  std::vector<std::string> mention_ids;
  std::vector<Span> spans;
  std::string assertion, histology, topography, icd10cm;
  char behavior = '3';
  Span sentence;
  Span context;  // the sentence, at most kContext characters either side of the mention
  std::string section_category;
  std::optional<Span> site_span;
  std::string site_source;  // how the site was found
  bool site_from_document = false;  // not from the diagnosis itself: flagged for review
};

// A report is about one primary unless it says otherwise ("second primary", "synchronous"):
// what it names beside its cancer is that cancer's spread, or the same cancer said more
// generally ("carcinoma", "malignancy"), not a second case.
bool names_separate_primaries(const std::string& lower) {
  for (const char* phrase : {"second primary", "separate primary", "separate primaries", "synchronous", "two primaries", "multiple primaries",
                             "independent primary", "two separate", "collision tumor", "collision tumour"})
    if (find_phrase(lower, phrase) != std::string::npos) return true;
  return false;
}

// Histologies that name no kind of cancer in particular (NOS codes): they join the report's
// specific finding. Adenocarcinoma NOS joins an adenocarcinoma subtype the same way.
bool generic_histology(const std::string& histology) {
  static const std::set<std::string> generic = {"", "8000", "8001", "8010", "8140", "8070", "9380", "9590", "8800"};
  return generic.contains(histology);
}

// Two reportable findings of one report are one primary when they are at one site group, or
// one of them is generic, or both are of one histology group (spread to a neighbouring organ).
bool same_primary(const Candidate& a, const Candidate& b) {
  return a.topography.substr(0, 3) == b.topography.substr(0, 3) || generic_histology(a.histology) || generic_histology(b.histology) ||
         a.histology.substr(0, 3) == b.histology.substr(0, 3);
}

int specificity(const Candidate& c) { return histology_specificity(c.histology); }
int behaviour_rank(const Candidate& c) { return registry::behaviour_rank(c.behavior); }

bool is_pathology_section(std::string_view category) {
  return category == "pathology_final_diagnosis" || category == "microscopic_description" || category == "gross_description" ||
         category == "diagnosis" || category == "comment";
}

// ICD-10-CM neoplasm code -> ICD-O-3 behaviour (C: malignant; D00-D09 in situ; D32-D33, D35.2-4
// benign CNS; D42-D44 uncertain; other D benign or uncertain).
char behavior_of_icd10(const std::string& code) {
  if (code.starts_with("C")) return code.starts_with("C77") || code.starts_with("C78") || code.starts_with("C79") ? '6' : '3';
  if (code >= "D00" && code < "D10") return '2';
  if (code >= "D37" && code < "D49") return '1';
  return '0';
}

// The words a mention is judged by (ambiguous terms, site words) are its sentence's, but only so
// far either side of it: a report with no sentence breaks (a 10 MB OBX of prose) is one sentence,
// and judging each of its 100 000 mentions by all of it took minutes and gigabytes.
constexpr std::size_t kContext = 1000;

Span context_of(Span sentence, Span mention) {
  return {std::max(sentence.begin, mention.begin > kContext ? mention.begin - kContext : 0), std::min(sentence.end, mention.end + kContext)};
}

// Where `phrase` stands nearest `anchor` in `text` (npos when nowhere).
std::size_t nearest_phrase(std::string_view text, std::string_view phrase, std::size_t anchor) {
  std::size_t best = std::string_view::npos, best_distance = std::string_view::npos;
  for (std::size_t at = find_phrase(text, phrase); at != std::string_view::npos; at = find_phrase(text, phrase, at + 1)) {
    const std::size_t distance = at + phrase.size() <= anchor ? anchor - at - phrase.size() : at >= anchor ? at - anchor : 0;
    if (distance < best_distance) best = at, best_distance = distance;
  }
  return best;
}

std::string_view text_of(std::string_view text, Span span) { return text.substr(span.begin, span.end - span.begin); }

Span span_of(const binary::Value& item) { return {item["begin"].as_uint(), item["end"].as_uint()}; }

struct Section {
  Span span;
  std::string_view category;
};

// Sections and sentences by id, read in place from the binary items (a JSON tree of a long
// report's sentences alone took hundreds of megabytes). The views point into the host's items,
// valid for the call.
struct Structure {
  std::unordered_map<std::string_view, Section> sections;
  std::unordered_map<std::string_view, Span> sentences;
};

Structure read_structure(const sdk::Document& document) {
  Structure out;
  for (const binary::Value s : document.field("sections")) out.sections[s["id"].as_string()] = {span_of(s), s["category"].as_string()};
  const binary::Items sentences = document.field("sentences");
  out.sentences.reserve(sentences.size());
  for (const binary::Value s : sentences) out.sentences[s["id"].as_string()] = span_of(s);
  return out;
}

}  // namespace

class CancerRegistry {
 public:
  explicit CancerRegistry(const sdk::Context& context) {
    const std::filesystem::path dir = context.plugin_dir();
    const auto& c = context.config();
    try {
      const auto valid = dir / "data" / "site_histology_valid.tsv";
      tables_.load((dir / "rules" / "ambiguous_terms.tsv").string(), (dir / "rules" / "site_terms.tsv").string(),
                   std::filesystem::exists(valid) ? valid.string() : "");
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
    include_not_reportable_ = c.value("include_not_reportable", true);
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    const auto view = document.view("normalized");
    if (!view) throw sdk::InvalidInput("the document has no normalized text view");
    const std::string_view text = *view;
    const std::string lower = normalise(text);
    const Structure structure = read_structure(document);
    // A pathology report: pathology sections, or "pathology" (surgical, neuro-, dermato-) or a
    // final diagnosis heading near the top.
    const std::string head = lower.substr(0, 400);
    const bool pathology_report = std::any_of(structure.sections.begin(), structure.sections.end(),
                                              [](const auto& s) { return is_pathology_section(s.second.category); }) ||
                                  head.find("pathology") != std::string::npos || find_phrase(lower, "final diagnosis") != std::string::npos;

    std::vector<Candidate> found;
    OrganCache organs;
    for (const binary::Value m : document.field("mentions"))
      if (auto c = candidate(m, structure, lower, organs)) found.push_back(std::move(*c));
    const bool separate_primaries = names_separate_primaries(lower);
    if (!separate_primaries)
      if (const auto labelled = labelled_primary_site(lower)) apply_labelled_site(*labelled, found);
    // A metastasis named beside its primary is part of that case, not a tumour of its own.
    // (A benign or unspecified "tumor" beside it is no primary: the metastasis then stands for
    // the malignancy, site unknown.)
    const bool has_primary = std::any_of(found.begin(), found.end(), [](const Candidate& c) {
      return (c.behavior == '3' || c.behavior == '2') && c.assertion == "affirmed";
    });
    if (has_primary) std::erase_if(found, [](const Candidate& c) { return c.behavior == '6'; });

    // One tumour per site group: the finding that says most leads (invasive before in situ,
    // then a specific histology before "carcinoma", "neoplasm" or "adenocarcinoma, NOS", then
    // one with a histology before a bare ICD-10-CM code); the others add their evidence.
    // Tumours keep the order in which the report first names their site, but a finding called a
    // metastasis or an implant ("sigmoid implant: metastatic papillary serous carcinoma") names
    // where the cancer spread: its site comes after every site named without that word, so the
    // report's one primary is led by where the cancer is not said to have spread.
    const auto spread = [&](const Candidate& c) {
      const std::size_t begin = c.spans.front().begin, from = begin > 40 ? begin - 40 : 0;
      const std::string_view before = std::string_view(lower).substr(from, begin - from);
      return before.find("metasta") != std::string_view::npos || before.find("implant") != std::string_view::npos;
    };
    std::map<std::string, std::size_t> first_seen;
    for (const bool spread_pass : {false, true})
      for (const auto& c : found)
        if (spread(c) == spread_pass) first_seen.emplace(c.topography.substr(0, 3), first_seen.size());
    std::stable_sort(found.begin(), found.end(), [&](const Candidate& a, const Candidate& b) {
      const std::size_t ga = first_seen[a.topography.substr(0, 3)], gb = first_seen[b.topography.substr(0, 3)];
      if (ga != gb) return ga < gb;
      const int ba = behaviour_rank(a), bb = behaviour_rank(b);
      if (ba != bb) return ba > bb;
      return specificity(a) > specificity(b);
    });

    sdk::json tumors = tumours_of(found, text, lower, pathology_report, separate_primaries);
    if (tumors.empty()) return;
    const sdk::json patient = patient_identifier(document);
    for (auto& t : tumors)
      if (!t["fields"].empty()) t["fields"]["medicalRecordNumber"] = patient;
    output.add("tumors", tumors);
  }

 private:
  // One tumour per site group and histology group, each with its decision, abstracted fields and
  // the evidence of every finding merged into it.
  sdk::json tumours_of(const std::vector<Candidate>& found, std::string_view text, const std::string& lower, bool pathology_report,
                       bool separate_primaries) const {
    const auto date = charts::find_date_of_service(text);
    const auto grade = grade_in(lower);
    const auto tnm = tnm_in(lower);

    sdk::json tumors = sdk::json::array();
    std::map<std::string, std::size_t> by_key;  // one tumour per site group and histology group
    // Each reportable tumour's first finding (which decides what joins it), what its fields are
    // abstracted from (the first, improved by what joined) and its index.
    struct Primary {
      Candidate first, lead;
      std::size_t index;
    };
    std::vector<Primary> primaries;
    const auto stated = separate_primaries ? std::nullopt : stated_primary_site(tables_, lower);
    for (const auto& c : found) {
      const Finding f{c.assertion, c.histology, c.behavior, c.topography, text_of(lower, c.context)};
      const Decision d = decide(f, tables_);
      if (d.verdict == Verdict::not_reportable && !include_not_reportable_) continue;
      std::string key = std::string(verdict_name(d.verdict)) + "|" + c.topography.substr(0, 3) +
                        (d.verdict == Verdict::reportable ? "" : "|" + c.histology.substr(0, 3));
      Candidate* lead = nullptr;
      if (d.verdict == Verdict::reportable && !separate_primaries)
        for (auto& p : primaries)
          if (same_primary(p.first, c)) key = "primary|" + std::to_string(p.index), lead = &p.lead;
      if (auto it = by_key.find(key); it != by_key.end()) {
        auto& t = tumors[it->second];
        t["mention_ids"].push_back(c.mention_ids.front());
        t["evidence"].push_back(span_json(c.spans.front()));
        // A finding joining the report's one primary may name its kind better than the lead.
        if (lead && refines_histology({lead->histology, lead->behavior}, {c.histology, c.behavior})) {
          lead->histology = c.histology, lead->behavior = c.behavior;
          t["fields"] = abstract(*lead, date, grade, tnm, pathology_report, lower);
        }
        continue;
      }
      sdk::json tumor = {{"id", "t" + std::to_string(tumors.size() + 1)},
                         {"status", verdict_name(d.verdict)},
                         {"reasons", d.reasons},
                         {"evidence", sdk::json::array({span_json(c.spans.front())})},
                         {"mention_ids", c.mention_ids},
                         {"fields", sdk::json::object()}};
      Candidate first = c;
      if (d.verdict == Verdict::reportable && primaries.empty() && stated) take_stated_site(*stated, first);
      if (d.verdict != Verdict::not_reportable) tumor["fields"] = abstract(first, date, grade, tnm, pathology_report, lower);
      tumor["confidence"] = d.verdict == Verdict::reportable ? 0.9 : d.verdict == Verdict::needs_review ? 0.5 : 0.8;
      by_key[key] = tumors.size();
      if (d.verdict == Verdict::reportable) {
        by_key["primary|" + std::to_string(tumors.size())] = tumors.size();
        primaries.push_back({first, first, tumors.size()});
      }
      tumors.push_back(std::move(tumor));
    }
    return tumors;
  }

  // The organ a whole report names most, per (allow skin, allow soft tissue), and where it is
  // first named: computed at most once per document, whatever the number of findings that need it.
  struct Organ {
    SiteTerm term;
    std::size_t at = std::string::npos;
  };
  using OrganCache = std::map<std::tuple<bool, bool, int>, std::optional<Organ>>;  // skin, soft tissue, histology_organs row

  // A finding a registrar would abstract from a mention, or nullopt for mentions of no neoplasm.
  std::optional<Candidate> candidate(const binary::Value& m, const Structure& structure, const std::string& lower, OrganCache& organs) const {
    Candidate c;
    if (const auto concepts = m.find("concepts"))
      concepts->for_each_element([&](const binary::Value& concept_item) {
        const std::string_view system = concept_item["system"].as_string(), code = concept_item["code"].as_string();
        if (system == "ICD-O-3" && code.size() == 6 && code[4] == '/') c.histology = code.substr(0, 4), c.behavior = code[5];
        if (system == "ICD-10-CM" && (code.starts_with("C") || (code.starts_with("D") && code < "D50"))) c.icd10cm = code;
      });
    // "Tumor size 2.3 cm" (D49.9, unspecified behaviour) says nothing a registrar can use.
    if (c.histology.empty() && (c.icd10cm.empty() || c.icd10cm.starts_with("D49"))) return std::nullopt;
    if (c.histology.empty()) c.behavior = behavior_of_icd10(c.icd10cm);  // an ICD-O-3 term gives its own
    c.mention_ids = {std::string(m["id"].as_string())};
    const Span span = span_of(m);
    c.spans = {span};
    c.assertion = m["assertion"]["status"].as_string();
    const auto sentence = structure.sentences.find(m.string_or("sentence_id"));
    c.sentence = sentence != structure.sentences.end() ? sentence->second : span;
    c.context = context_of(c.sentence, span);
    Span section = c.sentence;
    if (const auto it = structure.sections.find(m.string_or("section_id")); it != structure.sections.end()) {
      section = it->second.span;
      c.section_category = it->second.category;
    }
    locate_site(c, lower, section, span, organs);
    return c;
  }

  static sdk::json span_json(const Span& s) { return {{"view", "normalized"}, {"begin", s.begin}, {"end", s.end}}; }

  // A site the report states under a label ("PRIMARY SITE: Stomach", "Tumor site: left breast"):
  // the registrar's own words, which stray site words elsewhere ("celiac trunk", "material at
  // hand") must not overrule. Taken only when every such label names one site group.
  struct LabelledSite {
    std::string topography;
    Span span;
  };
  std::optional<LabelledSite> labelled_primary_site(const std::string& lower) const {
    std::optional<LabelledSite> found;
    for (const char* label : {"primary site", "primary tumor site", "primary tumour site", "tumor site", "tumour site", "site of primary",
                              "site of tumor", "site of tumour"}) {
      const std::string l(label);
      for (std::size_t at = find_phrase(lower, l); at != std::string::npos; at = find_phrase(lower, l, at + 1)) {
        std::size_t value = at + l.size();
        while (value < lower.size() && lower[value] == ' ') ++value;
        if (value >= lower.size() || lower[value] != ':') continue;  // a label, not the words in a sentence
        // The value ends with its line or sentence (flattened reports run the next field on).
        const std::size_t end = std::min({lower.find_first_of("\n.;", value + 1), value + 60, lower.size()});
        const std::string_view text = std::string_view(lower).substr(value + 1, end - value - 1);
        const auto site = tables_.site(text);
        if (!site) continue;
        if (found && found->topography.substr(0, 3) != site->topography.substr(0, 3)) return std::nullopt;  // two sites: no verdict
        const std::size_t phrase_at = value + 1 + find_phrase(text, site->phrase);
        if (!found) found = LabelledSite{site->topography, {phrase_at, phrase_at + site->phrase.size()}};
      }
    }
    return found;
  }

  // The labelled site replaces no site, an unknown or ill-defined one (C80, C76), a site guessed
  // from the whole document, and skin or soft tissue read from stray words ("celiac trunk", "material at
  // hand"); it refines the subsite of the same organ. Any other organ named with the diagnosis
  // stays: in a report of several specimens the label may be another specimen's.
  static void apply_labelled_site(const LabelledSite& labelled, std::vector<Candidate>& found) {
    for (auto& c : found) {
      const std::string group = c.topography.substr(0, 3);
      const bool weak = c.topography.empty() || group == "C80" || group == "C76" || c.site_from_document ||
                        ((group == "C44" || group == "C49") && c.site_source.starts_with("site words"));
      const bool finer = group == labelled.topography.substr(0, 3) && c.topography.ends_with(".9");  // the label gives the subsite
      if (!weak && !finer) continue;
      c.topography = labelled.topography, c.site_span = labelled.span;
      c.site_source = "labelled primary site", c.site_from_document = false;
    }
  }

  // The report's one primary is where the report states it started ("ovarian primary",
  // "Primary site: stomach"), whatever organ its first diagnosis line names (a debulking report
  // names the colon first); the same organ's subsite named with the diagnosis stays.
  static void take_stated_site(const StatedPrimary& stated, Candidate& lead) {
    if (lead.topography.substr(0, 3) == stated.term.topography.substr(0, 3) && !lead.site_from_document) return;
    lead.topography = stated.term.topography, lead.site_span = Span{stated.at, stated.at + stated.term.phrase.size()};
    lead.site_source = "the primary site the report states ('" + stated.term.phrase + "')", lead.site_from_document = false;
  }

  // The patient a report is about: only the MRN the identity stage read from a labelled field
  // (a reader of its own once took "AND" and "ACCESSIONED" for MRNs and merged 21 patients into
  // 3). Without one, or with two different ones, the tumour is its own patient in the NAACCR
  // export and the field is flagged: never merged with another report on a guess.
  static sdk::json patient_identifier(const sdk::Document& document) {
    std::optional<std::string> mrn;
    std::optional<Span> span;
    for (const binary::Value item : document.field("identity")) {
      if (item["kind"].as_string() != "mrn") continue;
      if (item.bool_or("conflict"))
        return field(std::nullopt, std::nullopt, 0, "conflicting medical record numbers on the report: exported as its own patient");
      if (!item.contains("value")) continue;  // the identity stage wrote hashes only
      mrn = std::string(item["value"].as_string()), span = span_of(item);
    }
    if (!mrn) return field(std::nullopt, std::nullopt, 0, "no labelled medical record number: exported as its own patient");
    return field(mrn, span, 0.95);
  }

  static sdk::json field(const std::optional<std::string>& value, std::optional<Span> evidence, double confidence, std::string reason = "",
                         std::string display = "") {
    sdk::json f = {{"evidence", sdk::json::array()}, {"confidence", value ? confidence : 0.0}, {"needs_review", !value || !reason.empty()}};
    if (value) f["value"] = *value;
    if (evidence) f["evidence"].push_back(span_json(*evidence));
    if (!reason.empty()) f["reason"] = reason;
    if (!display.empty()) f["display"] = display;
    return f;
  }

  // The primary site: the ICD-10-CM code's site when the mention has one, else the most specific
  // site words in the specimen line and sentence before the diagnosis ("Left breast, upper outer
  // quadrant, lumpectomy: - Invasive ductal carcinoma").
  void locate_site(Candidate& c, const std::string& lower, Span section, Span mention, OrganCache& organs) const {
    // ICD-10-CM C00-C75 name their site the way ICD-O-3 does; C76-C80 (ill-defined, secondary,
    // unknown primary), lymphomas and leukaemias, and the D codes do not: their site comes from
    // the words of the report.
    // A histology phrase's ICD-10-CM code may be the index's default site: "squamous cell
    // carcinoma" and "melanoma" default to skin, which is a guess; the report's words decide.
    const bool skin_default = !c.histology.empty() && (c.icd10cm.starts_with("C44") || c.icd10cm.starts_with("C43"));
    const bool site_coded = c.icd10cm.starts_with("C") && c.icd10cm.substr(0, 3) <= "C75" && !skin_default;
    if (site_coded) {
      if (auto it = icd10_site_.find(c.icd10cm); it != icd10_site_.end()) {
        c.topography = it->second, c.site_source = "ICD-10-CM " + c.icd10cm + " (SEER map)";
      } else if (c.icd10cm.starts_with("C43")) {
        // ICD-10 gives melanoma of skin its own category; ICD-O-3 codes the skin (C44) and the
        // histology (8720) apart.
        c.topography = "C44" + (c.icd10cm.size() >= 5 ? c.icd10cm.substr(3, 2) : std::string(".9"));
        c.site_source = "ICD-10-CM " + c.icd10cm + " (melanoma: skin site)";
      } else if (c.icd10cm.size() >= 5) {
        c.topography = c.icd10cm.substr(0, 5), c.site_source = "ICD-10-CM " + c.icd10cm;
      } else {
        c.topography = c.icd10cm.substr(0, 3) + ".9", c.site_source = "ICD-10-CM " + c.icd10cm;
      }
      if (!c.topography.ends_with(".9")) return;
    }
    // Search back from the mention to the start of its section, at most 400 characters.
    const std::size_t from = std::max(section.begin, mention.begin > 400 ? mention.begin - 400 : 0);
    const std::size_t to = std::max(mention.end, c.context.end);
    const std::string_view window = text_of(lower, {from, to});
    if (const auto site = tables_.site(window, SiteAnchor{mention.begin - from, mention.end - from})) {
      if (c.topography.empty() || site->topography.substr(0, 3) == c.topography.substr(0, 3) || c.topography == "C80.9") {
        c.topography = site->topography;
        const std::size_t at = nearest_phrase(window, site->phrase, mention.begin - from);
        c.site_span = Span{from + at, from + at + site->phrase.size()};
        c.site_source = "site words '" + site->phrase + "'";
      }
    }
    // Lymph nodes are the primary site of lymphomas only (ICD-O-3 9590-9729); for a carcinoma
    // "metastatic to 2 of 14 lymph nodes" names where it spread.
    // Soft tissue is the primary site of sarcomas; for a carcinoma it is what a resection took
    // around the organ.
    // Blood and bone marrow are the primary site of leukaemias and other blood neoplasms only
    // (9590-9993); for a glioma "blood containing fragments of cortex" names what the biopsy held.
    const bool lymphoma = c.histology >= "9590" && c.histology <= "9729";
    const bool blood_neoplasm = c.histology >= "9590" && c.histology <= "9993";
    const bool sarcoma = c.histology.empty() || (c.histology >= "8800" && c.histology <= "9260");
    const bool nodal = c.topography.starts_with("C77") && !lymphoma, soft = c.topography.starts_with("C49") && !sarcoma;
    const bool blood = c.topography.starts_with("C42") && !blood_neoplasm;
    // Bone is where a carcinoma invades ("invades into mandibular bone", "Bone / Cartilage
    // Invasion: Present"), never where a carcinoma (8010-8589) starts.
    const bool carcinoma = c.histology >= "8010" && c.histology <= "8589";
    const bool bone = (c.topography.starts_with("C40") || c.topography.starts_with("C41")) && carcinoma;
    if (!c.topography.empty() && !nodal && !soft && !blood && !bone) return;
    const bool skin = c.histology >= "8720" && c.histology <= "8790";
    const auto [cached, first_time] = organs.try_emplace(std::make_tuple(skin, sarcoma, tables_.histology_organ_row(c.histology)));
    if (first_time)
      if (auto site = tables_.document_site(lower, skin, sarcoma, c.histology)) cached->second = Organ{*site, find_phrase(lower, site->phrase)};
    if (const auto& organ = cached->second) {
      c.topography = organ->term.topography;
      if (organ->at != std::string::npos) c.site_span = Span{organ->at, organ->at + organ->term.phrase.size()};
      c.site_source = "the organ the report names most ('" + organ->term.phrase + "')";
      c.site_from_document = true;
    } else if (const auto usual = tables_.histology_site(c.histology)) {
      c.topography = *usual;
      c.site_source = "the usual site of histology " + c.histology;
      c.site_from_document = true;
    }
  }

  sdk::json abstract(const Candidate& c, const std::optional<std::string>& date, const std::optional<std::string>& grade, const Tnm& tnm,
                     bool pathology_report, const std::string& lower) const {
    sdk::json fields = sdk::json::object();
    const Span mention = c.spans.front();
    const bool site_known = !c.topography.empty();
    const bool site_vague = site_known && (c.topography.ends_with(".9") || c.topography == "C80.9" || c.site_from_document);
    fields["primarySite"] = field(site_known ? std::optional(std::string(c.topography.substr(0, 3)) + c.topography.substr(4)) : std::nullopt,
                                  c.site_span ? c.site_span : std::optional(mention), site_vague ? 0.6 : 0.85,
                                  !site_known ? "the report names no primary site" : c.site_from_document ? "site not stated with the diagnosis: " + c.site_source
                                  : site_vague ? "site not more specific than NOS" : "",
                                  c.site_source);
    const bool histology_known = !c.histology.empty();
    std::string histology_reason = histology_known ? "" : "no histology term: code it from the report";
    if (histology_known && site_known && !tables_.valid_combination(c.topography, c.histology))
      histology_reason = "site " + c.topography + " with histology " + c.histology + " is not on the SEER valid combinations list";
    fields["histologicTypeIcdO3"] = field(histology_known ? std::optional(c.histology) : std::nullopt, mention, 0.85, histology_reason);
    fields["behaviorCodeIcdO3"] = field(std::string(1, c.behavior), mention, histology_known ? 0.9 : 0.7, histology_known ? "" : "behaviour from the ICD-10-CM code");

    // Laterality: paired organs only; the words of the specimen line and sentence.
    if (site_known && tables_.is_paired(c.topography)) {
      // From the start of the specimen line ("Left breast, upper outer quadrant, lumpectomy:").
      std::size_t from = c.site_span ? std::min(c.site_span->begin, c.sentence.begin) : c.sentence.begin;
      if (const auto nl = lower.rfind('\n', from); nl != std::string::npos) from = nl + 1;
      else from = 0;
      const auto side = laterality_in(text_of(lower, {from, c.context.end}));
      fields["laterality"] = field(side ? std::optional(std::string(1, *side)) : std::nullopt, c.site_span ? c.site_span : std::optional(mention),
                                   0.85, side ? "" : "paired organ, side not stated");
    } else if (site_known) {
      fields["laterality"] = field(std::string("0"), std::nullopt, 0.8, "", "not a paired site");
    }
    if (grade) fields["gradePathological"] = field(grade, std::nullopt, 0.7, "grade scheme depends on the site's schema: check the code", "grade " + *grade);
    if (date) {
      std::string compact = *date;
      std::erase(compact, '-');
      fields["dateOfDiagnosis"] = field(compact, std::nullopt, 0.7, pathology_report ? "" : "date of the report, not necessarily of diagnosis");
    } else {
      fields["dateOfDiagnosis"] = field(std::nullopt, std::nullopt, 0, "the report states no date");
    }
    const bool cytology = find_phrase(lower, "cytology") != std::string::npos || find_phrase(lower, "fine needle aspiration") != std::string::npos;
    const std::string confirmation = pathology_report && !cytology ? "1" : cytology ? "2" : "9";
    fields["diagnosticConfirmation"] = field(confirmation, std::nullopt, confirmation == "9" ? 0.3 : 0.8,
                                             confirmation == "9" ? "no pathology or cytology in this document" : "",
                                             confirmation == "1" ? "positive histology" : confirmation == "2" ? "positive cytology" : "unknown");
    if (!tnm.t.empty()) fields["ajccTnmPathT"] = field(tnm.t, std::nullopt, 0.8);
    if (!tnm.n.empty()) fields["ajccTnmPathN"] = field(tnm.n, std::nullopt, 0.8);
    if (!tnm.m.empty()) fields["ajccTnmPathM"] = field(tnm.m, std::nullopt, 0.7);
    if (!tnm.stage_group.empty()) fields["ajccTnmPathStageGroup"] = field(tnm.stage_group, std::nullopt, 0.8);
    return fields;
  }

  RegistryTables tables_;
  std::map<std::string, std::string> icd10_site_;
  bool include_not_reportable_ = true;
};

}  // namespace chartflow::registry

CHARTFLOW_PLUGIN(chartflow::registry::CancerRegistry)
