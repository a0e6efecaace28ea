#include "record/record_json.hpp"
#include "record/stage_output.hpp"

#include <gtest/gtest.h>

namespace chartflow::record {
namespace {

Record base_record() {
  Record r;
  r.document = {"doc-0000000000000001", {"a.txt", std::string(64, 'a'), 10}, "text/plain", std::nullopt};
  r.views.push_back({"raw", "caf\xC3\xA9 is hot", "file", "utf-8", std::nullopt, {}, "read", std::nullopt});
  return r;
}

json section(std::uint64_t begin, std::uint64_t end, const std::string& id = "s1") {
  return {{"id", id}, {"view", "raw"}, {"begin", begin}, {"end", end}, {"category", "history"}};
}

std::set<std::string, std::less<>> writes(std::initializer_list<const char*> names) { return {names.begin(), names.end()}; }

TEST(StageOutput, AcceptsValidItemsAndStampsTheProducer) {
  Record r = base_record();
  StageOutput out(r, FieldRegistry::builtin(), "sections", writes({"sections"}));
  json item = section(0, 5);
  item["producer"] = "somebody-else";
  EXPECT_EQ(out.add_items("sections", json::array({item}).dump()), "");
  EXPECT_EQ(out.commit(r), "");
  const auto sections = typed_items<Section>(r, "sections");
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].producer, "sections");
}

TEST(StageOutput, RefusesFieldsTheManifestDoesNotDeclare) {
  Record r = base_record();
  StageOutput out(r, FieldRegistry::builtin(), "x", writes({"sections"}));
  EXPECT_NE(out.add_items("mentions", "[]").find("does not declare"), std::string::npos);
  EXPECT_NE(out.add_view("summary", "text", "{}").find("does not declare"), std::string::npos);
  EXPECT_NE(out.add_items("diagnoses", "[]").find("not an annotation field"), std::string::npos);
}

TEST(StageOutput, RefusesMalformedJsonAndWrongShapes) {
  Record r = base_record();
  StageOutput out(r, FieldRegistry::builtin(), "x", writes({"sections"}));
  EXPECT_NE(out.add_items("sections", "[{").find("not valid JSON"), std::string::npos);
  EXPECT_NE(out.add_items("sections", "{}").find("must be a JSON array"), std::string::npos);
  EXPECT_NE(out.add_items("sections", "[1]").find("not a JSON object"), std::string::npos);
  EXPECT_NE(out.add_items("sections", R"([{"id": "s1"}])").find("does not match the schema"), std::string::npos);
}

TEST(StageOutput, RefusesSpansOutsideTheViewOrSplittingACharacter) {
  Record r = base_record();
  StageOutput out(r, FieldRegistry::builtin(), "x", writes({"sections"}));
  EXPECT_NE(out.add_items("sections", json::array({section(0, 99)}).dump()).find("outside view"), std::string::npos);
  EXPECT_NE(out.add_items("sections", json::array({section(5, 2)}).dump()).find("outside view"), std::string::npos);
  EXPECT_NE(out.add_items("sections", json::array({section(0, 4)}).dump()).find("splits a UTF-8 character"), std::string::npos);
  json elsewhere = section(0, 1);
  elsewhere["view"] = "normalized";
  EXPECT_NE(out.add_items("sections", json::array({elsewhere}).dump()).find("does not exist"), std::string::npos);
}

TEST(StageOutput, ChecksNestedSpansToo) {
  Record r = base_record();
  StageOutput out(r, FieldRegistry::builtin(), "x", writes({"codes"}));
  json code = {{"id", "c1"}, {"system", "ICD-10-CM"}, {"code", "R50.9"}, {"code_set_version", "FY2026"},
               {"evidence", {{{"view", "raw"}, {"begin", 0}, {"end", 500}}}}, {"confidence", 0.5}, {"rule", "r"}, {"needs_review", false}};
  EXPECT_NE(out.add_items("codes", json::array({code}).dump()).find("outside view"), std::string::npos);
}

