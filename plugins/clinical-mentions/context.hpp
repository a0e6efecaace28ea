// ConText-style assertion: triggers found in a sentence set negation, uncertainty, hypothetical,
// historical and family attributes on the mentions within their scope.
#pragma once

#include "list_scope.hpp"
#include "text_tokens.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chartflow::mentions {

enum class Direction { forward, backward, bidirectional, terminate, pseudo };

// What a trigger says of the conditions in its scope: the rules file's closed set of categories.
enum class TriggerCategory { negation, uncertainty, hypothetical, historical, family, other_experiencer, current, pseudo, terminate };
std::string_view to_string(TriggerCategory category);
std::optional<TriggerCategory> parse_trigger_category(std::string_view name);

struct TriggerMatch {
  std::size_t first = 0, last = 0;  // token indexes, inclusive
  TriggerCategory category = TriggerCategory::negation;
  Direction direction = Direction::forward;
  std::string_view phrase;  // the rule's phrase (held by the rules) or a built-in trigger's name
  std::size_t window = 0;  // narrower scope for this trigger (0: the ScopeOptions window)
  // A backward trigger inside parentheses reaches back no further than this token (the first
  // inside them): "MELANOMA IN SITU (lentigo maligna type not favored)" keeps the melanoma.
  std::size_t reaches_back_to = 0;
  // ... and a forward one reaches no further than the token before this one (the parenthesis'
  // close): its scope ends there, however a window counts the tokens between.
  std::size_t reaches_before = static_cast<std::size_t>(-1);
  // A label over a list ("Ruled out: ANCA-associated vasculitis (MPO and PR3 negative), anti-GBM
  // disease (negative), lupus nephritis"): it reaches every short item of the list that starts
  // right after it, however many words the items and their asides hold together.
  bool labels_list = false;
};

struct Assertion {
  bool negated = false, uncertain = false, hypothetical = false, historical = false;
  std::string experiencer = "patient";
  std::vector<const TriggerMatch*> triggers;  // the ones that applied
  std::string status() const;
};

// How deep in parentheses each offset of a text is: "(" opens one, ")" closes one if any is open.
// Built once per document, so a sentence's starting depth is a lookup, not a scan of the text
// before it (per sentence, that scan made the mention stage quadratic in a note's length).
class ParenthesisDepth {
 public:
  explicit ParenthesisDepth(std::string_view text);
  int before(std::size_t offset) const;  // the depth just before `offset`

 private:
  std::vector<std::pair<std::size_t, int>> after_;  // (offset of a parenthesis, depth after it), in order
};

class ContextRules {
 public:
  void load_tsv(const std::string& file);  // phrase, category, direction; throws std::runtime_error
  std::size_t size() const { return rules_.size(); }
  // Triggers in a sentence's tokens. With the sentence `text` (the tokens' offsets index it),
  // a semicolon or a full stop before a capital also ends every scope ("No chest pain at rest;
  // exertional angina after 2 blocks").
  // `depths`: the text's parenthesis depths when the caller has them (else the whole
  // text is read for them).
  std::vector<TriggerMatch> find(const std::vector<Token>& tokens, std::string_view text = {}, const ParenthesisDepth* depths = nullptr) const;

 private:
  static void limit_to_parentheses(std::vector<TriggerMatch>& triggers, const std::vector<Token>& tokens, std::string_view text,
                                   const ParenthesisDepth* depths);
  struct Rule {
    TriggerCategory category;
    Direction direction;
    std::string phrase;
    std::size_t window = 0;
  };
  PhraseTable<std::vector<Rule>> rules_;
};

struct ScopeOptions {
  std::size_t forward_window = 8;   // tokens a forward trigger reaches
  std::size_t backward_window = 5;  // tokens a backward trigger reaches
};

// "Patient: Cyrus B. Waterhouse-Ito", "Surgeon: J. Parkinson, MD": the lines of a text that name
// a person (by their label), which hold no condition whatever eponym the name spells. Found once
// per text: looking back from each dictionary match for its line's start cost 2% of the text
// pipeline on charts written as one long line.
class NameLines {
 public:
  explicit NameLines(std::string_view text);
  // Whether offset `at` stands on such a line, after its label.
  bool contains(std::size_t at) const;

