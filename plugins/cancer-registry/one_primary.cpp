#include "one_primary.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace chartflow::registry {

bool names_separate_primaries(const std::string& lower) {
  for (const char* phrase : {"second primary", "separate primary", "separate primaries", "synchronous", "two primaries", "multiple primaries",
                             "independent primary", "two separate", "collision tumor", "collision tumour"})
    if (find_phrase(lower, phrase) != std::string::npos) return true;
  return false;
}

bool names_a_component(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t from = begin > 40 ? begin - 40 : 0;
  if (const std::size_t line = text.substr(from, begin - from).rfind('\n'); line != std::string_view::npos) from += line + 1;
  const std::string_view before = text.substr(from, begin - from);
  for (const std::string_view cue : {"differentiation to", "differentiation into", "differentiation toward", "component of",
                                     "elements of"})
    if (find_phrase(before, cue) != std::string::npos) return true;
  // "heterologous malignant differentiation (osteo and chondrosarcoma)"
  if (before.find("differentiation (") != std::string_view::npos) return true;
  const std::string_view after = text.substr(end, std::min<std::size_t>(text.size() - end, 16));
  for (const std::string_view cue : {" differentiation", " component", " elements"})
    if (after.starts_with(cue)) return true;
  return false;
}

// Germ cell tumours (ICD-O-3 9060-9109) are mixed as often as not: a teratocarcinoma and the
// embryonal carcinoma beside it are one tumour of the testis.
static bool germ_cell(const std::string& histology) { return histology >= "9060" && histology <= "9109"; }

bool generic_histology(const std::string& histology) {
  static const std::set<std::string> generic = {"", "8000", "8001", "8010", "8140", "8070", "9380", "9590", "8800"};
  return generic.contains(histology);
}

// Whether a finding of a NOS histology can be the same cancer as `other`: "carcinoma" and
// "neoplasm" any; "adenocarcinoma" only a glandular one, "squamous cell carcinoma" a squamous one,
// "glioma" a glioma, "lymphoma" a lymphoma, "sarcoma" a sarcoma. An incidental "adenocarcinoma" of
// the prostate beside a bladder's urothelial carcinoma is a second primary.
static bool nos_covers(const std::string& nos, const std::string& other) {
  if (nos.empty() || nos == "8000" || nos == "8001" || nos == "8010" || other.empty()) return true;
  if (nos == "8140") return other >= "8140" && other <= "8589";
  if (nos == "8070") return other >= "8050" && other <= "8089";
  if (nos == "9380") return other >= "9380" && other <= "9489";
  if (nos == "9590") return other >= "9590" && other <= "9729";
  if (nos == "8800") return other >= "8800" && other <= "9249";
  return false;
}

bool same_primary(const Candidate& a, const Candidate& b) {
  // (A NOS finding whose site is only the report's guess joins whatever it stands beside.)
  const auto joins = [](const Candidate& nos, const Candidate& other) {
    return generic_histology(nos.histology) && (nos.site_from_document || nos.topography.empty() || nos_covers(nos.histology, other.histology));
  };
  const bool generic = joins(a, b) || joins(b, a);
  return a.topography.substr(0, 3) == b.topography.substr(0, 3) || generic || a.histology.substr(0, 3) == b.histology.substr(0, 3) || a.component || b.component || (germ_cell(a.histology) && germ_cell(b.histology));
}

void drop_metastases_beside_a_primary(std::vector<Candidate>& found) {
  const bool has_primary = std::any_of(found.begin(), found.end(), [](const Candidate& c) {
    return (c.behavior == '3' || c.behavior == '2') && c.assertion == "affirmed";
  });
  if (has_primary) std::erase_if(found, [](const Candidate& c) { return c.behavior == '6'; });
}

void order_findings(std::vector<Candidate>& found, const std::string& lower) {
  const auto spread = [&](const Candidate& c) {
    const std::size_t begin = c.spans.front().begin, from = begin > 40 ? begin - 40 : 0;
    const std::string_view before = std::string_view(lower).substr(from, begin - from);
    return before.find("metasta") != std::string_view::npos || before.find("implant") != std::string_view::npos;
  };
  // Affirmed malignancies name the report's sites first: "without prostatic adenocarcinoma"
  // before "Bladder: urothelial carcinoma" does not make the prostate the report's first site.
  const auto affirmed_malignancy = [](const Candidate& c) { return c.assertion == "affirmed" && (c.behavior == '3' || c.behavior == '2'); };
  std::map<std::string, std::size_t> first_seen;
  for (const bool affirmed_pass : {true, false})
    for (const bool spread_pass : {false, true})
      for (const auto& c : found)
        if (affirmed_malignancy(c) == affirmed_pass && spread(c) == spread_pass) first_seen.emplace(c.topography.substr(0, 3), first_seen.size());
  std::stable_sort(found.begin(), found.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.component != b.component) return b.component;  // a part of a tumour never leads it
    const std::size_t ga = first_seen[a.topography.substr(0, 3)], gb = first_seen[b.topography.substr(0, 3)];
    if (ga != gb) return ga < gb;
    const int ba = behaviour_rank(a.behavior), bb = behaviour_rank(b.behavior);
    if (ba != bb) return ba > bb;
    return histology_specificity(a.histology) > histology_specificity(b.histology);
  });
}

}  // namespace chartflow::registry
