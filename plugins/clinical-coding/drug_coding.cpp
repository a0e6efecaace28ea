// A drug's poisoning, adverse effect or underdosing (ICD-10-CM T36-T65, Guidelines I.C.19.e):
// read from the words next to a drug the chart names, since the drug itself is no condition
// and no mention says what it did. "Bleeding gastric ulcer due to ibuprofen" is the ulcer and
// T39.315A (adverse effect, after the ulcer); "accidental fentanyl poisoning" is T40.411A
// (poisoning, before what it caused); "self-discontinuation of sertraline" is T43.226A
// (underdosing, never first) with Z91.128 for the intent the chart states. A drug in a
// medication list, a history or a negated sentence says nothing of this encounter.
#include "coder.hpp"

#include "common/words.hpp"

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace chartflow::coding {
namespace {

enum class Effect { poisoning, adverse_effect, underdosing };

struct Word {
  std::size_t begin = 0, end = 0;  // in the text
  std::string text;                // lower case
};

// Letters and digits make words; everything else separates them ("steroid-induced" is
// "steroid" "induced", "R-CHOP" is "r" "chop"), as the drug table's names are read.
std::vector<Word> words_in(std::string_view text, std::size_t from, std::size_t to) {
  std::vector<Word> out;
  const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = from; i < to;) {
    while (i < to && !is_word(text[i])) ++i;
    const std::size_t start = i;
    while (i < to && is_word(text[i])) ++i;
    if (i > start) out.push_back({start, i, words::lower(text.substr(start, i - start))});
  }
  return out;
}

std::string name_key(std::string_view name) {
  std::string key;
  for (const auto& w : words_in(name, 0, name.size())) key += (key.empty() ? "" : " ") + w.text;
  return key;
}

// Cue phrases, as words. A cue before the drug may stand up to `gap` words from it ("due to
// her ibuprofen", "ingestion of approximately 30 tablets of acetaminophen"), never across a
// comma, semicolon or colon.
struct Cue {
  std::array<std::string_view, 3> words;
  Effect effect;
  std::size_t gap;
  // "Off metformin due to cost", "sertraline, stopped 2 months ago on her own": words a provider
  // also uses for a drug held or stopped on purpose, an underdosing only with the patient's reason.
  bool needs_reason = false;
};
constexpr Cue kBefore[] = {
    {{"due", "to"}, Effect::adverse_effect, 2},          {{"secondary", "to"}, Effect::adverse_effect, 2},
    {{"caused", "by"}, Effect::adverse_effect, 2},       {{"related", "to"}, Effect::adverse_effect, 2},
    {{"provoked", "by"}, Effect::adverse_effect, 2},     {{"precipitated", "by"}, Effect::adverse_effect, 2},
    {{"following"}, Effect::adverse_effect, 1},  // "tumor lysis syndrome following chemotherapy"
    {{"attributed", "to"}, Effect::adverse_effect, 2},   {{"side", "effect", "of"}, Effect::adverse_effect, 2},
    {{"side", "effects", "of"}, Effect::adverse_effect, 2}, {{"adverse", "effect", "of"}, Effect::adverse_effect, 2},
    {{"overdose", "of"}, Effect::poisoning, 4},          {{"overdose", "on"}, Effect::poisoning, 4},
    {{"overdosed", "on"}, Effect::poisoning, 4},         {{"overdosed", "with"}, Effect::poisoning, 4},
    {{"poisoning", "by"}, Effect::poisoning, 2},         {{"poisoning", "with"}, Effect::poisoning, 2},
    {{"ingestion", "of"}, Effect::poisoning, 4},         {{"ingested"}, Effect::poisoning, 4},
    {{"self", "discontinuation", "of"}, Effect::underdosing, 2}, {{"self", "discontinued"}, Effect::underdosing, 2},
    {{"stopped", "taking"}, Effect::underdosing, 2},     {{"ran", "out", "of"}, Effect::underdosing, 2},
    {{"not", "taking"}, Effect::underdosing, 2},         {{"not", "been", "taking"}, Effect::underdosing, 2},
    {{"missed"}, Effect::underdosing, 4},                {{"skipped"}, Effect::underdosing, 4},
    {{"noncompliance", "with"}, Effect::underdosing, 2}, {{"noncompliant", "with"}, Effect::underdosing, 2},
    {{"nonadherence", "to"}, Effect::underdosing, 2},    {{"nonadherent", "with"}, Effect::underdosing, 2},
    // "Intentional underdosing (nonadherence) of risperidone"
    {{"nonadherence", "of"}, Effect::underdosing, 2},    {{"noncompliance", "of"}, Effect::underdosing, 2},
    {{"underdosing", "of"}, Effect::underdosing, 2},     {{"off"}, Effect::underdosing, 1, true},
    // "Nausea - from doxycycline" (but not "switched from lisinopril": see cue_before).
    {{"from"}, Effect::adverse_effect, 1},
};
constexpr Cue kAfter[] = {
    {{"induced"}, Effect::adverse_effect, 0},    {{"associated"}, Effect::adverse_effect, 0}, {{"related"}, Effect::adverse_effect, 0}, {{"toxicity"}, Effect::adverse_effect, 0},
    {{"overdose"}, Effect::poisoning, 0},        {{"poisoning"}, Effect::poisoning, 0},       {{"ingestion"}, Effect::poisoning, 0},
    {{"noncompliance"}, Effect::underdosing, 0}, {{"nonadherence"}, Effect::underdosing, 0},  {{"underdosing"}, Effect::underdosing, 0},
    {{"stopped"}, Effect::underdosing, 0, true},
};

std::size_t cue_length(const Cue& cue) {
  return static_cast<std::size_t>(std::count_if(cue.words.begin(), cue.words.end(), [](std::string_view w) { return !w.empty(); }));
}

bool cue_at(const std::vector<Word>& words, std::size_t at, const Cue& cue) {
  const std::size_t n = cue_length(cue);
  if (at + n > words.size()) return false;
  for (std::size_t k = 0; k < n; ++k)
    if (words[at + k].text != cue.words[k]) return false;
  return true;
}

bool has_word(const std::vector<Word>& words, std::size_t from, std::size_t to, std::initializer_list<std::string_view> any) {
  for (std::size_t i = from; i < to && i < words.size(); ++i)
    if (std::find(any.begin(), any.end(), words[i].text) != any.end()) return true;
  return false;
}

struct Statement {
  std::size_t begin = 0, end = 0;  // cue and drug together, in the text
  std::string drug;
  const CoderData::DrugClass* drug_class = nullptr;
  Effect effect = Effect::adverse_effect;
  // "steroid-related glucose monitoring": a "related" that qualifies the noun after it names its
  // effect there, not before it ("Hypokalemia, diuretic-related" names it before).
  bool effect_after_only = false;
  bool needs_reason = false;  // its cue's (Cue::needs_reason)
};

// The drug named at word `at` (longest name first) and how many words it takes.
std::pair<const CoderData::DrugClass*, std::size_t> drug_at(const CoderData& data, const std::vector<Word>& words, std::size_t at) {
  if (data.drug_first_words.find(words[at].text) == Vocabulary::kUnknown) return {nullptr, 0};
  for (std::size_t n = std::min(data.longest_drug_name, words.size() - at); n >= 1; --n) {
    std::string key = words[at].text;
    for (std::size_t k = 1; k < n; ++k) key += " " + words[at + k].text;
    if (const auto it = data.drug_classes.find(key); it != data.drug_classes.end()) return {&it->second, n};
  }
  return {nullptr, 0};
}

// Words between a cue and its drug that say how much or how it was taken.
bool is_filler(const Word& w) {
  static constexpr std::string_view kFillers[] = {"his", "her", "their", "the", "a", "an", "recent", "recently", "chronic", "ongoing", "long",
                                                  "term", "high", "dose", "doses", "home", "daily", "oral", "iv", "intravenous", "prescribed",
                                                  "of", "approximately", "about", "unknown", "amount", "several", "multiple", "tablets", "tablet",
                                                  "pills", "pill", "bottle", "mg", "extra", "systemic", "inhaled", "its", "use", "therapy"};
  return std::all_of(w.text.begin(), w.text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }) ||
         std::find(std::begin(kFillers), std::end(kFillers), w.text) != std::end(kFillers);
}

