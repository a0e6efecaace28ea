// Cancer-registry case finding (SEER / NAACCR reportability) and the abstraction of a tumour's
// coded fields from a report's words. Independent of JSON and the plugin ABI so each rule is
// testable on its own.
#pragma once

#include "common/words.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::registry {

// Lower case, every whitespace character a space, same length as the input: phrases are found
// in it and their offsets are the original text's.
std::string normalise(std::string_view text);
// Whether `phrase` occurs in `text` (both normalised) as whole words; its position or npos.
std::size_t find_phrase(std::string_view text, std::string_view phrase, std::size_t from = 0);

// Where a tumour's mention stands in a text searched for site words.
struct SiteAnchor {
  std::size_t begin = 0, end = 0;
};

struct SiteTerm {
  std::string phrase, topography;
  bool paired = false;
  // Names the organ only indirectly: a procedure ("gastrectomy") or a tissue ("urothelial", which
  // counts only inside the tumour's own name). It ranks below an organ's own name and is never
  // the site in a tumour's name that beats the rest of the window.
  bool indirect = false;
  bool tissue = false;
  // From the ICD-O-3 catalog, not the curated table: its subsite ("facial nerve", C72.5) does not
  // beat a curated organ's name in the same window ("parotid gland", C07.9).
  bool catalog = false;
};

class RegistryTables {
 public:
  // rules/ambiguous_terms.tsv, rules/site_terms.tsv; throws std::runtime_error naming the file.
  void load(const std::string& ambiguous_file, const std::string& site_file, const std::string& valid_combinations_file = "");
  // More site words from the ICD-O-3 topography (data/topography.tsv): its titles and inclusion
  // terms of two or more words, after the curated ones (which win a tie); see the .cpp for which.
  void load_site_catalog(const std::string& topography_file);

  // SEER ambiguous terms in the sentence: the first that makes a case not reportable, else the
  // first that makes it reportable (nullopt when the sentence has none).
  struct Ambiguity {
    std::string phrase;
    bool reportable = false;
  };
  std::optional<Ambiguity> ambiguity(std::string_view normalised_sentence) const;

  // The site a tumour's own name gives ("endometrial adenocarcinoma", "adenocarcinoma of the
  // cecum", "Bladder: urothelial carcinoma") when `anchor`, the mention's place in the text, is
  // given; else the most specific site named in `normalised_text` (a code other than .9 beats
  // .9; then the longer phrase), or nullopt.
  // `allowed`, when given, passes over site words that cannot be the tumour's (an organ where its
  // histology does not arise) so the right one of the window wins.
  // An indirect site word (SiteTerm::indirect) ranks below an organ's name.
  using SiteFilter = std::function<bool(const SiteTerm&)>;
  std::optional<SiteTerm> site(std::string_view normalised_text, std::optional<SiteAnchor> anchor = std::nullopt,
                               const SiteFilter& allowed = {}) const;
  bool is_paired(const std::string& topography) const;
  const std::vector<SiteTerm>& site_terms() const { return sites_; }
  // The organ a whole report is about: the site group its site words name most often (lymph
  // nodes, blood and marrow never; skin only when `allow_skin`, soft tissue only when
  // `allow_soft_tissue`, which also allows bone: both are sarcomas' sites), with its most specific code.
  // Only organs where `histology` arises as a primary vote (rules/histology_organs.tsv), when
  // the histology has a row there.
  // `allowed`, when given, passes over further site words (as in site()).
  std::optional<SiteTerm> document_site(const std::string& normalised_text, bool allow_skin, bool allow_soft_tissue,
                                        const std::string& histology = "", const SiteFilter& allowed = {}) const;
  void load_histology_organs(const std::string& file);
  // Which row of rules/histology_organs.tsv a histology falls in (-1: none, every organ votes).
  int histology_organ_row(const std::string& histology) const;
  // Whether a histology arises as a primary in a site group ("C67"): its histology_organs row
  // lists the group, or it has no row.
  bool arises_in(const std::string& histology, const std::string& site_group) const;
  // The usual site of a histology (rules/histology_sites.tsv), a fallback only.
  std::optional<std::string> histology_site(const std::string& histology) const;
  void load_histology_sites(const std::string& file);