 private:
  std::vector<std::pair<std::size_t, std::size_t>> spans_;  // [label end, line end), in text order
};
inline bool on_a_name_line(std::string_view text, std::size_t at) { return NameLines(text).contains(at); }

// Whether a text names a postoperative day ("POD2", "POD #2", "postoperative day 3", "post-op day 1").
bool names_postoperative_day(std::string_view text);

// 1 for each token inside one of `mentions` (token ranges, inclusive), for assert_mention.
std::vector<std::uint8_t> listed_tokens(std::size_t token_count, const std::vector<std::pair<std::size_t, std::size_t>>& mentions);

// A sentence's triggers indexed for assert_mention: scope distances from prefix sums and the
// triggers near a mention by binary search, so asserting every mention of a sentence is
// O(M log T) instead of O(M T N). A 90 KB run of "no fever no fever ..." (one sentence, 10,000
// mentions and triggers) took minutes the direct way.
class TriggerIndex {
 public:
  // With `listed` (from listed_tokens), scope windows count each other mention as one token, so a
  // trigger reaches across a list of findings ("denies fever, night sweats, weight loss or cough").
  // A run of one nonzero value is one token: with_asides (list_scope.hpp) marks a parenthesis that
  // names no condition 2, so it counts as one word even right after a mention.
  TriggerIndex(const std::vector<TriggerMatch>& triggers, std::size_t token_count, const std::vector<std::uint8_t>* listed = nullptr);

  const std::vector<TriggerMatch>& triggers() const noexcept { return triggers_; }
  // Scope units from token `from` to token `to` (from < to).
  std::size_t distance(std::size_t from, std::size_t to) const;
  // True when a terminator of a scope of `category` lies strictly between tokens `from` and `to`:
  // one of every scope ("but", a clause break), or one of that category's only ("diagnosed with"
  // ends what "without" denies, not what "father" tells of).
  bool blocked(std::size_t from, std::size_t to, TriggerCategory category) const;
  // Indexes (in sentence order) of the scoping triggers that could reach tokens [first, last]
  // within `forward` units before it or `backward` units after it, the forward ones ending at
  // token `list_from` or later and the backward ones starting at token `list_to` or earlier (the
  // lists the mention is an item of).
  std::vector<std::size_t> near(std::size_t first, std::size_t last, std::size_t forward, std::size_t backward,
                                std::size_t list_from = static_cast<std::size_t>(-1), std::size_t list_to = static_cast<std::size_t>(-1)) const;

 private:
  const std::vector<TriggerMatch>& triggers_;
  bool listed_ = false;
  std::vector<std::size_t> units_before_;                    // prefix sums of unit starts
  std::vector<std::pair<std::size_t, std::size_t>> by_last_;   // (last, index) of forward-reaching triggers
  std::vector<std::pair<std::size_t, std::size_t>> by_first_;  // (first, index) of backward-reaching triggers
  // Terminators as (first, last), sorted by first, with the least `last` from each one on.
  struct Terminators {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::vector<std::size_t> min_last_from;
    void index();
    bool between(std::size_t from, std::size_t to) const;
  };
  Terminators every_scope_, negation_only_;
};

// "h/o stroke? - son says this was a scare", "Pneumonia?": a question mark right after a mention
// (spaces between) questions it. Where the mark stands in `text`, searching from `at` (the
// mention's end) up to `end`; nullopt when none does.
std::optional<std::size_t> question_mark_after(std::string_view text, std::size_t at, std::size_t end);

// The assertion of the mention spanning tokens [first, last] given the sentence's triggers. A
// "current" trigger ("currently", "ongoing") cancels historical. With `lists`, a forward trigger
// without a narrower window of its own also reaches every item of a list it stands in or heads.
Assertion assert_mention(std::size_t first, std::size_t last, const TriggerIndex& index, const ScopeOptions& scope,
                         const ListShape* lists = nullptr);
// The same, indexing the triggers for this one call (tests and tools).
Assertion assert_mention(std::size_t first, std::size_t last, const std::vector<TriggerMatch>& triggers, const ScopeOptions& scope,
                         const std::vector<std::uint8_t>* listed = nullptr, const ListShape* lists = nullptr);

}  // namespace chartflow::mentions
