#include "registry_rules.hpp"

#include "common/words.hpp"

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <tuple>
#include <stdexcept>

namespace chartflow::registry {
namespace {

int histology_number(const std::string& h) {
  if (h.size() != 4 || !std::all_of(h.begin(), h.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) return -1;
  return std::stoi(h);
}

// Brain and central nervous system sites, where benign and borderline tumours are reportable
// (C70.0-C72.9, C75.1-C75.3: meninges, brain, spinal cord and cranial nerves, pituitary,
// craniopharyngeal duct, pineal gland).
bool is_cns(const std::string& site) {
  if (site.size() < 3) return false;
  const std::string category = site.substr(0, 3);
  if (category == "C70" || category == "C71" || category == "C72") return true;
  return site == "C75.1" || site == "C75.2" || site == "C75.3";
}

// Histologies of the brain and CNS's own (craniopharyngioma, pineal, glial, neuronal, meningeal
// and nerve sheath tumours 9350-9589; pituitary adenomas 8270-8281): their site is the CNS even
// when the report does not say where.
bool cns_histology(int histology) { return (histology >= 9350 && histology <= 9589) || (histology >= 8270 && histology <= 8281); }

}  // namespace

std::string normalise(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    const unsigned char u = static_cast<unsigned char>(c);
    c = std::isspace(u) ? ' ' : static_cast<char>(std::tolower(u));
  }
  return out;
}

std::size_t find_phrase(std::string_view text, std::string_view phrase, std::size_t from) { return words::find(text, phrase, from); }


void RegistryTables::load(const std::string& ambiguous_file, const std::string& site_file, const std::string& valid_combinations_file) {
  sdk::read_tsv(ambiguous_file, "ambiguous terms", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 2 || f[0].empty() || (f[1] != "yes" && f[1] != "no")) throw std::runtime_error(where + ": expected phrase<TAB>yes|no");
    ambiguous_.emplace_back(normalise(f[0]), f[1] == "yes");  // data phrases use single spaces
  });
  // Longest first: "cannot be ruled out" is not "ruled out", "suspicious for" not "suspicious".
  std::stable_sort(ambiguous_.begin(), ambiguous_.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  sdk::read_tsv(site_file, "site terms", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3 || f[0].empty() || f[1].size() < 3 || f[1][0] != 'C' || (f[2] != "yes" && f[2] != "no") ||
        (f.size() > 3 && !f[3].empty() && f[3] != "procedure" && f[3] != "tissue"))
      throw std::runtime_error(where + ": expected phrase<TAB>C..<TAB>yes|no[<TAB>procedure|tissue]");
    const std::string kind = f.size() > 3 ? f[3] : "";
    sites_.push_back({normalise(f[0]), f[1], f[2] == "yes", !kind.empty(), kind == "tissue"});
  });
  index_sites();
  if (valid_combinations_file.empty()) return;
  sdk::read_tsv(valid_combinations_file, "site/histology combinations", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3) throw std::runtime_error(where + ": expected site_group<TAB>histology_from<TAB>histology_to");
    valid_[f[0]].emplace_back(f[1], f[2]);
  }, "site_group");
}

void RegistryTables::index_sites() {
  std::vector<std::string> phrases;
  phrases.reserve(sites_.size());
  for (const auto& site : sites_) phrases.push_back(site.phrase);
  site_finder_ = words::PhraseFinder(std::move(phrases));
}

std::vector<std::pair<std::size_t, int>> RegistryTables::sites_in(std::string_view text) const {
  std::vector<std::pair<std::size_t, int>> found;
  for (const auto& [index, at] : site_finder_.find_all(text)) {  // ordered by phrase index
    if (found.empty() || found.back().first != index) found.emplace_back(index, 0);
    ++found.back().second;
  }
  return found;
}