// A cue before the drug at word `at`, ending at most its gap words before it with no comma,
// semicolon or colon between: its first word's index.
std::optional<std::pair<std::size_t, const Cue*>> cue_before(std::string_view text, const std::vector<Word>& words, std::size_t at) {
  for (const Cue& cue : kBefore) {
    const std::size_t n = cue_length(cue);
    for (std::size_t gap = 0; gap <= cue.gap; ++gap) {
      if (at < n + gap) break;
      const std::size_t first = at - n - gap;
      if (!cue_at(words, first, cue)) continue;
      // A change of drug names the one left, not a cause: "switched from lisinopril to losartan".
      static constexpr std::string_view kChanges[] = {"switched", "changed", "transitioned", "converted", "weaned", "withdrawal", "tapered", "off"};
      if (cue.words[0] == "from" && first > 0 && std::find(std::begin(kChanges), std::end(kChanges), words[first - 1].text) != std::end(kChanges)) break;
      const std::string_view between = text.substr(words[first + n - 1].end, words[at].begin - words[first + n - 1].end);
      if (between.find_first_of(",;:") != std::string_view::npos) break;
      // Only words that say how the drug was taken may stand between ("due to AKI plus
      // spironolactone" names another cause first).
      if (!std::all_of(words.begin() + static_cast<std::ptrdiff_t>(first + n), words.begin() + static_cast<std::ptrdiff_t>(at), is_filler)) break;
      return std::pair{first, &cue};
    }
  }
  return std::nullopt;
}

