#include "stated_primary.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <string>

namespace chartflow::registry {
namespace {

// Site groups a statement of origin does not decide (see the header).
bool undecided_group(const std::string& topography) {
  static const std::array<std::string_view, 6> groups = {"C77", "C42", "C44", "C49", "C40", "C41"};
  return std::find(groups.begin(), groups.end(), std::string_view(topography).substr(0, 3)) != groups.end();
}

// Whether a negation or a differential ("rather than metastatic breast carcinoma") stands in
// the 30 characters before `at`.
bool doubted(std::string_view text, std::size_t at) {
  const std::size_t from = at > 30 ? at - 30 : 0;
  const std::string_view before = text.substr(from, at - from);
  for (const char* cue : {"no", "not", "rule out", "r/o", "vs", "versus", "or", "exclude", "excluded", "unknown", "without", "negative",
                          "rather than", "instead of"})
    if (find_phrase(before, cue) != std::string::npos) return true;
  return false;
}

// The longest site term that ends exactly at `end` (as a whole word), else nullptr.
const SiteTerm* site_ending_at(const RegistryTables& tables, std::string_view text, std::size_t end, std::size_t& begin) {
  const SiteTerm* best = nullptr;
  for (const auto& s : tables.site_terms()) {
    if (s.phrase.size() > end || (best && s.phrase.size() <= best->phrase.size())) continue;
    const std::size_t at = end - s.phrase.size();
    if (find_phrase(text.substr(at, s.phrase.size()), s.phrase) == 0 && (at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]))))
      best = &s, begin = at;
  }
  return best;
}

// The longest site term that starts exactly at `at` (as a whole word), else nullptr.
const SiteTerm* site_starting_at(const RegistryTables& tables, std::string_view text, std::size_t at) {
  const SiteTerm* best = nullptr;
  for (const auto& s : tables.site_terms())
    if (at + s.phrase.size() <= text.size() && (!best || s.phrase.size() > best->phrase.size()) &&
        find_phrase(text.substr(at, s.phrase.size() + (at + s.phrase.size() < text.size())), s.phrase) == 0)
      best = &s;
  return best;
}

// The site a statement at `at` (the word "primary", "origin" or "arising") names, and where.
std::optional<StatedPrimary> statement_site(const RegistryTables& tables, std::string_view text, std::size_t at, std::size_t word_size) {
  // "ovarian primary", "Mullerian or ovarian origin": the site just before the word.
  std::size_t begin = 0;
  if (at >= 2 && text[at - 1] == ' ')
    if (const SiteTerm* s = site_ending_at(tables, text, at - 1, begin)) return StatedPrimary{*s, begin};
  // "primary ovarian", "primary tumor(s) is/are: left ovary", "primary in the lung", "arising
  // in the endometrium": the site after the word and its connecting words.
  static const std::regex connector(
      R"(^(?: tumou?rs?| site| carcinoma| neoplasm| malignancy)?(?: ?\(s\)?)?(?: is/are| is| are| was)?(?: in| of| from)?(?: the)?[ :\-]*(?:(?:left|right|bilateral|both) )?)");
  const std::size_t after = at + word_size;
  const std::string rest(text.substr(after, std::min<std::size_t>(60, text.size() - after)));
  std::smatch m;
  if (!std::regex_search(rest, m, connector)) return std::nullopt;
  const std::size_t site_at = after + static_cast<std::size_t>(m.length(0));
  if (const SiteTerm* s = site_starting_at(tables, text, site_at)) return StatedPrimary{*s, site_at};
  return std::nullopt;
}

// Whether a cancer's name ("carcinoma", "cell carcinoma", "cancer" ...) begins at `at`, a whole word.
bool names_a_cancer_at(std::string_view text, std::size_t at) {
  std::string_view rest = text.substr(std::min(at, text.size()));
  if (rest.starts_with("cell ")) rest.remove_prefix(5);
  for (const std::string_view cancer : {"carcinoma", "adenocarcinoma", "cancer", "neoplasm", "tumor", "tumour", "melanoma", "sarcoma"})
    if (rest.starts_with(cancer) && (rest.size() == cancer.size() || !std::isalnum(static_cast<unsigned char>(rest[cancer.size()]))))
      return true;
  return false;
}

// "metastasis of prostatic adenocarcinoma", "metastases from renal carcinoma", "metastatic
// breast cancer": a metastasis named by the cancer it came from names that cancer's organ. The site
// must stand right after the words and, after "of" or "metastatic", be followed by a cancer's name:
// "metastasis of the liver", "metastatic liver lesions" name where it spread.
std::optional<StatedPrimary> metastasis_source_site(const RegistryTables& tables, std::string_view text, std::size_t at, std::string_view words) {
  std::size_t site_at = at + words.size() + 1;
  if (site_at >= text.size() || text[site_at - 1] != ' ') return std::nullopt;
  for (const std::string_view article : {"a ", "an ", "the "})
    if (text.substr(site_at).starts_with(article)) {
      site_at += article.size();
      break;
    }
  const SiteTerm* s = site_starting_at(tables, text, site_at);
  if (!s) return std::nullopt;
  const std::size_t end = site_at + s->phrase.size();
  const bool names_origin = words.ends_with("from") || (end < text.size() && text[end] == ' ' && names_a_cancer_at(text, end + 1));
  return names_origin ? std::optional<StatedPrimary>(StatedPrimary{*s, site_at}) : std::nullopt;
}

}  // namespace

std::optional<StatedPrimary> stated_primary_site(const RegistryTables& tables, std::string_view text) {
  std::optional<StatedPrimary> found;
  bool two_sites = false;
  const auto take = [&](const std::optional<StatedPrimary>& stated, std::size_t at) {
    if (!stated || undecided_group(stated->term.topography) || doubted(text, std::min(at, stated->at))) return;
    if (found && found->term.topography.substr(0, 3) != stated->term.topography.substr(0, 3)) two_sites = true;
    if (!found) found = stated;
  };
  for (const std::string_view word : {"primary", "origin", "arising"})
    for (std::size_t at = find_phrase(text, word); at != std::string::npos; at = find_phrase(text, word, at + 1))
      take(statement_site(tables, text, at, word.size()), at);
  for (const std::string_view words : {"metastasis of", "metastases of", "metastasis from", "metastases from", "metastatic"})
    for (std::size_t at = find_phrase(text, words); at != std::string::npos; at = find_phrase(text, words, at + 1))
      take(metastasis_source_site(tables, text, at, words), at);
  if (two_sites) return std::nullopt;
  return found;
}

}  // namespace chartflow::registry
