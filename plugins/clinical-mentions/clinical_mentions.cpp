// clinical-mentions: finds diagnosis and procedure mentions with a dictionary compiled from the
// ICD-10-CM index and curated abbreviations (plus any user term lists), and asserts each one
// (negated, uncertain, hypothetical, historical, family) with ConText rules and section defaults.
#include "context.hpp"
#include "patient_descriptors.hpp"
#include "term_dictionary.hpp"

#include <chartflow/sdk.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>

namespace chartflow::mentions {

namespace binary = chartflow::binary;

class ClinicalMentions {
 public:
  explicit ClinicalMentions(const sdk::Context& context) {
    const auto& c = context.config();
    const std::filesystem::path dir = context.plugin_dir();
    try {
      dictionary_.load_tsv(c.value("terms_file", (dir / "terms.tsv").string()), false);
      dictionary_.load_tsv((dir / "abbreviations.tsv").string(), true);
      descriptors_.load_tsv((dir / "patient_descriptors.tsv").string());
      for (const auto& list : c.value("custom_terms", std::vector<sdk::json>{})) {
        dictionary_.load_custom_tsv(list.at("file").get<std::string>(), list.value("system", std::string("custom")));
      }
      rules_.load_tsv(c.value("context_rules_file", (dir / "context_rules.tsv").string()));
    } catch (const std::runtime_error& e) {
      throw sdk::ConfigError(e.what());
    }
    scope_.forward_window = c.value("forward_window", 8u);
    scope_.backward_window = c.value("backward_window", 5u);
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    const auto text_view = document.view("normalized");
    if (!text_view) throw sdk::InvalidInput("the document has no normalized text view");
    const std::string_view text = *text_view;
    std::map<std::string, std::string, std::less<>> section_category;
    for (const binary::Value s : document.field("sections")) section_category.emplace(s["id"].as_string(), s["category"].as_string());

    std::vector<Sentence> sentences;
    for (const binary::Value s : document.field("sentences"))
      sentences.push_back({s["begin"].as_uint(), s["end"].as_uint(), std::string(s["id"].as_string()), std::string(s.string_or("section_id"))});
    if (sentences.empty()) sentences.push_back({0, text.size(), "", ""});

    binary::Writer mentions;
    const ParenthesisDepth depths(text);
    const NameLines name_lines(text);
    for (const auto& sentence : sentences) {
      auto tokens = tokenize(text, sentence.begin, sentence.end);
      if (tokens.empty()) continue;
      dictionary_.split_joined(tokens, text);
      auto matches = dictionary_.match(tokens, text);
      descriptors_.add(matches, tokens, text);
      if (matches.empty()) continue;
      const auto triggers = rules_.find(tokens, text, &depths);
      std::vector<std::pair<std::size_t, std::size_t>> spans;
      for (const auto& m : matches) spans.emplace_back(m.first, m.last);
      const auto listed = listed_tokens(tokens.size(), spans);
      std::string category;
      if (auto it = section_category.find(sentence.section_id); it != section_category.end()) category = it->second;
      const auto counted = with_asides(tokens, text.substr(0, sentence.end), listed);
      const TriggerIndex index(triggers, tokens.size(), &counted);
      // A list's shape only carries a trigger's scope: a sentence with none (most) needs none.
      std::optional<ListShape> lists;
      if (!triggers.empty()) lists.emplace(tokens, text, listed);
      for (const auto& m : matches) {
        if (name_lines.contains(tokens[m.first].begin)) continue;
        Assertion a = assert_mention(m.first, m.last, index, scope_, lists ? &*lists : nullptr);
        const auto question = question_mark_after(text, tokens[m.last].end, sentence.end);
        if (question) a.uncertain = true;
        write_mention(mentions, m, a, tokens, sentence, category, question);
      }
    }
    output.add("mentions", mentions);
  }

 private:
  struct Sentence {
    std::size_t begin, end;
    std::string id, section_id;
  };

  static void write_mention(binary::Writer& w, const Match& m, Assertion a, const std::vector<Token>& tokens, const Sentence& sentence,
                            const std::string& category, std::optional<std::size_t> question) {
    // Section defaults: what is written under Family History is about relatives, under Past
    // Medical or Surgical History it is history.
    const bool family_section = category == "family_history";
    const bool history_section = category == "past_medical_history" || category == "past_surgical_history";
    if (family_section && a.experiencer == "patient") a.experiencer = "family";
    if (history_section) a.historical = true;
    const Term& term = *m.term;
    const double score = m.last > m.first ? 0.9 : 0.7;
    const std::string id = "m" + std::to_string(w.count() + 1);
    w.begin_object()
        .member("id", id)
        .member("view", "normalized")
        .member("begin", tokens[m.first].begin)
        .member("end", tokens[m.last].end)
        .member("kind", term.kind)
        .member("matched_term", term.display);
    w.key("concepts").begin_array();
    write_concept(w, term.system, term.code, term.display, score);
    for (const auto& other : term.also) write_concept(w, other.system, other.code, other.display, score);
    w.end_array();
    w.key("assertion").begin_object()
        .member("status", a.status())
        .member("negated", a.negated)
        .member("uncertain", a.uncertain)
        .member("hypothetical", a.hypothetical)
        .member("historical", a.historical)
        .member("experiencer", a.experiencer);
    w.key("triggers").begin_array();
    for (const TriggerMatch* t : a.triggers)
      w.begin_object()
          .member("type", to_string(t->category))
          .member("view", "normalized")
          .member("begin", tokens[t->first].begin)
          .member("end", tokens[t->last].end)
          .member("rule", t->phrase)
          .end_object();
    if (question)
      w.begin_object()
          .member("type", "uncertainty")
          .member("view", "normalized")
          .member("begin", *question)
          .member("end", *question + 1)
          .member("rule", "?")
          .end_object();
    if ((family_section || history_section) && !sentence.section_id.empty())
      w.begin_object()
          .member("type", "section")
          .member("view", "normalized")
          .member("begin", tokens[m.first].begin)
          .member("end", tokens[m.first].begin)
          .member("rule", category)
          .end_object();
    w.end_array().end_object();
    if (!term.category.empty()) w.member("category", term.category);
    if (!sentence.id.empty()) w.member("sentence_id", sentence.id);
    if (!sentence.section_id.empty()) w.member("section_id", sentence.section_id);
    w.end_object();
  }

  static void write_concept(binary::Writer& w, const std::string& system, const std::string& code, const std::string& display, double score) {
    w.begin_object().member("system", system).member("code", code).member("display", display).member("score", score).end_object();
  }

  TermDictionary dictionary_;
  PatientDescriptors descriptors_;
  ContextRules rules_;
  ScopeOptions scope_;
};

}  // namespace chartflow::mentions

CHARTFLOW_PLUGIN(chartflow::mentions::ClinicalMentions)