// The cue of kAfter standing at word `at`, joined to the word before it (no dash between clauses,
// no comma unless the cue needs the patient's reason), or nullptr.
const Cue* cue_right_after(std::string_view text, const std::vector<Word>& words, std::size_t at) {
  if (at == 0 || at >= words.size()) return nullptr;
  const std::string_view gap = text.substr(words[at - 1].end, words[at].begin - words[at - 1].end);
  for (const Cue& cue : kAfter)
    if (gap.find(" - ") == std::string_view::npos && (gap.find(',') == std::string_view::npos || cue.needs_reason) && cue_at(words, at, cue)) return &cue;
  return nullptr;
}

// What the sentence says a named drug did, one statement per drug named with a cue.
// "exposure to", "exposed to", "splash(ed) (with)" within a few words before word `at`: where the
// exposure statement begins.
std::optional<std::size_t> exposure_before(const std::vector<Word>& words, std::size_t at) {
  static constexpr std::string_view kExposure[] = {"exposure", "exposed", "splash", "splashed", "sprayed", "contact"};
  for (std::size_t k = at; k > 0 && at - k < 4; --k)
    if (std::find(std::begin(kExposure), std::end(kExposure), words[k - 1].text) != std::end(kExposure)) return k - 1;
  return std::nullopt;
}

// Whether `gap` (the text between two drugs) only lists them: ", ", " and ", ", and ", "/", " or ".
bool only_lists(std::string_view gap) {
  static constexpr std::string_view kJoints[] = {", and ", " and ", ", ", "/", " or "};
  return std::find(std::begin(kJoints), std::end(kJoints), gap) != std::end(kJoints);
}

