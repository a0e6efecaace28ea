// StageOutput on a plugin-declared field and on binary items: the host checks a declared field's
// items exactly like built-in ones (schema, spans, ids, references), and refuses malformed binary.
#include "record/record_json.hpp"
#include "record/stage_output.hpp"

#include <gtest/gtest.h>

namespace chartflow::record {
namespace {

using nlohmann::json;

const json kDeclarations = {
    {"ext.medications",
     {{"description", "Medications."},
      {"item_schema",
       {{"type", "object"},
        {"required", {"id", "view", "begin", "end", "name"}},
        {"additionalProperties", false},
        {"properties",
         {{"id", {{"$ref", "common.schema.json#/definitions/id"}}},
          {"view", {{"$ref", "common.schema.json#/definitions/view_name"}}},
          {"begin", {{"$ref", "common.schema.json#/definitions/offset"}}},
          {"end", {{"$ref", "common.schema.json#/definitions/offset"}}},
          {"name", {{"type", "string"}}},
          {"sentence_id", {{"$ref", "common.schema.json#/definitions/id"}}}}}}}}},
    {"ext.med_flags",
     {{"description", "Flags on medications."},
      {"item_schema", {{"type", "object"}, {"required", {"id", "medication_id"}}, {"properties", {{"medication_id", {{"type", "string"}}}}}}}}}};

struct Fixture {
  FieldRegistry registry;
  Record record;
  Fixture() {
    registry.declare("acme", kDeclarations);
    record.document = {"doc-0000000000000001", {"a.txt", std::string(64, 'a'), 10}, "text/plain", std::nullopt};
    record.views.push_back({"normalized", "Metformin 500 mg daily.", "derived", std::nullopt, std::nullopt, {}, "norm", std::nullopt});
    add_items(record, "sentences", std::vector<Sentence>{{"snt1", "normalized", 0, 23, std::nullopt, "sections", std::nullopt}});
  }
  StageOutput output(std::initializer_list<const char*> writes) { return StageOutput(record, registry, "meds", {writes.begin(), writes.end()}); }
};

json medication(const std::string& id = "med1") {
  return {{"id", id}, {"view", "normalized"}, {"begin", 0}, {"end", 9}, {"name", "metformin"}, {"sentence_id", "snt1"}};
}

TEST(DeclaredFields, ItemsAreCheckedStampedAndStoredLikeBuiltInOnes) {
  Fixture f;
  auto out = f.output({"ext.medications"});
  ASSERT_EQ(out.add_items("ext.medications", json::array({medication()}).dump()), "");
  ASSERT_EQ(out.commit(f.record), "");
  ASSERT_EQ(f.record.count("ext.medications"), 1u);
  EXPECT_EQ(f.record.item_ids.at("med1"), "ext.medications");
  const json stored = json::parse(f.record.field("ext.medications")->json_text());
  EXPECT_EQ(stored[0]["producer"], "meds");
  EXPECT_EQ(json::parse(dump_record(f.record))["ext.medications"][0]["name"], "metformin") << "the record file carries the field";
}

TEST(DeclaredFields, SchemaSpansAndIdsAreEnforced) {
  Fixture f;
  auto out = f.output({"ext.medications"});
  json no_name = medication();
  no_name.erase("name");
  EXPECT_NE(out.add_items("ext.medications", json::array({no_name}).dump()).find("ext.medications[0] does not match the schema"), std::string::npos);
  json outside = medication();
  outside["end"] = 99;
  EXPECT_NE(out.add_items("ext.medications", json::array({outside}).dump()).find("outside view"), std::string::npos);
  json reused = medication("snt1");
  EXPECT_NE(out.add_items("ext.medications", json::array({reused}).dump()).find("reuses id 'snt1'"), std::string::npos);
  EXPECT_NE(out.add_items("ext.unknown", "[]").find("not an annotation field"), std::string::npos);
  EXPECT_NE(out.add_items("ext.med_flags", "[]").find("does not declare it in writes"), std::string::npos);
}

TEST(DeclaredFields, ReferencesMustNameItemsOfTheFieldTheyAreNamedAfter) {
  Fixture f;
  {
    auto out = f.output({"ext.medications", "ext.med_flags"});
    ASSERT_EQ(out.add_items("ext.medications", json::array({medication()}).dump()), "");
    // A stage may refer to items it adds in the same call, in any order.
    ASSERT_EQ(out.add_items("ext.med_flags", json::array({{{"id", "flag1"}, {"medication_id", "med1"}}}).dump()), "");
    ASSERT_EQ(out.commit(f.record), "");
  }
  auto out = f.output({"ext.med_flags"});
  ASSERT_EQ(out.add_items("ext.med_flags", json::array({{{"id", "flag2"}, {"medication_id", "snt1"}}}).dump()), "");
  const auto wrong_field = out.commit(f.record);
  EXPECT_NE(wrong_field.find("an item of 'sentences' instead of 'ext.medications'"), std::string::npos) << wrong_field;
  auto out2 = f.output({"ext.med_flags"});
  ASSERT_EQ(out2.add_items("ext.med_flags", json::array({{{"id", "flag3"}, {"medication_id", "nowhere"}}}).dump()), "");
  EXPECT_NE(out2.commit(f.record).find("unknown id 'nowhere'"), std::string::npos);
  EXPECT_EQ(f.record.count("ext.med_flags"), 1u) << "a failed stage adds nothing";
}

TEST(BinaryAdditions, MalformedBytesAreRefusedWithAReason) {
  Fixture f;
  binary::Writer w;
  binary::write_json(w, medication());
  const std::string good = w.bytes();
  auto out = f.output({"ext.medications"});
  EXPECT_NE(out.add_binary_items("ext.medications", good.substr(0, good.size() - 3), 1).find("malformed"), std::string::npos);
  EXPECT_NE(out.add_binary_items("ext.medications", good, 2).find("malformed"), std::string::npos) << "count larger than the bytes";
  EXPECT_NE(out.add_binary_items("ext.medications", good + good, 1).find("more bytes"), std::string::npos);
  binary::Writer scalar;
  scalar.value(42);
  EXPECT_NE(out.add_binary_items("ext.medications", scalar.bytes(), 1).find("is not an object"), std::string::npos);
  binary::Writer bad_utf8;
  json item = medication();
  item["name"] = "x";
  binary::write_json(bad_utf8, item);
  std::string bytes = bad_utf8.bytes();
  bytes[bytes.rfind('x')] = '\xff';
  EXPECT_NE(out.add_binary_items("ext.medications", bytes, 1).find("not valid UTF-8"), std::string::npos);
  EXPECT_EQ(out.add_binary_items("ext.medications", good, 1), "") << "a refused addition leaves nothing behind";
  EXPECT_EQ(out.item_count(), 1u);
}

TEST(BinaryAdditions, DeepNestingIsRefusedBeforeAnythingRecursesIntoIt) {
  Fixture f;
  f.registry.declare("loose", {{"ext.loose", {{"description", "Anything."}, {"item_schema", {{"type", "object"}}}}}});
  binary::Writer w;
  w.begin_object().key("attributes");
  for (int i = 0; i < 100000; ++i) w.begin_array();
  for (int i = 0; i < 100000; ++i) w.end_array();
  w.end_object();
  auto out = f.output({"ext.loose"});
  EXPECT_NE(out.add_binary_items("ext.loose", w.bytes(), 1).find("more than 64 deep"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::record
