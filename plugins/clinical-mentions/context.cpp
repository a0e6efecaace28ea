#include "context.hpp"

#include "tsv.hpp"

#include <chartflow/byte_scan.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <cctype>
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

std::string_view to_string(TriggerCategory category) {
  switch (category) {
    case TriggerCategory::negation: return "negation";
    case TriggerCategory::uncertainty: return "uncertainty";
    case TriggerCategory::hypothetical: return "hypothetical";
    case TriggerCategory::historical: return "historical";
    case TriggerCategory::family: return "family";
    case TriggerCategory::other_experiencer: return "other_experiencer";
    case TriggerCategory::current: return "current";
    case TriggerCategory::pseudo: return "pseudo";
    case TriggerCategory::terminate: return "terminate";
  }
  return "negation";
}

std::optional<TriggerCategory> parse_trigger_category(std::string_view name) {
  for (const auto category : {TriggerCategory::negation, TriggerCategory::uncertainty, TriggerCategory::hypothetical, TriggerCategory::historical,
                              TriggerCategory::family, TriggerCategory::other_experiencer, TriggerCategory::current, TriggerCategory::pseudo,
                              TriggerCategory::terminate})
    if (to_string(category) == name) return category;
  return std::nullopt;
}

void ContextRules::load_tsv(const std::string& file) {
  read_tsv(file, "context rules", [&](const std::vector<std::string>& fields, const std::string& where) {
    if (fields.size() < 3) throw std::runtime_error(where + ": expected phrase<TAB>category<TAB>direction");
    const std::string& dir = fields[2];
    const Direction direction = dir == "forward" ? Direction::forward : dir == "backward" ? Direction::backward
                              : dir == "bidirectional" ? Direction::bidirectional : dir == "terminate" ? Direction::terminate
                              : dir == "pseudo" ? Direction::pseudo : throw std::runtime_error(where + ": unknown direction '" + dir + "'");
    std::size_t window = 0;
    if (fields.size() > 3 && !fields[3].empty()) {
      try {
        window = std::stoul(fields[3]);
      } catch (const std::exception&) {
        throw std::runtime_error(where + ": window '" + fields[3] + "' is not a number of tokens");
      }
    }
    const auto category = parse_trigger_category(fields[1]);
    if (!category) throw std::runtime_error(where + ": unknown category '" + fields[1] + "'");
    const std::string key = phrase_key(fields[0]);
    if (key.empty()) return;
    auto& rules = rules_[key];
    // "denies" and "deny" fold to one key: keep one rule per category.
    if (std::none_of(rules.begin(), rules.end(), [&](const Rule& r) { return r.category == *category; }))
      rules.push_back({*category, direction, fields[0], window});
  });
}

namespace {

// The text between token k and the one before it (from the text's start for the first).
std::string_view gap_before(const std::vector<Token>& tokens, std::string_view text, std::size_t k) {
  return k == 0 ? text.substr(0, tokens[k].begin) : text.substr(tokens[k - 1].end, tokens[k].begin - tokens[k - 1].end);
}
// The text between token k and the next (which the caller knows is there).
std::string_view gap_after(const std::vector<Token>& tokens, std::string_view text, std::size_t k) {
  return text.substr(tokens[k].end, tokens[k + 1].begin - tokens[k].end);
}
bool starts_a_clause(const std::vector<Token>& tokens, std::string_view text, std::size_t k) {
  return k == 0 || gap_before(tokens, text, k).find_first_of(".:;\n") != std::string_view::npos;
}
bool all_digits(std::string_view w) { return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }); }

// Clause breaks between tokens k and k+1 become terminators spanning [k+1, k]: "strictly
// between" in assert_mention then holds exactly for scopes that cross the break.
void add_clause_breaks(std::vector<TriggerMatch>& out, const std::vector<Token>& tokens, std::string_view text) {
  for (std::size_t k = 0; !text.empty() && k + 1 < tokens.size(); ++k) {
    const std::string_view gap = gap_after(tokens, text, k);
    const bool stop = gap.find('.') != std::string_view::npos && std::isupper(static_cast<unsigned char>(text[tokens[k + 1].begin]));
    if (gap.find(';') != std::string_view::npos || stop) out.push_back({k + 1, k, TriggerCategory::terminate, Direction::terminate, ";", 0});
  }
}

