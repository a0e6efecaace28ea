// How far a trigger reaches and which mention it asserts (ConText's scope): the trigger index
// of a sentence's tokens, with the lists whose items a trigger reaches through, and the
// assertion of a mention from the triggers in its scope. context.cpp finds the triggers.
#include "context.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::mentions {

std::vector<std::uint8_t> listed_tokens(std::size_t token_count, const std::vector<std::pair<std::size_t, std::size_t>>& mentions) {
  std::vector<std::uint8_t> mask(token_count, 0);
  for (const auto& [first, last] : mentions)
    for (std::size_t i = first; i <= last && i < token_count; ++i) mask[i] = 1;
  return mask;
}

TriggerIndex::TriggerIndex(const std::vector<TriggerMatch>& triggers, std::size_t token_count, const std::vector<std::uint8_t>* listed)
    : triggers_(triggers), listed_(listed != nullptr) {
  if (listed) {
    // A token starts a unit unless it continues a run of mention tokens (see distance()).
    units_before_.assign(token_count + 1, 0);
    for (std::size_t i = 0; i < token_count; ++i)
      units_before_[i + 1] = units_before_[i] + ((i == 0 || !(*listed)[i] || (*listed)[i] != (*listed)[i - 1]) ? 1 : 0);
  }
  for (std::size_t k = 0; k < triggers.size(); ++k) {
    const auto& t = triggers[k];
    if (t.direction == Direction::terminate) (t.category == TriggerCategory::negation ? negation_only_ : every_scope_).spans.emplace_back(t.first, t.last);
    if (t.direction == Direction::forward || t.direction == Direction::bidirectional) by_last_.emplace_back(t.last, k);
    if (t.direction == Direction::backward || t.direction == Direction::bidirectional) by_first_.emplace_back(t.first, k);
  }
  std::sort(by_last_.begin(), by_last_.end());
  std::sort(by_first_.begin(), by_first_.end());
  every_scope_.index();
  negation_only_.index();
}

void TriggerIndex::Terminators::index() {
  std::sort(spans.begin(), spans.end());
  min_last_from.assign(spans.size() + 1, std::numeric_limits<std::size_t>::max());
  for (std::size_t k = spans.size(); k-- > 0;) min_last_from[k] = std::min(min_last_from[k + 1], spans[k].second);
}

std::size_t TriggerIndex::distance(std::size_t from, std::size_t to) const {
  if (!listed_) return to - from;
  // Token from+1 always opens a unit; after it, each token that starts a unit adds one.
  if (to <= from + 1) return 1;
  if (to == from + 2) return 2;
  return 2 + units_before_[to] - units_before_[from + 2];
}

bool TriggerIndex::Terminators::between(std::size_t from, std::size_t to) const {
  const auto k = static_cast<std::size_t>(std::upper_bound(spans.begin(), spans.end(), std::pair{from, std::numeric_limits<std::size_t>::max()}) -
                                          spans.begin());
  return min_last_from[k] < to;
}

bool TriggerIndex::blocked(std::size_t from, std::size_t to, TriggerCategory category) const {
  return every_scope_.between(from, to) || (category == TriggerCategory::negation && negation_only_.between(from, to));
}

constexpr std::size_t kNoList = static_cast<std::size_t>(-1);

std::vector<std::size_t> TriggerIndex::near(std::size_t first, std::size_t last, std::size_t forward, std::size_t backward,
                                            std::size_t list_from, std::size_t list_to) const {
  std::vector<std::size_t> out;
  // Forward triggers end before the mention; distance shrinks as they end closer to it.
  auto it = std::lower_bound(by_last_.begin(), by_last_.end(), std::pair<std::size_t, std::size_t>{first, 0});
  // (A trigger ending right before the list may label it: "Ruled out: ...".)
  while (it != by_last_.begin() && (distance(std::prev(it)->first, first) <= forward || std::prev(it)->first + 1 >= list_from))
    out.push_back((--it)->second);
  // Backward triggers start after the mention.
  for (auto b = std::upper_bound(by_first_.begin(), by_first_.end(), std::pair{last, std::numeric_limits<std::size_t>::max()});
       b != by_first_.end() && (distance(last, b->first) <= backward || (list_to != kNoList && b->first <= list_to)); ++b)
    out.push_back(b->second);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

constexpr std::size_t kNoToken = static_cast<std::size_t>(-1);

// Whether forward trigger `t` reaches the mention at token `first` as an item of the list `head`
// heads: the trigger stands in the head within the window of the head's end, or in a later item,
// or labels the list right before its head ("Ruled out: ..."). (`head_begin` is npos when the
// mention is no such item.)
bool reaches_through_list(const TriggerMatch& t, std::size_t first, std::size_t head_begin, std::size_t head_end, const TriggerIndex& index,
                          const ScopeOptions& scope) {
  if (head_begin == kNoToken || t.window != 0 || t.last >= first || index.blocked(t.last, first, t.category)) return false;
  if (t.labels_list && t.last + 1 == head_begin) return true;
  return t.last >= head_begin && (t.last > head_end || index.distance(t.last, head_end + 1) <= scope.forward_window);
}

// Whether backward trigger `t` reaches the mention ending at token `last` as an item of the list
// whose last item is [tail_begin, tail_end]: the trigger stands in that item, within its window
// of the item's start ("HIV/HBsAg/RPR negative"). (`tail_begin` is npos when there is no such list.)
bool reaches_back_through_list(const TriggerMatch& t, std::size_t last, std::size_t tail_begin, std::size_t tail_end, const TriggerIndex& index,
                               const ScopeOptions& scope) {
  if (tail_begin == kNoToken || t.first < tail_begin || t.first > tail_end || t.first <= last || index.blocked(last, t.first, t.category)) return false;
  return index.distance(tail_begin, t.first) <= (t.window ? std::min(t.window, scope.backward_window) : scope.backward_window);
}

}  // namespace

