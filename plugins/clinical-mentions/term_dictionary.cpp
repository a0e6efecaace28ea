#include "term_dictionary.hpp"

#include "tsv.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace chartflow::mentions {
namespace {

std::string system_for(const std::string& kind, const std::string& code) {
  const bool procedure = kind == "procedure" || kind == "medication";
  if (procedure && code.size() == 7) return "ICD-10-PCS";
  // HCPCS Level II: a letter and four digits (ICD-10-CM codes in our files carry a dot).
  if (procedure && code.size() == 5 && std::isupper(static_cast<unsigned char>(code[0])) &&
      std::all_of(code.begin() + 1, code.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return "HCPCS";
  return "ICD-10-CM";
}

// Edit distance of a and b, a swap of two neighbouring letters counting as one edit ("caricnoma":
// optimal string alignment), or max + 1 as soon as it must exceed max (early exit).
std::size_t bounded_edits(std::string_view a, std::string_view b, std::size_t max) {
  if (a.size() > b.size() + max || b.size() > a.size() + max || b.size() >= 64) return max + 1;
  std::array<std::size_t, 64> before{}, previous{}, current{};  // rows i-2, i-1, i
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    std::size_t row_best = current[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) current[j] = std::min(current[j], before[j - 2] + 1);
      row_best = std::min(row_best, current[j]);
    }
    if (row_best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.size()];
}

// How often each letter a-z occurs in `word` (lower-case letters only; counts cap at 255).
std::array<std::uint8_t, 26> letter_counts(std::string_view word) {
  std::array<std::uint8_t, 26> counts{};
  for (const char c : word)
    if (c >= 'a' && c <= 'z' && counts[static_cast<std::size_t>(c - 'a')] < 255) ++counts[static_cast<std::size_t>(c - 'a')];
  return counts;
}

// A lower bound of the edits between two words from their letter counts: an edit changes the
// counts by at most two. Rules most nouns out before the edit distance's table is filled.
std::size_t fewest_edits(const std::array<std::uint8_t, 26>& a, const std::array<std::uint8_t, 26>& b) {
  std::size_t differ = 0;
  for (std::size_t i = 0; i < 26; ++i) differ += static_cast<std::size_t>(a[i] > b[i] ? a[i] - b[i] : b[i] - a[i]);
  return (differ + 1) / 2;
}

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_letter(char c) { return is_lower(c) || (c >= 'A' && c <= 'Z'); }

// An acronym among the ICD-O-3 terms: a display of capitals (and digits and hyphens), where a
// lower-case letter may only be a word of its own ("c-ALL", common acute lymphoblastic leukaemia).
bool acronym(const Term& term) {
  if (term.system != "ICD-O-3" || term.curated) return false;
  const auto& d = term.display;
  const auto alone = [&](std::size_t i) { return (i == 0 || !is_letter(d[i - 1])) && (i + 1 == d.size() || !is_letter(d[i + 1])); };
  for (std::size_t i = 0; i < d.size(); ++i)
    if (is_lower(d[i]) && !alone(i)) return false;
  return std::count_if(d.begin(), d.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) >= 2;
}

// "B. ALL SURGICAL MARGINS ARE FREE", "C. ALL LYMPH NODES": a list's letter before "all", not the
// acronym "B-ALL" (B lymphoblastic leukaemia); an acronym's letters are never parted by a period.
bool parted_by_period(const std::vector<Token>& tokens, std::size_t first, std::size_t last, std::string_view text) {
  for (std::size_t i = first; i < last; ++i)
    if (text.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end).find('.') != std::string_view::npos) return true;
  return false;
}

bool has_lower_case(std::string_view text) { return std::any_of(text.begin(), text.end(), is_lower); }

// Whether a word of two or more letters among tokens [first, last] is written with lower case: an
// acronym's one-letter words may be either ("c-ALL", "B-ALL"), its others never ("C. All").
bool written_in_lower_case(const std::vector<Token>& tokens, std::size_t first, std::size_t last, std::string_view text) {
  for (std::size_t i = first; i <= last; ++i)
    if (tokens[i].end - tokens[i].begin >= 2 && has_lower_case(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin))) return true;
  return false;
}

