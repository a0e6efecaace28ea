// Readings of a mention's own words for the coder (mention_readings.cpp).
#pragma once

#include "coder.hpp"
#include "index_tree.hpp"

#include <set>
#include <string>
#include <string_view>

namespace chartflow::coding {

// "Non-smoker", "non-drinker": substance use the hyphenated word before negates.
bool negated_by_non(const MentionInput& m);
// Smoking the mention's own clause calls occasional: tobacco use (Z72.0), not dependence.
bool occasional_tobacco_use(const MentionInput& m);
// "Tobacco use (cigarettes, 1/2 ppd)": a daily smoker of cigarettes, the index's "Smoker - see
// Dependence, drug, nicotine" (F17.210), not the use Z72.0 is for.
bool daily_cigarette_use(const MentionInput& m);
// "She is up-to-date on her mammogram", "last colonoscopy 3 years ago": a screening done before,
// no reason for this encounter (Z12); nor is a "diagnostic mammogram" a screening at all.
bool screened_before(const MentionInput& m);
// The walk's words with the index's "adult" when the chart states an adult's age.
WordBag with_age(WordBag words, bool adult);
// The walk's words with a pathology list item's specimen header ("A. Skin, left upper arm:").
WordBag with_list_header(WordBag words, const MentionInput& m);
// The walk's words with the index's "drug(s)", "medication" and "induced" when they name a
// prescribed drug as the cause ("Immunosuppressed state due to tacrolimus": "Immunodeficiency >
// due to > drugs", D84.821); `drug_words` are the drugs' names as WordBag folds them.
WordBag with_drug_cause(WordBag words, const MentionInput& m, const std::set<std::string, std::less<>>& drug_words);
// Whether a clause joins two subterms' first words with "and" and no clause end between.
bool names_both(std::string_view context, std::string_view first_label, std::string_view second_label);
// Whether a noun phrase has a plural ("leiomyomas of the uterus").
bool plural_noun(std::string_view text);
// Whether two sibling subterms a clause joins name two things, not two readings of one.
bool names_two(const MentionInput& m, std::string_view first_label, std::string_view second_label);

}  // namespace chartflow::coding
