#include "record/record_json.hpp"
#include "record/schema_validator.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::record {
namespace {


json load(const std::string& relative) { return json::parse(test::read_file(test::kSchemaExamples / relative)); }

TEST(RecordJson, FullExampleRoundTripsThroughTypedRecordUnchanged) {
  const json original = load("valid/record/full-record.json");
  const Record typed = original.get<Record>();
  EXPECT_EQ(json(typed), original);
  const auto mentions = typed_items<Mention>(typed, "mentions");
  const auto tumors = typed_items<Tumor>(typed, "tumors");
  EXPECT_EQ(mentions.size(), 3u);
  EXPECT_EQ(mentions[1].assertion.status, "negated");
  EXPECT_TRUE(mentions[1].assertion.negated);
  EXPECT_EQ(tumors[0].fields.at("histologicTypeIcdO3").value, "8500");
  EXPECT_FALSE(tumors[0].fields.at("dateOfDiagnosis").value.has_value());
  EXPECT_EQ(typed.item_ids.at(mentions[1].id), "mentions") << "ids are indexed by the field holding them";
  EXPECT_EQ(typed.views[1].source_map.size(), 2u);
}

TEST(RecordJson, TypedRecordSurvivesSerialisationAndParsing) {
  const Record typed = load("valid/record/full-record.json").get<Record>();
  const Record again = json::parse(dump_record(typed)).get<Record>();
  EXPECT_EQ(again, typed);
  EXPECT_EQ(json::parse(dump_record(typed, 2)), json(typed));
}

// dump_record writes compact records member by member, not through nlohmann::json: the text
// must stay byte for byte what nlohmann::json gives (keys sorted, same escapes, same numbers).
TEST(RecordJson, CompactDumpIsByteForByteNlohmannsDump) {
  Record typed = load("valid/record/full-record.json").get<Record>();
  const auto nlohmann_text = [](const Record& r) { return json(r).dump(-1, ' ', false, json::error_handler_t::replace); };
  EXPECT_EQ(dump_record(typed), nlohmann_text(typed));
  typed.document.source.name = "caf\xe9 \"quoted\"\n.txt";  // Latin-1, quotes, a control character
  typed.document.page_count = 3;
  typed.diagnostics.push_back({"warning", "decoded-windows-1252", "tab\there", "read-text"});
  typed.views[0].attributes = json{{"z", 1}, {"a", {1.5, nullptr, "\u00e9"}}};
  typed.views[0].derived_from = "raw";
  typed.views[0].encoding = std::nullopt;
  typed.producers.clear();
  EXPECT_EQ(dump_record(typed), nlohmann_text(typed));
}

TEST(RecordJson, AbsentOptionalsStayAbsentAndZeroValuesStayPresent) {
  Record r = load("valid/record/minimal-record.json").get<Record>();
  Page page;
  page.number = 1;
  page.origin = "file";
  page.producer = "read-text";
  page.skew_deg = 0.0;  // present and zero
  add_items(r, "pages", std::vector<Page>{page});
  const json j = r;
  EXPECT_TRUE(j["pages"][0].contains("skew_deg"));
  EXPECT_FALSE(j["pages"][0].contains("dpi_x"));
  EXPECT_FALSE(j.contains("mentions")) << "empty annotation arrays are omitted";
  EXPECT_TRUE(builtin_schema("record.schema.json").is_valid(j));
}

// The host validates the envelope as a binary value built from the structs: it must be the very
// value envelope_for_check gives, for records with and without each optional member.
TEST(RecordJson, BinaryEnvelopeIsTheCheckedEnvelope) {
  for (const char* example : {"valid/record/full-record.json", "valid/record/minimal-record.json", "valid/record/identity-record.json"}) {
    Record typed = load(example).get<Record>();
    const auto same = [&](const std::string& what) {
      const binary::Writer w = envelope_for_check_binary(typed);
      const std::string_view bytes = w.bytes();
      EXPECT_EQ(binary::to_json(binary::Value(bytes.data(), bytes.data() + bytes.size())), envelope_for_check(typed)) << example << what;
    };
    same("");
    // The optional members the examples lack or hold: an encoding, attributes, no diagnostics, no page count.
    typed.views.front().encoding = "utf-8";
    typed.views.front().attributes = json{{"dpi", 300}, {"engine", {{"name", "tesseract"}}}};
    typed.document.page_count.reset();
    typed.diagnostics.clear();
    same(" (optional members changed)");
  }
}

// ... and a broken envelope fails the record schema the same way either way.
TEST(RecordJson, BinaryEnvelopeFailsAsTheJsonOneDoes) {
  const CompiledSchema& schema = builtin_schema("record.schema.json");
  Record typed = load("valid/record/full-record.json").get<Record>();
  typed.document.id = "not a document id";
  typed.diagnostics.front().severity = "catastrophic";
  const auto binary_errors = envelope_errors(typed);
  const auto json_errors = schema.validate(envelope_for_check(typed));
  ASSERT_EQ(binary_errors.size(), 2u) << describe_errors(binary_errors);
  EXPECT_EQ(describe_errors(binary_errors), describe_errors(json_errors));
}

TEST(RecordJson, HostBuiltRecordValidates) {
  Record r;
  r.document = {"doc-00000000000000ff", {"a.txt", std::string(64, 'a'), 3}, "text/plain", std::nullopt};
  r.pipeline = {"p", std::string(64, 'b'), "0.1.0"};
  r.producers.push_back({"read", "text-reader", "1.0.0", std::string(64, 'c')});
  r.views.push_back({"raw", "abc", "file", "utf-8", std::nullopt, {}, "read", std::nullopt});
  const auto errors = builtin_schema("record.schema.json").validate(json(r));
  EXPECT_TRUE(errors.empty()) << describe_errors(errors);
}

TEST(RecordJson, InvalidUtf8IsReplacedNotThrownWhenDumping) {
  Record r = load("valid/record/minimal-record.json").get<Record>();
  r.views[0].text = "bad \xff byte";
  std::string out;
  ASSERT_NO_THROW(out = dump_record(r));
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::record
