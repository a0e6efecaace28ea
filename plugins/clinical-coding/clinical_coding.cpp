// clinical-coding: turns asserted mentions into ICD-10-CM, ICD-10-PCS and HCPCS codes with their
// evidence, under the configured coding policy, using the code set in force on the chart's date
// of service. Every code it emits is billable in that code set.
#include "coder.hpp"
#include "common/chart_dates.hpp"
#include "common/document_type.hpp"
#include "common/words.hpp"

#include <chartflow/sdk.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_map>

namespace chartflow::coding {

namespace binary = chartflow::binary;

using charts::find_date_of_service;
using charts::is_iso_date;

class ClinicalCoding {
 public:
  explicit ClinicalCoding(const sdk::Context& context) {
    const auto& c = context.config();
    const std::filesystem::path dir = context.plugin_dir();
    const std::string requested = c.value("policy", std::string("outpatient"));
    const auto policy = parse_policy(requested);
    if (!policy && requested != "auto") throw sdk::ConfigError("policy must be auto, outpatient, inpatient or all_findings");
    if (policy) policy_ = *policy;
    auto_policy_ = !policy;
    // A facility's conventions, each a closed set of names (the manifest's schema checks them
    // first; this says which value a caller passing config directly got wrong).
    const auto option = [&](const char* key, const char* fallback, auto parse, const char* allowed) {
      const std::string value = c.value(key, std::string(fallback));
      const auto parsed = parse(value);
      if (!parsed) throw sdk::ConfigError(std::string(key) + " must be " + allowed + ", not '" + value + "'");
      return *parsed;
    };
    conventions_ = {option("history_codes", "when_relevant", parse_history_codes, "when_relevant or all"),
                    option("tobacco_history", "when_relevant", parse_tobacco_history, "when_relevant or always"),
                    option("long_term_drug_codes", "stated", parse_long_term_drug_codes, "stated or current_medications"),
                    option("external_cause_codes", "none", parse_external_cause_codes, "none or injury_encounters"),
                    option("bmi_codes", "none", parse_bmi_codes, "none or with_associated_diagnosis")};
    fixed_date_ = c.value("date_of_service", std::string());
    if (!fixed_date_.empty() && !is_iso_date(fixed_date_)) throw sdk::ConfigError("date_of_service '" + fixed_date_ + "' is not a YYYY-MM-DD calendar date");
    try {
      catalog_.load(c.value("code_sets", (dir / "codesets" / "codesets.json").string()));
      data_.load_rules((dir / "rules" / "history_codes.tsv").string(), (dir / "rules" / "combinations.tsv").string());
      data_.load_tables((dir / "rules").string());
      data_.load_procedures((dir / "pcs" / "procedures.tsv").string());
      data_.load_procedures((dir / "pcs" / "hcpcs_phrases.tsv").string());
      data_.load_pcs_axes((dir / "pcs" / "axes.tsv").string());
      data_.load_procedure_context((dir / "pcs" / "procedure_context.tsv").string());
    } catch (const std::runtime_error& e) {
      throw sdk::ConfigError(e.what());
    }
    // The newest version of each system loads now, so a broken code set fails start-up; other
    // versions load when a chart's date of service first needs them.
    for (const char* system : {"ICD-10-CM", "ICD-10-PCS", "HCPCS"}) {
      const auto newest = catalog_.newest(system);
      if (!newest) throw sdk::ConfigError(std::string("the code set catalog has no ") + system + " code set");
      try {
        code_set(*newest);
      } catch (const std::runtime_error& e) {
        throw sdk::ConfigError(e.what());
      }
    }
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    const auto text_view = document.view("normalized");
    if (!text_view) throw sdk::InvalidInput("the document has no normalized text view");
    const std::string_view text = *text_view;

    // The code set version: the configured date, else the chart's own, else the newest.
    std::string date = fixed_date_;
    if (date.empty()) date = find_date_of_service(text).value_or("");
    std::vector<std::string> set_review;
    CodeSetRefs sets;
    for (const char* system : {"ICD-10-CM", "ICD-10-PCS", "HCPCS"}) {
      auto entry = date.empty() ? std::nullopt : catalog_.for_date(system, date);
      if (!entry) {
        entry = catalog_.newest(system);
        if (!date.empty())
          set_review.push_back(std::string("date of service ") + date + " is outside the dates of every " + system + " code set here; coded with " + entry->version);
      }
      const CodeSet& set = code_set(*entry);
      (std::string(system) == "ICD-10-CM" ? sets.icd10cm : std::string(system) == "ICD-10-PCS" ? sets.icd10pcs : sets.hcpcs) = &set;
    }
    if (date.empty()) output.note("no-date-of-service", "the chart states no date of service; coded with the newest code sets");

    // `auto`: inpatient rules for the notes of an admission, outpatient rules for the rest, by the
    // same classifier the document-type stage records.
    Policy policy = policy_;
    std::string setting_note;
    if (auto_policy_) {
      std::vector<charts::SectionSeen> sections;
      for (const binary::Value s : document.field("sections")) sections.push_back({std::string(s["category"].as_string()), s["begin"].as_uint()});
      const auto guess = charts::classify_document(text, sections);
      policy = guess.setting == charts::Setting::inpatient ? Policy::inpatient : Policy::outpatient;
      setting_note = std::string(charts::type_name(guess.type)) + " (" + guess.rule + ")";
    }
    const auto mentions = mention_inputs(document, text);
    const auto codes = Coder(data_, sets, conventions_).code(mentions, policy, text, "normalized", sentence_inputs(document));
    binary::Writer items;
    for (std::size_t i = 0; i < codes.size(); ++i) write_code(items, codes[i], i + 1, set_review, date, policy, setting_note);
    output.add("codes", items);
  }

