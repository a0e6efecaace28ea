#include "what_if.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace chartflow::drg::stage {
namespace {

// Words that say nothing about which condition a title names.
constexpr std::array<std::string_view, 24> kStopWords = {
    "a", "an", "and", "as", "at", "by", "classified", "due", "elsewhere", "for", "from", "in",
    "nos", "not", "of", "on", "or", "other", "site", "specified", "the", "to", "unspecified", "with"};

using words::lower;

// The content words of a title, plural "s" dropped ("anemias" and "anemia" are one word).
std::set<std::string> title_words(std::string_view title) {
  std::set<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (word.size() > 3 && word.back() == 's' && !word.ends_with("ss") && !word.ends_with("is") && !word.ends_with("us")) word.pop_back();
    if (!word.empty() && std::find(kStopWords.begin(), kStopWords.end(), word) == kStopWords.end()) words.insert(word);
    word.clear();
  };
  for (const char c : lower(title)) {
    if (std::isalnum(static_cast<unsigned char>(c))) word.push_back(c);
    else flush();
  }
  flush();
  return words;
}

bool is_unspecified(std::string_view title) { return lower(title).find("unspecified") != std::string::npos; }

struct Candidate {
  const DxRow* row = nullptr;
  std::string code;  // no dot
  std::string_view title;
  int tier = 1;           // 1: the code's own subcategory; 2: same (grouper) category, title names the condition
  bool residual = false;  // "unspecified ..." / "other ...": not more specific, tried last
  std::size_t shared = 0;
  double similarity = 0;
};

Candidate make_candidate(const DxRow* row, const DxTitles& titles, const std::set<std::string>& coded_words, int tier) {
  Candidate c{row, detail::unpack_code(row->key), {}, tier};
  c.title = titles.title(c.code);
  const std::string title = lower(c.title);
  c.residual = title.starts_with("other") || title.find("unspecified") != std::string::npos;
  const auto words = title_words(c.title);
  for (const auto& w : words) c.shared += coded_words.count(w);
  const std::size_t all = words.size() + coded_words.size() - c.shared;
  c.similarity = all == 0 ? 0 : static_cast<double>(c.shared) / static_cast<double>(all);
  return c;
}

// The CC/MCC forms above the coded one's level, best first: the code's own subcategory (its
// siblings and their children: I50.9 -> I50.x, I50.20 -> I50.2x), then, when titles are loaded,
// codes of the same category or grouper diagnosis category whose title holds every content word
// of the coded one (D64.9 "Anemia, unspecified" -> D62 "Acute posthemorrhagic anemia"). Within a
// tier, specific titles come before "other"/"unspecified" ones, then the closest titles (shared
// words, then the share of all words). Codes already on the claim are no news to the coder and
// are left out.
std::vector<Candidate> candidates(const DrgCatalog& catalog, const DxTitles& titles, const std::string& code, std::string_view coded_title,
                                  int version, const std::set<detail::CodeKey>& on_claim) {
  std::vector<Candidate> out;
  const DxRow* coded = catalog.find(code, version);
  if (!coded || code.size() < 4) return out;
  const auto coded_words = title_words(coded_title);
  std::set<detail::CodeKey> seen = on_claim;
  const auto above = [&](const DxRow* row) { return row->covers(version) && row->level > coded->level && seen.insert(row->key).second; };
  for (const DxRow* row : catalog.with_prefix(std::string_view(code).substr(0, code.size() - 1), version))
    if (above(row)) out.push_back(make_candidate(row, titles, coded_words, 1));
  if (!titles.empty()) {
    auto wider = catalog.with_prefix(std::string_view(code).substr(0, 3), version);
    for (const DxRow* row : catalog.severe_in_category(coded->category)) wider.push_back(row);
    for (const DxRow* row : wider) {
      if (!row->covers(version) || row->level <= coded->level || seen.contains(row->key)) continue;
      // Beyond the subcategory a code is a form of the same condition only when its title
      // names all of it: "Acute posthemorrhagic anemia" for "Anemia, unspecified", not
      // "Hyperosmolality and hypernatremia" for "Fluid overload, unspecified".
      Candidate c = make_candidate(row, titles, coded_words, 2);
      if (!coded_words.empty() && c.shared == coded_words.size() && above(row)) out.push_back(c);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.residual != b.residual) return !a.residual;
    if (a.shared != b.shared) return a.shared > b.shared;
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    return a.row->key < b.row->key;
  });
  return out;
}

std::string hint_for(const std::string& coded, std::string_view coded_title, const Candidate& c, const GroupResult& current,
                     const GroupResult& changed, const DrgCatalog& catalog) {
  const std::string form =
      (c.title.empty() ? std::string("a more specific form") : "'" + std::string(c.title) + "'") + " (" + dotted(c.code) + ")";
  const std::string level = c.row->level == DxLevel::mcc ? "an MCC" : "a CC";
  return "Documentation opportunity, not a code to add: " + dotted(coded) + " (" + std::string(coded_title) +
         ") is coded in an unspecified form. If the provider's documentation supported " + form + ", " + level +
         ", the stay would group to MS-DRG " + std::to_string(changed.final.drg) + " (" +
         std::string(catalog.drg_title(changed.final.drg, changed.version)) + ") instead of " + std::to_string(current.final.drg) +
         ". Query the provider only if the clinical indicators support it; code only what is documented.";
}

}  // namespace

std::string dotted(std::string_view code) {
  std::string out(code);
  if (out.size() > 3 && out.find('.') == std::string::npos) out.insert(3, ".");
  return out;
}

std::vector<WhatIf> what_if(const Grouper& grouper, const DrgCatalog& catalog, const DxTitles& titles, const Claim& claim,
                            const GroupResult& current, const std::vector<std::string>& sdx_titles, const WhatIfOptions& options) {
  std::vector<WhatIf> out;
  if (current.final.return_code != ReturnCode::ok) return out;
  std::set<detail::CodeKey> on_claim{detail::pack_code(current.pdx.code)};
  for (const DiagnosisResult& dx : current.sdx) on_claim.insert(detail::pack_code(dx.code));
  for (std::size_t i = 0; i < claim.sdx.size() && i < sdx_titles.size(); ++i) {
    if (!is_unspecified(sdx_titles[i])) continue;
    std::size_t hints = 0, tries = 0;
    for (const Candidate& c : candidates(catalog, titles, current.sdx[i].code, sdx_titles[i], current.version, on_claim)) {
      if (hints == options.hints_per_diagnosis || tries++ == options.tries_per_diagnosis) break;
      const GroupResult changed = grouper.group_with(claim, CodeSlot{CodeSlot::Kind::sdx, i}, c.code);
      if (changed.final.return_code != ReturnCode::ok || changed.final.drg == current.final.drg) continue;
      out.push_back({i, dotted(c.code), std::string(c.title), c.row->level, changed.final.drg, changed.final.mdc, changed.final.severity,
                     hint_for(current.sdx[i].code, sdx_titles[i], c, current, changed, catalog)});
      ++hints;
    }
  }
  return out;
}

}  // namespace chartflow::drg::stage
