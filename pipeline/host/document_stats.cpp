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

DocumentStats collect_stats(const record::Record& record) {
  DocumentStats s;
  for (const auto& page : record::typed_items<record::Page>(record, "pages")) {
    ++s.pages;
    if (page.mean_confidence) s.page_confidence.push_back(*page.mean_confidence);
    if (page.needs_review.value_or(false)) {
      ++s.pages_for_review;
      for (const auto& reason : page.review_reasons) ++s.page_review_reasons[reason];
    }
  }
  for (const auto& code : record::typed_items<record::Code>(record, "codes")) {
    s.codes.push_back(code.system + " " + code.code);
    if (code.needs_review) {
      ++s.codes_for_review;
      for (const auto& reason : code.review_reasons) ++s.code_review_reasons[reason];
    }
  }
  s.drg = read_document_drg(record);
  return s;
}

}  // namespace chartflow::host
