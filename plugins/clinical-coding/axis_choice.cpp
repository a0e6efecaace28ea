#include "axis_choice.hpp"

#include "index_tree.hpp"

#include <algorithm>
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
  const auto words = WordBag::words_of(info->title);
  return {words.begin(), words.end()};
}

}  // namespace

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