namespace {

// Whether the sentence, after `from`, says the diagnosis was confirmed: "suggestive of bilateral
// hypernephroma (later confirmed after left radical nephrectomy)", "the suspicion of a
// myeloproliferative syndrome ... Hematology, which diagnosed chronic myeloid leukemia". SEER: an
// ambiguous diagnosis later confirmed is reportable. "Not confirmed", "to be confirmed",
// "unconfirmed", "cannot diagnose" are not.
bool confirmed_after(std::string_view sentence, std::size_t from) {
  for (const std::string_view word : {"confirmed", "proven", "proved", "diagnosed", "diagnose"})
    for (std::size_t at = find_phrase(sentence, word, from); at != std::string::npos; at = find_phrase(sentence, word, at + word.size())) {
      const std::string_view before = sentence.substr(from, at - from);
      const bool denied = before.ends_with("not ") || before.ends_with("not been ") || before.ends_with("not yet ") || before.ends_with("be ") ||
                          before.ends_with("never ") || before.ends_with("un") || before.ends_with("cannot ") || before.ends_with("to ");
      if (!denied) return true;
    }
  return false;
}

// Whether a sentence naming a past cancer says the disease is still there or still treated:
// "history of stage D2 prostate adenocarcinoma with multiple bone metastases", "history of prostate
// adenocarcinoma treated with LHRH analogues, maintaining adequate biochemical control". A facility
// reports a previously diagnosed cancer with evidence of disease or under cancer-directed
// treatment (CoC STORE class of case 3x, SEER casefinding); a cancer only in the history is not.
bool evidence_of_disease(std::string_view sentence) {
  static constexpr std::string_view kActive[] = {"metastases", "metastasis", "metastatic", "metastasized", "metastasectomy", "maintaining",
                                                 "currently", "under treatment", "receiving", "undergoing",
                                                 "progression", "progressive disease"};
  static constexpr std::string_view kDenial[] = {"no", "not", "without", "free of", "negative", "denies", "ruled out", "resolved", "remission"};
  for (const std::string_view cue : kActive)
    for (std::size_t at = find_phrase(sentence, cue); at != std::string::npos; at = find_phrase(sentence, cue, at + cue.size())) {
      // The cue's own clause must not deny it: "with no evidence of metastases", "currently
      // without evidence of disease", "currently in remission".
      std::size_t from = sentence.substr(0, at).find_last_of(",;(");
      from = from == std::string_view::npos ? 0 : from + 1;
      const std::size_t to = std::min(sentence.size(), sentence.find_first_of(",;)", at));
      const std::string_view clause = sentence.substr(from, to - from);
      if (std::none_of(std::begin(kDenial), std::end(kDenial), [&](std::string_view d) { return find_phrase(clause, d) != std::string::npos; }))
        return true;
    }
  return false;
}

}  // namespace

std::optional<RegistryTables::Ambiguity> RegistryTables::ambiguity(std::string_view sentence) const {
  std::optional<Ambiguity> reportable;
  for (const auto& [phrase, is_reportable] : ambiguous_) {
    const std::size_t at = find_phrase(sentence, phrase);
    if (at == std::string::npos || confirmed_after(sentence, at + phrase.size())) continue;
    // Longer phrases first; a non-reportable term anywhere in the sentence decides.
    if (!is_reportable) return Ambiguity{phrase, false};
    if (!reportable) reportable = Ambiguity{phrase, true};
  }
  return reportable;
}

void RegistryTables::load_histology_sites(const std::string& file) {
  sdk::read_tsv(file, "histology sites", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 2 || f[0].size() != 4 || f[1].size() != 5) throw std::runtime_error(where + ": expected histology<TAB>Cnn.n");
    histology_sites_[f[0]] = f[1];
  }, "histology");
}

std::optional<std::string> RegistryTables::histology_site(const std::string& histology) const {
  auto it = histology_sites_.find(histology);
  return it == histology_sites_.end() ? std::nullopt : std::optional(it->second);
}

void RegistryTables::load_histology_organs(const std::string& file) {
  sdk::read_tsv(file, "histology organs", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3 || f[0].size() != 4 || f[1].size() != 4) throw std::runtime_error(where + ": expected from<TAB>to<TAB>C00-C14,C21");
    HistologyOrgans row{f[0], f[1], {}};
    std::size_t at = 0;
    while (at < f[2].size()) {
      const std::size_t comma = std::min(f[2].find(',', at), f[2].size());
      const std::string range = f[2].substr(at, comma - at);
      const std::size_t dash = range.find('-');
      const std::string first = range.substr(0, dash), last = dash == std::string::npos ? first : range.substr(dash + 1);
      if (first.size() != 3 || last.size() != 3 || first[0] != 'C') throw std::runtime_error(where + ": bad site group range '" + range + "'");
      row.groups.emplace_back(first, last);
      at = comma + 1;
    }
    histology_organs_.push_back(std::move(row));
  }, "histology_from");
}

int RegistryTables::histology_organ_row(const std::string& histology) const {
  for (std::size_t i = 0; i < histology_organs_.size(); ++i)
    if (histology.size() == 4 && histology >= histology_organs_[i].from && histology <= histology_organs_[i].to) return static_cast<int>(i);
  return -1;
}

