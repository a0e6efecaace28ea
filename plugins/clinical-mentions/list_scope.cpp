#include "list_scope.hpp"

namespace chartflow::mentions {
namespace {

bool is_conjunction(const std::string& key) { return key == "and" || key == "or" || key == "nor"; }

struct Item {
  std::size_t begin = 0, end = 0;  // tokens, inclusive
  std::size_t words = 0;           // each mention counts once; conjunctions not at all
  bool after_break = false;        // a clause break stands right before it
};

// The sentence's tokens cut into list items.
std::vector<Item> items_of(const std::vector<Token>& tokens, std::string_view text, const std::vector<std::uint8_t>& listed) {
  std::vector<Item> items;
  bool open = false, separated = true, broken = true;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) {
      const std::string_view gap = text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
      if (gap.find(',') != std::string_view::npos) separated = true;
      if (gap.find_first_of(";:.()[]") != std::string_view::npos) separated = broken = true;
    }
    if (is_conjunction(tokens[i].key)) {
      separated = true;  // ends the item before it; starts none
      continue;
    }
    if (separated || !open) {
      items.push_back({i, i, 0, broken});
      open = true, separated = broken = false;
    }
    Item& item = items.back();
    item.end = i;
    const bool continues_mention = i > 0 && i < listed.size() && listed[i] && listed[i - 1] && i > item.begin;
    if (!continues_mention) ++item.words;
  }
  return items;
}

}  // namespace

ListShape::ListShape(const std::vector<Token>& tokens, std::string_view text, const std::vector<std::uint8_t>& listed)
    : head_(tokens.size(), {kNone, kNone}) {
  if (text.empty()) return;
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
    head_[items[j].begin] = {items[head].begin, items[head].end};
  }
}

std::optional<std::pair<std::size_t, std::size_t>> ListShape::head_of(std::size_t first) const {
  if (first >= head_.size() || head_[first].first == kNone) return std::nullopt;
  return head_[first];
}

}  // namespace chartflow::mentions
