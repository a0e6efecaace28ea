#include "document_stats.hpp"

#include "../record/record_json.hpp"

namespace chartflow::host {

nlohmann::json DocumentStats::to_json() const {
  nlohmann::json j = {{"pages", pages},
          {"page_confidence", page_confidence},
          {"pages_for_review", pages_for_review},
          {"page_review_reasons", page_review_reasons},
          {"codes", codes},
          {"codes_for_review", codes_for_review},
          {"code_review_reasons", code_review_reasons},
          {"finished_seconds", finished_seconds}};
  if (drg) j["drg"] = drg->to_json();  // only for grouped records: other stats stay as they were
  return j;
}

DocumentStats DocumentStats::from_json(const nlohmann::json& j) {
  DocumentStats s;
  if (!j.is_object()) return s;
  try {
    s.pages = j.value("pages", 0u);
    s.page_confidence = j.value("page_confidence", std::vector<double>{});
    s.pages_for_review = j.value("pages_for_review", 0u);
    s.page_review_reasons = j.value("page_review_reasons", std::map<std::string, unsigned>{});
    s.codes = j.value("codes", std::vector<std::string>{});
    s.codes_for_review = j.value("codes_for_review", 0u);
    s.code_review_reasons = j.value("code_review_reasons", std::map<std::string, unsigned>{});
    s.finished_seconds = j.value("finished_seconds", -1.0);
    if (const auto it = j.find("drg"); it != j.end()) s.drg = DocumentDrg::from_json(*it);
  } catch (const nlohmann::json::exception&) {
    return DocumentStats{};  // a damaged journal row costs its numbers in the report, nothing more
  }
  return s;
}

namespace {

// Calls f(item) for each item of `field`, read in place from the record's binary items (the typed
// mirror would turn every code into JSON and back, per document, only to count it).
template <class F>
void each_item(const record::Record& record, std::string_view field, F&& f) {
  if (const auto* items = record.field(field))
    for (const binary::Value item : items->items()) f(item);
}

void count_reasons(const binary::Value& item, std::map<std::string, unsigned>& reasons) {
  if (const auto list = item.find("review_reasons"); list && list->is_array())
    list->for_each_element([&](const binary::Value& reason) {
      if (reason.is_string()) ++reasons[std::string(reason.as_string())];
    });
}

}  // namespace

DocumentStats collect_stats(const record::Record& record) {
  DocumentStats s;
  each_item(record, "pages", [&](const binary::Value& page) {
    ++s.pages;
    if (const auto confidence = page.find("mean_confidence"); confidence && confidence->is_number()) s.page_confidence.push_back(confidence->as_double());
    if (page.bool_or("needs_review")) {
      ++s.pages_for_review;
      count_reasons(page, s.page_review_reasons);
    }
  });
  each_item(record, "codes", [&](const binary::Value& code) {
    s.codes.push_back(std::string(code.string_or("system")) + " " + std::string(code.string_or("code")));
    if (code.bool_or("needs_review")) {
      ++s.codes_for_review;
      count_reasons(code, s.code_review_reasons);
    }
  });
  s.drg = read_document_drg(record);
  return s;
}

}  // namespace chartflow::host
