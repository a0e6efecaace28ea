#include "labelled_site.hpp"

#include "site_locator.hpp"

#include <algorithm>

namespace chartflow::registry {

std::optional<LabelledSite> labelled_primary_site(const RegistryTables& tables, const std::string& lower) {
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
      const auto site = tables.site(text);
      if (!site) continue;
      if (found && found->topography.substr(0, 3) != site->topography.substr(0, 3)) return std::nullopt;  // two sites: no verdict
      const std::size_t phrase_at = value + 1 + find_phrase(text, site->phrase);
      if (!found) found = LabelledSite{site->topography, {phrase_at, phrase_at + site->phrase.size()}};
    }
  }
  return found;
}

void apply_labelled_site(const LabelledSite& labelled, std::vector<Candidate>& found, const RegistryTables& tables, const std::string& lower) {
  const std::string labelled_group = labelled.topography.substr(0, 3);
  for (auto& c : found) {
    const std::string group = c.topography.substr(0, 3);
    // Words near the diagnosis that name the labelled organ too give way to the label: a
    // pancreaticoduodenectomy's specimen line names the duodenum beside the pancreas ("Pancreas,
    // duodenum, pancreaticoduodenectomy ... Tumor Site: Pancreatic head"). Words that do not name
    // it are another specimen's ("Left kidney mass, partial nephrectomy" beside a prostatectomy's
    // "Tumor site: prostate lobes").
    const bool words_the_label_outranks =
        c.site_source.starts_with("site words") && !c.histology.empty() && !c.spans.empty() && group != labelled_group &&
        tables.valid_combination(labelled.topography, c.histology) &&
        tables.site(text_of(lower, site_words_window(c)), std::nullopt, [&](const SiteTerm& t) {
          return t.topography.starts_with(labelled_group) && tables.arises_in(c.histology, labelled_group);
        }).has_value();
    const bool weak = c.topography.empty() || group == "C80" || group == "C76" || c.site_from_document ||
                      ((group == "C44" || group == "C49") && c.site_source.starts_with("site words")) || words_the_label_outranks;
    const bool finer = group == labelled.topography.substr(0, 3) && c.topography.ends_with(".9");  // the label gives the subsite
    if (!weak && !finer) continue;
    c.topography = labelled.topography, c.site_span = labelled.span;
    c.site_source = "labelled primary site", c.site_from_document = false;
  }
}

void take_stated_site(const StatedPrimary& stated, Candidate& lead) {
  if (lead.topography.substr(0, 3) == stated.term.topography.substr(0, 3) && !lead.site_from_document) return;
  lead.topography = stated.term.topography, lead.site_span = Span{stated.at, stated.at + stated.term.phrase.size()};
  lead.site_source = "the primary site the report states ('" + stated.term.phrase + "')", lead.site_from_document = false;
}

}  // namespace chartflow::registry