 private:
  // A section's category as the coder reads it: discharge diagnoses under a "Secondary
  // diagnoses" heading are the stay's other diagnoses, never the principal's statement.
  static std::string coding_category(const binary::Value& section, std::string_view text) {
    std::string category(section["category"].as_string());
    if (category != "discharge_diagnosis") return category;
    const binary::Value header = section["header"];
    if (!header.is_object()) return category;
    const std::size_t begin = header["begin"].as_uint(), end = header["end"].as_uint();
    if (begin >= end || end > text.size()) return category;
    const std::string words = words::lower(text.substr(begin, end - begin));
    return words.find("secondary") != std::string::npos || words.find("other diagnos") != std::string::npos ? "secondary_diagnosis" : category;
  }

  // By id, as views into the document's items (hash maps: a chart's forty sentences were an
  // ordered map of copied id strings, built and searched for every mention).
  using SentenceSpans = std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>>;
  static std::unordered_map<std::string_view, std::string> section_categories(const sdk::Document& document, std::string_view text) {
    std::unordered_map<std::string_view, std::string> section_category;
    for (const binary::Value s : document.field("sections"))
      section_category.emplace(s["id"].as_string(), coding_category(s, text));
    return section_category;
  }
  static SentenceSpans sentence_spans(const sdk::Document& document, std::string_view text) {
    SentenceSpans sentence_span;
    std::pair<std::size_t, std::size_t> previous{0, 0};
    for (const binary::Value s : document.field("sentences")) {
      const auto [id, begin, end] = s.find_all<3>({"id", "begin", "end"});
      if (!id || !begin || !end) throw binary::FormatError("binary value: a sentence without its id, begin or end");
      std::pair span{begin->as_uint(), end->as_uint()};
      // A label line ("LEFT BREAST, 2 O'CLOCK, CORE BIOPSY:") belongs to the diagnosis under it:
      // its laterality is that diagnosis's (the context, not the modifier window, takes it).
      const bool label = previous.second > previous.first && previous.second <= span.first && previous.second <= text.size() &&
                         ends_with_colon(text.substr(previous.first, previous.second - previous.first));
      previous = span;
      if (label) span.first = std::min(span.first, previous_label_begin(text, span.first));
      sentence_span.emplace(id->as_string(), span);
    }
    return sentence_span;
  }

  // What an uncertain mention's triggers say of its likelihood, and a historical one's of when.
  static void read_cues(MentionInput& in, const binary::Value& assertion) {
    if (in.status == Assertion::uncertain)
      if (const auto triggers = assertion.find("triggers"))
        triggers->for_each_element([&](const binary::Value& t) {
          if (t.string_or("type") == "uncertainty") in.improbable = in.improbable || names_improbability(t.string_or("rule"));
        });
    if (in.status == Assertion::historical)
      if (const auto triggers = assertion.find("triggers"))
        triggers->for_each_element([&](const binary::Value& t) {
          if (t.string_or("type") == "historical" || t.string_or("type") == "section") in.past_cues.emplace_back(t.string_or("rule"));
        });
  }

  // The mention's text, sentence context, modifier windows and list header.
  static void place_in_text(MentionInput& in, std::string_view text, const SentenceSpans& sentence_span) {
    if (in.begin <= in.end && in.end <= text.size()) in.text = std::string(text.substr(in.begin, in.end - in.begin));
    if (auto it = sentence_span.find(in.sentence_id); it != sentence_span.end() && it->second.second <= text.size()) {
      in.context = context_around(text, it->second, in.begin, in.end);
      const std::size_t from = std::max(it->second.first, in.begin > kModifierBytes ? in.begin - kModifierBytes : 0);
      const std::size_t to = std::min(it->second.second, in.end + kModifierBytes);
      if (from <= in.begin && in.begin <= in.end && in.end <= to) in.before = text.substr(from, in.begin - from), in.after = text.substr(in.end, to - in.end);
    } else if (in.end <= text.size())
      in.context = text.substr(in.begin, in.end - in.begin);
    if (in.end <= text.size()) in.list_header = list_header(text, in.begin);
  }

