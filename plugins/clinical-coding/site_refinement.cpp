#include "site_refinement.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::coding {
namespace {

// Whether `context` states `word` other than as denied: "mild RLQ tenderness, no rebound" names
// no rebound tenderness (R10.82-).
bool states(std::string_view context, std::string_view word) {
  for (std::size_t at = words::find(context, word); at != std::string_view::npos; at = words::find(context, word, at + word.size())) {
    const std::string_view before = context.substr(0, at);
    if (!before.ends_with("no ") && !before.ends_with("without ") && !before.ends_with("non-") && !before.ends_with("non ")) return true;
  }
  return false;
}

// The words of `context` (letters and digits), sorted: most title words of a category's siblings
// are nowhere in the sentence, and a lookup says so without scanning the sentence for each.
std::vector<std::string_view> words_in(std::string_view context) {
  std::vector<std::string_view> out;
  words::for_each_word(context, [&](std::string_view word) { out.push_back(word); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool is_side_or_sex(const std::string& word) {
  return word == "left" || word == "right" || word == "bilateral" || word == "female" || word == "male";
}

// A sibling that drops words of the code's own condition names another condition, not its
// site: I21.3 "ST elevation (STEMI) myocardial infarction of unspecified site" is neither I21.9
// "Acute myocardial infarction, unspecified" (the chart says "acute") nor I21.A1 "Myocardial
// infarction type 2" (it says "type 1").
bool another_condition(const CodeSet::TitledCode& own, const CodeSet::TitledCode& sibling) {
  return std::any_of(own.words.begin(), own.words.end(), [&](const std::string& w) {
    return w != "unspecified" && w != "site" && w != "part" && w != "joint" && !is_side_or_sex(w) && !sibling.says(w);
  });
}

// The Tabular's musculoskeletal sites are regions: a toe or its joint is in the "ankle and foot"
// (M10.071 for "gout, right first MTP joint"), a finger in the "hand".
std::string with_joint_regions(std::string context) {
  static constexpr std::string_view kFoot[] = {"toe", "toes", "hallux", "mtp", "metatarsophalangeal", "metatarsal", "podagra", "midfoot", "forefoot", "hindfoot"};
  static constexpr std::string_view kHand[] = {"finger", "fingers", "thumb", "mcp", "metacarpophalangeal", "metacarpal", "knuckle"};
  const auto in = [](const auto& list, std::string_view w) { return std::find(std::begin(list), std::end(list), w) != std::end(list); };
  bool foot = false, hand = false;
  words::for_each_word(context, [&](std::string_view w) {
    foot = foot || in(kFoot, w);
    hand = hand || in(kHand, w);
  });
  if (foot) context += " ankle and foot";
  if (hand) context += " hand";
  return context;
}

}  // namespace

namespace {

// "acute R mastoiditis", "L knee effusion": a side by its initial, standing alone before a word
// (not "2 L of saline", "r/o", "L4-L5").
std::string sides_by_initial(std::string_view context) {
  std::string out;
  const auto letter = [&](std::size_t k) { return k < context.size() && std::isalpha(static_cast<unsigned char>(context[k])); };
  const auto digit = [&](std::size_t k) { return k < context.size() && std::isdigit(static_cast<unsigned char>(context[k])); };
  for (std::size_t i = 0; i + 2 < context.size(); ++i) {
    if ((context[i] != 'r' && context[i] != 'l') || context[i + 1] != ' ' || !letter(i + 2)) continue;
    if (i > 0 && context[i - 1] != ' ' && context[i - 1] != '(') continue;
    if (i >= 2 && context[i - 1] == ' ' && digit(i - 2)) continue;  // "2 l of normal saline"
    const std::string_view before = context.substr(0, i);
    if (before.ends_with("dr ") || before.ends_with("dr. ")) continue;  // a physician's initial: "Dr. L Chen"
    const char* side = context[i] == 'r' ? " right" : " left";
    if (out.find(side) == std::string::npos) out += side;
  }
  // Both initials ("R and L lower extremity edema", a list of sites) say no one side; a sentence
  // that spells a side out is read by its words.
  if (out.size() > 6 || words::contains(context, "right") || words::contains(context, "left") || words::contains(context, "bilateral")) return {};
  return out;
}

}  // namespace

std::string with_site_abbreviations(std::string context) {
  static constexpr std::pair<std::string_view, std::string_view> kLobes[] = {{"rul", " right upper lobe"}, {"rml", " right middle lobe"}, {"rll", " right lower lobe"},
                                                               {"lul", " left upper lobe"},  {"lll", " left lower lobe"},
                                                               // and the abdomen's quadrants (R10.813 for "RLQ tenderness")
                                                               {"rlq", " right lower quadrant"}, {"llq", " left lower quadrant"},
                                                               {"ruq", " right upper quadrant"}, {"luq", " left upper quadrant"}};
  // One pass over the sentence's words rather than a search of it per abbreviation: which of
  // them it holds (bit i for kLobes[i]), and whether it says "dcis" or "ductal".
  unsigned found = 0;
  bool dcis = false, ductal = false;
  words::for_each_word(context, [&](std::string_view word) {
    if (word.size() == 3)
      for (std::size_t k = 0; k < std::size(kLobes); ++k)
        if (word == kLobes[k].first) found |= 1u << k;
    dcis = dcis || word == "dcis";
    ductal = ductal || word == "ductal";
  });
  std::string added;
  for (std::size_t k = 0; k < std::size(kLobes); ++k)
    if (found & (1u << k)) added += kLobes[k].second;
  // The Tabular says "intraductal" (D05.1-) where charts say "ductal carcinoma in situ" or DCIS.
  if (dcis || (ductal && words::contains(context, "ductal carcinoma in situ"))) added += " intraductal";
  if (says_both_sides(context)) added += " bilateral";
  added += sides_by_initial(context);
  return context += added;
}

bool says_both_sides(std::string_view text) {
  static constexpr std::string_view kPaired[] = {"eyes",  "ears",     "knees",  "hips",  "shoulders", "elbows",      "wrists",      "hands",
                                                 "feet",  "ankles",   "legs",   "arms",  "lungs",     "kidneys",     "breasts",     "ovaries",
                                                 "sides", "extremities", "limbs", "thighs", "calves", "lower", "upper", "great", "carotids"};
  // Compared without regard to case, so a clause is read as it stands, without a lowered copy.
  const auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return words::kLower[static_cast<unsigned char>(x)] == y;  // (a table: std::tolower is a call into the locale per byte)
           });
  };
  bool after_both = false, found = false;
  words::for_each_word(text, [&](std::string_view word) {
    if (after_both) found = found || std::any_of(std::begin(kPaired), std::end(kPaired), [&](std::string_view p) { return same(word, p); });
    after_both = same(word, "both");
  });
  return found;
}

