// Hormone and HER2 receptor status of a breast cancer (Z17): C50 says "use additional code to
// identify estrogen receptor status", and from FY2025 the combined codes (Z17.41-, Z17.42-) report
// hormone receptor and HER2 status together when the chart gives both. Read from the pathology
// report's or the note's own words: "Estrogen receptor (ER): POSITIVE", "ER/PR positive, HER2
// negative", "ER+/PR-/HER2-", "HER2 by FISH: not amplified".
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace chartflow::coding {
namespace {

enum class Status { unknown, positive, negative };

struct Reading {
  Status status = Status::unknown;
  std::size_t begin = 0, end = 0;
};

bool is_name_char(char c) { return words::is_word_char(c); }

// The status stated right after a receptor's name that ends at `at`: a sign joined to the name
// ("ER+", "HER2-"), or a status word after at most a few connecting words ("ER/PR positive",
// "Estrogen receptor (ER): POSITIVE", "HER2 (IHC): NEGATIVE", "HER2 by FISH: not amplified").
// Anything else between (a comma, a test's name: "ER, troponin negative") and it says nothing.
Status status_after(std::string_view text, std::size_t at) {
  if (at < text.size() && text[at] == '+') return Status::positive;
  if (at < text.size() && text[at] == '-' && (at + 1 >= text.size() || !is_name_char(text[at + 1]))) return Status::negative;  // "ER-/PR-"

  static constexpr std::string_view kConnecting[] = {"er", "pr", "pgr", "ihc", "fish", "by", "status", "receptor", "receptors", "is", "was",
                                                     "both", "strongly", "weakly", "focally", "diffusely", "her2", "neu", "score", "and"};
  std::size_t i = at, words_seen = 0;
  while (i < text.size() && words_seen < 6) {
    const char c = text[i];
    if (c == ' ' || c == ':' || c == '/' || c == '(' || c == ')' || c == '-' || c == '=') {
      ++i;
      continue;
    }
    if (!is_name_char(c)) return Status::unknown;
    std::size_t end = i;
    while (end < text.size() && is_name_char(text[end])) ++end;
    const std::string_view word = text.substr(i, end - i);
    if (word == "positive" || word == "pos" || word == "amplified") return Status::positive;
    if (word == "negative" || word == "neg") return Status::negative;
    if (word == "not" && text.substr(end, 10) == " amplified") return Status::negative;
    if (std::find(std::begin(kConnecting), std::end(kConnecting), word) == std::end(kConnecting)) return Status::unknown;
    ++words_seen;
    i = end;
  }
  return Status::unknown;
}

// The first stated status of a receptor under any of its names.
Reading read_receptor(const std::string& lowered, std::initializer_list<std::string_view> names) {
  for (const std::string_view name : names)
    for (std::size_t at = words::find(lowered, name); at != std::string::npos; at = words::find(lowered, name, at + 1))
      if (const Status s = status_after(lowered, at + name.size()); s != Status::unknown) return {s, at, at + name.size()};
  return {};
}

}  // namespace

void Coder::add_receptor_status(std::vector<ProposedCode>& codes, std::string_view text, const std::string& view) const {
  if (!sets_.icd10cm || text.empty() || std::none_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("C50"); }) ||
      std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("Z17"); }))
    return;
  const std::string lowered = words::lower(text);
  const Reading er = read_receptor(lowered, {"estrogen receptor", "er"});
  const Reading pr = read_receptor(lowered, {"progesterone receptor", "pr", "pgr"});
  const Reading her2 = read_receptor(lowered, {"her2", "her-2", "her2/neu", "erbb2"});
  // Hormone receptor positive when either is; negative when every one stated is.
  const Status hormone = er.status == Status::positive || pr.status == Status::positive ? Status::positive
                         : er.status == Status::negative && pr.status != Status::positive ? Status::negative
                                                                                          : Status::unknown;
  std::vector<std::pair<std::string, Reading>> add;
  if (hormone != Status::unknown && her2.status != Status::unknown) {
    const bool her2_positive = her2.status == Status::positive;
    add.emplace_back(hormone == Status::positive ? (her2_positive ? "Z17.410" : "Z17.411") : (her2_positive ? "Z17.420" : "Z17.421"),
                     er.status != Status::unknown ? er : pr);
  } else {
    if (er.status != Status::unknown) add.emplace_back(er.status == Status::positive ? "Z17.0" : "Z17.1", er);
    if (pr.status != Status::unknown) add.emplace_back(pr.status == Status::positive ? "Z17.21" : "Z17.22", pr);
    if (her2.status != Status::unknown) add.emplace_back(her2.status == Status::positive ? "Z17.31" : "Z17.32", her2);
  }
  for (const auto& [code, reading] : add)
    if (sets_.icd10cm->is_billable(code))
      codes.push_back(stated_code(code, 0.85, "receptor status of the breast cancer as the chart states it (C50: use additional code, Z17)", view,
                                  reading.begin, reading.end));
}

}  // namespace chartflow::coding
