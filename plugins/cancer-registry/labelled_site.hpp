// The primary site a report gives in its own words: under a label ("PRIMARY SITE: Stomach",
// "Tumor site: left breast") or in a statement of origin (stated_primary.hpp: "ovarian
// primary"). Either overrules stray site words elsewhere ("celiac trunk", "material at hand").
#pragma once

#include "candidate.hpp"
#include "stated_primary.hpp"

#include <optional>
#include <string>
#include <vector>

namespace chartflow::registry {

struct LabelledSite {
  std::string topography;
  Span span;
};

// The site under the report's labels, taken only when every such label names one site group.
std::optional<LabelledSite> labelled_primary_site(const RegistryTables& tables, const std::string& normalised_text);

// The labelled site replaces no site, an unknown or ill-defined one (C80, C76), a site guessed
// from the whole document, and skin or soft tissue read from stray words ("celiac trunk",
// "material at hand"); it refines the subsite of the same organ, and replaces another organ the
// diagnosis's specimen line names beside the labelled one (a Whipple specimen's duodenum). Any
// other organ named with the diagnosis stays: in a report of several specimens the label may be
// another specimen's.
void apply_labelled_site(const LabelledSite& labelled, std::vector<Candidate>& found, const RegistryTables& tables, const std::string& normalised_text);

// The report's one primary is where the report states it started ("ovarian primary", "Primary
// site: stomach"), whatever organ its first diagnosis line names (a debulking report names the
// colon first); the same organ's subsite named with the diagnosis stays.
void take_stated_site(const StatedPrimary& stated, Candidate& lead);

}  // namespace chartflow::registry
