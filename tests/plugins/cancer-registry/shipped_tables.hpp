// The registry's rule tables as the plugin ships them, loaded once for every registry test.
#pragma once

#include "cancer-registry/registry_rules.hpp"
#include "test_support.hpp"

namespace chartflow::registry::test_tables {

inline const RegistryTables& shipped() {
  static const RegistryTables t = [] {
    const auto rules = test::kSourceDir / "plugins/cancer-registry/rules";
    RegistryTables r;
    r.load((rules / "ambiguous_terms.tsv").string(), (rules / "site_terms.tsv").string(),
           (test::kSourceDir / "plugins/cancer-registry/data/site_histology_valid.tsv").string());
    r.load_site_catalog((test::kSourceDir / "plugins/cancer-registry/data/topography.tsv").string());
    r.load_histology_sites((rules / "histology_sites.tsv").string());
    r.load_histology_organs((rules / "histology_organs.tsv").string());
    return r;
  }();
  return t;
}

}  // namespace chartflow::registry::test_tables
