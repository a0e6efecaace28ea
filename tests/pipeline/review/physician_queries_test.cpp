// Physician queries: suggested where the documentation is incomplete, with the chart's words
// quoted and located, never leading (Other and Unable to determine always offered), and exported
// as text and as a PDF a viewer can open.
#include "test_support.hpp"

#include "review/physician_queries.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

using nlohmann::json;

json chart() {
  // "ASSESSMENT: Heart failure, compensated. Rule out pneumonia. No pneumonia on film? Pneumonia treated."
  return json::parse(R"({
    "document": {"id": "doc-00000000000000aa", "source": {"name": "note.txt"}},
    "views": [{"name": "normalized", "text": "ASSESSMENT: Heart failure, compensated. Rule out pneumonia. No pneumonia on film? Pneumonia treated."}],
    "sections": [{"id": "sec1", "category": "assessment_and_plan", "view": "normalized", "begin": 0, "end": 100}],
    "sentences": [{"id": "snt1", "view": "normalized", "begin": 12, "end": 39}],
    "mentions": [
      {"id": "m1", "kind": "diagnosis", "view": "normalized", "begin": 12, "end": 25, "matched_term": "Heart failure", "concepts": [{"code": "I50.9"}], "assertion": {"status": "affirmed"}},
      {"id": "m2", "kind": "diagnosis", "view": "normalized", "begin": 49, "end": 58, "matched_term": "pneumonia", "concepts": [{"code": "J18.9"}], "assertion": {"status": "uncertain"}},
      {"id": "m3", "kind": "diagnosis", "view": "normalized", "begin": 63, "end": 72, "matched_term": "pneumonia", "concepts": [{"code": "J18.9"}], "assertion": {"status": "negated"}},
      {"id": "m4", "kind": "diagnosis", "view": "normalized", "begin": 82, "end": 91, "matched_term": "Pneumonia", "concepts": [{"code": "J18.9"}], "assertion": {"status": "affirmed"}}],
    "codes": [{"id": "c1", "system": "ICD-10-CM", "code": "I50.9", "display": "Heart failure, unspecified",
               "evidence": [{"view": "normalized", "begin": 12, "end": 25}], "confidence": 0.9, "rule": "index", "needs_review": false}]
  })");
}

json by_template(const json& suggestions, const std::string& id) {
  for (const auto& s : suggestions)
    if (s["template"] == id) return s;
  return nullptr;
}

TEST(PhysicianQueries, SuggestedWhereDocumentationIsIncompleteWithQuotedIndicators) {
  const json record = chart();
  const auto state = review::replay(record, "sha", {}, [](const std::string&, const std::string&) { return std::optional<review::CodeFacts>(); });
  const json suggestions = review::suggest_queries(review::builtin_query_templates(), record, state);
  const json hf = by_template(suggestions, "heart-failure-specificity");
  ASSERT_FALSE(hf.is_null()) << suggestions.dump(1);
  ASSERT_EQ(hf["indicators"].size(), 1u);
  EXPECT_EQ(hf["indicators"][0]["text"], "Heart failure, compensated.");  // the whole sentence
  EXPECT_EQ(hf["indicators"][0]["location"], "Assessment and plan section");
  const auto options = hf["options"];
  EXPECT_EQ(options[options.size() - 2], "Other (please specify)");
  EXPECT_EQ(options.back(), "Unable to determine");
  EXPECT_FALSE(by_template(suggestions, "uncertain-diagnosis").is_null());
  EXPECT_FALSE(by_template(suggestions, "conflicting-documentation").is_null());
  EXPECT_TRUE(by_template(suggestions, "anemia-type").is_null());
}

TEST(PhysicianQueries, AQueryAlwaysOffersTheOpenAnswersOnceAndRefusesMalformedBodies) {
  const json body = {{"template", "heart-failure-specificity"}, {"title", "Heart failure"}, {"question", "Please clarify the type."},
                     {"options", {"Unable to determine", "Acute systolic", "", "Other (please specify)"}},
                     {"indicators", {{{"text", "Heart failure, compensated."}, {"location", "page 1"}}}}};
  const json q = review::make_query(body, chart(), "coder1", "2026-12-01T10:00:00Z");
  EXPECT_EQ(q["options"], json::array({"Acute systolic", "Other (please specify)", "Unable to determine"}));
  const std::string text = q["text"];
  EXPECT_NE(text.find("\"Heart failure, compensated.\" (page 1)"), std::string::npos);
  EXPECT_NE(text.find("[ ] Unable to determine"), std::string::npos);
  EXPECT_THROW(review::make_query(json::array(), chart(), "c", "t"), std::invalid_argument);
  EXPECT_THROW(review::make_query({{"title", "x"}}, chart(), "c", "t"), std::invalid_argument);
  EXPECT_THROW(review::make_query({{"title", "x"}, {"question", std::string(5000, 'q')}}, chart(), "c", "t"), std::invalid_argument);
}

TEST(PhysicianQueries, PdfHasAValidCrossReferenceTable) {
  std::string text = "PHYSICIAN QUERY: (parentheses) and \\ backslash, caf\xC3\xA9, \xE2\x9C\x93\n";
  for (int i = 0; i < 150; ++i) text += "line " + std::to_string(i) + " of a long query that needs more than one page to print\n";
  const std::string pdf = review::query_pdf(text);
  ASSERT_TRUE(pdf.starts_with("%PDF-1.4"));
  ASSERT_TRUE(pdf.ends_with("%%EOF\n"));
  const auto startxref = pdf.rfind("startxref\n");
  const std::size_t xref = std::stoul(pdf.substr(startxref + 10));
  EXPECT_EQ(pdf.compare(xref, 4, "xref"), 0);
  EXPECT_NE(pdf.find("/Count 3"), std::string::npos);  // 151 lines at 62 a page
  EXPECT_NE(pdf.find("\\(parentheses\\)"), std::string::npos);
  // Every object offset in the table points at "N 0 obj".
  std::size_t entry = pdf.find("0000000000 65535 f \n", xref) + 20;
  for (int n = 1; pdf.compare(entry, 5, "trail") != 0; ++n, entry += 20)
    EXPECT_EQ(pdf.compare(std::stoul(pdf.substr(entry, 10)), std::to_string(n).size() + 6, std::to_string(n) + " 0 obj"), 0) << n;
}

TEST(PhysicianQueries, TemplatesFileErrorsNameTheTemplate) {
  EXPECT_THROW(review::parse_query_templates(json::object(), "t.json"), std::runtime_error);
  try {
    review::parse_query_templates({{"templates", {{{"id", "x"}, {"title", "X"}, {"question", "Q"}, {"trigger", {{"kind", "magic"}}}, {"options", {"a"}}}}}}, "t.json");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("template 'x'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("magic"), std::string::npos);
  }
  EXPECT_GE(review::builtin_query_templates().size(), 5u);
}

}  // namespace
}  // namespace chartflow::test