// The checks ride on the schema's walk where the schema describes a value and walk the rest
// themselves: each problem is caught in a described member and in free-form attributes alike.
TEST(StageOutput, ChecksReachDescribedAndFreeFormMembersAlike) {
  Record r = base_record();
  const auto refusal = [&](const json& item) {
    StageOutput out(r, FieldRegistry::builtin(), "x", writes({"sections"}));
    binary::Writer w;
    binary::write_json(w, item);
    std::string bytes = w.bytes();
    for (std::size_t at = bytes.find("BAD"); at != std::string::npos; at = bytes.find("BAD", at)) bytes.replace(at, 3, "\xff\xfe!");
    return out.add_binary_items("sections", bytes, 1);
  };
  json item = section(0, 5);
  EXPECT_EQ(refusal(item), "");
  json bad = item;  // (a described string with bad UTF-8: declared_fields_test's medication name)
  bad["header"] = {{"view", "raw"}, {"begin", 0}, {"end", 99}};
  EXPECT_NE(refusal(bad).find("outside view"), std::string::npos) << "a described span";
  bad = item;
  bad["attributes"] = {{"note", {{"deeper", {"fine", "BAD"}}}}};
  EXPECT_NE(refusal(bad).find("not valid UTF-8"), std::string::npos) << "a free-form string";
  bad = item;
  bad["attributes"] = {{"BAD", 1}};
  EXPECT_NE(refusal(bad).find("not valid UTF-8"), std::string::npos) << "a free-form key";
  bad = item;
  bad["attributes"] = {{"quote", {{"view", "raw"}, {"begin", 0}, {"end", 99}}}};
  EXPECT_NE(refusal(bad).find("outside view"), std::string::npos) << "a free-form span";
  bad = item;
  bad["attributes"] = {{"list", json::array({json::object({{"view", "raw"}, {"begin", 0}, {"end", 4}})})}};
  EXPECT_NE(refusal(bad).find("splits a UTF-8 character"), std::string::npos) << "a span in a free-form list";
  json deep = json::array();
  for (int i = 0; i < 70; ++i) deep = json::array({deep});
  bad = item;
  bad["attributes"] = {{"deep", deep}};
  EXPECT_NE(refusal(bad).find("deep"), std::string::npos) << "free-form nesting";
}

TEST(StageOutput, RefusesDuplicateIdsAcrossTheRecord) {
  Record r = base_record();
  {
    StageOutput first(r, FieldRegistry::builtin(), "a", writes({"sections"}));
    ASSERT_EQ(first.add_items("sections", json::array({section(0, 2)}).dump()), "");
    ASSERT_EQ(first.commit(r), "");
  }
  StageOutput second(r, FieldRegistry::builtin(), "b", writes({"sections"}));
  EXPECT_NE(second.add_items("sections", json::array({section(0, 2)}).dump()).find("reuses id 's1'"), std::string::npos);
}

TEST(StageOutput, ReferencesMustResolveAtCommit) {
  Record r = base_record();
  StageOutput out(r, FieldRegistry::builtin(), "x", writes({"sentences", "sections"}));
  json sentence = {{"id", "t1"}, {"view", "raw"}, {"begin", 0}, {"end", 2}, {"section_id", "s1"}};
  ASSERT_EQ(out.add_items("sentences", json::array({sentence}).dump()), "");
  // The section arrives later in the same stage: still fine.
  ASSERT_EQ(out.add_items("sections", json::array({section(0, 5)}).dump()), "");
  EXPECT_EQ(out.commit(r), "");

  StageOutput dangling(r, FieldRegistry::builtin(), "y", writes({"sentences"}));
  sentence["id"] = "t2";
  sentence["section_id"] = "nowhere";
  ASSERT_EQ(dangling.add_items("sentences", json::array({sentence}).dump()), "");
  Record before = r;
  EXPECT_NE(dangling.commit(r).find("unknown id 'nowhere'"), std::string::npos);
  EXPECT_EQ(r, before) << "a failed commit must leave the record untouched";
}

TEST(StageOutput, ViewsAreImmutableValidUtf8AndDerivedMapsAreChecked) {
  Record r = base_record();
  StageOutput out(r, FieldRegistry::builtin(), "x", writes({"views.raw", "views.normalized", "views.other"}));
  EXPECT_NE(out.add_view("raw", "again", R"({"origin":"file"})").find("already exists"), std::string::npos);
  EXPECT_NE(out.add_view("other", "bad \xC3", R"({"origin":"file"})").find("not valid UTF-8"), std::string::npos);
  EXPECT_NE(out.add_view("other", "x", R"({"origin":"guess"})").find("does not match the schema"), std::string::npos);
  EXPECT_NE(out.add_view("other", "x", "[]").find("not a JSON object"), std::string::npos);
  EXPECT_NE(out.add_view("other", "x", R"({"origin":"derived","derived_from":"ghost"})").find("unknown view"), std::string::npos);
  EXPECT_NE(out.add_view("other", "x", R"({"origin":"derived","derived_from":"raw","source_map":[[0,0],[5,99]]})").find("out of range"),
            std::string::npos);
  EXPECT_EQ(out.add_view("normalized", "cafe is hot", R"({"origin":"derived","derived_from":"raw","source_map":[[0,0],[4,5]]})"), "");
  EXPECT_EQ(out.commit(r), "");
  ASSERT_NE(r.find_view("normalized"), nullptr);
  EXPECT_EQ(r.find_view("normalized")->source_map.size(), 2u);
}

TEST(StageOutput, DiagnosticsAreCheckedAndBounded) {
  Record r = base_record();
  StageOutput out(r, FieldRegistry::builtin(), "x", {});
  EXPECT_NE(out.add_diagnostic(7, "code", "m").find("severity"), std::string::npos);
  EXPECT_NE(out.add_diagnostic(1, "Bad Code", "m").find("does not match"), std::string::npos);
  EXPECT_EQ(out.add_diagnostic(1, "long-message", std::string(5000, 'x')), "");
  EXPECT_EQ(out.commit(r), "");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message.size(), 1000u);
  EXPECT_EQ(r.diagnostics[0].severity, "warning");
}

}  // namespace
}  // namespace chartflow::record
