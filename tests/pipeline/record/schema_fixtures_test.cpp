// Every example under schemas/examples: valid ones must pass, invalid ones must fail and say where.
#include "record/record_check.hpp"
#include "record/schema_validator.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <map>

namespace chartflow::record {
namespace {


std::vector<std::string> problems_for(const std::string& kind, const json& document) {
  if (kind == "record") return check_record(document);
  std::vector<std::string> out;
  for (const auto& e : builtin_schema(kind + ".schema.json").validate(document)) out.push_back((e.path.empty() ? "(top level)" : e.path) + ": " + e.message);
  return out;
}

class SchemaFixtures : public ::testing::TestWithParam<std::string> {};

TEST_P(SchemaFixtures, ValidExamplesPass) {
  const auto dir = test::kSchemaExamples / "valid" / GetParam();
  int count = 0;
  for (const auto& entry : test::fs::directory_iterator(dir)) {
    const auto problems = problems_for(GetParam(), json::parse(test::read_file(entry.path())));
    EXPECT_TRUE(problems.empty()) << entry.path() << ": " << (problems.empty() ? "" : problems[0]);
    ++count;
  }
  EXPECT_GE(count, 2);
}

TEST_P(SchemaFixtures, InvalidExamplesFailAtTheExpectedPlace) {
  const auto dir = test::kSchemaExamples / "invalid" / GetParam();
  const auto expectations = json::parse(test::read_file(dir / "expectations.json")).get<std::map<std::string, std::string>>();
  int count = 0;
  for (const auto& entry : test::fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name == "expectations.json") continue;
    ASSERT_TRUE(expectations.contains(name)) << name << " has no entry in expectations.json";
    const auto problems = problems_for(GetParam(), json::parse(test::read_file(entry.path())));
    ASSERT_FALSE(problems.empty()) << name << " should be invalid";
    std::string all;
    for (const auto& p : problems) all += p + "\n";
    EXPECT_NE(all.find(expectations.at(name)), std::string::npos) << name << ": expected '" << expectations.at(name) << "' in:\n" << all;
    ++count;
  }
  EXPECT_EQ(count, static_cast<int>(expectations.size()));
}

INSTANTIATE_TEST_SUITE_P(AllSchemas, SchemaFixtures, ::testing::Values("record", "plugin-manifest", "pipeline-config"));

TEST(SchemaFiles, EverySchemaCompilesAndIsEmbedded) {
  const auto files = builtin_schema_files();
  EXPECT_GE(files.size(), 15u);
  for (const auto& file : files) {
    EXPECT_NO_THROW(builtin_schema(file)) << file;
    EXPECT_EQ(builtin_schema_text(file), test::read_file(test::kSourceDir / "schemas" / file)) << file << " is stale in the build";
  }
}

TEST(SchemaFiles, ShippedManifestsAndConfigsValidate) {
  for (const auto& dir : {test::kSourceDir / "plugins", test::kSourceDir / "tests" / "test_plugins"})
    for (const auto& entry : test::fs::recursive_directory_iterator(dir))
      if (entry.path().filename() == "plugin.json") {
        const auto errors = builtin_schema("plugin-manifest.schema.json").validate(json::parse(test::read_file(entry.path())));
        EXPECT_TRUE(errors.empty()) << entry.path() << ": " << describe_errors(errors);
      }
  for (const auto& entry : test::fs::directory_iterator(test::kSourceDir / "configs"))
    if (entry.path().extension() == ".json") {
      const auto errors = builtin_schema("pipeline-config.schema.json").validate(json::parse(test::read_file(entry.path())));
      EXPECT_TRUE(errors.empty()) << entry.path() << ": " << describe_errors(errors);
    }
}

}  // namespace
}  // namespace chartflow::record
