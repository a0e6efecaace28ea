// ConText-style assertion: triggers found in a sentence set negation, uncertainty, hypothetical,
// historical and family attributes on the mentions within their scope.
#pragma once

#include "text_tokens.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace chartflow::mentions {

enum class Direction { forward, backward, bidirectional, terminate, pseudo };

struct TriggerMatch {
  std::size_t first = 0, last = 0;  // token indexes, inclusive
  std::string category;             // negation, uncertainty, hypothetical, historical, family, pseudo, terminate
  Direction direction = Direction::forward;
  std::string phrase;
};

struct Assertion {
  bool negated = false, uncertain = false, hypothetical = false, historical = false;
  std::string experiencer = "patient";
  std::vector<const TriggerMatch*> triggers;  // the ones that applied
  std::string status() const;
};

class ContextRules {
 public:
  void load_tsv(const std::string& file);  // phrase, category, direction; throws std::runtime_error
  std::size_t size() const { return rules_.size(); }
  std::vector<TriggerMatch> find(const std::vector<Token>& tokens) const;

 private:
  struct Rule {
    std::string category;
    Direction direction;
    std::string phrase;
  };
  std::unordered_map<std::string, std::vector<Rule>> rules_;
  PhrasePrefixes prefixes_;
};

struct ScopeOptions {
  std::size_t forward_window = 8;   // tokens a forward trigger reaches
  std::size_t backward_window = 5;  // tokens a backward trigger reaches
};

// The assertion of the mention spanning tokens [first, last] given the sentence's triggers.
Assertion assert_mention(std::size_t first, std::size_t last, const std::vector<TriggerMatch>& triggers, const ScopeOptions& scope);

}  // namespace chartflow::mentions