  // SEER site/histology validation: false when the list is loaded and lacks the pair.
  bool valid_combination(const std::string& topography, const std::string& histology) const;
  bool has_validation_list() const { return !valid_.empty(); }

 private:
  std::vector<std::pair<std::string, bool>> ambiguous_;  // normalised phrase, reportable
  std::vector<SiteTerm> sites_;
  // Every site phrase, found in one pass over a text: over a thousand phrases searched one by
  // one made the site search most of the stage.
  words::PhraseFinder site_finder_;
  void index_sites();  // after the site table changes
  // The indices of the site phrases in `text`, each with how often it stands there, in table order.
  std::vector<std::pair<std::size_t, int>> sites_in(std::string_view text) const;
  std::map<std::string, std::string> histology_sites_;
  struct HistologyOrgans {
    std::string from, to;
    std::vector<std::pair<std::string, std::string>> groups;  // site group ranges, "C00".."C15"
  };
  std::vector<HistologyOrgans> histology_organs_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> valid_;  // site group "C50" -> histology ranges
};

enum class Verdict { reportable, not_reportable, needs_review };
const char* verdict_name(Verdict verdict);

struct Finding {
  std::string assertion;     // the mention's assertion status
  std::string histology;     // "8500" (ICD-O-3), "" when only a site-level code is known
  char behavior = '3';       // 0 benign, 1 uncertain, 2 in situ, 3 malignant, 6 metastatic
  std::string topography;    // "C50.9", "" when unknown
  std::string_view sentence;  // normalised sentence text (around the mention), for the ambiguous terms
  bool site_guessed = false;  // the site is not stated with the diagnosis (the organ the report names most)
};

struct Decision {
  Verdict verdict = Verdict::needs_review;
  std::vector<std::string> reasons;
};

// SEER reportability: behaviour /2 and /3, benign and borderline tumours of the brain and CNS
// (needs review when the CNS site is only guessed from the report and the histology is not one
// of the CNS's own: a hemangioma in a report that names the frontal lobe);
// the exclusions (basal and squamous cell carcinoma of non-genital skin, in-situ cervix and CIN
// III, PIN III); ambiguous terms by SEER's lists; negated, family, hypothetical and personal
// history findings are no new case.
Decision decide(const Finding& finding, const RegistryTables& tables);

// How much a histology code says of a tumour's kind: 0 none, 1 "neoplasm" or "carcinoma", 2 a
// NOS of a kind ("adenocarcinoma", "squamous cell carcinoma"), 3 a named subtype.
int histology_specificity(const std::string& histology);
// Invasive (2) before in situ (1) before anything else (0).
int behaviour_rank(char behavior);
struct Histology {
  std::string code;  // "8140"
  char behavior = '3';
};
// Whether a finding that joins a report's one primary names its kind better than the lead: more
// specific, as invasive, and a subtype of the lead's kind or the lead names no kind ("carcinoma"
// led, "adenocarcinoma of the rectosigmoid" joins; adenocarcinoma NOS led, "papillary serous
// carcinoma" joins). A named kind is never replaced by another.
bool refines_histology(const Histology& lead, const Histology& joining);

// Abstraction helpers over a report's normalised text.
std::optional<std::string> grade_in(const std::string& normalised_text);            // "1".."4"
struct Tnm {
  std::string t, n, m, stage_group;  // "pT2", "pN1a", "M0", "IIA"
};
Tnm tnm_in(const std::string& normalised_text);
std::optional<char> laterality_in(std::string_view normalised_text);                // '1' right, '2' left, '4' bilateral

}  // namespace chartflow::registry
