#include "site_refinement.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

namespace chartflow::coding {
namespace {

// A title's words, lower case, letters only ("upper-outer" is "upper" and "outer"). Remembered
// per thread: a category's sibling titles are read again for every code refined in it.
const std::set<std::string>& title_words(std::string_view title) {
  thread_local std::unordered_map<std::string, std::set<std::string>> cache;
  if (const auto it = cache.find(std::string(title)); it != cache.end()) return it->second;
  std::set<std::string> out;
  std::string word;
  for (const char raw : std::string(title) + " ") {
    const char c = static_cast<char>(raw >= 'A' && raw <= 'Z' ? raw - 'A' + 'a' : raw);
    if (c >= 'a' && c <= 'z') {
      word += c;
      continue;
    }
    if (word.size() >= 3) out.insert(word);
    word.clear();
  }
  return cache.emplace(std::string(title), std::move(out)).first->second;
}

std::string_view side_of(const std::set<std::string>& words) {
  if (words.contains("bilateral")) return "bilateral";
  if (words.contains("left")) return "left";
  if (words.contains("right")) return "right";
  return "";
}

// Whether `context` states `word` other than as denied: "mild RLQ tenderness, no rebound" names
// no rebound tenderness (R10.82-).
bool states(std::string_view context, std::string_view word) {
  for (std::size_t at = words::find(context, word); at != std::string_view::npos; at = words::find(context, word, at + word.size())) {
    const std::string_view before = context.substr(0, at);
    if (!before.ends_with("no ") && !before.ends_with("without ") && !before.ends_with("non-") && !before.ends_with("non ")) return true;
  }
  return false;
}

bool is_side_or_sex(const std::string& word) {
  return word == "left" || word == "right" || word == "bilateral" || word == "female" || word == "male";
}

}  // namespace

std::string with_site_abbreviations(std::string context) {
  static const std::pair<const char*, const char*> kLobes[] = {{"rul", " right upper lobe"}, {"rml", " right middle lobe"}, {"rll", " right lower lobe"},
                                                               {"lul", " left upper lobe"},  {"lll", " left lower lobe"},
                                                               // and the abdomen's quadrants (R10.813 for "RLQ tenderness")
                                                               {"rlq", " right lower quadrant"}, {"llq", " left lower quadrant"},
                                                               {"ruq", " right upper quadrant"}, {"luq", " left upper quadrant"}};
  for (const auto& [abbreviation, words] : kLobes)
    if (words::contains(context, abbreviation)) context += words;
  // The Tabular says "intraductal" (D05.1-) where charts say "ductal carcinoma in situ" or DCIS.
  if (words::contains(context, "ductal carcinoma in situ") || words::contains(context, "dcis")) context += " intraductal";
  return context;
}

std::optional<std::string> site_sibling(const CodeSet& set, const std::string& code, const std::string& context, std::string_view side) {
  const CodeInfo* info = set.find(code);
  if (!info || code.size() < 3) return std::nullopt;
  const std::string_view title(info->title);
  if (title.find("unspecified part") == std::string_view::npos && title.find("unspecified site") == std::string_view::npos) return std::nullopt;
  const auto& own = title_words(info->title);
  const bool female = own.contains("female"), male = own.contains("male");
  std::optional<std::string> best;
  std::size_t best_rank = 0;
  bool tie = false;
  set.for_each([&](const std::string& sibling, const CodeInfo& s) {
    if (!sibling.starts_with(code.substr(0, 3))) return false;
    if (sibling == code || !s.billable) return true;
    const auto& words = title_words(s.title);
    // A sibling naming another side is out; one naming none (a stomach, an overlapping site)
    // stays, behind one naming the text's side.
    const std::string_view sibling_side = side_of(words);
    if ((!sibling_side.empty() && sibling_side != side) || words.contains("female") != female || words.contains("male") != male) return true;
    std::size_t added = 0;
    for (const auto& w : words) {
      if (own.contains(w) || is_side_or_sex(w)) continue;
      if (w == "unspecified" || !states(context, w)) return true;  // a word the chart does not state
      ++added;
    }
    if (added == 0) return true;
    const std::size_t rank = 2 * added + (sibling_side == side ? 1 : 0);
    if (rank > best_rank) best = sibling, best_rank = rank, tie = false;
    else if (rank == best_rank) tie = true;
    return true;
  }, code.substr(0, 3));
  if (tie) return std::nullopt;
  return best;
}

}  // namespace chartflow::coding
