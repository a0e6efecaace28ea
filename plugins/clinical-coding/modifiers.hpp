// The words that may modify a mention: its own, its vocabulary term's, and the clause around it
// up to the neighbouring condition ("acute on chronic systolic [heart failure]", "[CKD], stage
// 3a", "[atrial fibrillation], paroxysmal"), which the Alphabetic Index's subterms are matched on.
#pragma once

#include "coder.hpp"
#include "index_tree.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace chartflow::coding {

// Adds the index's spelling of what the bag's words say ("sigmoid" -> "large intestine",
// "bleeding" -> "hemorrhage", "RSV" -> "respiratory syncytial virus"; index_spellings.cpp).
void add_index_spellings(WordBag& bag);
// ... and the index's words for a side, a grade or a product the chart names (index_spellings.cpp).
void add_index_words(WordBag& bag);
// What the mention's words and its clause (`before`, `after`) say only together: the mention's own
// plural, two words of one site, a route that is no site (index_spellings.cpp).
void add_words_said_together(WordBag& bag, const MentionInput& m, std::string_view before, std::string_view after);

class ModifierWindows {
 public:
  explicit ModifierWindows(const std::vector<MentionInput>& mentions);
  WordBag words_for(const MentionInput& m) const;
  // Where the condition `m` modifies begins, when another mention follows it with nothing but
  // spaces or a parenthesis between ("gallstone (biliary) pancreatitis": the gallstone is the
  // pancreatitis's cause, and the pancreatitis is what the statement names).
  std::optional<std::size_t> head_after(const MentionInput& m) const;

 private:
  // A mention's window of words on one side, and the condition it names as the cause there.
  struct Window {
    std::string_view text, cause;
    bool whole_clause = false;  // every word of `text` counts, not only the nearest six (an episode's clause)
  };
  Window left_of(const MentionInput& m) const;
  Window right_of(const MentionInput& m) const;

  std::vector<std::pair<std::size_t, std::size_t>> by_end_;  // (end, begin) of every mention, by end
  std::vector<std::size_t> begins_;                          // every mention's begin, sorted
};

}  // namespace chartflow::coding