// "No fever, with productive cough", "without chest pain, with dyspnea on exertion": a "with"
// opening a new item of the list says what the patient has; it ends a negation's scope (and no
// other: "history of MI, with stent placement" is still history).
void add_items_with(std::vector<TriggerMatch>& out, const std::vector<Token>& tokens, std::string_view text) {
  for (std::size_t k = 1; !text.empty() && k + 1 < tokens.size(); ++k)
    if (tokens[k].key == "with" && gap_before(tokens, text, k).find(',') != std::string_view::npos)
      out.push_back({k, k, TriggerCategory::negation, Direction::terminate, ", with", 0});
}

// "in 1998", "in 2019": a past year dates what the clause names (historical); so does an age the
// patient was ("a ruptured appendix at age 9", "a pneumothorax in his 20s").
void add_dates(std::vector<TriggerMatch>& out, const std::vector<Token>& tokens) {
  for (std::size_t k = 1; k < tokens.size(); ++k) {
    const std::string& y = tokens[k].key;
    if (tokens[k - 1].key == "in" && y.size() == 4 && all_digits(y) && y >= "1900" && y <= "2099")
      out.push_back({k - 1, k, TriggerCategory::historical, Direction::bidirectional, "in <year>", 0});
  }
  static constexpr std::string_view kDecades[] = {"teens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties"};
  for (std::size_t k = 2; k < tokens.size(); ++k) {
    const std::string& w = tokens[k].key;
    const std::string& before = tokens[k - 1].key;
    if (tokens[k - 2].key == "at" && before == "age" && all_digits(w))
      out.push_back({k - 2, k, TriggerCategory::historical, Direction::bidirectional, "at age <n>", 0});
    const bool decade = (w.size() == 3 && w.back() == 's' && all_digits(std::string_view(w).substr(0, 2))) ||
                        std::find(std::begin(kDecades), std::end(kDecades), w) != std::end(kDecades);
    if (tokens[k - 2].key == "in" && (before == "his" || before == "her" || before == "their") && decade)
      out.push_back({k - 2, k, TriggerCategory::historical, Direction::bidirectional, "in <their> <decade>", 0});
  }
}

bool says_negative(const Token& token) { return token.key == "negative" || token.key == "neg"; }

// "Negative: fever, cough, melena" (a review of systems' label, at the start of its clause):
// the list after the colon is negated, where "negative" after a result ("HIV negative",
// "Rapid strep negative: treat the sore throat") looks back.
bool negative_label_at(const std::vector<Token>& tokens, std::string_view text, std::size_t k) {
  if (text.empty() || k + 1 >= tokens.size() || !says_negative(tokens[k])) return false;
  return gap_after(tokens, text, k).find(':') != std::string_view::npos && starts_a_clause(tokens, text, k);
}

// "Negative chills, negative fever, negative rhinorrhea": a list item that begins with
// "negative" negates the words right after it. Only at an item's start (after a comma, colon or
// clause break) and with nothing but a space before its word: "HIV negative, hepatitis C
// positive" and "Strep: negative, pharyngitis treated" keep looking back.
constexpr std::size_t kItemWindow = 4;
bool negative_item_at(const std::vector<Token>& tokens, std::string_view text, std::size_t k) {
  if (text.empty() || k == 0 || k + 1 >= tokens.size() || !says_negative(tokens[k])) return false;
  return gap_after(tokens, text, k).find_first_not_of(' ') == std::string_view::npos &&
         gap_before(tokens, text, k).find_first_of(",.:;\n") != std::string_view::npos;
}

// "Differential diagnoses: Ruled out pneumothorax, pneumonia, croup": at the head of its clause
// "ruled out" negates the list after it (after a condition it looks back, as its rule says).
bool ruled_out_list_at(const std::vector<Token>& tokens, std::string_view text, std::size_t k) {
  if (text.empty() || k + 2 >= tokens.size() || tokens[k].key != "ruled" || tokens[k + 1].key != "out") return false;
  return starts_a_clause(tokens, text, k);
}

// "HISTORY: Chest pain." is a heading, not a history of chest pain: a bare "history" at the
// start of its clause with a colon right after it is a label (the sections stage reads it).
bool history_heading_at(const std::vector<Token>& tokens, std::string_view text, std::size_t k) {
  if (text.empty() || k + 1 >= tokens.size() || tokens[k].key != "history") return false;
  return gap_after(tokens, text, k).find(':') != std::string_view::npos && starts_a_clause(tokens, text, k);
}

