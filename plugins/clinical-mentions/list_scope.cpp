#include "list_scope.hpp"

#include <algorithm>

namespace chartflow::mentions {
namespace {

bool is_conjunction(const std::string& key) { return key == "and" || key == "or" || key == "nor"; }

struct Item {
  std::size_t begin = 0, end = 0;  // tokens, inclusive
  std::size_t words = 0;           // each mention counts once; conjunctions not at all
  bool after_break = false;        // a clause break stands right before it
  bool after_slash = false;        // only a slash separates it from the item before ("HIV/HBsAg")
};

// Words that say a sentence reports tests, whose results follow their names ("... negative"),
// and a prenatal panel's result words ("Rubella immune, HIV and hepatitis B negative"; not "RPR now
// nonreactive", which follows a treated syphilis's history).
bool names_a_test(const std::vector<Token>& tokens) {
  static constexpr std::string_view kTests[] = {"pcr", "rapid", "swab", "antigen", "culture", "screen", "serology", "panel", "test", "testing",
                                                "titer", "assay", "antibody", "naat", "immune", "hbsag"};
  return std::any_of(tokens.begin(), tokens.end(), [](const Token& t) {
    return std::find(std::begin(kTests), std::end(kTests), t.key) != std::end(kTests);
  });
}

// What the text between two tokens holds, read in one pass (it is a space or two; a search per
// mark called into the C library four times per token).
struct GapMarks {
  bool comma = false, slash = false, clause_break = false;  // clause break: ; : . ( ) [ ]
};
GapMarks marks_in(std::string_view gap) {
  GapMarks marks;
  for (const char c : gap) {
    marks.comma = marks.comma || c == ',';
    marks.slash = marks.slash || c == '/';
    marks.clause_break = marks.clause_break || c == ';' || c == ':' || c == '.' || c == '(' || c == ')' || c == '[' || c == ']';
  }
  return marks;
}

// A parenthesis after an item's words that names no condition says more of that item
// ("anti-GBM disease (negative), lupus nephritis (ANA negative, complements normal)"): its tokens
// are no items of the list and its brackets no clause break. (One that names conditions, "workup
// (HLA-B27, ACE, syphilis testing to be considered)", is a list of its own, as a clause.) Marks
// each token inside such a parenthesis, and for each token after one the gap's offset past its
// closing bracket.
struct Asides {
  std::vector<std::uint8_t> inside;
  std::vector<std::size_t> marks_from;  // where, in the gap before a token, its marks are read
};
Asides asides_of(const std::vector<Token>& tokens, std::string_view text, const std::vector<std::uint8_t>& listed) {
  Asides out{std::vector<std::uint8_t>(tokens.size(), 0), std::vector<std::size_t>(tokens.size(), 0)};
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const std::string_view gap = text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
    if (gap.find('(') == std::string_view::npos || gap.find(')') != std::string_view::npos) continue;
    // The parenthesis opened before token i: find the token after its close.
    int depth = 1;
    std::size_t j = i;
    bool names_a_condition = false, closed = false;
    for (; j < tokens.size() && !closed; ++j) {
      names_a_condition = names_a_condition || (j < listed.size() && listed[j]);
      // (After the sentence's last token, the rest of the text: "... complements normal).")
      const std::size_t to = j + 1 < tokens.size() ? tokens[j + 1].begin : text.size();
      for (const char c : text.substr(tokens[j].end, to - tokens[j].end)) {
        if (c == '(') ++depth;
        else if (c == ')' && --depth == 0) closed = true;
      }
    }
    if (!closed || names_a_condition) continue;
    for (std::size_t k = i; k < j; ++k) out.inside[k] = 1;
    if (j < tokens.size()) {
      const std::string_view after = text.substr(tokens[j - 1].end, tokens[j].begin - tokens[j - 1].end);
      out.marks_from[j] = after.rfind(')') + 1;
    }
    i = j - 1;
  }
  return out;
}

// The sentence's tokens cut into list items.
std::vector<Item> items_of(const std::vector<Token>& tokens, std::string_view text, const std::vector<std::uint8_t>& listed) {
  std::vector<Item> items;
  const Asides asides = asides_of(tokens, text, listed);
  bool open = false, separated = true, broken = true, slash = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (asides.inside[i] && open) {
      items.back().end = i;
      continue;
    }
    if (i > 0) {
      const GapMarks gap = marks_in(text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end).substr(asides.marks_from[i]));
      if (gap.comma) separated = true;
      // A slash joins items ("HIV/HBsAg/RPR"), not the parts of one word ("SARS-CoV-2", "A/B"
      // joins two one-letter items either way).
      if (gap.slash && !gap.comma) separated = slash = true;
      if (gap.clause_break) separated = broken = true;
    }
    if (is_conjunction(tokens[i].key)) {
      separated = true, slash = false;  // ends the item before it; starts none
      continue;
    }
    if (separated || !open) {
      items.push_back({i, i, 0, broken, slash && !broken});
      open = true, separated = broken = slash = false;
    }
    Item& item = items.back();
    item.end = i;
    const bool continues_mention = i > 0 && i < listed.size() && listed[i] && listed[i - 1] && i > item.begin;
    if (!continues_mention) ++item.words;
  }
  return items;
}