Assertion assert_mention(std::size_t first, std::size_t last, const TriggerIndex& index, const ScopeOptions& scope, const ListShape* lists) {
  Assertion a;
  bool current = false;
  std::size_t head_begin = kNoToken, head_end = kNoToken;
  if (const auto head = lists ? lists->head_of(first) : std::nullopt) head_begin = head->first, head_end = head->second;
  std::size_t tail_begin = kNoToken, tail_end = kNoToken;
  if (const auto tail = lists ? lists->tail_of(first) : std::nullopt) tail_begin = tail->first, tail_end = tail->second;
  for (const std::size_t k : index.near(first, last, scope.forward_window, scope.backward_window, head_begin, tail_end)) {
    const auto& t = index.triggers()[k];
    if (t.direction == Direction::terminate || t.direction == Direction::pseudo) continue;
    if (t.last >= first && t.first <= last) continue;  // inside the mention itself
    bool applies = false;
    if (t.last < first && first < t.reaches_before && (t.direction == Direction::forward || t.direction == Direction::bidirectional))
      applies = (index.distance(t.last, first) <= (t.window ? std::min(t.window, scope.forward_window) : scope.forward_window) &&
                 !index.blocked(t.last, first, t.category)) ||
                reaches_through_list(t, first, head_begin, head_end, index, scope);
    if (t.first > last && (t.direction == Direction::backward || t.direction == Direction::bidirectional) && last >= t.reaches_back_to)
      applies = (index.distance(last, t.first) <= (t.window ? std::min(t.window, scope.backward_window) : scope.backward_window) &&
                 !index.blocked(last, t.first, t.category) && !(lists && lists->separated(last, t.first))) ||
                reaches_back_through_list(t, last, tail_begin, tail_end, index, scope);
    if (!applies) continue;
    if (t.category == TriggerCategory::negation) a.negated = true;
    else if (t.category == TriggerCategory::uncertainty) a.uncertain = true;
    else if (t.category == TriggerCategory::hypothetical) a.hypothetical = true;
    else if (t.category == TriggerCategory::historical) a.historical = true;
    else if (t.category == TriggerCategory::family) a.experiencer = "family";
    else if (t.category == TriggerCategory::other_experiencer) a.experiencer = "other";
    else if (t.category == TriggerCategory::current) {
      current = true;  // "history of hypertension, currently on lisinopril": still a current condition
      continue;
    } else continue;
    a.triggers.push_back(&t);
  }
  if (current && a.historical) {
    a.historical = false;
    std::erase_if(a.triggers, [](const TriggerMatch* t) { return t->category == TriggerCategory::historical; });
  }
  return a;
}

std::optional<std::size_t> question_mark_after(std::string_view text, std::size_t at, std::size_t end) {
  end = std::min(end, text.size());
  while (at < end && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at < end && text[at] == '?' ? std::optional(at) : std::nullopt;
}

Assertion assert_mention(std::size_t first, std::size_t last, const std::vector<TriggerMatch>& triggers, const ScopeOptions& scope,
                         const std::vector<std::uint8_t>* listed, const ListShape* lists) {
  std::size_t tokens = last + 1;
  for (const auto& t : triggers) tokens = std::max(tokens, t.last + 1);
  if (listed) tokens = std::max(tokens, listed->size());
  return assert_mention(first, last, TriggerIndex(triggers, tokens, listed), scope, lists);
}

}  // namespace chartflow::mentions
