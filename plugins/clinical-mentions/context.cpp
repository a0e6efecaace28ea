#include "context.hpp"

#include "tsv.hpp"

#include <algorithm>
#include <stdexcept>

namespace chartflow::mentions {

std::string Assertion::status() const {
  if (negated) return "negated";
  if (experiencer != "patient") return "family";
  if (hypothetical) return "hypothetical";
  if (uncertain) return "uncertain";
  if (historical) return "historical";
  return "affirmed";
}

void ContextRules::load_tsv(const std::string& file) {
  read_tsv(file, "context rules", [&](const std::vector<std::string>& fields, const std::string& where) {
    if (fields.size() < 3) throw std::runtime_error(where + ": expected phrase<TAB>category<TAB>direction");
    const std::string& dir = fields[2];
    const Direction direction = dir == "forward" ? Direction::forward : dir == "backward" ? Direction::backward
                              : dir == "bidirectional" ? Direction::bidirectional : dir == "terminate" ? Direction::terminate
                              : dir == "pseudo" ? Direction::pseudo : throw std::runtime_error(where + ": unknown direction '" + dir + "'");
    const std::string key = phrase_key(fields[0]);
    if (key.empty()) return;
    prefixes_.add(key);
    auto& rules = rules_[key];
    // "denies" and "deny" fold to one key: keep one rule per category.
    if (std::none_of(rules.begin(), rules.end(), [&](const Rule& r) { return r.category == fields[1]; }))
      rules.push_back({fields[1], direction, fields[0]});
  });
}

std::vector<TriggerMatch> ContextRules::find(const std::vector<Token>& tokens) const {
  std::vector<TriggerMatch> out;
  for (std::size_t i = 0; i < tokens.size();) {
    // Longest match wins, so "no increase" (pseudo) hides "no", and "cannot rule out" hides "rule out".
    const auto [rules, last] = longest_at(tokens, i, prefixes_, rules_);
    if (rules)
      for (const auto& rule : *rules) out.push_back({i, last, rule.category, rule.direction, rule.phrase});
    i = rules ? last + 1 : i + 1;
  }
  return out;
}

Assertion assert_mention(std::size_t first, std::size_t last, const std::vector<TriggerMatch>& triggers, const ScopeOptions& scope) {
  Assertion a;
  const auto blocked = [&](std::size_t from, std::size_t to) {  // a terminator strictly between
    for (const auto& t : triggers)
      if (t.direction == Direction::terminate && t.first > from && t.last < to) return true;
    return false;
  };
  for (const auto& t : triggers) {
    if (t.direction == Direction::terminate || t.direction == Direction::pseudo) continue;
    if (t.last >= first && t.first <= last) continue;  // inside the mention itself
    bool applies = false;
    if (t.last < first && (t.direction == Direction::forward || t.direction == Direction::bidirectional))
      applies = first - t.last <= scope.forward_window && !blocked(t.last, first);
    if (t.first > last && (t.direction == Direction::backward || t.direction == Direction::bidirectional))
      applies = t.first - last <= scope.backward_window && !blocked(last, t.first);
    if (!applies) continue;
    if (t.category == "negation") a.negated = true;
    else if (t.category == "uncertainty") a.uncertain = true;
    else if (t.category == "hypothetical") a.hypothetical = true;
    else if (t.category == "historical") a.historical = true;
    else if (t.category == "family") a.experiencer = "family";
    else if (t.category == "other_experiencer") a.experiencer = "other";
    else continue;
    a.triggers.push_back(&t);
  }
  return a;
}

}  // namespace chartflow::mentions
