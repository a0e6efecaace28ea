#include "axis_choice.hpp"

#include "index_tree.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace chartflow::coding {
namespace {

// Words that tell no subdivision from another: a title's grammar, and "unspecified", which a
// chart never says of the thing it names.
bool says_nothing(const std::string& word) {
  static const std::set<std::string> kWords = [] {
    std::set<std::string> out;
    for (auto& w : WordBag::words_of("of and or the with without in on to a an by for as other specified unspecified nos nec"))
      out.insert(std::move(w));
    return out;
  }();
  return kWords.contains(word);
}

bool is_number(const std::string& word) { return !word.empty() && word.front() >= '0' && word.front() <= '9'; }

std::set<std::string> folded_title(const CodeSet& set, const std::string& code) {
  const auto* info = set.find(code);
  if (!info) return {};
  // A title's bracketed initials ("Heterozygous familial hypercholesterolemia [HeFH]") are no words
  // a chart must say: "heterozygous" tells the child.
  std::string title(info->title);
  for (std::size_t open = title.find('['); open != std::string::npos; open = title.find('[', open)) {
    const std::size_t close = title.find(']', open);
    if (close == std::string::npos) break;
    title.erase(open, close - open + 1);
  }
  const auto words = WordBag::words_of(title);
  return {words.begin(), words.end()};
}

bool title_has(const CodeSet& set, const std::string& code, std::string_view word) { return words::contains(words::lower(set.find(code)->title), word); }

// How many of a code title's own words (not its side, not the short ones) the chart's text has.
int words_shared(std::string_view title, const std::string& context) {
  int shared = 0;
  std::string word;
  for (const char c : std::string(title) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      continue;
    }
    if (word.size() >= 4 && word != "left" && word != "right" && word != "unspecified" && words::contains(context, word)) ++shared;
    word.clear();
  }
  return shared;
}

// Hemiplegia, hemiparesis and monoplegia by dominance the text does not state (I.C.6.a): the
// right side is dominant and the left nondominant, unless the patient is left-handed.
std::optional<std::string> child_of_default_dominance(const CodeSet& set, const std::vector<std::string>& children, const std::string& context,
                                                      std::string_view side) {
  const bool left_handed = words::contains(context, "left-handed") || words::contains(context, "left handed");
  const bool dominant = (side == "right") != left_handed;
  for (const auto& c : children) {
    const std::string title = words::lower(set.find(c)->title);
    const bool nondominant = title.find("nondominant") != std::string::npos || title.find("non-dominant") != std::string::npos;
    if (dominant ? (!nondominant && words::contains(title, "dominant")) : nondominant) return c;
  }
  return std::nullopt;
}

// Of the children for the text's one side, the one whose title names most of the chart's words
// ("cellulitis of the left lower leg": left lower limb, not left axilla). When every child is of
// that side (L89.61-: right heel, by stage) the side decides nothing and the words must.
std::optional<std::string> child_of_side(const CodeSet& set, const std::vector<std::string>& children, const std::string& context,
                                         std::string_view side) {
  std::vector<std::string> best_children;
  int best = -1;
  std::size_t sided = 0;
  for (const auto& c : children) {
    if (!title_has(set, c, side)) continue;
    ++sided;
    if (title_has(set, c, "bilateral")) continue;
    const int shared = words_shared(set.find(c)->title, context);
    if (shared > best) best = shared, best_children.clear();
    if (shared == best) best_children.push_back(c);
  }
  if (best_children.empty() || sided == children.size()) return std::nullopt;
  if (best_children.size() > 1)
    if (auto named = child_named_by_text(set, best_children, context)) return named;
  if (best_children.size() > 1)
    if (auto by_default = child_of_default_dominance(set, best_children, context, side)) return by_default;
  return best_children.front();  // the first on a tie the text does not settle
}

