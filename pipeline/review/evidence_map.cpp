#include "evidence_map.hpp"

#include <algorithm>

namespace chartflow::review {
namespace {

using nlohmann::json;

// A JSON number that is a whole number >= 0 (parsed records hold them unsigned, built ones signed).
bool is_offset(const json& j) { return j.is_number_unsigned() || (j.is_number_integer() && j.get<std::int64_t>() >= 0); }

std::uint64_t map_offset(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& map, std::uint64_t offset) {
  // The last breakpoint at or before `offset` (docs/record-model.md, "Offsets across views").
  auto it = std::upper_bound(map.begin(), map.end(), offset, [](std::uint64_t o, const auto& bp) { return o < bp.first; });
  if (it == map.begin()) return offset;
  --it;
  return it->second + (offset - it->first);
}

std::size_t utf8_floor(const std::string& s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace

std::optional<Span> parse_span(const json& span) {
  if (!span.is_object() || !span.contains("view") || !span["view"].is_string()) return std::nullopt;
  if (!span.contains("begin") || !is_offset(span["begin"]) || !span.contains("end") || !is_offset(span["end"]))
    return std::nullopt;
  Span s{span["view"].get<std::string>(), span["begin"].get<std::size_t>(), span["end"].get<std::size_t>()};
  if (s.end < s.begin) return std::nullopt;
  return s;
}

json boxes_json(const std::vector<PageBox>& boxes) {
  json out = json::array();
  for (const auto& b : boxes) out.push_back({{"page", b.page}, {"x", b.x}, {"y", b.y}, {"w", b.w}, {"h", b.h}});
  return out;
}

EvidenceMap::EvidenceMap(const json& record) {
  for (const auto& v : record.value("views", json::array())) {
    View view;
    view.text = v.value("text", "");
    view.derived_from = v.value("derived_from", "");
    for (const auto& bp : v.value("source_map", json::array()))
      if (bp.is_array() && bp.size() == 2 && is_offset(bp[0]) && is_offset(bp[1]))
        view.source_map.emplace_back(bp[0].get<std::uint64_t>(), bp[1].get<std::uint64_t>());
    std::sort(view.source_map.begin(), view.source_map.end());
    views_[v.value("name", "")] = std::move(view);
  }
  for (const auto& w : record.value("words", json::array())) {
    const auto span = parse_span(w);
    const auto& box = w.value("box", json::object());
    if (!span) continue;
    if (words_view_.empty()) words_view_ = span->view;
    if (span->view != words_view_) continue;
    words_.push_back({span->begin, span->end,
                      {w.value("page", 0), box.value("x", 0), box.value("y", 0), box.value("w", 0), box.value("h", 0)}});
  }
  std::sort(words_.begin(), words_.end(), [](const Word& a, const Word& b) { return a.begin < b.begin; });
}

std::size_t EvidenceMap::view_size(const std::string& view) const {
  const auto it = views_.find(view);
  return it == views_.end() ? 0 : it->second.text.size();
}

std::string EvidenceMap::text(const Span& span, std::size_t max_bytes) const {
  const auto it = views_.find(span.view);
  if (it == views_.end()) return "";
  const std::string& t = it->second.text;
  const std::size_t begin = utf8_floor(t, std::min(span.begin, t.size()));
  std::size_t end = std::min({span.end, t.size(), begin + max_bytes});
  if (end < t.size()) end = utf8_floor(t, end);
  return t.substr(begin, end - begin);
}

std::optional<Span> EvidenceMap::to_view(const Span& span, const std::string& target) const {
  Span s = span;
  for (int hops = 0; hops < 8; ++hops) {  // views form a short chain; a cycle is a broken record
    if (s.view == target) return s;
    const auto it = views_.find(s.view);
    if (it == views_.end() || it->second.derived_from.empty()) return std::nullopt;
    const auto& map = it->second.source_map;
    // The end maps as the end of its last character, so a span never grows over a joined gap.
    const std::size_t end = s.end > s.begin ? map_offset(map, s.end - 1) + 1 : map_offset(map, s.end);
    s = Span{it->second.derived_from, map_offset(map, s.begin), end};
  }
  return std::nullopt;
}

std::vector<PageBox> EvidenceMap::boxes(const Span& span) const {
  std::vector<PageBox> out;
  if (words_.empty()) return out;
  const auto in_words = to_view(span, words_view_);
  if (!in_words) return out;
  // Words are sorted and do not overlap: start at the first that ends after the span begins,
  // rather than walking every word of a 20-page chart for each span.
  auto w = std::partition_point(words_.begin(), words_.end(), [&](const Word& x) { return x.end <= in_words->begin; });
  for (; w != words_.end() && w->begin < in_words->end; ++w) out.push_back(w->box);
  return out;
}

int EvidenceMap::page_of(const Span& span) const {
  const auto b = boxes(span);
  return b.empty() ? 0 : b.front().page;
}

}  // namespace chartflow::review
