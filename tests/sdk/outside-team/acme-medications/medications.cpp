// acme-medications: adds the annotation field "acme.medications", declared in this plugin's
// manifest ("fields"), so the host validates, span-checks and reference-checks its items like
// the built-in ones.
//
// Each sentence of the normalized view is cut into words; drug names from a small built-in
// lexicon (generic and brand names, plus any the config adds) are found as whole words, and the
// words after a drug, up to the next drug or the end of the sentence, are read for a dose
// ("500 mg"), a route ("PO", "by mouth", "SC") and a frequency ("BID", "q6h", "at bedtime", "PRN").
// The instance is immutable after construction, so one shared instance serves every worker.
#include <chartflow/sdk.hpp>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace sdk = chartflow::sdk;
using sdk::json;

constexpr std::string_view kField = "acme.medications";
constexpr std::string_view kView = "normalized";

// ---------------------------------------------------------------------------------------------
// Words

// One word of the view: its byte span and its text in ASCII lower case.
struct Word {
  std::size_t begin = 0, end = 0;
  std::string lower;
};

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Bytes of multi-byte UTF-8 characters count as letters, so "émetformin" is not "metformin" and
// every word starts and ends on a character boundary (before an ASCII byte or at the end).
bool is_word_byte(char c) { return is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80; }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