using Span = std::pair<std::size_t, std::size_t>;
constexpr std::size_t kNoItem = static_cast<std::size_t>(-1);

void mark_tails(const std::vector<Item>& items, bool test_results, std::vector<Span>& tail_of) {
  // Walking back from each chain's last item: every short item before it, within ListShape::kMostItems and
  // with no clause break between, is reached by a trigger standing in that last item.
  std::size_t tail = kNoItem, reached = 0;
  bool slashes_only = true;  // every join from the item to the tail is a slash
  for (std::size_t j = items.size(); j-- > 0;) {
    if (tail != kNoItem && items[j].words <= ListShape::kShortItem && reached < ListShape::kMostItems && (test_results || slashes_only)) {
      // Any token of the item: a mention may follow a word of it ("Rapid influenza and COVID-19 negative").
      for (std::size_t k = items[j].begin; k <= items[j].end; ++k) tail_of[k] = {items[tail].begin, items[tail].end};
      ++reached;
    } else if (tail != kNoItem) {
      tail = kNoItem;  // a long item (or too many) ends the chain: it may be the last item of another
    }
    if (tail == kNoItem) tail = j, reached = 0, slashes_only = true;
    if (items[j].after_break) tail = kNoItem;  // no list reaches back across a clause break
    else slashes_only = slashes_only && items[j].after_slash;
  }
}

}  // namespace

std::vector<std::uint8_t> with_asides(const std::vector<Token>& tokens, std::string_view text, std::vector<std::uint8_t> listed) {
  if (text.empty() || text.find('(') == std::string_view::npos) return listed;
  const Asides asides = asides_of(tokens, text, listed);
  listed.resize(tokens.size(), 0);
  for (std::size_t k = 0; k < tokens.size(); ++k)
    if (asides.inside[k]) listed[k] = 2;  // a run of its own: one word, even right after a mention
  return listed;
}

ListShape::ListShape(const std::vector<Token>& tokens, std::string_view text, const std::vector<std::uint8_t>& listed)
    : head_(tokens.size(), {kNone, kNone}), tail_(tokens.size(), {kNone, kNone}), comma_before_(tokens.size(), 0), listed_(listed) {
  if (text.empty()) return;
  for (std::size_t i = 1; i < tokens.size(); ++i)
    comma_before_[i] = marks_in(text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end)).comma;
  const std::vector<Item> items = items_of(tokens, text, listed);
  std::size_t head = kNone, chained = 0;  // the item heading the chain the previous item is in; items after it
  for (std::size_t j = 1; j < items.size(); ++j) {
    if (items[j].after_break) {
      head = kNone;  // no list reaches across a clause break; this item may head the next chain
      continue;
    }
    // The chain goes on through a short item; after a long one (it may hold the trigger, as in
    // "she denies any hearing loss, tinnitus") that item heads a new chain.
    if (head != kNone && items[j - 1].words <= kShortItem && chained < kMostItems) ++chained;
    else head = j - 1, chained = 1;
    // Any token of the item: a mention may follow a word of it ("orthopnea, paroxysmal nocturnal
    // dyspnea", where the mention is "nocturnal dyspnea").
    // A long item is a clause of its own ("and she has been coughing for a month with weakness"):
    // only its first word is reached then.
    const std::size_t last = items[j].words <= kShortItem ? items[j].end : items[j].begin;
    for (std::size_t k = items[j].begin; k <= last; ++k) head_[k] = {items[head].begin, items[head].end};
  }
  mark_tails(items, names_a_test(tokens), tail_);
}

bool ListShape::separated(std::size_t last, std::size_t trigger) const {
  bool comma = false;
  for (std::size_t k = last + 1; k < trigger && k < comma_before_.size(); ++k) {
    comma = comma || comma_before_[k];
    if (comma && k < listed_.size() && listed_[k]) return true;
  }
  return false;
}

std::optional<std::pair<std::size_t, std::size_t>> ListShape::tail_of(std::size_t first) const {
  if (first >= tail_.size() || tail_[first].first == kNone) return std::nullopt;
  return tail_[first];
}

std::optional<std::pair<std::size_t, std::size_t>> ListShape::head_of(std::size_t first) const {
  if (first >= head_.size() || head_[first].first == kNone) return std::nullopt;
  return head_[first];
}

}  // namespace chartflow::mentions
