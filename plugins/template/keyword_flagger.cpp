// keyword-flagger: the smallest useful chartflow plugin, kept as a template.
//
// A plugin is one class: a constructor taking the stage's context (its validated config) and a
// process() method that reads what the manifest says it reads and adds what it says it writes.
// Throw sdk::InvalidInput (or another sdk::StageError) to quarantine a document; any other
// exception is reported as an internal error of the plugin. Never log document text.
#include <chartflow/sdk.hpp>

#include <cctype>
#include <string>
#include <vector>

namespace {

using chartflow::sdk::json;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

class KeywordFlagger {
 public:
  explicit KeywordFlagger(const chartflow::sdk::Context& context)
      : category_(context.config().value("category", "watchlist")) {
    for (const auto& keyword : context.config().at("keywords")) keywords_.push_back(lower(keyword.get<std::string>()));
  }

  void process(const chartflow::sdk::Document& document, chartflow::sdk::Output& output) {
    const auto text = document.view("normalized");
    if (!text) throw chartflow::sdk::InvalidInput("no normalized text");
    const std::string haystack = lower(*text);
    json mentions = json::array();
    for (const auto& keyword : keywords_) {
      for (auto at = haystack.find(keyword); at != std::string::npos; at = haystack.find(keyword, at + 1)) {
        const auto end = at + keyword.size();
        if ((at > 0 && is_word_char(haystack[at - 1])) || (end < haystack.size() && is_word_char(haystack[end]))) continue;
        mentions.push_back({{"id", "kw" + std::to_string(mentions.size() + 1)},
                            {"view", "normalized"},
                            {"begin", at},
                            {"end", end},
                            {"kind", "other"},
                            {"category", category_},
                            {"matched_term", keyword},
                            {"assertion", {{"status", "affirmed"}, {"negated", false}, {"uncertain", false}, {"hypothetical", false},
                                           {"historical", false}, {"experiencer", "patient"}}}});
      }
    }
    if (!mentions.empty()) output.add("mentions", mentions);
  }

 private:
  std::string category_;
  std::vector<std::string> keywords_;
};

}  // namespace

CHARTFLOW_PLUGIN(KeywordFlagger)
