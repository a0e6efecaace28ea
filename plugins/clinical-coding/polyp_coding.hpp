// Main terms coded by the site their sentence names: polyps and bites (polyp_coding.cpp).
#pragma once

#include "coder.hpp"
#include "index_tree.hpp"

#include <optional>
#include <string_view>

namespace chartflow::coding {

// Whether the mention is the bare word "polyp(s)" (its phrase names no organ).
bool is_bare_polyp(const MentionInput& m);

// Whether the mention is a bite that names no site ("dog bite", "bites"): "Bite(s)" has no code
// of its own either; its subterms give one per site ("> forearm" S51.85-, "> hand" S61.45-).
bool is_bare_bite(const MentionInput& m);

// The index main term a mention is coded under by the site its clause names ("Polyp" for a bare
// polyp; "Bite", "Laceration", "Sprain", "Dislocation" or "Puncture" for an injury the mention stage
// gave `injury_placeholder`, its vocabulary name saying which), or nullopt. A placeholder bite that
// is no bite ("bite block", see is_bare_bite) is "Bite" too: the caller codes it nowhere.
std::optional<std::string_view> read_by_site(const MentionInput& m, std::string_view injury_placeholder);

// The words of a polyp's clause with the organ nouns the index's "Polyp, polypus" subterms print:
// a segment of the colon is the colon ("sigmoid polyp": "> colon > sigmoid"), "gastric" the
// stomach, "duodenal" the duodenum, "rectal" the rectum, "endometrial" the endometrium.
WordBag polyp_site_words(WordBag words);

}  // namespace chartflow::coding