// Abbreviations that are English words too ("AIDS" / "nursing aids", "CAP" / "knee cap", "PAD" /
// "a gauze pad", "MS" / "Ms. Smith", "CAD" / "a cad", "HIT" / "hit by a car"): a condition only where the chart writes
// them in capitals.
bool english_word_abbreviation(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
  static constexpr std::string_view kWords[] = {"aids", "cap", "pad", "ms", "als", "ra", "cad", "hit", "gad", "dic"};
  return first == last && std::find(std::begin(kWords), std::end(kWords), tokens[first].key) != std::end(kWords);
}

// "MDS-UPDRS part III" (the Movement Disorder Society's Parkinson's rating scale), "ALS-FRS":
// capitals joined by a hyphen to more capitals begin the name of a scale or a body, not the
// condition the first ones stand for alone ("MDS", myelodysplastic syndrome) - unless the
// capitals after the hyphen are a condition too ("HIV-AIDS"; the caller checks).
bool first_letters_of_a_name(const std::vector<Token>& tokens, std::size_t first, std::size_t last, std::string_view text) {
  if (first != last || last + 1 >= tokens.size() || text.empty()) return false;
  const Token& next = tokens[last + 1];
  const auto capitals = [&](const Token& t) {
    const std::string_view w = text.substr(t.begin, t.end - t.begin);
    return w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
  };
  return next.begin == tokens[last].end + 1 && text[tokens[last].end] == '-' && capitals(tokens[last]) && capitals(next) &&
         next.end - next.begin >= 3;
}

// 'A "bag of worms" sensation': words quoted to liken a feeling to something, not a condition
// (the quote closes right after the phrase and "sensation", "feeling" or "appearance" follows).
bool likened_in_quotes(const std::vector<Token>& tokens, std::size_t last, std::string_view text) {
  if (text.empty() || last + 1 >= tokens.size()) return false;
  const std::string_view gap = text.substr(tokens[last].end, tokens[last + 1].begin - tokens[last].end);
  if (gap.find('"') == std::string_view::npos && gap.find("\u201d") == std::string_view::npos) return false;
  static constexpr std::string_view kLikeness[] = {"sensation", "feeling", "appearance"};
  return std::find(std::begin(kLikeness), std::end(kLikeness), tokens[last + 1].key) != std::end(kLikeness);
}

// The character a hyphen right before `at` joins the token to ("25-HCC": '5'), or '\0'.
char glued_by_hyphen(std::string_view text, std::size_t at) {
  return at >= 2 && at <= text.size() && text[at - 1] == '-' ? text[at - 2] : '\0';
}

// "Methamphetamine-induced psychotic disorder", "steroid-induced psychosis": a psychosis the word
// before the hyphen induced, not the index's "induced" (shared) psychotic disorder, F24, which is
// another person's delusion taken on. (The substance's own code says the psychosis.)
bool induced_by_what_precedes(const Term& term, const std::vector<Token>& tokens, std::size_t first, std::string_view text) {
  return term.code == "F24" && tokens[first].key == "induced" && std::isalpha(static_cast<unsigned char>(glued_by_hyphen(text, tokens[first].begin)));
}

