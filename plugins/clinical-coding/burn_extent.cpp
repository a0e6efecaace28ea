// The extent of body surface a chart's burns cover (T31, and T32 for corrosions): the Tabular's
// T20-T25 ask for it ("Use additional code from category T31 or T32 to identify extent of body
// surface involved"). T31.0 is under 10%; from 10% the fourth character is the tens of the total
// and the fifth the tens of the third-degree part ("35% TBSA, 12% full thickness": T31.31).
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace chartflow::coding {
namespace {

struct StatedPercent {
  int value = 0;
  std::size_t begin = 0, end = 0;
};

// The percentage written nearest after or before `at` (within 40 characters): "TBSA ~2%", "2% TBSA",
// "about 1% of the total body surface"; a value of 0 to 100.
std::optional<StatedPercent> percent_near(std::string_view lowered, std::size_t at, std::size_t size) {
  std::optional<StatedPercent> best;
  const std::size_t from = at > 40 ? at - 40 : 0, to = std::min(lowered.size(), at + size + 40);
  for (std::size_t i = lowered.find('%', from); i != std::string_view::npos && i < to; i = lowered.find('%', i + 1)) {
    std::size_t begin = i;
    while (begin > 0 && std::isdigit(static_cast<unsigned char>(lowered[begin - 1]))) --begin;
    if (begin == i || i - begin > 3) continue;
    const int value = std::stoi(std::string(lowered.substr(begin, i - begin)));
    const std::size_t distance = begin > at ? begin - at : at - begin;
    const std::size_t best_distance = best ? (best->begin > at ? best->begin - at : at - best->begin) : std::string_view::npos;
    if (value <= 100 && distance < best_distance) best = StatedPercent{value, begin, i + 1};
  }
  return best;
}

// Where the chart states the total extent: the percentage next to "TBSA" or "body surface".
std::optional<StatedPercent> stated_total(std::string_view lowered) {
  for (const std::string_view name : {"tbsa", "body surface"})
    if (const std::size_t at = words::find(lowered, name); at != std::string_view::npos)
      if (auto percent = percent_near(lowered, at, name.size())) return percent;
  return std::nullopt;
}

// The third-degree part, when the chart gives its percentage ("12% full thickness"); 0 when it
// denies one ("no third-degree component", "no full thickness").
std::optional<int> stated_third_degree(std::string_view lowered) {
  for (const std::string_view name : {"third-degree", "third degree", "full thickness", "full-thickness"})
    if (const std::size_t at = words::find(lowered, name); at != std::string_view::npos) {
      const std::string_view before = lowered.substr(at > 12 ? at - 12 : 0, std::min<std::size_t>(at, 12));
      if (before.find("no ") != std::string_view::npos || before.find("without") != std::string_view::npos) return 0;
      if (const auto percent = percent_near(lowered, at, name.size()); percent && percent->begin + 20 >= at && percent->begin <= at + name.size() + 20)
        return percent->value;
    }
  return std::nullopt;
}

// Whether a code is a burn (T20-T25, fourth character 0-3) or a corrosion (4-7) of a
// body region, at its initial encounter.
enum class Injury { none, burn, corrosion };
Injury burn_kind(const std::string& code) {
  if (code.size() < 5 || code[0] != 'T' || code[1] != '2' || code[2] < '0' || code[2] > '5' || code[3] != '.' || code.back() != 'A') return Injury::none;
  return code[4] <= '3' ? Injury::burn : Injury::corrosion;
}

}  // namespace

void Coder::add_burn_extent(std::vector<ProposedCode>& dx, std::string_view text, std::string_view lowered, const std::string& view) const {
  if (!sets_.icd10cm || std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("T31") || c.code.starts_with("T32"); }))
    return;
  const auto first = std::find_if(dx.begin(), dx.end(), [](const ProposedCode& c) { return burn_kind(c.code) != Injury::none; });
  if (first == dx.end()) return;
  const bool corrosion = burn_kind(first->code) == Injury::corrosion;
  const bool third_degree_coded =
      std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return burn_kind(c.code) != Injury::none && (c.code[4] == '3' || c.code[4] == '7'); });
  const auto total = stated_total(lowered);
  const std::string category = corrosion ? "T32" : "T31";
  std::string code, why;
  if (!total) {
    // No percentage: the extent is the coder's to confirm; under 10% is what a chart that does not
    // give one usually treats (a hand, a forearm, a foot).
    code = category + ".0";
    why = "the chart states no extent of body surface: under 10% assumed; confirm it";
  } else if (total->value < 10) {
    code = category + ".0";
  } else {
    const auto third = third_degree_coded ? stated_third_degree(lowered) : std::optional<int>(0);
    if (!third) return;  // a third-degree part the chart does not measure: the fifth character is unknown
    code = category + "." + std::to_string(std::min(total->value, 99) / 10) + std::to_string(std::min(*third, total->value) / 10);
  }
  if (!sets_.icd10cm->is_billable(code)) return;
  const std::size_t begin = total ? total->begin : first->first_offset, end = total ? total->end : first->first_offset;
  ProposedCode c = stated_code(code, total ? 0.85 : 0.6,
                               std::string("extent of body surface burned beside ") + first->code + (total ? " (" + std::string(text.substr(total->begin, total->end - total->begin)) + ")" : "") +
                                   " (the T20-T25 note: use additional code from T31 or T32)",
                               view, begin, end);
  if (!why.empty()) c.review_reasons.push_back(why);
  dx.push_back(std::move(c));
}

}  // namespace chartflow::coding