// "POD2 s/p right TKA for primary osteoarthritis": days after this stay's operation, "s/p"
// speaks of this stay; neither the operation nor what it was done for is history.
bool after_postoperative_day(const std::vector<Token>& tokens, std::string_view text, std::size_t k) {
  if (text.empty() || k == 0 || (tokens[k].key != "s" && tokens[k].key != "status")) return false;
  const std::size_t from = k >= 4 ? tokens[k - 4].begin : tokens[0].begin;
  return names_postoperative_day(text.substr(from, tokens[k].begin - from));
}

}  // namespace

std::vector<TriggerMatch> ContextRules::find(const std::vector<Token>& tokens, std::string_view text, const ParenthesisDepth* depths) const {
  std::vector<TriggerMatch> out;
  add_clause_breaks(out, tokens, text);
  add_items_with(out, tokens, text);
  add_dates(out, tokens);
  const auto ids = rules_.word_ids(tokens);
  for (std::size_t i = 0; i < tokens.size();) {
    if (history_heading_at(tokens, text, i)) {
      ++i;
      continue;
    }
    if (negative_label_at(tokens, text, i)) {
      out.push_back({.first = i, .last = i, .category = TriggerCategory::negation, .direction = Direction::forward, .phrase = "negative:", .labels_list = true});
      ++i;
      continue;
    }
    if (ruled_out_list_at(tokens, text, i)) {
      out.push_back({.first = i, .last = i + 1, .category = TriggerCategory::negation, .direction = Direction::forward, .phrase = "ruled out <list>",
                     .labels_list = true});
      i += 2;
      continue;
    }
    // Longest match wins, so "no increase" (pseudo) hides "no", and "cannot rule out" hides "rule out"
    // (and "negative for" the list item's "negative").
    const auto [rules, last] = rules_.longest_at(ids, i);
    if ((!rules || last == i) && negative_item_at(tokens, text, i)) {
      out.push_back({i, i, TriggerCategory::negation, Direction::forward, "negative <item>", kItemWindow});
      ++i;
      continue;
    }
    if (rules)
      for (const auto& rule : *rules)
        if (!(rule.category == TriggerCategory::historical && after_postoperative_day(tokens, text, i)))
          out.push_back({i, last, rule.category, rule.direction, rule.phrase, rule.window});
    i = rules ? last + 1 : i + 1;
  }
  limit_to_parentheses(out, tokens, text, depths);
  return out;
}

NameLines::NameLines(std::string_view text) {
  static constexpr std::string_view kLabels[] = {
      "patient:", "patient name:", "name:", "pt name:", "referring:", "referring physician:", "referring provider:", "attending:",
      "attending physician:", "surgeon:", "assistant:", "anesthesiologist:", "physician:", "provider:", "pathologist:", "radiologist:",
      "ordering:", "ordering physician:", "ordering provider:", "electronically signed", "signed by", "dictated by"};
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::size_t from = start;
    while (from < end && (text[from] == ' ' || text[from] == '\t')) ++from;
    const std::string_view line = text.substr(from, end - from);
    std::size_t shortest = std::string_view::npos;  // the shortest label the line begins with, whatever the case
    for (const std::string_view label : kLabels)
      if (label.size() < shortest && line.size() >= label.size() && std::equal(label.begin(), label.end(), line.begin(), [](char l, char c) {
            return l == static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          }))
        shortest = label.size();
    if (shortest != std::string_view::npos) spans_.emplace_back(from + shortest, end);
    start = end + 1;
  }
}

bool NameLines::contains(std::size_t at) const {
  const auto after = std::upper_bound(spans_.begin(), spans_.end(), at, [](std::size_t p, const auto& span) { return p < span.first; });
  return after != spans_.begin() && at <= std::prev(after)->second;
}

bool names_postoperative_day(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lowered.find("postoperative day") != std::string::npos || lowered.find("post-op day") != std::string::npos) return true;
  for (std::size_t at = lowered.find("pod"); at != std::string::npos; at = lowered.find("pod", at + 1)) {
    if (at > 0 && std::isalpha(static_cast<unsigned char>(lowered[at - 1]))) continue;
    std::size_t k = at + 3;
    while (k < lowered.size() && (lowered[k] == ' ' || lowered[k] == '#')) ++k;
    if (k < lowered.size() && std::isdigit(static_cast<unsigned char>(lowered[k]))) return true;
  }
  return false;
}