// "PE" is a pulmonary embolism, but "PE tubes" are ear tubes (pressure equalization) and "PE:" the
// physical examination's heading: a one-token abbreviation read another way by what follows it.
bool another_sense(const std::vector<Token>& tokens, std::size_t first, std::size_t last, std::string_view text) {
  // A word right before the phrase reads its first word another way:
  // - "ST depression", "reciprocal depression in I and aVL": an ECG finding, not the mood
  //   disorder; "dilated exam with scleral depression": how the retina's periphery is examined;
  // - "right great saphenous vein reflux": a vein's reflux, not gastro-esophageal reflux;
  // - "RV volume overload", "left ventricular volume overload": a heart chamber's load (an ASD's
  //   shunt, a regurgitant valve's), not the body's fluid overload (E87.70).
  struct Sense {
    std::string_view first_word;
    std::array<std::string_view, 8> words_before;  // (unused places empty)
  };
  static constexpr Sense kSenses[] = {{"depression", {"st", "reciprocal", "segment", "pr", "scleral"}},
                                      {"reflux", {"vein", "venous", "saphenous", "valve", "valvular"}},
                                      {"volume", {"rv", "lv", "ventricular", "ventricle", "biventricular", "atrial", "ra", "la"}}};
  for (const Sense& sense : kSenses)
    if (tokens[first].key == sense.first_word)
      return first > 0 && std::find(sense.words_before.begin(), sense.words_before.end(), tokens[first - 1].key) != sense.words_before.end();
  if (first != last) return false;
  // "25-HCC" (25-hydroxycholecalciferol), "1,25-DHCC": capitals glued to a number by a hyphen
  // name a chemical, not the hepatocellular carcinoma "HCC" stands for alone.
  if (const char glued = glued_by_hyphen(text, tokens[first].begin);
      glued >= '0' && glued <= '9' && !has_lower_case(text.substr(tokens[first].begin, tokens[first].end - tokens[first].begin)))
    return true;
  // "ALS ambulance", "ALS crew": advanced life support, not amyotrophic lateral sclerosis.
  if (tokens[first].key == "als") {
    static constexpr std::string_view kService[] = {"ambulance", "unit", "crew", "transport", "team", "protocol", "provider", "medic", "level"};
    return last + 1 < tokens.size() &&
           std::any_of(std::begin(kService), std::end(kService), [&](std::string_view w) { return tokens[last + 1].key == w; });
  }
  if (tokens[first].key != "pe") return false;
  if (last + 1 < tokens.size() && (tokens[last + 1].key == "tube" || tokens[last + 1].key == "tubes")) return true;
  const std::size_t after = tokens[last].end;
  return !text.empty() && after < text.size() && text.substr(after, 2).find(':') != std::string_view::npos;
}

}  // namespace

void TermDictionary::add(const std::string& phrase, Term term) {
  const std::string key = phrase_key(phrase);
  if (key.empty()) return;
  Term* existing = terms_.find(key);
  if (existing && existing->system != term.system) {
    auto& also = existing->also;
    if (std::none_of(also.begin(), also.end(), [&](const Term::Other& o) { return o.system == term.system; }))
      also.push_back({term.system, term.code, term.display});
    return;
  }
  if (existing) term.also = std::move(existing->also);  // a curated override keeps the other vocabularies
  terms_[key] = std::move(term);
}

void TermDictionary::load_tsv(const std::string& file, bool curated, const std::string& default_system) {
  read_tsv(file, "term list", [&](const std::vector<std::string>& fields, const std::string& where) {
    if (fields.size() < 2) throw std::runtime_error(where + ": expected phrase<TAB>code[<TAB>display<TAB>kind<TAB>category]");
    Term term;
    term.code = fields[1];
    term.display = fields.size() > 2 && !fields[2].empty() ? fields[2] : fields[0];
    term.kind = fields.size() > 3 && !fields[3].empty() ? fields[3] : "other";
    term.category = fields.size() > 4 ? fields[4] : "";
    term.system = fields.size() > 5 && !fields[5].empty() ? fields[5] : !default_system.empty() ? default_system : system_for(term.kind, term.code);
    term.curated = curated;
    add(fields[0], std::move(term));
  });
  index_tumour_nouns();
}

void TermDictionary::load_custom_tsv(const std::string& file, const std::string& system) {
  static const std::vector<std::string> kinds = {"diagnosis", "sign_or_symptom", "injury", "neoplasm", "procedure", "medication", "finding"};
  read_tsv(file, "custom term list", [&](const std::vector<std::string>& fields, const std::string& where) {
    if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) throw std::runtime_error(where + ": expected phrase<TAB>category[<TAB>code]");
    Term term;
    term.system = system;
    term.code = fields.size() > 2 && !fields[2].empty() ? fields[2] : fields[1];
    term.display = fields[0];
    term.category = fields[1];
    term.kind = std::find(kinds.begin(), kinds.end(), fields[1]) != kinds.end() ? fields[1] : "other";
    term.curated = true;
    add(fields[0], std::move(term));
  });
  index_tumour_nouns();
}

