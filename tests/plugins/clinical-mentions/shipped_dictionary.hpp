// The mention dictionary as the plugin ships it (terms and abbreviations), loaded once per test
// program: loading it takes about a second.
#pragma once

#include "clinical-mentions/term_dictionary.hpp"
#include "test_support.hpp"

namespace chartflow::mentions::mentions_test {

inline const test::fs::path kMentionsDir = test::kPluginDir / "clinical-mentions";  // as built: the dictionary is unpacked there

inline const TermDictionary& shipped_dictionary() {
  static const TermDictionary d = [] {
    TermDictionary t;
    t.load_tsv((kMentionsDir / "terms.tsv").string(), false);
    t.load_tsv((kMentionsDir / "abbreviations.tsv").string(), true);
    return t;
  }();
  return d;
}

}  // namespace chartflow::mentions::mentions_test
