// Site words in a report's text (registry_rules.hpp): the site a diagnosis's own words name, and
// the organ a whole report names most; never a place the cancer only reaches or spread to.
#include "registry_rules.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace chartflow::registry {

namespace {

// The words just before `at` on its line, up to 40 characters: where a site word's cues stand.
std::string_view line_before(std::string_view text, std::size_t at) {
  std::size_t from = at > 40 ? at - 40 : 0;
  if (const std::size_t line = text.substr(from, at - from).rfind('\n'); line != std::string_view::npos) from += line + 1;
  return text.substr(from, at - from);
}

// Whether the words just before `at` say the cancer reaches there rather than starts there:
// "Tumor extent: Adjacent structures - Esophagus", "invading into chest wall", "invasion of the
// blood vessels", "extends into the cervix", "penetration of the peritoneum".
bool names_spread(std::string_view text, std::size_t at) {
  const std::string_view before = line_before(text, at);
  static const char* const kSpread[] = {"extent", "adjacent structure", "invad", "invasion", "extension", "extends", "extending", "infiltrat",
                                        "penetrat"};
  return std::any_of(std::begin(kSpread), std::end(kSpread), [&](const char* cue) { return before.find(cue) != std::string_view::npos; });
}

// Whether the site word at [at, end) names where a cancer has spread to: "liver metastases",
// "lung mets", "a liver metastasectomy", "metastases to the bone", "metastatic liver lesions". Not
// "metastatic prostate cancer" or "metastasis of prostatic adenocarcinoma", which name the primary.
bool names_metastasis(std::string_view text, std::size_t at, std::size_t end) {
  std::string_view after = text.substr(std::min(end, text.size()));
  after = after.substr(std::min(after.find_first_not_of(' '), after.size()));
  if (after.starts_with("metasta") || after.starts_with("mets")) return true;
  const std::string_view before = line_before(text, at);
  std::string_view head = before;  // "metastases to the bone" reads as "metastases to bone"
  if (head.ends_with(" the ")) head.remove_suffix(4);
  static constexpr std::string_view kTo[] = {"metastasis to ", "metastases to ", "metastatic to ", "metastasized to ", "metastasis in ", "metastases in "};
  if (std::any_of(std::begin(kTo), std::end(kTo), [&](std::string_view cue) { return head.ends_with(cue); })) return true;
  // "metastatic liver lesions": the adjective names the spread only before a word for a lesion.
  static constexpr std::string_view kLesions[] = {"lesion", "nodule", "deposit", "implant", "involvement", "disease"};
  return before.ends_with("metastatic ") &&
         std::any_of(std::begin(kLesions), std::end(kLesions), [&](std::string_view lesion) { return after.starts_with(lesion); });
}

// Whether the site word ending at `end` names an examination of the whole organ system: "bone
// scan", "bone scintigraphy (negative for bone metastases)", "skeletal survey", "bone
// densitometry" look for spread, they do not say where the cancer is.
bool names_examination(std::string_view text, std::size_t end) {
  std::string_view after = text.substr(std::min(end, text.size()));
  after = after.substr(std::min(after.find_first_not_of(' '), after.size()));
  static constexpr std::string_view kExaminations[] = {"scan", "scintigra", "scintiscan", "survey", "densitometry", "mineral density", "gammagra"};
  return std::any_of(std::begin(kExaminations), std::end(kExaminations), [&](std::string_view word) { return after.starts_with(word); });
}

// Whether the sentence up to `at` names a relative: "As a family history, his father had died
// of colon cancer", "Mother with breast cancer": a relative's organ, not the patient's.
bool names_relative(std::string_view text, std::size_t at) {
  std::size_t from = at;
  while (from > 0 && text[from - 1] != '\n' && !(text[from - 1] == ' ' && from >= 2 && text[from - 2] == '.')) --from;
  const std::string_view sentence = text.substr(from, at - from);
  static constexpr std::string_view kRelatives[] = {"father", "mother", "brother", "sister", "parent", "grandfather",
                                                    "grandmother", "aunt", "uncle", "cousin", "daughter", "son"};
  return std::any_of(std::begin(kRelatives), std::end(kRelatives),
                     [&](std::string_view word) { return find_phrase(sentence, word) != std::string_view::npos; });
}

// Whether a site word at [at, end) names where the patient's cancer started: not where it spread
// or an examination looked, nor a relative's organ.
bool names_own_site(std::string_view text, std::size_t at, std::size_t end) {
  return !names_metastasis(text, at, end) && !names_examination(text, end) && !names_relative(text, at);
}

// Whether `phrase` stands in `text` once at least where it is not named as the cancer's spread
// or an examination's.
bool named_as_site(std::string_view text, const std::string& phrase) {
  for (std::size_t at = find_phrase(text, phrase); at != std::string::npos; at = find_phrase(text, phrase, at + 1))
    if (!names_spread(text, at) && names_own_site(text, at, at + phrase.size())) return true;
  return false;
}

// Whether `phrase` is part of the tumour's own name: inside the mention, just before it with
// nothing but punctuation between ("Endometrial. adenocarcinoma", "Bladder: urothelial
// carcinoma"), or just after it as "of (the) <site>" ("adenocarcinoma of the cecum").
bool names_the_tumour(std::string_view text, const std::string& phrase, SiteAnchor anchor) {
  const auto only = [&](std::size_t from, std::size_t to, std::string_view allowed) {
    return text.substr(from, to - from).find_first_not_of(allowed) == std::string_view::npos;
  };
  for (std::size_t at = find_phrase(text, phrase); at != std::string::npos; at = find_phrase(text, phrase, at + 1)) {
    const std::size_t end = at + phrase.size();
    if (at >= anchor.begin && end <= anchor.end) return true;
    if (end <= anchor.begin && anchor.begin - end <= 3 && only(end, anchor.begin, " .,:-")) return true;
    if (at >= anchor.end && at - anchor.end <= 10) {
      // OCR'd reports break lines with a period ("adenocarcinoma of the. cecum"): punctuation
      // between the words does not part them.
      std::string between;
      for (const char ch : text.substr(anchor.end, at - anchor.end))
        if (ch != '.' && ch != ',' && !(ch == ' ' && between.ends_with(' '))) between += ch;
      if (between == " of " || between == " of the ") return true;
    }
  }
  return false;
}

// Whether `phrase` stands inside the mention at `anchor`.
bool inside(std::string_view text, const std::string& phrase, SiteAnchor anchor) {
  const std::size_t at = find_phrase(text.substr(anchor.begin, anchor.end - anchor.begin), phrase);
  return at != std::string::npos;
}

}  // namespace

