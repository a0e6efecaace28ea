// "Polyp, polypus" has no code of its own in the Alphabetic Index: its subterms give one per
// organ ("> colon" K63.5, "> stomach" K31.7, "> rectum" K62.1, "> endometrium" N84.0, "> nasal"
// J33.9, "> gallbladder" K82.4). A chart says "a 3 mm polyp in the transverse colon", and the
// coder walks the subterms with the words of that clause; a polyp of no stated organ gets no
// code from its own mention (the report's sentence that names the site gives it).
#include "polyp_coding.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace chartflow::coding {

bool is_bare_polyp(const MentionInput& m) {
  const std::string t = words::lower(m.text);
  return t == "polyp" || t == "polyps" || t == "polypus";
}

bool is_bare_bite(const MentionInput& m) {
  const std::string t = words::lower(m.text);
  if (!t.ends_with("bite") && !t.ends_with("bites")) return false;
  // A "bite block" (endoscopy, intubation) and a "bite guard" are devices, not wounds.
  std::size_t at = 0;
  while (at < m.after.size() && (m.after[at] == ' ' || m.after[at] == '-')) ++at;
  const std::string next = words::lower(m.after.substr(at, 6));
  return !next.starts_with("block") && !next.starts_with("guard");
}

std::optional<std::string_view> read_by_site(const MentionInput& m, std::string_view injury_placeholder) {
  if (is_bare_polyp(m)) return "Polyp";
  if (m.code != injury_placeholder) return std::nullopt;
  // The vocabulary names the main term: "Laceration (site from the sentence)".
  static constexpr std::string_view kTerms[] = {"Laceration", "Sprain", "Strain", "Hematoma", "Torsion", "Dislocation", "Puncture", "Foreign body", "Tear", "Cyst"};
  for (const std::string_view term : kTerms)
    if (m.matched_term.starts_with(term)) return term;
  return "Bite";
}

WordBag polyp_site_words(WordBag bag) {
  static const ImpliedWords kOrgans{{"sigmoid transverse ascending descending cecal cecum rectosigmoid flexure colonic", "colon"},
                                    {"gastric antral fundic", "stomach"},
                                    {"duodenal", "duodenum"},
                                    {"rectal", "rectum"},
                                    {"endometrial", "endometrium"},
                                    {"cervical endocervical", "cervix"},
                                    {"vesical", "bladder"}};
  kOrgans.apply(bag);
  // The gastric antrum is no maxillary one ("Polyp > antrum" is the sinus's, J33.8).
  if (bag.contains(WordBag::words_of("stomach").front())) bag.remove_folded(WordBag::words_of("antrum").front());
  return bag;
}

}  // namespace chartflow::coding