std::vector<Statement> drug_statements(const CoderData& data, std::string_view text, const std::vector<Word>& words) {
  std::vector<Statement> out;
  std::size_t listed_after = std::string_view::npos;  // where the drug just before ended, when it was a cause (out.back())
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto [drug_class, n] = drug_at(data, words, i);
    if (!drug_class) continue;
    Statement s{words[i].begin, words[i + n - 1].end, words[i].text, drug_class, Effect::adverse_effect};
    for (std::size_t k = 1; k < n; ++k) s.drug += " " + words[i + k].text;
    bool found = false;
    if (listed_after != std::string_view::npos && listed_after <= words[i].begin &&
        only_lists(text.substr(listed_after, words[i].begin - listed_after))) {
      // The next drug of a list after one cue: "Immunosuppressed state due to tacrolimus,
      // mycophenolate, prednisone" names three causes.
      s.begin = out.back().begin, s.effect = out.back().effect, found = true;
    } else if (const auto before = cue_before(text, words, i)) {
      s.begin = words[before->first].begin, s.effect = before->second->effect, s.needs_reason = before->second->needs_reason, found = true;
      // "Precipitated by insulin underdosing": the word after the drug says what it did; the cue
      // before it only links that to the condition.
      if (const Cue* after = cue_right_after(text, words, i + n); after && after->effect != Effect::adverse_effect && s.effect == Effect::adverse_effect)
        s.end = words[i + n].end, s.effect = after->effect, s.needs_reason = after->needs_reason;
    } else if (const auto exposure = exposure_before(words, i); exposure && drug_class->kind == CoderData::DrugKind::toxic) {
      // A chemical is never prescribed: "accidental exposure to sodium hydroxide drain cleaner",
      // "splashed with oven cleaner" is its toxic effect (a medicine's "exposure" is no poisoning).
      s.begin = words[*exposure].begin, s.effect = Effect::poisoning, found = true;
    } else if (i + n < words.size()) {
      // Joined to the drug ("steroid-induced", "statin associated"), not across a dash between
      // clauses ("on levothyroxine - associated autoimmune condition"); a cue that needs the
      // patient's reason may follow a comma ("on sertraline, stopped 2 months ago on her own").
      if (const Cue* cue = cue_right_after(text, words, i + n)) {
        s.end = words[i + n].end, s.effect = cue->effect, s.needs_reason = cue->needs_reason, found = true;
        if (cue->words.front() == "related" && i + n + 1 < words.size()) {
          const std::string_view next_gap = text.substr(words[i + n].end, words[i + n + 1].begin - words[i + n].end);
          s.effect_after_only = next_gap.find_first_not_of(" -") == std::string_view::npos;
        }
      }
    }
    // Nobody prescribes heroin or alcohol: only their poisoning is coded.
    listed_after = std::string_view::npos;
    if (found && (drug_class->kind == CoderData::DrugKind::prescribed || s.effect == Effect::poisoning)) {
      listed_after = s.end;
      out.push_back(std::move(s));
    }
    i += n - 1;
  }
  return out;
}

// Words before the statement that take it out of this encounter: a negation, a history, or
// (outpatient, I.C.19 and IV.H) an uncertain cause.
bool not_this_encounter(std::string_view text, const std::vector<Word>& words, std::size_t first_word, Policy policy) {
  std::size_t from = first_word > 8 ? first_word - 8 : 0;
  // Within the statement's clause: "HHS ..., without coma, precipitated by underdosing of
  // metformin" and "DKA without coma - precipitated by insulin underdosing" deny the coma, not
  // the underdosing.
  for (std::size_t i = first_word; i > from; --i)
    if (const std::string_view gap = text.substr(words[i - 1].end, words[i].begin - words[i - 1].end);
        gap.find_first_of(",;") != std::string_view::npos || gap.find(" - ") != std::string_view::npos) {
      from = i;
      break;
    }
  // ("hematuria is not attributed to anticoagulation": the cue's own "not")
  if (has_word(words, from, first_word, {"no", "not", "denies", "denied", "without", "negative", "history", "hx", "prior", "previous", "remote", "ruled"}))
    return true;
  return policy == Policy::outpatient &&
         has_word(words, from, first_word, {"possible", "possibly", "probable", "suspected", "suspect", "likely", "questionable", "concern"});
}