  // What the coder needs of each mention, read from the binary fields in place.
  static std::vector<MentionInput> mention_inputs(const sdk::Document& document, std::string_view text) {
    const auto section_category = section_categories(document, text);
    const auto sentence_span = sentence_spans(document, text);
    std::vector<MentionInput> mentions;
    for (const binary::Value m : document.field("mentions")) {
      // One walk of the mention for the members read below.
      const auto [concepts, id_member, view, begin, end, kind_member, assertion, matched_term, section_id, sentence_id] =
          m.find_all<10>({"concepts", "id", "view", "begin", "end", "kind", "assertion", "matched_term", "section_id", "sentence_id"});
      const auto need = [](const std::optional<binary::Value>& v, std::string_view key) {
        if (!v) throw binary::FormatError("binary value: no member '" + std::string(key) + "'");
        return *v;
      };
      if (!concepts || concepts->size() == 0) continue;
      std::optional<binary::Value> first;
      concepts->for_each_element([&](const binary::Value& c) {
        if (!first) first = c;
      });
      const binary::Value& concept_item = *first;
      MentionInput in;
      in.id = need(id_member, "id").as_string();
      in.view = need(view, "view").as_string();
      in.begin = need(begin, "begin").as_uint();
      in.end = need(end, "end").as_uint();
      // The host checked the mention against its schema: a kind or status outside it is a plugin
      // of a newer schema, and its mention is reported rather than coded on a guess.
      const auto kind = parse_mention_kind(need(kind_member, "kind").as_string());
      const auto status = parse_assertion(need(assertion, "assertion")["status"].as_string());
      if (!kind || !status) throw sdk::InvalidInput("mention " + in.id + " has a kind or assertion status this coder does not know");
      in.kind = *kind;
      in.system = concept_item["system"].as_string();
      in.code = concept_item["code"].as_string();
      in.score = concept_item.contains("score") ? concept_item["score"].as_double() : 0.7;
      in.matched_term = matched_term && matched_term->is_string() ? matched_term->as_string() : std::string_view();
      in.status = *status;
      if (in.status == Assertion::uncertain || in.status == Assertion::historical) read_cues(in, *assertion);
      if (section_id)
        if (auto it = section_category.find(section_id->as_string()); it != section_category.end()) in.section_category = it->second;
      in.sentence_id = sentence_id && sentence_id->is_string() ? sentence_id->as_string() : std::string_view();
      place_in_text(in, text, sentence_span);
      mentions.push_back(std::move(in));
    }
    return mentions;
  }

  // The sentences of the normalized view with the category of the section each starts in.
  static std::vector<SentenceInput> sentence_inputs(const sdk::Document& document) {
    std::vector<std::tuple<std::size_t, std::size_t, std::string_view>> sections;  // begin, end, category
    for (const binary::Value s : document.field("sections"))
      if (s["view"].as_string() == "normalized") sections.emplace_back(s["begin"].as_uint(), s["end"].as_uint(), s["category"].as_string());
    std::sort(sections.begin(), sections.end());
    std::vector<SentenceInput> out;
    for (const binary::Value s : document.field("sentences")) {
      const auto [view, begin, end] = s.find_all<3>({"view", "begin", "end"});
      if (!view || !begin || !end) throw binary::FormatError("binary value: a sentence without its view, begin or end");
      if (view->as_string() != "normalized") continue;
      SentenceInput sentence{begin->as_uint(), end->as_uint(), {}};
      // The last section starting at or before the sentence, if the sentence is inside it.
      auto after = std::upper_bound(sections.begin(), sections.end(), sentence.begin, [](std::size_t at, const auto& section) { return at < std::get<0>(section); });
      if (after != sections.begin() && sentence.begin < std::get<1>(*std::prev(after))) sentence.section_category = std::get<2>(*std::prev(after));
      out.push_back(std::move(sentence));
    }
    return out;
  }

  // "unlikely", "doubtful", "less likely": the text leans against the condition ("not unlikely"
  // leans towards it). So does a condition that "was considered": a differential weighed and set
  // aside ("Dengue and typhoid considered as co-infections - dengue tests negative"), not the
  // probable diagnosis II.H codes; one still "being considered" is open, and stays uncertain.
  static bool names_improbability(std::string_view rule) {
    if (rule == "considered" || rule == "was considered") return true;
    if (rule.find("not unlikely") != std::string_view::npos) return false;
    for (const std::string_view w : {"unlikely", "doubt", "less likely", "not likely", "improbable"})
      if (rule.find(w) != std::string_view::npos) return true;
    return false;
  }