std::optional<SiteTerm> RegistryTables::site(std::string_view text, std::optional<SiteAnchor> anchor, const SiteFilter& allowed) const {
  // A site in the tumour's own name beats every other site word of the window: a specimen line
  // names every organ a resection took ("Bladder, prostate gland and seminal vesicles: Invasive
  // urothelial carcinoma"; "Uterus, ovaries and fallopian tube: endometrial adenocarcinoma").
  // Otherwise a curated code other than .9 beats .9, then an organ's name an indirect word (a
  // procedure, a tissue), then a curated word a catalog one, then the longer phrase.
  const auto rank = [](const SiteTerm& t) {
    return std::tuple(!t.topography.ends_with(".9") && !t.catalog, !t.indirect, !t.catalog, t.phrase.size());
  };
  const auto better = [&](const SiteTerm& s, const std::optional<SiteTerm>& best) { return !best || rank(s) > rank(*best); };
  std::optional<SiteTerm> best, own;
  for (const auto& [index, count] : sites_in(text)) {
    const SiteTerm& s = sites_[index];
    if (allowed && !allowed(s)) continue;
    if (s.tissue && !(anchor && inside(text, s.phrase, *anchor))) continue;  // "urothelial" only in "urothelial carcinoma"
    if (!named_as_site(text, s.phrase)) continue;
    if (better(s, best)) best = s;
    // A procedure before the diagnosis ("lumpectomy: invasive ductal carcinoma") names the
    // specimen, and "urothelial carcinoma" the tissue, not the organ.
    if (anchor && !s.indirect && names_the_tumour(text, s.phrase, *anchor) && better(s, own)) own = s;
  }
  return own ? own : best;
}

std::optional<SiteTerm> RegistryTables::document_site(const std::string& text, bool allow_skin, bool allow_soft_tissue,
                                                      const std::string& histology, const SiteFilter& allowed) const {
  std::map<std::string, int> votes;
  std::map<std::string, const SiteTerm*> best;
  for (const auto& [index, at] : site_finder_.find_all(text)) {
    const SiteTerm& s = sites_[index];
    const std::string group = s.topography.substr(0, 3);
    if (!arises_in(histology, group) || (allowed && !allowed(s))) continue;
    // A site the cancer spread to is not a vote for where it started.
    if (!names_own_site(text, at, at + s.phrase.size())) continue;
    const bool connective = group == "C49" || group == "C40" || group == "C41";  // soft tissue and bone: sarcomas' sites
    if (group == "C77" || group == "C42" || (group == "C44" && !allow_skin) || (connective && !allow_soft_tissue)) continue;
    ++votes[group];
    const SiteTerm*& b = best[group];
    if (!b || (!s.topography.ends_with(".9") && b->topography.ends_with(".9"))) b = &s;
  }
  if (votes.empty()) return std::nullopt;
  const auto top = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return *best[top->first];
}

}  // namespace chartflow::registry