std::uint32_t TermDictionary::tumour_noun_near(std::string_view word) const {
  // Only words that still end like a tumour noun ("-oma" misread as "-uma", "-omy", "-ona"):
  // most unknown long words ("hemodynamically") are not looked at at all.
  const bool ends_like = word.ends_with("ma") || word.ends_with("my") || word.ends_with("na");
  if (!ends_like || word.size() > 60 || !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return Vocabulary::kUnknown;
  const std::size_t max = word.size() >= 14 ? 2 : 1;
  std::uint32_t best = Vocabulary::kUnknown;
  std::size_t best_edits = max + 1;
  bool tie = false;
  const auto letters = letter_counts(word);
  for (std::size_t n = 0; n < tumour_nouns_.size(); ++n) {
    const std::uint32_t id = tumour_nouns_[n];
    const std::string& noun = terms_.vocabulary().word(id);
    // Both are lower bounds of the edit distance: the lengths' difference, then the letters'.
    if (noun.size() > word.size() + max || word.size() > noun.size() + max || fewest_edits(letters, tumour_noun_letters_[n]) > max) continue;
    const std::size_t edits = bounded_edits(word, noun, max);
    if (edits < best_edits) best = id, best_edits = edits, tie = false;
    else if (edits == best_edits && edits <= max) tie = true;
  }
  return tie ? Vocabulary::kUnknown : best;
}

std::size_t TermDictionary::joined_tumour_noun(std::string_view word) const {
  for (const std::uint32_t id : tumour_nouns_) {
    const std::string& noun = terms_.vocabulary().word(id);
    if (word.size() < noun.size() + 3 || !word.ends_with(noun)) continue;
    const std::string_view first = word.substr(0, word.size() - noun.size());
    if (terms_.vocabulary().find(first) != Vocabulary::kUnknown) return first.size();
  }
  return 0;
}

void TermDictionary::index_tumour_nouns() {
  tumour_nouns_.clear();
  tumour_noun_letters_.clear();
  const Vocabulary& words = terms_.vocabulary();
  for (std::uint32_t id = 0; id < words.size(); ++id)
    if (words.word(id).size() >= 9 && words.word(id).ends_with("oma"))
      tumour_nouns_.push_back(id), tumour_noun_letters_.push_back(letter_counts(words.word(id)));
}

void TermDictionary::split_joined(std::vector<Token>& tokens, std::string_view text) const {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.key.size() < 12 || !t.key.ends_with("oma") || t.end - t.begin != t.key.size() ||
        terms_.vocabulary().find(t.key) != Vocabulary::kUnknown)
      continue;
    const std::string_view raw = text.substr(t.begin, t.end - t.begin);
    if (!std::all_of(raw.begin(), raw.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) continue;
    const std::size_t cut = joined_tumour_noun(t.key);
    if (cut == 0) continue;
    Token second{t.begin + cut, t.end, t.key.substr(cut)};
    tokens[i].end = t.begin + cut;
    tokens[i].key.resize(cut);
    tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(second));
    ++i;
  }
}

std::vector<Match> TermDictionary::match(const std::vector<Token>& tokens, std::string_view text) const {
  std::vector<Match> out;
  auto ids = terms_.word_ids(tokens);
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (ids[i] == Vocabulary::kUnknown && tokens[i].key.size() >= 9) ids[i] = tumour_noun_near(tokens[i].key);
  // A colon or semicolon separates a label from its value ("Skin: dry patches", "ALLERGIES: NKDA"):
  // no phrase reads across one. `barrier[i]`: the first token after i that follows one.
  std::vector<std::size_t> barrier(tokens.size() + 1, tokens.size());
  if (!text.empty())
    for (std::size_t i = tokens.size(); i-- > 1;) {
      const std::string_view gap = text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
      // (a loop, not find_first_of: that calls memchr per byte of a gap of a space or two)
      barrier[i - 1] = std::any_of(gap.begin(), gap.end(), [](char c) { return c == ':' || c == ';' || c == ','; }) ? i : barrier[i];
    }
  for (std::size_t i = 0; i < tokens.size();) {
    auto [term, last] = terms_.longest_at(ids, i, barrier[i]);
    if (term && !text.empty() && (acronym(*term) || english_word_abbreviation(tokens, i, last)) &&
        (written_in_lower_case(tokens, i, last, text) || parted_by_period(tokens, i, last, text)))
      term = nullptr;
    if (term && (another_sense(tokens, i, last, text) || induced_by_what_precedes(*term, tokens, i, text) || likened_in_quotes(tokens, last, text)))
      term = nullptr;
    if (term && first_letters_of_a_name(tokens, i, last, text) && !terms_.longest_at(ids, last + 1, barrier[last + 1]).first) term = nullptr;
    if (term) out.push_back({i, last, term});
    i = term ? last + 1 : i + 1;
  }
  return out;
}

}  // namespace chartflow::mentions