char poisoning_intent(const std::vector<Word>& words) {
  if (has_word(words, 0, words.size(), {"intentional", "intentionally", "suicide", "suicidal", "deliberate", "harm"})) return '2';
  if (has_word(words, 0, words.size(), {"assault", "assaulted"})) return '3';
  if (has_word(words, 0, words.size(), {"undetermined"})) return '4';
  return '1';  // intent unknown or unspecified: accidental (I.C.19.e.5.b)
}

// Carbon monoxide's category says where it came from (T58.0 motor vehicle exhaust, T58.1 utility
// gas, T58.2 other domestic fuels); T58.9, source unspecified, only when the sentence names none.
std::string with_toxic_source(const std::string& stem, const std::vector<Word>& words) {
  if (stem != "T58.9") return stem;
  if (has_word(words, 0, words.size(), {"exhaust"})) return "T58.0";
  if (has_word(words, 0, words.size(), {"utility"})) return "T58.1";
  if (has_word(words, 0, words.size(), {"kerosene", "coal", "charcoal", "wood"})) return "T58.2";
  return stem;
}

// The patient's reason for underdosing, when the sentence gives one (Z91.12-, Z91.13-).
std::optional<std::pair<std::string, std::string>> underdosing_intent(const std::vector<Word>& words) {
  // ("Could not afford it" is the cost; "not cost-related" a reason denied, none.)
  if (has_word(words, 0, words.size(), {"afford"})) return std::pair{"Z91.120", "cost"};
  for (std::size_t k = 0; k < words.size(); ++k)
    if (has_word(words, k, k + 1, {"cost", "costs", "financial", "insurance"}) && !has_word(words, k >= 2 ? k - 2 : 0, k, {"not", "no"}))
      return std::pair{"Z91.120", "cost"};
  if (has_word(words, 0, words.size(), {"forgot", "forgets", "forgetful", "confused", "confusion", "misunderstood"}))
    return std::pair{"Z91.138", "unintentional"};
  if (has_word(words, 0, words.size(), {"self", "own", "chose", "decided", "refused", "refuses", "intentional", "intentionally"}))
    return std::pair{"Z91.128", "intentional"};
  return std::nullopt;
}

// Whether the condition at `e` is the one the statement says the drug caused: right before
// its cue or right after it, with no sentence break, semicolon or other clause between.
bool names_the_effect(std::string_view text, const Evidence& e, const Statement& s) {
  constexpr std::size_t kClause = 80;
  const auto clean = [&](std::size_t from, std::size_t to) {
    const std::string_view between = text.substr(from, to - from);
    return between.find_first_of(";\n") == std::string_view::npos && between.find(". ") == std::string_view::npos;  // "1.5 cm" stays one clause
  };
  if (s.effect_after_only && e.begin < s.end) return false;  // "steroid-related glucose monitoring"
  if (e.end <= s.begin) return s.begin - e.end <= kClause && clean(e.end, s.begin);
  if (e.begin >= s.end) return e.begin - s.end <= kClause / 2 && clean(s.end, e.begin);
  // Overlapping: inside the statement, or a mention that holds its cue ("Immunosuppression due to"
  // before "rituximab").
  return e.end <= s.end;
}