// Splits text[begin, end) into words. A '.' or ',' between two word bytes stays inside the word,
// so "0.5", "1,000", "b.i.d" and "q.h.s" are one word each. A ';' is a word of its own: it ends a
// medication's attributes ("metformin 500 mg; lisinopril ...").
std::vector<Word> split_words(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Word> words;
  std::size_t i = begin;
  while (i < end) {
    if (text[i] == ';') {
      words.push_back({i, i + 1, ";"});
      ++i;
      continue;
    }
    if (!is_word_byte(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < end && (is_word_byte(text[i]) ||
                       ((text[i] == '.' || text[i] == ',') && i + 1 < end && is_word_byte(text[i + 1]) && is_word_byte(text[i - 1]))))
      ++i;
    words.push_back({start, i, lower(text.substr(start, i - start))});
  }
  return words;
}

std::vector<std::string> split_on_spaces(std::string_view phrase) {
  std::vector<std::string> out;
  for (const Word& w : split_words(phrase, 0, phrase.size())) out.push_back(w.lower);
  return out;
}

// A phrase of one or more words and what it stands for.
struct Phrase {
  std::vector<std::string> words;
  std::string meaning;
};

// Number of words matched when `phrase` starts at words[i] (words before `stop` only), else 0.
std::size_t match(const std::vector<Word>& words, std::size_t i, std::size_t stop, const Phrase& phrase) {
  if (phrase.words.empty() || i + phrase.words.size() > stop) return 0;
  for (std::size_t k = 0; k < phrase.words.size(); ++k)
    if (words[i + k].lower != phrase.words[k]) return 0;
  return phrase.words.size();
}

// The longest phrase of `table` starting at words[i], if any.
std::optional<std::pair<std::size_t, const Phrase*>> longest_match(const std::vector<Word>& words, std::size_t i, std::size_t stop,
                                                                   const std::vector<Phrase>& table) {
  std::optional<std::pair<std::size_t, const Phrase*>> best;
  for (const Phrase& phrase : table)
    if (const std::size_t n = match(words, i, stop, phrase); n && (!best || n > best->first)) best = {n, &phrase};
  return best;
}

std::vector<Phrase> make_table(std::initializer_list<std::pair<std::string_view, std::string_view>> entries) {
  std::vector<Phrase> table;
  for (const auto& [phrase, meaning] : entries) table.push_back({split_on_spaces(phrase), std::string(meaning)});
  return table;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Generic names are what the record holds; brand names map to them.

std::vector<Phrase> builtin_drugs() {
  return make_table({{"metformin", "metformin"},         {"glucophage", "metformin"},
                     {"lisinopril", "lisinopril"},       {"zestril", "lisinopril"},
                     {"furosemide", "furosemide"},       {"lasix", "furosemide"},
                     {"aspirin", "aspirin"},
                     {"insulin glargine", "insulin glargine"}, {"lantus", "insulin glargine"},
                     {"insulin lispro", "insulin lispro"},     {"humalog", "insulin lispro"},
                     {"atorvastatin", "atorvastatin"},   {"lipitor", "atorvastatin"},
                     {"albuterol", "albuterol"},         {"ventolin", "albuterol"},  {"proventil", "albuterol"},
                     {"heparin", "heparin"},
                     {"metoprolol", "metoprolol"},       {"lopressor", "metoprolol"}, {"toprol", "metoprolol"},
                     {"amlodipine", "amlodipine"},       {"norvasc", "amlodipine"},
                     {"warfarin", "warfarin"},           {"coumadin", "warfarin"},
                     {"levothyroxine", "levothyroxine"}, {"synthroid", "levothyroxine"},
                     {"omeprazole", "omeprazole"},       {"prilosec", "omeprazole"}});
}

// Values are the route enum of the field's item schema.
const std::vector<Phrase>& routes() {
  static const std::vector<Phrase> table = make_table({
      {"po", "oral"}, {"p.o", "oral"}, {"oral", "oral"}, {"orally", "oral"}, {"by mouth", "oral"},
      {"iv", "iv"}, {"i.v", "iv"}, {"intravenous", "iv"}, {"intravenously", "iv"}, {"ivpb", "iv"},
      {"im", "im"}, {"i.m", "im"}, {"intramuscular", "im"}, {"intramuscularly", "im"},
      {"sc", "subcutaneous"}, {"s.c", "subcutaneous"}, {"sq", "subcutaneous"}, {"subq", "subcutaneous"},
      {"subcut", "subcutaneous"}, {"subcutaneous", "subcutaneous"}, {"subcutaneously", "subcutaneous"},
      {"inhaled", "inhaled"}, {"inhalation", "inhaled"}, {"inh", "inhaled"}, {"nebulized", "inhaled"}, {"via nebulizer", "inhaled"},
      {"topical", "topical"}, {"topically", "topical"},
      {"pr", "other"}, {"per rectum", "other"}, {"sl", "other"}, {"sublingual", "other"}, {"transdermal", "other"}});
  return table;
}

// "prn" is kept apart: it combines with a schedule ("q6h PRN").
const std::vector<Phrase>& schedules() {
  static const std::vector<Phrase> table = make_table({
      {"daily", "daily"}, {"once daily", "daily"}, {"qd", "daily"}, {"q.d", "daily"}, {"every day", "daily"}, {"once a day", "daily"},
      {"bid", "BID"}, {"b.i.d", "BID"}, {"twice daily", "BID"}, {"twice a day", "BID"},
      {"tid", "TID"}, {"t.i.d", "TID"}, {"three times daily", "TID"}, {"three times a day", "TID"},
      {"qid", "QID"}, {"q.i.d", "QID"}, {"four times daily", "QID"}, {"four times a day", "QID"},
      {"at bedtime", "at bedtime"}, {"qhs", "at bedtime"}, {"q.h.s", "at bedtime"}, {"nightly", "at bedtime"},
      {"weekly", "weekly"}, {"once weekly", "weekly"}});
  return table;
}

const std::vector<Phrase>& as_needed() {
  static const std::vector<Phrase> table = make_table({{"prn", "PRN"}, {"p.r.n", "PRN"}, {"as needed", "PRN"}});
  return table;
}

// Dose units as written -> as recorded (singular forms are turned plural for amounts other than 1).
const std::vector<Phrase>& units() {
  static const std::vector<Phrase> table = make_table({
      {"mg", "mg"}, {"mcg", "mcg"}, {"g", "g"}, {"gm", "g"}, {"grams", "g"}, {"ml", "mL"},
      {"unit", "units"}, {"units", "units"}, {"iu", "units"}, {"meq", "mEq"},
      {"puff", "puffs"}, {"puffs", "puffs"}, {"tab", "tablets"}, {"tabs", "tablets"}, {"tablet", "tablets"}, {"tablets", "tablets"}});
  return table;
}

// ---------------------------------------------------------------------------------------------
// Attributes

bool is_number(std::string_view s) {
  if (s.empty() || !(s.front() >= '0' && s.front() <= '9') || !(s.back() >= '0' && s.back() <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
}

std::string without_commas(std::string_view number) {
  std::string out;
  for (char c : number)
    if (c != ',') out += c;
  return out;
}

std::string dose_text(std::string_view number, const std::string& unit) {
  const std::string amount = without_commas(number);
  const bool singular = amount == "1" && (unit == "units" || unit == "puffs" || unit == "tablets");
  return amount + " " + (singular ? unit.substr(0, unit.size() - 1) : unit);
}

// Length of the number a word starts with: 3 for "500mg", 0 for "mg".
std::size_t leading_number_length(std::string_view w) {
  std::size_t n = 0;
  while (n < w.size() && ((w[n] >= '0' && w[n] <= '9') || w[n] == '.' || w[n] == ',')) ++n;
  return n;
}

// A dose at words[i]: "500 mg" (two words) or "500mg" (one). Returns {words used, dose}.
std::optional<std::pair<std::size_t, std::string>> dose_at(const std::vector<Word>& words, std::size_t i, std::size_t stop) {
  const std::string_view w = words[i].lower;
  if (is_number(w) && i + 1 < stop)
    if (auto unit = longest_match(words, i + 1, stop, units())) return std::pair{1 + unit->first, dose_text(w, unit->second->meaning)};
  const std::size_t digits = leading_number_length(w);
  if (digits == 0 || digits == w.size() || !is_number(w.substr(0, digits))) return std::nullopt;
  for (const Phrase& unit : units())
    if (unit.words.size() == 1 && unit.words[0] == w.substr(digits)) return std::pair{std::size_t{1}, dose_text(w.substr(0, digits), unit.meaning)};
  return std::nullopt;
}

// "q6h", "q4hr", "q12h" -> "q6h", "q4h", "q12h".
std::optional<std::string> interval(std::string_view w) {
  if (w.size() < 3 || w.front() != 'q') return std::nullopt;
  std::string_view rest = w.substr(1);
  std::size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  if (digits == 0 || digits > 2) return std::nullopt;
  const std::string_view suffix = rest.substr(digits);
  if (suffix != "h" && suffix != "hr" && suffix != "hrs") return std::nullopt;
  std::string normalized = "q";
  normalized.append(rest.substr(0, digits)).append("h");
  return normalized;
}

// "every 6 hours" -> "q6h" (three words).
std::optional<std::string> every_hours(const std::vector<Word>& words, std::size_t i, std::size_t stop) {
  if (i + 2 >= stop || words[i].lower != "every" || !is_number(words[i + 1].lower)) return std::nullopt;
  if (words[i + 2].lower != "hours" && words[i + 2].lower != "hour" && words[i + 2].lower != "h") return std::nullopt;
  return "q" + words[i + 1].lower + "h";
}

struct Attributes {
  std::optional<std::string> dose, route, schedule;
  bool prn = false;

  std::optional<std::string> frequency() const {
    if (schedule && prn) return *schedule + " PRN";
    if (schedule) return schedule;
    if (prn) return "PRN";
    return std::nullopt;
  }
};

// Reads words[first, stop) for what the text says about one medication; the first dose, route and
// schedule found win ("metformin 500 mg PO BID, increased from 250 mg" keeps 500 mg).
Attributes read_attributes(const std::vector<Word>& words, std::size_t first, std::size_t stop) {
  Attributes a;
  for (std::size_t i = first; i < stop;) {
    if (words[i].lower == ";") break;
    std::size_t used = 1;
    if (auto dose = dose_at(words, i, stop); dose && !a.dose) {
      used = dose->first, a.dose = dose->second;
    } else if (auto route = longest_match(words, i, stop, routes()); route && !a.route) {
      used = route->first, a.route = route->second->meaning;
    } else if (auto schedule = longest_match(words, i, stop, schedules()); schedule && !a.schedule) {
      used = schedule->first, a.schedule = schedule->second->meaning;
    } else if (auto every = every_hours(words, i, stop); every && !a.schedule) {
      used = 3, a.schedule = every;
    } else if (auto q = interval(words[i].lower); q && !a.schedule) {
      a.schedule = q;
    } else if (auto prn = longest_match(words, i, stop, as_needed())) {
      used = prn->first, a.prn = true;
    }
    i += used;
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
// The stage

// A stretch of the view searched on its own: a sentence, or the whole view when there are none.
struct Region {
  std::size_t begin = 0, end = 0;
  std::string sentence_id;  // empty for the whole view
};

std::vector<Region> regions_of(std::string_view text, const json& sentences) {
  std::vector<Region> regions;
  for (const json& s : sentences) {
    if (s.value("view", "") != kView) continue;
    const auto begin = s.at("begin").get<std::size_t>();
    const auto end = s.at("end").get<std::size_t>();
    if (begin <= end && end <= text.size()) regions.push_back({begin, end, s.at("id").get<std::string>()});
  }
  if (regions.empty()) regions.push_back({0, text.size(), {}});  // no sentences (yet) for this view
  return regions;
}

std::vector<Phrase> drugs_from_config(const json& config) {
  std::vector<Phrase> drugs = builtin_drugs();
  for (const json& extra : config.value("extra_drugs", json::array()))
    for (const json& form : extra.at("forms")) drugs.push_back({split_on_spaces(form.get<std::string>()), extra.at("name").get<std::string>()});
  return drugs;
}

class Medications {
 public:
  explicit Medications(const sdk::Context& context)
      : drugs_(drugs_from_config(context.config())),
        id_prefix_(context.stage_id() + "-"),
        emit_invalid_(context.config().value("emit_invalid_for_test", false)) {
    context.log(sdk::LogLevel::debug, "lexicon of " + std::to_string(drugs_.size()) + " drug names");
  }

  void process(const sdk::Document& document, sdk::Output& output) const {
    const auto text = document.view(kView);
    if (!text) throw sdk::InvalidInput("no normalized view");  // the host checks reads; belt and braces
    json items = json::array();
    for (const Region& region : regions_of(*text, document.items("sentences"))) find_in(*text, region, items);
    if (items.empty()) return;
    // Testing only: a route outside the schema's enum, which the host must refuse.
    if (emit_invalid_) items[0]["route"] = "by mouth";
    output.add(kField, items);
  }

 private:
  struct Hit {
    std::size_t first, count;  // words[first, first + count) name the drug
    const Phrase* drug;
  };

  std::vector<Hit> drug_hits(const std::vector<Word>& words) const {
    std::vector<Hit> hits;
    for (std::size_t i = 0; i < words.size();) {
      if (auto m = longest_match(words, i, words.size(), drugs_)) {
        hits.push_back({i, m->first, m->second});
        i += m->first;
      } else {
        ++i;
      }
    }
    return hits;
  }

  // Each drug's attributes are read up to the next drug of the region, so in "metformin 500 mg
  // BID, lisinopril 10 mg daily" each keeps its own dose.
  void find_in(std::string_view text, const Region& region, json& items) const {
    const std::vector<Word> words = split_words(text, region.begin, region.end);
    const std::vector<Hit> hits = drug_hits(words);
    for (std::size_t h = 0; h < hits.size(); ++h) {
      const Hit& hit = hits[h];
      const std::size_t stop = h + 1 < hits.size() ? hits[h + 1].first : words.size();
      const Attributes a = read_attributes(words, hit.first + hit.count, stop);
      json item = {{"id", id_prefix_ + std::to_string(items.size() + 1)},
                   {"view", kView},
                   {"begin", words[hit.first].begin},
                   {"end", words[hit.first + hit.count - 1].end},
                   {"name", hit.drug->meaning}};
      if (a.dose) item["dose"] = *a.dose;
      if (a.route) item["route"] = *a.route;
      if (auto frequency = a.frequency()) item["frequency"] = *frequency;
      if (!region.sentence_id.empty()) item["sentence_id"] = region.sentence_id;
      items.push_back(std::move(item));
    }
  }

  const std::vector<Phrase> drugs_;
  const std::string id_prefix_;  // the stage id: ids stay unique even if a pipeline runs this plugin twice
  const bool emit_invalid_;
};

}  // namespace

CHARTFLOW_PLUGIN(Medications)