ParenthesisDepth::ParenthesisDepth(std::string_view text) {
  // Eight bytes at a time past those holding no parenthesis (find_first_of("()") cost ten times
  // more per byte than a plain loop, and the plain loop was 1% of the text pipeline).
  int d = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size()) {
      const std::uint64_t block = byte_scan::load(text.data() + i);
      if (!byte_scan::has(block, '(') && !byte_scan::has(block, ')')) {
        i += 8;
        continue;
      }
    }
    for (const std::size_t stop = std::min(i + 8, text.size()); i < stop; ++i)
      if (text[i] == '(' || text[i] == ')') {
        d += text[i] == '(' ? 1 : (d > 0 ? -1 : 0);
        after_.emplace_back(i, d);
      }
  }
}

int ParenthesisDepth::before(std::size_t offset) const {
  const auto at = std::lower_bound(after_.begin(), after_.end(), offset, [](const auto& change, std::size_t o) { return change.first < o; });
  return at == after_.begin() ? 0 : std::prev(at)->second;
}

void ContextRules::limit_to_parentheses(std::vector<TriggerMatch>& triggers, const std::vector<Token>& tokens, std::string_view text,
                                        const ParenthesisDepth* depths) {
  // A trigger inside parentheses speaks of what is inside them: "(Hgb 9.8, on no ESA),
  // hyperlipidemia, gout" negates the ESA only. Its forward scope ends at the closing one.
  if (text.empty() || tokens.empty()) return;
  // A caller without the document's depths (a test, the evaluation command) has them worked out here.
  const std::optional<ParenthesisDepth> own = depths ? std::nullopt : std::make_optional<ParenthesisDepth>(text);
  const ParenthesisDepth& at = depths ? *depths : *own;
  const std::size_t first = std::min(tokens.front().begin, text.size()), last = std::min(tokens.back().end, text.size());
  if (at.before(first) == 0 && text.substr(first, last - first).find('(') == std::string_view::npos) return;
  // Tokens hold no parentheses: a token's depth is the depth just before it.
  std::vector<int> depth(tokens.size(), 0);
  for (std::size_t k = 0; k < tokens.size(); ++k) depth[k] = at.before(std::min(tokens[k].begin, text.size()));
  // Where each token's parenthesis closes: the first later token less deep (the token count when
  // none is). One pass from the end, so an unclosed "(" costs no scan to the end per trigger.
  std::vector<std::size_t> closes(tokens.size(), tokens.size()), open;
  for (std::size_t k = tokens.size(); k-- > 0;) {
    while (!open.empty() && depth[open.back()] >= depth[k]) open.pop_back();
    if (!open.empty()) closes[k] = open.back();
    open.push_back(k);
  }
  // ... and a backward one inside them speaks of what is inside too: "MELANOMA IN SITU (lentigo
  // maligna type not favored; ...)" does not deny the melanoma. Where each token's parenthesis
  // opens: the last earlier token less deep.
  std::vector<std::size_t> opens(tokens.size(), tokens.size());
  open.clear();
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    while (!open.empty() && depth[open.back()] >= depth[k]) open.pop_back();
    if (!open.empty()) opens[k] = open.back();
    open.push_back(k);
  }
  for (auto& t : triggers) {
    if (t.direction != Direction::backward || t.first >= tokens.size() || depth[t.first] == 0 || opens[t.first] == tokens.size()) continue;
    if (t.first > opens[t.first] + 1) t.reaches_back_to = opens[t.first] + 1;  // something inside before it: its scope
  }
  for (auto& t : triggers) {
    if (t.direction != Direction::forward && t.direction != Direction::bidirectional) continue;
    if (t.last >= tokens.size() || depth[t.last] == 0) continue;
    const std::size_t close = closes[t.last];
    const std::size_t reach = close - t.last - 1;  // tokens before the closing parenthesis
    // Nothing inside after it: a forward trigger is left be; a two-way one ("(echo last year),
    // hyperlipidemia") looks back only, never past the closing parenthesis.
    if (reach == 0) {
      if (t.direction == Direction::bidirectional) t.direction = Direction::backward;
      continue;
    }
    t.window = t.window ? std::min(t.window, reach) : reach;
    t.reaches_before = close;
  }
}

}  // namespace chartflow::mentions