// The condition a statement names by a bare noun the chart codes in full elsewhere ("Ulcer
// attributed to ibuprofen", "NSAID-induced ulcer" beside the coded bleeding duodenal ulcer): the
// noun right before the statement or right after it, when exactly one coded condition's title
// holds it.
std::vector<ProposedCode>::iterator effect_by_its_noun(std::vector<ProposedCode>& codes, const CodeSet& set, const std::vector<Word>& words,
                                                       const Statement& s) {
  std::string noun;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].end <= s.begin && (i + 1 == words.size() || words[i + 1].begin >= s.begin)) noun = words[i].text;
    if (words[i].begin >= s.end) {
      if (noun.empty()) noun = words[i].text;
      break;
    }
  }
  if (noun.size() > 4 && noun.back() == 's') noun.pop_back();  // "ulcers"
  if (noun.size() < 4) return codes.end();
  auto found = codes.end();
  for (auto c = codes.begin(); c != codes.end(); ++c) {
    if (c->system != "ICD-10-CM" || c->code.starts_with("T") || c->code.starts_with("Z")) continue;
    const CodeInfo* info = set.find(c->code);
    if (!info || !words::contains(words::lower(info->title), noun)) continue;
    if (found != codes.end()) return codes.end();  // two conditions of that name: the noun names neither
    found = c;
  }
  return found;
}

// "NSAID-induced ulcer - ibuprofen": the class's "other" code (T39.395A) gives way to the drug's
// own of that class (T39.315A) for the same effect; so does an unspecified narcotic's (T40.60-,
// "opioid overdose") to the opioid the chart names ("fentanyl overdose", T40.41-), and a
// category's unspecified substance ("toxic alcohol ingestion", T51.91XA) to the one of that
// category the chart names ("methanol", T51.1X2A), whatever intent each statement gave.
void drop_class_beside_its_drug(std::vector<ProposedCode>& codes) {
  const auto effect = [](const std::string& c) { return std::isdigit(static_cast<unsigned char>(c[6])) ? c[6] : c[5]; };
  const auto unspecified_narcotic = [](const std::string& c) { return c.starts_with("T40.60"); };
  const auto unspecified_substance = [](const std::string& c) { return c[4] == '9' && c[5] != '9'; };  // T51.91XA, T38.905A; not "other" T38.99-
  std::erase_if(codes, [&](const ProposedCode& other) {
    if (other.code.size() < 8 || other.code[0] != 'T') return false;
    if (unspecified_substance(other.code) && is_poisoning(other.code))
      if (std::any_of(codes.begin(), codes.end(), [&](const ProposedCode& c) {
            return &c != &other && c.code.size() >= 8 && c.code.compare(0, 4, other.code, 0, 4) == 0 && c.code[4] != '9' && is_poisoning(c.code);
          }))
        return true;
    if (unspecified_narcotic(other.code))
      return std::any_of(codes.begin(), codes.end(), [&](const ProposedCode& c) {
        return &c != &other && c.code.size() >= 8 && c.code.starts_with("T40.") && !c.code.starts_with("T40.6") && effect(c.code) == effect(other.code);
      });
    if (other.code[5] != '9') return false;
    return std::any_of(codes.begin(), codes.end(), [&](const ProposedCode& c) {
      return &c != &other && c.code.size() >= 8 && c.code.compare(0, 5, other.code, 0, 5) == 0 && c.code[5] != '9' && effect(c.code) == effect(other.code);
    });
  });
}

// Beyond histories and lists: a review of systems, an immunization record and discharge
// instructions name drugs too, never what one did in this encounter.
constexpr std::string_view kNoDrugEffects[] = {"review_of_systems", "immunizations", "discharge_instructions"};

const char* effect_name(Effect e) {
  switch (e) {
    case Effect::poisoning: return "poisoning";
    case Effect::adverse_effect: return "adverse effect";
    default: return "underdosing";
  }
}

}  // namespace

bool is_poisoning(const std::string& code) {
  if (code.size() < 8 || code[0] != 'T' || code.compare(0, 3, "T36") < 0 || code.compare(0, 3, "T65") > 0) return false;
  const char intent = std::isdigit(static_cast<unsigned char>(code[6])) ? code[6] : code[5];
  return intent >= '1' && intent <= '4';
}

