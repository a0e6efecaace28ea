// ICD-10-PCS 027 (Dilation, Heart and Great Vessels, coronary arteries) counts what the chart
// counts: the fourth character is how many coronary arteries were treated (0 one, 1 two, 2
// three, 3 four or more: not how many stents), the sixth how many intraluminal devices went in
// and whether they are drug-eluting (4-7: one to four or more drug-eluting, D-G: one to four or
// more others, Z none), the seventh a bifurcation (6). "PCI with two drug-eluting stents in the
// RCA" is 027035Z; "PCI to the left circumflex with one bare-metal stent" 02703DZ.
#include "coronary_dilation.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>

namespace chartflow::coding {
namespace {

// Each coronary artery by the names charts give it and its branches (a diagonal is the LAD's,
// an obtuse marginal the circumflex's, the PDA the right's).
struct Artery {
  std::string_view name;
  std::array<std::string_view, 8> words;
};
constexpr Artery kArteries[] = {
    {"left anterior descending", {"lad", "left anterior descending", "diagonal", "d1", "d2"}},
    {"circumflex", {"lcx", "circumflex", "circ", "obtuse marginal", "om1", "om2", "om"}},
    {"right coronary", {"rca", "right coronary", "posterior descending", "pda", "posterolateral"}},
    {"left main", {"left main", "lmca"}},
    {"ramus", {"ramus", "ramus intermedius"}},
};

// How many stents the sentence puts in: a count before "stent(s)" ("two drug-eluting stents",
// "2 DES", "a stent", "no stent"); a size is no count ("a 3.5 x 12 mm stent" is one). Plural with no count:
// two at least.
int stent_count(const std::string& s) {
  static constexpr std::pair<std::string_view, int> kNumbers[] = {{"no", 0},  {"one", 1}, {"a", 1}, {"single", 1}, {"two", 2}, {"three", 3}, {"four", 4},
                                                                  {"five", 5}, {"1", 1},   {"2", 2}, {"3", 3},      {"4", 4},   {"5", 5}};
  const auto is_count_at = [&](std::string_view text, std::size_t at, std::string_view word) {
    if (words::find(text, word, at) != at) return false;
    const std::string_view rest = text.substr(at + word.size());
    return !(std::isdigit(static_cast<unsigned char>(word[0])) && (rest.starts_with(".") || rest.starts_with(" x") || rest.starts_with(" mm")));
  };
  for (const std::string_view noun : {"stents", "stent", "des", "bms"}) {
    const std::size_t at = words::find(s, noun);
    if (at == std::string::npos) continue;
    const std::size_t from = at > 40 ? at - 40 : 0;
    const std::string_view before = std::string_view(s).substr(from, at - from);
    std::optional<int> found;
    std::size_t found_at = 0;
    for (const auto& [word, n] : kNumbers)
      for (std::size_t w = before.find(word); w != std::string_view::npos; w = before.find(word, w + 1))
        if (is_count_at(before, w, word) && (!found || w >= found_at)) found = n, found_at = w;
    if (found) return *found;
    return noun == "stents" ? 2 : 1;
  }
  return 0;
}

}  // namespace

std::optional<CoronaryDilation> coronary_dilation(std::string_view sentence) {
  const std::string s = words::lower(sentence);
  std::set<std::string_view> treated;
  for (const auto& artery : kArteries)
    for (const std::string_view w : artery.words)
      if (!w.empty() && words::contains(s, w)) treated.insert(artery.name);
  if (treated.empty()) return std::nullopt;
  const int stents = stent_count(s);
  const bool eluting = words::contains(s, "drug-eluting") || words::contains(s, "drug eluting") || words::contains(s, "des") ||
                       words::contains(s, "everolimus") || words::contains(s, "zotarolimus") || words::contains(s, "sirolimus");
  const bool bare = words::contains(s, "bare-metal") || words::contains(s, "bare metal") || words::contains(s, "bms");
  if (stents > 0 && eluting && bare) return std::nullopt;  // both kinds: the coder reads the devices off the implant log
  const char arteries = static_cast<char>('0' + std::min<std::size_t>(treated.size(), 4) - 1);
  char device = 'Z';
  if (stents > 0) device = static_cast<char>((eluting ? '4' : 'D') + std::min(stents, 4) - 1);
  const char qualifier = words::contains(s, "bifurcation") ? '6' : 'Z';
  std::string rule = "coronary dilation: " + std::to_string(treated.size()) + " arter" + (treated.size() == 1 ? "y" : "ies");
  for (const auto name : treated) rule += std::string(" (") + std::string(name) + ")";
  rule += stents ? ", " + std::to_string(stents) + (eluting ? " drug-eluting" : bare ? " bare-metal" : "") + " stent" + (stents > 1 ? "s" : "")
                 : ", no stent (balloon angioplasty)";
  if (stents > 0 && !eluting && !bare) rule += " (no drug named: intraluminal device)";
  return CoronaryDilation{std::string("027") + arteries + "3" + device + qualifier, std::move(rule)};
}

}  // namespace chartflow::coding