bool RegistryTables::arises_in(const std::string& histology, const std::string& group) const {
  const int row = histology_organ_row(histology);
  if (row < 0) return true;
  const auto& groups = histology_organs_[static_cast<std::size_t>(row)].groups;
  return std::any_of(groups.begin(), groups.end(), [&](const auto& r) { return group >= r.first && group <= r.second; });
}

bool RegistryTables::is_paired(const std::string& topography) const {
  // The exact subsite decides where the table has it (skin of the trunk is paired, of the scalp
  // is not); otherwise the organ.
  bool exact = false, paired = false;
  for (const auto& s : sites_)
    if (s.topography == topography) exact = true, paired = paired || s.paired;
  if (exact) return paired;
  return std::any_of(sites_.begin(), sites_.end(), [&](const SiteTerm& s) { return s.paired && s.topography.substr(0, 3) == topography.substr(0, 3); });
}

bool RegistryTables::valid_combination(const std::string& topography, const std::string& histology) const {
  if (valid_.empty()) return true;
  auto it = valid_.find(topography.substr(0, 3));
  if (it == valid_.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](const auto& range) { return histology >= range.first && histology <= range.second; });
}

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::reportable: return "reportable";
    case Verdict::not_reportable: return "not_reportable";
    default: return "needs_review";
  }
}

Decision decide(const Finding& f, const RegistryTables& tables) {
  Decision d;
  const auto no = [&](std::string reason) {
    d.verdict = Verdict::not_reportable;
    d.reasons.push_back(std::move(reason));
    return d;
  };
  if (f.assertion == "negated") return no("the report negates the malignancy");
  if (f.assertion == "family") return no("the neoplasm is a relative's");
  if (f.assertion == "hypothetical") return no("the neoplasm is only mentioned as a possibility to come");
  const bool active_history = f.assertion == "historical" && evidence_of_disease(f.sentence);
  if (f.assertion == "historical" && !active_history) return no("personal history of a past cancer: not a new reportable case");
  if (active_history) d.reasons.push_back("a previously diagnosed cancer with evidence of disease or under treatment is reportable");

  const int histology = histology_number(f.histology);
  const std::string site = f.topography;
  // Exclusions (SEER / NAACCR reportability).
  if (site.starts_with("C44") && histology >= 8000 && histology <= 8110)
    return no("basal and squamous cell carcinoma of non-genital skin is not reportable");
  if (site.starts_with("C53") && f.behavior == '2') return no("carcinoma in situ and CIN III of the cervix are not reportable");
  if (histology == 8077 && f.behavior == '2') return no("CIN III / high-grade squamous intraepithelial neoplasia is not reportable");
  if (histology == 8148 && f.behavior == '2') return no("PIN III (prostatic intraepithelial neoplasia) is not reportable");
  if (f.behavior == '0' || f.behavior == '1') {
    if (!is_cns(site)) return no("benign or borderline tumour outside the brain and CNS is not reportable");
    if (f.site_guessed && !cns_histology(histology)) {
      d.reasons.push_back("benign or borderline tumour: reportable only in the brain and CNS, and its site is not stated with it");
      return d;  // needs_review
    }
    d.reasons.push_back("benign or borderline tumour of the brain or CNS is reportable");
  } else if (f.behavior == '2') {
    d.reasons.push_back("in situ neoplasm (behaviour 2) is reportable");
  } else {
    d.reasons.push_back(f.behavior == '6' ? "metastatic malignancy: the primary is reportable" : "malignant neoplasm (behaviour 3) is reportable");
  }

  // Ambiguous terms follow SEER's lists, not the coding rules and not ConText alone.
  if (const auto a = tables.ambiguity(f.sentence)) {
    if (!a->reportable) return no("ambiguous term '" + a->phrase + "' is not reportable (SEER)");
    d.reasons.push_back("ambiguous term '" + a->phrase + "' is reportable (SEER)");
  } else if (f.assertion == "uncertain" && confirmed_after(f.sentence, 0)) {
    d.reasons.push_back("the uncertain diagnosis is stated as confirmed");
  } else if (f.assertion == "uncertain") {
    d.verdict = Verdict::needs_review;
    d.reasons.push_back("the report is uncertain in words that are on neither of SEER's ambiguous-term lists");
    return d;
  }
  d.verdict = Verdict::reportable;
  return d;
}

int histology_specificity(const std::string& histology) {
  static const std::set<std::string> unnamed = {"8000", "8001", "8010"};
  static const std::set<std::string> generic = {"8140", "9590", "9380", "8046", "8070"};
  return histology.empty() ? 0 : unnamed.contains(histology) ? 1 : generic.contains(histology) ? 2 : 3;
}

