// More site words from the ICD-O-3 topography the plugin ships (data/topography.tsv): the
// curated rules/site_terms.tsv names about 190 phrases, ICD-O-3 over a thousand ("ileocecal
// valve" of the cecum, "buccal mucosa", "cervical vertebra").
#include "registry_rules.hpp"

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>

namespace chartflow::registry {
namespace {

// An ICD-O-3 title as charts write it: "Skin of lip, NOS" -> "skin of lip"; empty when the title
// is not a phrase a chart would use for one site: an enumeration ("Rib, sternum, clavicle and
// associated joints", "Upper lobe, lung"), an overlapping lesion, or one word. Single words are
// too often something else in a chart ("axis", "radius", "blood", "heart", "iris"): the curated
// table lists the ones that are sites.
std::string catalog_phrase(std::string title) {
  if (title.ends_with(", NOS")) title.resize(title.size() - 5);
  else if (title.ends_with(",NOS")) title.resize(title.size() - 4);
  if (title.find(',') != std::string::npos || title.find('/') != std::string::npos || title.starts_with("Overlapping")) return "";
  std::string phrase = normalise(title);
  return phrase.find(' ') == std::string::npos ? "" : phrase;
}

}  // namespace

void RegistryTables::load_site_catalog(const std::string& topography_file) {
  std::set<std::string> known;
  for (const auto& s : sites_) known.insert(s.phrase);
  const auto group_paired = [&](const std::string& group) {
    return std::any_of(sites_.begin(), sites_.end(), [&](const SiteTerm& s) { return s.paired && s.topography.starts_with(group); });
  };
  std::vector<SiteTerm> more;
  sdk::read_tsv(topography_file, "ICD-O-3 topography", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3 || f[0].size() != 5 || f[0][0] != 'C') throw std::runtime_error(where + ": expected code<TAB>kind<TAB>title");
    const std::string group = f[0].substr(0, 3);
    // Ill-defined sites (C76: "chest wall", "upper limb") and unknown primary (C80) are where a
    // tumour is, not the organ it started in.
    if (group == "C76" || group == "C80") return;
    const std::string phrase = catalog_phrase(f[2]);
    if (phrase.empty() || !known.insert(phrase).second) return;
    more.push_back({phrase, f[0], group_paired(group), false, false, true});
  }, "code");
  sites_.insert(sites_.end(), more.begin(), more.end());
  index_sites();
}


}  // namespace chartflow::registry
