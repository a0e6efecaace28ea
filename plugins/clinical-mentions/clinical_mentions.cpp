// clinical-mentions: finds diagnosis and procedure mentions with a dictionary compiled from the
// ICD-10-CM index and curated abbreviations (plus any user term lists), and asserts each one
// (negated, uncertain, hypothetical, historical, family) with ConText rules and section defaults.
#include "context.hpp"
#include "term_dictionary.hpp"

#include <chartflow/sdk.hpp>

#include <filesystem>
#include <map>

namespace chartflow::mentions {

class ClinicalMentions {
 public:
  explicit ClinicalMentions(const sdk::Context& context) {
    const auto& c = context.config();
    const std::filesystem::path dir = context.plugin_dir();
    try {
      dictionary_.load_tsv(c.value("terms_file", (dir / "terms.tsv").string()), false);
      dictionary_.load_tsv((dir / "abbreviations.tsv").string(), true);
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
    std::map<std::string, std::string> section_category;
    for (const auto& s : document.items("sections")) section_category[s.at("id")] = s.at("category");

    struct Sentence {
      std::size_t begin, end;
      std::string id, section_id;
    };
    std::vector<Sentence> sentences;
    for (const auto& s : document.items("sentences"))
      sentences.push_back({s.at("begin"), s.at("end"), s.at("id"), s.value("section_id", std::string())});
    if (sentences.empty()) sentences.push_back({0, text.size(), "", ""});

    sdk::json mentions = sdk::json::array();
    for (const auto& sentence : sentences) {
      const auto tokens = tokenize(text, sentence.begin, sentence.end);
      if (tokens.empty()) continue;
      const auto matches = dictionary_.match(tokens);
      if (matches.empty()) continue;
      const auto triggers = rules_.find(tokens, text);
      std::vector<std::pair<std::size_t, std::size_t>> spans;
      for (const auto& m : matches) spans.emplace_back(m.first, m.last);
      const auto listed = listed_tokens(tokens.size(), spans);
      const std::string category = sentence.section_id.empty() ? "" : section_category[sentence.section_id];
      for (const auto& m : matches) {
        Assertion a = assert_mention(m.first, m.last, triggers, scope_, &listed);
        sdk::json trigger_items = sdk::json::array();
        for (const TriggerMatch* t : a.triggers)
          trigger_items.push_back({{"type", t->category == "uncertainty" ? "uncertainty" : t->category},
                                   {"view", "normalized"},
                                   {"begin", tokens[t->first].begin},
                                   {"end", tokens[t->last].end},
                                   {"rule", t->phrase}});
        // Section defaults: what is written under Family History is about relatives, under Past
        // Medical or Surgical History it is history.
        const bool family_section = category == "family_history";
        const bool history_section = category == "past_medical_history" || category == "past_surgical_history";
        if (family_section && a.experiencer == "patient") a.experiencer = "family";
        if (history_section) a.historical = true;
        if ((family_section || history_section) && !sentence.section_id.empty())
          trigger_items.push_back({{"type", "section"}, {"view", "normalized"}, {"begin", tokens[m.first].begin},
                                   {"end", tokens[m.first].begin}, {"rule", category}});
        const Term& term = *m.term;
        const double score = m.last > m.first ? 0.9 : 0.7;
        sdk::json concepts = sdk::json::array({{{"system", term.system}, {"code", term.code}, {"display", term.display}, {"score", score}}});
        for (const auto& other : term.also)
          concepts.push_back({{"system", other.system}, {"code", other.code}, {"display", other.display}, {"score", score}});
        sdk::json mention = {{"id", "m" + std::to_string(mentions.size() + 1)},
                             {"view", "normalized"},
                             {"begin", tokens[m.first].begin},
                             {"end", tokens[m.last].end},
                             {"kind", term.kind},
                             {"matched_term", term.display},
                             {"concepts", concepts},
                             {"assertion",
                              {{"status", a.status()},
                               {"negated", a.negated},
                               {"uncertain", a.uncertain},
                               {"hypothetical", a.hypothetical},
                               {"historical", a.historical},
                               {"experiencer", a.experiencer},
                               {"triggers", trigger_items}}}};
        if (!term.category.empty()) mention["category"] = term.category;
        if (!sentence.id.empty()) mention["sentence_id"] = sentence.id;
        if (!sentence.section_id.empty()) mention["section_id"] = sentence.section_id;
        mentions.push_back(std::move(mention));
      }
    }
    if (!mentions.empty()) output.add("mentions", mentions);
  }

 private:
  TermDictionary dictionary_;
  ContextRules rules_;
  ScopeOptions scope_;
};

}  // namespace chartflow::mentions

CHARTFLOW_PLUGIN(chartflow::mentions::ClinicalMentions)