std::optional<std::string> site_sibling(const CodeSet& set, const std::string& code, const std::string& sentence, std::string_view side) {
  const CodeInfo* info = set.find(code);
  if (!info || code.size() < 3) return std::nullopt;
  const std::string_view title(info->title);
  // (A joint prosthesis's complication names its joint too: "due to unspecified internal joint
  // prosthesis", T84.50-, beside "due to internal right hip prosthesis", T84.51-.)
  const bool prosthesis = title.find("unspecified internal joint prosthesis") != std::string_view::npos;
  if (title.find("unspecified part") == std::string_view::npos && title.find("unspecified site") == std::string_view::npos && !prosthesis)
    return std::nullopt;
  const std::string category = code.substr(0, 3);
  const auto& siblings = set.category_titles(category);
  const auto self = std::find_if(siblings.begin(), siblings.end(), [&](const CodeSet::TitledCode& t) { return t.code == code; });
  if (self == siblings.end()) return std::nullopt;
  const CodeSet::TitledCode& own = *self;
  const bool female = own.female, male = own.male;
  std::optional<std::string> best;
  std::size_t best_rank = 0;
  bool tie = false;
  // "Rheumatoid arthritis ..., multiple sites (hands, wrists, ankles)": the sibling for multiple
  // sites, not the first region the list names (M06.09, not M06.04-).
  if (words::contains(sentence, "multiple sites") || words::contains(sentence, "multiple joints") || words::contains(sentence, "polyarticular"))
    for (const CodeSet::TitledCode& sibling : siblings)
      if (&sibling != &own && sibling.billable && sibling.says("multiple") && sibling.says("sites") && !another_condition(own, sibling))
        return std::string(sibling.code);
  const std::string regions = code.starts_with('M') ? with_joint_regions(sentence) : std::string();
  const std::string& context = code.starts_with('M') ? regions : sentence;
  const auto context_words = words_in(context);
  for (const CodeSet::TitledCode& sibling : siblings) {
    if (&sibling == &own || !sibling.billable) continue;
    // A sibling naming another side is out; one naming none (a stomach, an overlapping site)
    // stays, behind one naming the text's side.
    const std::string_view sibling_side = sibling.side;
    if ((!sibling_side.empty() && sibling_side != side) || sibling.female != female || sibling.male != male) continue;
    if (another_condition(own, sibling)) continue;
    std::size_t added = 0;
    bool unstated = false;
    for (const auto& w : sibling.words) {
      if (own.says(w) || is_side_or_sex(w)) continue;
      // a word the chart does not state
      if (w == "unspecified" || !std::binary_search(context_words.begin(), context_words.end(), std::string_view(w)) || !states(context, w)) {
        unstated = true;
        break;
      }
      ++added;
    }
    if (unstated || added == 0) continue;
    const std::size_t rank = 2 * added + (sibling_side == side ? 1 : 0);
    if (rank > best_rank) best = std::string(sibling.code), best_rank = rank, tie = false;
    else if (rank == best_rank) tie = true;
  }
  if (tie) return std::nullopt;
  return best;
}

}  // namespace chartflow::coding