bool is_adverse_effect_or_underdosing(const std::string& code) {
  if (code.size() < 8 || code[0] != 'T' || code.compare(0, 3, "T36") < 0 || code.compare(0, 3, "T50") > 0) return false;
  const char effect = std::isdigit(static_cast<unsigned char>(code[6])) ? code[6] : code[5];
  return effect == '5' || effect == '6';
}

void CoderData::load_drug_classes(const std::string& file) {
  sdk::read_tsv(file, "drug classes", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 3 || f[0].empty() || f[1].size() < 5 || f[1][0] != 'T' || (f[2] != "prescribed" && f[2] != "illicit" && f[2] != "toxic"))
      throw std::runtime_error(where + ": expected drug<TAB>T-code stem (T39.31)<TAB>prescribed|illicit|toxic");
    const DrugKind kind = f[2] == "prescribed" ? DrugKind::prescribed : f[2] == "illicit" ? DrugKind::illicit : DrugKind::toxic;
    const std::string key = name_key(f[0]);
    drug_classes[key] = {f[1], kind};
    drug_first_words.insert(key.substr(0, key.find(' ')));
    // (Single-word names only: "insulin glargine" gives "insulin" alone, "iron sucrose" no "iron".)
    if (kind == DrugKind::prescribed && key.find(' ') == std::string::npos)
      for (auto& w : WordBag::words_of(key)) prescribed_drug_words.insert(std::move(w));
    longest_drug_name = std::max(longest_drug_name, static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ') + 1));
  }, "drug");
}

