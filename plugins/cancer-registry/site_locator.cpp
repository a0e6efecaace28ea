#include "site_locator.hpp"

#include <algorithm>

namespace chartflow::registry {

std::size_t nearest_phrase(std::string_view text, std::string_view phrase, std::size_t anchor) {
  std::size_t best = std::string_view::npos, best_distance = std::string_view::npos;
  for (std::size_t at = find_phrase(text, phrase); at != std::string_view::npos; at = find_phrase(text, phrase, at + 1)) {
    const std::size_t distance = at + phrase.size() <= anchor ? anchor - at - phrase.size() : at >= anchor ? at - anchor : 0;
    if (distance < best_distance) best = at, best_distance = distance;
  }
  return best;
}

bool wrong_kind_of_site(const std::string& topography, const std::string& histology) {
  // Lymph nodes are the primary site of lymphomas only (ICD-O-3 9590-9729); for a carcinoma
  // "metastatic to 2 of 14 lymph nodes" names where it spread.
  const bool lymphoma = histology >= "9590" && histology <= "9729";
  // Blood and bone marrow are the primary site of leukaemias and other blood neoplasms only
  // (9590-9993); for a glioma "blood containing fragments of cortex" names what the biopsy held.
  const bool blood_neoplasm = histology >= "9590" && histology <= "9993";
  // Soft tissue is the primary site of sarcomas; for a carcinoma it is what a resection took
  // around the organ.
  const bool sarcoma = histology.empty() || (histology >= "8800" && histology <= "9260");
  // Bone is where a carcinoma invades ("invades into mandibular bone", "Bone / Cartilage
  // Invasion: Present"), never where a carcinoma (8010-8589) starts.
  const bool carcinoma = histology >= "8010" && histology <= "8589";
  // The peritoneum is where a carcinoma spreads ("penetration of the peritoneum", "peritoneal
  // seeding", a peritoneal biopsy beside a liver resection); of the carcinomas only the serous
  // ones (8441-8463) start there. A bare "carcinoma" (8010) says too little to tell.
  const bool peritoneal_carcinoma = histology == "8010" || (histology >= "8441" && histology <= "8463");
  const std::string group = topography.substr(0, 3);
  return (group == "C77" && !lymphoma) || (group == "C49" && !sarcoma) || (group == "C42" && !blood_neoplasm) ||
         ((group == "C40" || group == "C41") && carcinoma) || (group == "C48" && carcinoma && !peritoneal_carcinoma);
}

bool arises_in_skin(const std::string& histology) {
  // Melanocytic (8720-8790), skin adnexal (8390-8429: sebaceous, sweat gland carcinomas) and
  // Merkel cell (8247) tumours start in the skin: for them the skin is an organ like another.
  return (histology >= "8720" && histology <= "8790") || (histology >= "8390" && histology <= "8429") || histology == "8247";
}

bool SiteLocator::site_from_code(Candidate& c) const {
  // ICD-10-CM C00-C75 name their site the way ICD-O-3 does; C76-C80 (ill-defined, secondary,
  // unknown primary), lymphomas and leukaemias, and the D codes do not: their site comes from
  // the words of the report.
  // A histology phrase's ICD-10-CM code may be the index's default site: "squamous cell
  // carcinoma" and "melanoma" default to skin, which is a guess; the report's words decide.
  const bool skin_default = !c.histology.empty() && (c.icd10cm.starts_with("C44") || c.icd10cm.starts_with("C43"));
  if (!c.icd10cm.starts_with("C") || c.icd10cm.substr(0, 3) > "C75" || skin_default) return false;
  // A bare category is the dictionary's guess for an index term printed without a code, from its
  // coded subterms ("Neuroblastoma > olfactory C30.0", "Teratocarcinoma > liver C22.7"): for a
  // histology whose usual site is elsewhere, the report's words say where it grew. (Where the
  // histology usually grows the guess holds: "Thymoma" C37, "Glioblastoma" C71.)
  if (c.icd10cm.size() == 3 && !c.histology.empty())
    if (const auto usual = tables_.histology_site(c.histology); !usual || usual->substr(0, 3) != c.icd10cm) return false;
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
  return !c.topography.ends_with(".9");
}

Span site_words_window(const Candidate& c) {
  const Span mention = c.spans.front();
  return {std::max(c.section.begin, mention.begin > 400 ? mention.begin - 400 : 0), std::max(mention.end, c.context.end)};
}

// The most specific site words in the specimen line and sentence before the diagnosis ("Left
// breast, upper outer quadrant, lumpectomy: - Invasive ductal carcinoma"): in site_words_window.
void SiteLocator::site_from_words(Candidate& c, const std::string& lower) const {
  const Span mention = c.spans.front();
  const Span words = site_words_window(c);
  const std::size_t from = words.begin;
  const std::string_view window = text_of(lower, words);
  // Only organs where the histology arises (rules/histology_organs.tsv): a cystoprostatectomy's
  // "prostate gland" is not where its urothelial carcinoma started.
  const auto right_kind = [&](const SiteTerm& t) { return tables_.arises_in(c.histology, t.topography.substr(0, 3)); };
  const auto site = tables_.site(window, SiteAnchor{mention.begin - from, mention.end - from}, right_kind);
  if (!site) return;
  if (!c.topography.empty() && site->topography.substr(0, 3) != c.topography.substr(0, 3) && c.topography != "C80.9") return;
  c.topography = site->topography;
  const std::size_t at = nearest_phrase(window, site->phrase, mention.begin - from);
  c.site_span = Span{from + at, from + at + site->phrase.size()};
  c.site_source = "site words '" + site->phrase + "'";
  c.site_from_tissue = site->tissue;
}

// The organ the report names most (among those where the histology arises), else the
// histology's usual site; both flagged for review. True when the report's organ gave it.
bool SiteLocator::site_from_document(Candidate& c, const std::string& lower) {
  const bool sarcoma = c.histology.empty() || (c.histology >= "8800" && c.histology <= "9260");
  const bool skin = arises_in_skin(c.histology);
  const auto [cached, first_time] = organs_.try_emplace(c.histology);
  if (first_time) {
    // A tissue word is the tumour's name, not an organ the report names.
    const auto organ_for = [&](bool valid_only) {
      return tables_.document_site(lower, skin, sarcoma, c.histology, [&](const SiteTerm& t) {
        return !t.tissue && !wrong_kind_of_site(t.topography, c.histology) &&
               (!valid_only || tables_.valid_combination(t.topography, c.histology));
      });
    };
    // An organ SEER's edits accept for the histology first ("seminoma ... metastatic liver
    // lesions": the liver is no seminoma's primary); any organ when none is, since the histology
    // read from the report may itself be the less specific code.
    auto site = c.histology.empty() ? std::nullopt : organ_for(true);
    if (!site) site = organ_for(false);
    if (site) cached->second = Organ{*site, find_phrase(lower, site->phrase)};
  }
  if (const auto& organ = cached->second) {
    c.topography = organ->term.topography;
    if (organ->at != std::string::npos) c.site_span = Span{organ->at, organ->at + organ->term.phrase.size()};
    c.site_source = "the organ the report names most ('" + organ->term.phrase + "')";
    c.site_from_document = true;
    return true;
  }
  if (const auto usual = tables_.histology_site(c.histology)) {
    c.topography = *usual;
    c.site_source = "the usual site of histology " + c.histology;
    c.site_from_document = true;
  }
  return false;
}

void SiteLocator::locate(Candidate& c, const std::string& lower) {
  if (site_from_code(c)) return;
  site_from_words(c, lower);
  if (c.site_from_tissue) {
    // A tissue word only implies its organ's usual site ("urothelial": the bladder); an organ of
    // that tissue the report names most says where this one grew ("a mass in the renal pelvis
    // ... urothelial carcinoma", "tumors of both ureters").
    Candidate named = c;
    named.topography.clear();
    if (site_from_document(named, lower)) c = std::move(named);
    return;
  }
  if (!c.topography.empty() && !wrong_kind_of_site(c.topography, c.histology)) return;
  site_from_document(c, lower);
  // A site of the wrong kind nothing replaced is left blank (flagged), not given as the primary.
  if (wrong_kind_of_site(c.topography, c.histology)) c.topography.clear(), c.site_span.reset(), c.site_source.clear(), c.site_from_document = false;
}

}  // namespace chartflow::registry