// The child that says least: "unspecified" (but not "with unspecified complications"), "without
// complications", a status unknown, the residual .9 subdivision.
ChildChoice least_said_child(const CodeSet& set, const std::vector<std::string>& children) {
  int best = 0;
  std::string chosen;
  for (const auto& c : children) {
    const std::string title = words::lower(set.find(c)->title);
    int score = 0;
    // "Other and unspecified porphyria" (E80.2) groups the residue; "Disorder of bilirubin
    // metabolism, unspecified" (E80.7) is the unspecified code itself, and wins a tie with it.
    if (words::contains(title, "unspecified") && title.find("with unspecified") == std::string::npos)
      score += words::contains(title, "other and unspecified") ? 1 : 2;
    if (title.find("without complication") != std::string::npos) score += 2;
    // A head injury's consciousness the chart does not state is "loss of consciousness status
    // unknown" (S06.-X A), not a loss "of unspecified duration" (9), which says there was one.
    if (title.find("status unknown") != std::string::npos) score += 4;
    if (c.back() == '9') score += 1;
    if (score > best) best = score, chosen = c;
  }
  if (chosen.empty()) return {children.front(), "first subdivision"};
  return {chosen, best >= 2 ? "unspecified (the text says no more)" : "residual subdivision"};
}

}  // namespace

ChildChoice choose_child(const CodeSet& set, const std::vector<std::string>& children, const std::string& context, TextSides sides) {
  if (sides.bilateral)
    for (const auto& c : children)
      if (title_has(set, c, "bilateral")) return {c, "bilateral (text)"};
  if (sides.left != sides.right)
    if (auto sided = child_of_side(set, children, context, sides.left ? "left" : "right"))
      return {*sided, sides.left ? "left (text)" : "right (text)"};
  // "not in remission" names the remission its code denies ("Multiple myeloma not having achieved
  // remission", C90.00), not C90.01's "in remission".
  static constexpr std::string_view kNotInRemission[] = {"not in remission",        "not yet in remission", "not achieved remission",
                                                         "not yet achieved remission", "without remission",   "newly diagnosed",
                                                         "new diagnosis"};
  if (const std::string lowered = words::lower(context);
      std::any_of(std::begin(kNotInRemission), std::end(kNotInRemission), [&](std::string_view w) { return words::contains(lowered, w); }))
    for (const auto& c : children)
      if (title_has(set, c, "not having achieved remission")) return {c, "not in remission (text)"};
  if (auto named = child_named_by_text(set, children, context)) return {*named, "named in the text"};
  return least_said_child(set, children);
}

std::optional<std::string> child_named_by_text(const CodeSet& set, const std::vector<std::string>& children, std::string_view context) {
  if (children.size() < 2) return std::nullopt;
  std::vector<std::set<std::string>> titles;
  for (const auto& c : children) titles.push_back(folded_title(set, c));
  std::set<std::string> common = titles.front();
  for (const auto& t : titles)
    std::erase_if(common, [&](const std::string& w) { return !t.contains(w); });
  const WordBag text(context);
  std::optional<std::string> best;
  std::size_t best_words = 0;
  bool tie = false;
  for (std::size_t i = 0; i < children.size(); ++i) {
    std::size_t distinguishing = 0;
    bool all_stated = true, only_numbers = true;
    for (const auto& w : titles[i]) {
      if (common.contains(w) || says_nothing(w)) continue;
      ++distinguishing;
      only_numbers = only_numbers && is_number(w);
      if (!text.contains(w)) {
        all_stated = false;
        break;
      }
    }
    // A bare number is no evidence on its own: any count or value in the sentence would do
    // ("Discharge NIHSS: 3" is no initial score 3); "stage 3" brings its own word ("stag3").
    if (!all_stated || distinguishing == 0 || only_numbers) continue;
    if (distinguishing > best_words) best = children[i], best_words = distinguishing, tie = false;
    else if (distinguishing == best_words) tie = true;
  }
  if (tie) return std::nullopt;
  return best;
}

}  // namespace chartflow::coding
