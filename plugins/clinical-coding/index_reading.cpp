// Reading the Alphabetic Index for a code with a chart's words: from the code's entries down the
// subterms the words reach, ties broken the way a coder would (index_tree.cpp loads the tree).
#include "index_tree.hpp"

#include "common/vocabulary.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::coding {
namespace {

// Of tied nodes that give several codes, those `keep` holds for (all of them when it holds for none).
template <class OneCode, class Keep>
void narrow(std::vector<std::size_t>& best, const OneCode& one_code, const Keep& keep) {
  if (best.empty() || one_code(best)) return;
  std::vector<std::size_t> kept;
  std::copy_if(best.begin(), best.end(), std::back_inserter(kept), keep);
  if (!kept.empty()) best = std::move(kept);
}

// Of tied nodes that give several codes, those of the highest score, when it is above `floor`.
template <class OneCode, class Score>
void keep_highest(std::vector<std::size_t>& best, const OneCode& one_code, const Score& score, int floor) {
  if (best.empty() || one_code(best)) return;
  std::vector<int> scores(best.size());
  for (std::size_t i = 0; i < best.size(); ++i) scores[i] = score(best[i]);
  const int most = *std::max_element(scores.begin(), scores.end());
  if (most <= floor) return;
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < best.size(); ++i)
    if (scores[i] == most) kept.push_back(best[i]);
  best = std::move(kept);
}

}  // namespace

bool IndexTree::one_code(const std::vector<std::size_t>& nodes) const {
  const std::string first = strip_code(nodes_[nodes.front()].code);
  return std::all_of(nodes.begin(), nodes.end(), [&](std::size_t n) { return strip_code(nodes_[n].code) == first; });
}

// Walks down from each entry of the code that the chart's words reach; the deepest nodes they
// reach are walk.best. Returns the entry the words reach best (kNone: none).
std::size_t IndexTree::walk_from_entries(const std::vector<std::size_t>& starts, const Ids& reach, Walk& walk) const {
  const Ids& words = walk.words;
  int entry_score = -1;
  std::size_t entry = kNone;
  // An entry for charts "without mention of" something ("Hemorrhoids > internal (without mention
  // of degree)", K64.8) is read from its parent too: the chart's "grade I" reaches "1st degree".
  std::vector<std::size_t> entries = starts;
  for (const std::size_t start : starts)
    if (nodes_[start].label.find("(without mention of") != std::string::npos && nodes_[start].parent != kNone &&
        !nodes_[nodes_[start].parent].code.empty())
      entries.push_back(nodes_[start].parent);
  for (const std::size_t start : entries) {
    // The entry must be one the chart's words reach: every word of its path is there.
    int score = 0;
    bool reached = true;
    Ids used;  // the words the entry's own path takes
    bool class_level_skipped = false, all_chart_words = true;
    for (std::size_t n = start; n != kNone && reached; n = nodes_[n].parent) {
      const auto* by_words = matched_alternative(nodes_[n], words);
      const auto* by_reach = matched_alternative(nodes_[n], reach);
      const auto* matched = !by_reach || (by_words && by_words->size() >= by_reach->size()) ? by_words : by_reach;
      // "Dependence > drug NEC > nicotine": a level that only sorts its subterms into a class ("drug
      // NEC") is not a word the chart has to say; "nicotine dependent" is one.
      // (So is "complicated by" under "Pregnancy", "Delivery" and "Puerperal": "Pregnancy >
      // complicated by > premature rupture of membranes" is read from "PPROM at 34 weeks".)
      const bool class_level = !matched && n != start && (nodes_[n].label.ends_with(" NEC") || nodes_[n].label.starts_with("complicated by"));
      reached = matched != nullptr || class_level;
      class_level_skipped = class_level_skipped || class_level;
      all_chart_words = all_chart_words && (class_level || by_words);
      if (matched) score += static_cast<int>(matched->size()), used.insert(used.end(), matched->begin(), matched->end());
    }
    // ... only when the chart's own words say the rest: the vocabulary's name for "tobacco use
    // disorder" (nicotine dependence) must not open "nicotine > with disorder".
    if (!reached || (class_level_skipped && !all_chart_words)) continue;
    if (score > entry_score) entry_score = score, entry = start;
    descend(start, score, walk, used);
    // (Its words are the target's to read again, as through any reference: "Pertussis" reaches
    // "Whooping cough > due to > Bordetella > pertussis".)
    if (nodes_[start].synonym)
      if (const std::size_t target = see_target(start); target != kNone && target != start) {
        Ids fresh;
        descend(target, score, walk, fresh, 1);
      }
  }
  return entry;
}