  static bool ends_with_colon(std::string_view sentence) {
    while (!sentence.empty() && (sentence.back() == ' ' || sentence.back() == '\n' || sentence.back() == '\r')) sentence.remove_suffix(1);
    return !sentence.empty() && sentence.back() == ':';
  }

  // The start of the line before `at` (the label line), at most 200 bytes back.
  static std::size_t previous_label_begin(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == ' ' || text[end - 1] == '\r')) --end;
    const std::size_t floor = end > 200 ? end - 200 : 0;
    std::size_t begin = end;
    while (begin > floor && text[begin - 1] != '\n') --begin;
    return begin;
  }

  static constexpr std::size_t kModifierBytes = 120;  // modifiers stand within a few words of their condition

  // The sentence around a mention, at most kContextBytes either side of it, as a view of the text:
  // what laterality and encounter words are looked for in. Copied whole for each mention, a 90 KB
  // run-on "sentence" cost gigabytes; searched whole, time quadratic in its length.
  static std::string_view context_around(std::string_view text, std::pair<std::size_t, std::size_t> sentence, std::size_t begin, std::size_t end) {
    constexpr std::size_t kContextBytes = 2000;
    std::size_t from = std::max(sentence.first, begin > kContextBytes ? begin - kContextBytes : 0);
    std::size_t to = std::min(sentence.second, end + kContextBytes);
    while (from < to && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;  // not inside a character
    while (to < sentence.second && to > from && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
    return from < to ? text.substr(from, to - from) : std::string_view();
  }

  void write_code(binary::Writer& w, const ProposedCode& c, std::size_t sequence, const std::vector<std::string>& set_review,
                  const std::string& date, Policy policy, const std::string& setting_note) const {
    auto reasons = c.review_reasons;
    reasons.insert(reasons.end(), set_review.begin(), set_review.end());
    w.begin_object()
        .member("id", "c" + std::to_string(sequence))
        .member("system", c.system)
        .member("code", c.code)
        .member("display", c.display)
        .member("code_set_version", c.version);
    w.key("mention_ids").begin_array();
    for (const auto& id : c.mention_ids) w.value(id);
    w.end_array().key("evidence").begin_array();
    for (const auto& e : c.evidence) w.begin_object().member("view", e.view).member("begin", e.begin).member("end", e.end).end_object();
    w.end_array()
        .member("confidence", c.confidence)
        .member("rule", c.rule)
        .member("needs_review", !reasons.empty())
        .member("sequence", sequence)
        .member("role", c.role)
        .member("policy", policy_name(policy));
    if (!reasons.empty()) {
      w.key("review_reasons").begin_array();
      for (const auto& r : reasons) w.value(r);
      w.end_array();
    }
    if (c.partial) w.member("partial", true);
    const bool attributes = c.partial || !c.use_additional.empty() || !c.code_first.empty() || !date.empty() || !setting_note.empty();
    if (attributes) {
      w.key("attributes").begin_object();
      // As before: use_additional_code replaces candidate_codes when both apply.
      if (c.partial && c.use_additional.empty()) write_strings(w.key("candidate_codes"), c.candidates);
      if (!c.use_additional.empty()) write_strings(w.key("use_additional_code"), c.use_additional);
      if (!c.code_first.empty()) write_strings(w.key("code_first"), c.code_first);
      if (!date.empty()) w.member("date_of_service", date);
      if (!setting_note.empty()) w.member("policy_from_document_type", setting_note);
      w.end_object();
    }
    w.end_object();
  }

  static void write_strings(binary::Writer& w, const std::vector<std::string>& values) {
    w.begin_array();
    for (const auto& v : values) w.value(v);
    w.end_array();
  }

  // The process-wide set, looked up once per instance (the shared cache checks its files on disk).
  const CodeSet& code_set(const CodeSetEntry& entry) {
    const std::string key = entry.system + "/" + entry.version;
    std::lock_guard lock(mutex_);
    const CodeSet*& slot = sets_[key];
    if (!slot) slot = &shared_code_set(entry);
    return *slot;
  }

  Policy policy_ = Policy::outpatient;
  bool auto_policy_ = false;
  Conventions conventions_;
  std::string fixed_date_;
  CodeSetCatalog catalog_;
  CoderData data_;
  std::mutex mutex_;
  std::map<std::string, const CodeSet*> sets_;
};

}  // namespace chartflow::coding

CHARTFLOW_PLUGIN(chartflow::coding::ClinicalCoding)