void Coder::add_drug_effects(std::vector<ProposedCode>& codes, const std::vector<MentionInput>& mentions, const std::vector<SentenceInput>& sentences,
                             std::string_view text, const ChartCues& cues, const std::string& view, Policy policy) const {
  if (!sets_.icd10cm || data_.drug_classes.empty() || text.empty()) return;
  // Most sentences name no drug effect: only those holding a cue (scan_cues) are read word by word.
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const SentenceInput& sentence = sentences[k];
    // A past medical history's "not taking metformin for 6 months because he could not afford
    // refills" is an underdosing of now; its other drug statements are of the past.
    const bool past_history = sentence.section_category == "past_medical_history";
    if (k >= cues.drug_sentences.size() || !cues.drug_sentences[k] || !(states_this_encounter(sentence, text) || (past_history && readable_statement(sentence, text)))) continue;
    if (std::find(std::begin(kNoDrugEffects), std::end(kNoDrugEffects), sentence.section_category) != std::end(kNoDrugEffects)) continue;
    const auto words = words_in(text, sentence.begin, sentence.end);
    for (const Statement& s : drug_statements(data_, text, words)) {
      if (past_history && s.effect != Effect::underdosing) continue;
      if (s.needs_reason && !underdosing_intent(words)) continue;
      const auto first_word = static_cast<std::size_t>(
          std::find_if(words.begin(), words.end(), [&](const Word& w) { return w.begin >= s.begin; }) - words.begin());
      if (not_this_encounter(text, words, first_word, policy)) continue;
      // An adverse effect is coded with the effect it names, in the same clause: before "due to
      // ibuprofen", after "steroid-induced". No such condition coded, nothing to code.
      // (An anaphylaxis, T78.2, is one: a drug's is T88.6, below.)
      auto effect_code = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) {
        return c.system == "ICD-10-CM" && (!c.code.starts_with("T") || c.code.starts_with("T78.2")) && !c.code.starts_with("Z") &&
               std::any_of(c.evidence.begin(), c.evidence.end(), [&](const Evidence& e) { return names_the_effect(text, e, s); });
      });
      if (s.effect == Effect::adverse_effect && effect_code == codes.end()) effect_code = effect_by_its_noun(codes, *sets_.icd10cm, words, s);
      if (s.effect == Effect::adverse_effect && effect_code == codes.end()) continue;
      const char character6 = s.effect == Effect::poisoning ? poisoning_intent(words) : s.effect == Effect::adverse_effect ? '5' : '6';
      const std::string stem = with_toxic_source(s.drug_class->stem, words);
      std::string code = stem + character6;
      while (code.size() < 7) code += 'X';
      code += 'A';
      if (!sets_.icd10cm->is_billable(code)) continue;
      ProposedCode c = stated_code(
          code, 0.8,
          std::string(effect_name(s.effect)) + " of " + s.drug + " ('" + std::string(text.substr(s.begin, s.end - s.begin)) + "'): " + s.drug + " -> " +
              s.drug_class->stem + "- (rules/drug_classes.tsv)" + (stem != s.drug_class->stem ? ", " + stem + "- for the source the sentence names" : "") +
              ", 6th character " + character6 +
              (s.effect == Effect::poisoning ? (character6 == '1' ? " (accidental: no other intent stated, I.C.19.e.5.b)" : " (the intent stated)")
               : s.effect == Effect::adverse_effect ? ", coded after the effect it caused (I.C.19.e.5.a)"
                                                     : ", never first: the condition it worsened leads (I.C.19.e.5.c)") +
              "; 7th character A (initial encounter)",
          view, s.begin, s.end);
      if (effect_code != codes.end()) c.from_diagnosis_section = effect_code->from_diagnosis_section;
      // "Anaphylaxis due to amoxicillin": a drug properly taken causes no "anaphylactic shock,
      // unspecified" (T78.2, whose Excludes1 names it) but T88.6, with the drug's adverse effect.
      if (s.effect == Effect::adverse_effect && effect_code != codes.end() && effect_code->code.starts_with("T78.2"))
        if (const auto* drug_anaphylaxis = sets_.icd10cm->find("T88.6XXA")) {
          effect_code->rule += "; " + effect_code->code + " -> T88.6XXA: anaphylaxis due to a drug properly administered (T78.2 Excludes1)";
          effect_code->code = "T88.6XXA", effect_code->display = std::string(drug_anaphylaxis->title);
        }
      if (s.effect == Effect::poisoning) rank_as_its_statement(c, mentions, sentence);
      std::optional<ProposedCode> reason;
      if (s.effect == Effect::underdosing)
        if (const auto intent = underdosing_intent(words); intent && sets_.icd10cm->is_billable(intent->first)) {
          reason = stated_code(intent->first, 0.75,
                               "underdosing of " + s.drug + ", " + intent->second + " as the sentence says: the noncompliance code beside the underdosing (I.C.19.e.5.c)",
                               view, s.begin, s.end);
        }
      add_or_merge(codes, std::move(c));
      if (reason) {
        // The bare "Noncompliance" the statement holds (Z91.199, other medical treatment) is this
        // noncompliance with the drug, and its "intentional underdosing" (the index's Z91.128,
        // "for other reason") the one the reason names ("... due to financial hardship", Z91.120).
        const auto said_otherwise = [&](const std::string& code) {
          return code != reason->code && (code.starts_with("Z91.19") || code.starts_with("Z91.12") || code.starts_with("Z91.13") || code.starts_with("Z91.14"));
        };
        // (The assessment's "intentional underdosing" restates the story's "stopped it because of
        // cost": a vague reason a mention gave goes wherever it stands.)
        const auto vague_mention = [](const ProposedCode& c) { return (c.code == "Z91.128" || c.code == "Z91.14") && c.rule.starts_with("index:"); };
        std::erase_if(codes, [&](const ProposedCode& other) {
          return said_otherwise(other.code) && (vague_mention(other) || std::any_of(other.evidence.begin(), other.evidence.end(), [&](const Evidence& e) {
                                                  return e.begin < s.end && e.end > s.begin;
                                                }));
        });
        add_or_merge(codes, std::move(*reason));
      }
    }
  }
  drop_class_beside_its_drug(codes);
}

}  // namespace chartflow::coding