// Tied readings that give several codes narrowed the way a coder would, one rule after another.
void IndexTree::break_ties(std::vector<std::size_t>& best, const Ids& reach, const Ids& words,
                           const std::function<int(std::string_view)>& vagueness) const {
  const auto one = [&](const std::vector<std::size_t>& nodes) { return one_code(nodes); };
  if (vagueness) keep_highest(best, one, [&](std::size_t n) { return -vagueness(nodes_[n].code); }, std::numeric_limits<int>::min());
  // An entry that says it is for charts "without mention of" something ("internal (without
  // mention of degree)") gives way to an equally deep one the chart's words reach ("1st degree").
  narrow(best, one, [&](std::size_t n) { return nodes_[n].label.find("(without mention of") == std::string::npos; });
  // A residual subterm ("Rhinitis > allergic > seasonal NEC", J30.2) is for what no other subterm
  // names: it gives way to an equally deep one the chart's words also reach ("due to > pollen",
  // J30.1, for "seasonal allergic rhinitis due to tree pollen").
  narrow(best, one, [&](std::size_t n) { return !nodes_[n].label.ends_with(" NEC"); });
  // "Class 3 obesity complicating pregnancy": "Obesity > class > 3" (E66.813) beside "Obesity >
  // complicating > pregnancy" (O99.21-). The condition's own entry is read; its pregnancy code is
  // added beside it (code_conditions_complicating_pregnancy), as the chapter 15 code and the
  // "use additional code" it asks for are two codes.
  narrow(best, one, [&](std::size_t n) { return !nodes_[n].code.starts_with("O"); });
  // "Major depressive disorder, recurrent episode, severe": "Disorder > depressive > recurrent >
  // ... > severe" (F33.2) and "Episode > depressive > major > severe" (F32.2) score alike. The main
  // term the mention itself names ("disorder") outranks one its neighbours' words reach.
  narrow(best, one, [&](std::size_t n) {
    while (nodes_[n].parent != kNone) n = nodes_[n].parent;
    return matched_alternative(nodes_[n], reach) != nullptr;
  });
  // (In the Neoplasm Table a row reached by its first spelling outranks one reached by a later
  // one: "prostate" is C61, not the prostatic utricle's C68.0.)
  if (first_spelling_wins_)
    narrow(best, one, [&](std::size_t n) {
      return !nodes_[n].alternatives.empty() && matched_alternative(nodes_[n], words) == &nodes_[n].alternatives.front();
    });
  // "Stomach, pyloric antrum": "stomach > antrum (pyloric)" (C16.3) and "stomach > pylorus,
  // pyloric" (C16.4) are reached alike; the chart's words also fill the first's parenthesis.
  keep_highest(best, one, [&](std::size_t node) { return nonessential_words_said(node, words); }, 0);
}

// How many words of the parentheses on the path down to `node` the chart says.
int IndexTree::nonessential_words_said(std::size_t node, const Ids& words) const {
  int said = 0;
  for (std::size_t n = node; n != kNone; n = nodes_[n].parent)
    for (std::size_t open = nodes_[n].label.find('('); open != std::string::npos; open = nodes_[n].label.find('(', open + 1)) {
      const std::size_t close = nodes_[n].label.find(')', open);
      if (close == std::string::npos) break;
      for (const auto& w : WordBag::words_of(std::string_view(nodes_[n].label).substr(open + 1, close - open - 1)))
        if (const std::uint32_t id = word_ids_.find(w); id != Vocabulary::kUnknown && std::binary_search(words.begin(), words.end(), id)) ++said;
    }
  return said;
}

std::optional<IndexTree::Navigation> IndexTree::read(std::string_view code, const WordBag& reach_bag, const WordBag& word_bag,
                                                     const std::function<int(std::string_view)>& vagueness) const {
  const auto starts = by_code_.find(strip_code(code));
  if (starts == by_code_.end()) return std::nullopt;
  const Ids reach = ids_of(reach_bag), words = ids_of(word_bag);
  Walk walk{words, signature_of(words), 0, {}};
  const std::size_t entry = walk_from_entries(starts->second, reach, walk);
  auto& best = walk.best;
  break_ties(best, reach, words, vagueness);
  if (!best.empty() && one_code(best)) return reading_at(best.front(), true);
  // Equally deep siblings of one parent, each reached by a word of its own: the caller reads
  // whether the chart joins them ("intramural and subserosal": each is coded).
  std::vector<std::pair<std::string, std::string>> tied;
  if (best.size() >= 2 && std::all_of(best.begin(), best.end(), [&](std::size_t n) { return nodes_[n].parent == nodes_[best.front()].parent; }))
    for (const std::size_t n : best)
      if (std::none_of(tied.begin(), tied.end(), [&](const auto& t) { return t.first == nodes_[n].code; })) tied.emplace_back(nodes_[n].code, nodes_[n].label);
  if (entry == kNone) return std::nullopt;
  auto reading = reading_at(entry, false);
  if (tied.size() >= 2) reading.also = std::move(tied);
  return reading;
}

std::optional<IndexTree::Navigation> IndexTree::read_under(std::string_view term, const WordBag& word_bag) const {
  const auto main = main_terms_.find(key_of(term));
  if (main == main_terms_.end()) return std::nullopt;
  const Ids words = ids_of(word_bag);
  Walk walk{words, signature_of(words), 0, {}};
  Ids used;
  descend(main->second, 0, walk, used);
  if (walk.best.empty() || !one_code(walk.best)) return std::nullopt;
  return reading_at(walk.best.front(), true);
}

IndexTree::Navigation IndexTree::reading_at(std::size_t node, bool deeper) const {
  int depth = 0;
  for (std::size_t n = nodes_[node].parent; n != kNone; n = nodes_[n].parent) ++depth;
  return Navigation{nodes_[node].code, path_of(node), depth, nodes_[node].manifestation, deeper, {}};
}

std::string IndexTree::path_of(std::size_t node) const {
  std::vector<const std::string*> labels;
  for (std::size_t n = node; n != kNone; n = nodes_[n].parent) labels.push_back(&nodes_[n].label);
  std::string out;
  for (auto it = labels.rbegin(); it != labels.rend(); ++it) out += (out.empty() ? "" : " > ") + **it;
  return out;
}

}  // namespace chartflow::coding
