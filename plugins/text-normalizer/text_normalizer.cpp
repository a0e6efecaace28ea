// text-normalizer: derives the "normalized" view that NLP stages read from the "raw" view.
#include "normalize.hpp"

#include <chartflow/sdk.hpp>

namespace chartflow::normalizer {

class TextNormalizer {
 public:
  explicit TextNormalizer(const sdk::Context& context) {
    options_.join_hyphenated_line_breaks = context.config().value("join_hyphenated_line_breaks", true);
  }

  void process(const sdk::Document& document, sdk::Output& output) {
    const auto raw = document.view("raw");
    if (!raw) throw sdk::InvalidInput("the document has no raw text view");
    const Normalized normalized = normalize(*raw, options_);
    sdk::json map = sdk::json::array();
    for (const auto& [offset, source] : normalized.source_map) map.push_back({offset, source});
    output.add_view("normalized", normalized.text,
                    {{"origin", "derived"}, {"derived_from", "raw"}, {"source_map", std::move(map)},
                     {"attributes", {{"changes", normalized.changes}}}});
  }

 private:
  Options options_;
};

}  // namespace chartflow::normalizer

CHARTFLOW_PLUGIN(chartflow::normalizer::TextNormalizer)
