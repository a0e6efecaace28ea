// Lists a forward trigger heads: "No hearing loss, tinnitus, ear fullness, double vision, slurred
// speech, numbness or weakness, chest pain or palpitations." A trigger's window counts tokens, and
// a review of systems outruns any window worth having (the window of 8 left "weakness", "chest
// pain" and "palpitations" affirmed above). A list's items are short, though, and that is what
// lets a trigger reach all of them without reaching into the next clause.
#pragma once

#include "text_tokens.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::mentions {

// `listed` with the tokens of every parenthesis that names no condition set as well: a scope
// window counts such an aside as one word, as it counts a mention ("Ruled out: ANCA-associated
// vasculitis (MPO and PR3 negative), anti-GBM disease (negative), lupus nephritis (ANA negative)").
// For TriggerIndex; ListShape reads the asides itself.
std::vector<std::uint8_t> with_asides(const std::vector<Token>& tokens, std::string_view text, std::vector<std::uint8_t> listed);

class ListShape {
 public:
  // Items are split at commas, slashes and at "and", "or", "nor"; a semicolon, colon, bracket or
  // full stop ends a list. `listed` (from listed_tokens) makes each mention count as one word.
  ListShape(const std::vector<Token>& tokens, std::string_view text, const std::vector<std::uint8_t>& listed);

  // When token `first` is in an item that follows a chain of short items (at most kShortItem
  // words each, at most kMostItems of them), the tokens [begin, end] of the item that heads the
  // chain: a trigger in the head or in the chain before `first` reaches it. nullopt otherwise.
  std::optional<std::pair<std::size_t, std::size_t>> head_of(std::size_t first) const;

  // Lists a backward trigger ends: "HIV/HBsAg/RPR negative", "Rapid influenza and COVID-19
  // negative", "RSV, influenza and SARS-CoV-2 negative". When token `first` is in a short item
  // of a chain, the tokens [begin, end] of the chain's last item: a backward trigger there reaches
  // it. Only where a post-posed trigger is a result's: items joined by slashes, or a sentence that
  // names a test (PCR, rapid, swab, culture, screen...); "pneumonia, CHF, troponin negative" is
  // no list of results. nullopt otherwise.
  std::optional<std::pair<std::size_t, std::size_t>> tail_of(std::size_t first) const;

  // Whether a comma and then another mention stand between token `last` (a mention's end) and
  // token `trigger` (a backward trigger after it): "Atypical chest pain, ACS ruled out" rules
  // out the ACS, not the chest pain. "Pulmonary embolism, ruled out by CTA" is not separated.
  bool separated(std::size_t last, std::size_t trigger) const;

  static constexpr std::size_t kShortItem = 3;
  static constexpr std::size_t kMostItems = 30;

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::pair<std::size_t, std::size_t>> head_;  // per token; {kNone, kNone} when none
  std::vector<std::pair<std::size_t, std::size_t>> tail_;  // per token; {kNone, kNone} when none
  std::vector<std::uint8_t> comma_before_;                 // per token: a comma stands in the gap before it
  std::vector<std::uint8_t> listed_;                       // per token: part of a mention
};

}  // namespace chartflow::mentions