int behaviour_rank(char behavior) { return behavior == '3' ? 2 : behavior == '2' ? 1 : 0; }

bool refines_histology(const Histology& lead, const Histology& joining) {
  // Adenocarcinoma, NOS (8140) is refined by any glandular subtype (8141-8389, 8440-8589: serous,
  // mucinous, ductal, ...), not only by codes of its own 814 group.
  const std::string& j = joining.code;
  const bool glandular = (j > "8140" && j <= "8389") || (j >= "8440" && j <= "8589");
  const bool subtype = histology_specificity(lead.code) <= 1 || lead.code.substr(0, 3) == j.substr(0, 3) || (lead.code == "8140" && glandular);
  return subtype && histology_specificity(joining.code) > histology_specificity(lead.code) &&
         behaviour_rank(joining.behavior) >= behaviour_rank(lead.behavior);
}

std::optional<std::string> grade_in(const std::string& text) {
  static const std::regex numeric(R"(\b(?:nottingham |histologic |histological |who |nuclear |fnclcc |gleason grade group )?grade (1|2|3|4|i|ii|iii|iv)\b)");
  std::smatch m;
  if (std::regex_search(text, m, numeric)) {
    const std::string g = m[1];
    return g == "i" ? "1" : g == "ii" ? "2" : g == "iii" ? "3" : g == "iv" ? "4" : g;
  }
  if (find_phrase(text, "well differentiated") != std::string::npos || find_phrase(text, "well-differentiated") != std::string::npos) return "1";
  if (find_phrase(text, "moderately differentiated") != std::string::npos || find_phrase(text, "moderately-differentiated") != std::string::npos) return "2";
  if (find_phrase(text, "poorly differentiated") != std::string::npos || find_phrase(text, "poorly-differentiated") != std::string::npos) return "3";
  if (find_phrase(text, "undifferentiated") != std::string::npos || find_phrase(text, "anaplastic") != std::string::npos) return "4";
  return std::nullopt;
}

Tnm tnm_in(const std::string& text) {
  Tnm out;
  static const std::regex t(R"(\b([ypr]{0,2}[pc]?t(?:is|x|[0-4][a-d]?))\b)");
  static const std::regex n(R"(\b([ypr]{0,2}[pc]?n(?:x|[0-3][a-c]?(?:mi)?))\b)");
  static const std::regex m(R"(\b([pc]?m(?:x|[01][a-d]?))\b)");
  static const std::regex stage(R"(\bstage (0|iv[abc]?|i{1,3}[abc]?[0-9]?)\b)");
  std::smatch match;
  const auto upper = [](std::string s) {
    // "pt2" -> "pT2", "pn1a" -> "pN1a": the prefix letters stay lower case, the category upper.
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s[i] == 't' || s[i] == 'n' || s[i] == 'm') {
        s[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
        break;
      }
    return s;
  };
  // TNM only counts near a staging word or as a full triple, so "m0" alone in prose is not taken.
  const bool staging = text.find("stage") != std::string::npos || text.find("tnm") != std::string::npos || std::regex_search(text, t);
  if (!staging) return out;
  if (std::regex_search(text, match, t)) out.t = upper(match[1]);
  if (std::regex_search(text, match, n)) out.n = upper(match[1]);
  if (!out.t.empty() && std::regex_search(text, match, m)) out.m = upper(match[1]);
  if (std::regex_search(text, match, stage)) {
    // NAACCR writes AJCC stage groups in Arabic numerals: "IIA" -> "2A".
    std::string roman = match[1], suffix;
    while (!roman.empty() && roman.back() != 'i' && roman.back() != 'v' && roman != "0") suffix.insert(suffix.begin(), roman.back()), roman.pop_back();
    const std::map<std::string, std::string> arabic = {{"0", "0"}, {"i", "1"}, {"ii", "2"}, {"iii", "3"}, {"iv", "4"}};
    if (auto it = arabic.find(roman); it != arabic.end()) {
      out.stage_group = it->second + suffix;
      for (auto& c : out.stage_group) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::optional<char> laterality_in(std::string_view text) {
  const bool left = find_phrase(text, "left") != std::string::npos, right = find_phrase(text, "right") != std::string::npos;
  if (find_phrase(text, "bilateral") != std::string::npos || (left && right)) return '4';
  if (left) return '2';
  if (right) return '1';
  return std::nullopt;
}

}  // namespace chartflow::registry
