// Follows an evidence span to what a coder can see: the words it covers (text) and, for scanned
// charts, the OCR word boxes on the page as scanned. A span in a derived view (normalized) is
// carried back through each view's source_map to the view the OCR words point into.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::review {

struct Span {
  std::string view;
  std::size_t begin = 0, end = 0;
};

struct PageBox {
  int page = 0, x = 0, y = 0, w = 0, h = 0;
};

class EvidenceMap {
 public:
  explicit EvidenceMap(const nlohmann::json& record);

  bool has_view(const std::string& view) const { return views_.count(view) != 0; }
  std::size_t view_size(const std::string& view) const;
  // The span's text, cut to `max_bytes` on a UTF-8 character boundary ("" for an unknown view).
  std::string text(const Span& span, std::size_t max_bytes = 400) const;
  // The span carried into `target` through source maps (nullopt when `target` is not an ancestor).
  std::optional<Span> to_view(const Span& span, const std::string& target) const;
  // The OCR word boxes the span covers, in reading order.
  std::vector<PageBox> boxes(const Span& span) const;
  // The page a span starts on (0 when the chart has no OCR words).
  int page_of(const Span& span) const;

 private:
  struct View {
    std::string text, derived_from;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> source_map;
  };
  struct Word {
    std::size_t begin = 0, end = 0;
    PageBox box;
  };
  std::map<std::string, View> views_;
  std::string words_view_;
  std::vector<Word> words_;  // sorted by begin
};

std::optional<Span> parse_span(const nlohmann::json& span);
nlohmann::json boxes_json(const std::vector<PageBox>& boxes);

}  // namespace chartflow::review
