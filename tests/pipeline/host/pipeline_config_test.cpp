#include "host/errors.hpp"
#include "host/pipeline.hpp"
#include "host/pipeline_config.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::host {
namespace {

using test::TempDir;

// The FatalError message of building a pipeline from `stages`, or "" when it builds.
std::string pipeline_error(const std::string& stages, const std::string& extra = "") {
  TempDir dir;
  try {
    const auto config = read_pipeline_config(test::write_config(dir.path(), stages, extra));
    Pipeline pipeline(config, 1);
  } catch (const FatalError& e) {
    return e.what();
  }
  return "";
}

std::string config_error(const std::string& text) {
  TempDir dir;
  test::write_file(dir / "c.json", text);
  try {
    read_pipeline_config(dir / "c.json");
  } catch (const FatalError& e) {
    return e.what();
  }
  return "";
}

TEST(PipelineConfig, ShippedConfigsBuild) {
  for (const auto& entry : test::fs::directory_iterator(test::kSourceDir / "configs")) {
    if (entry.path().extension() != ".json") continue;
    const auto config = read_pipeline_config(entry.path());
    EXPECT_NO_THROW(Pipeline(config, 2)) << entry.path();
  }
}

TEST(PipelineConfig, SyntaxErrorsGiveFileLineAndColumn) {
  const std::string e = config_error("{\n  \"name\": \"x\",\n  \"stages\": [\n}\n");
  EXPECT_NE(e.find("c.json: pipeline config is not valid JSON: line 4, column 1"), std::string::npos) << e;
}

TEST(PipelineConfig, SchemaErrorsNameTheKey) {
  EXPECT_NE(config_error(R"({"name": "x", "stages": [{"id": "a", "plugin": "text-reader", "confg": {}}]})").find("stages[0]"),
            std::string::npos);
  EXPECT_NE(config_error(R"({"name": "x", "stages": [], "jobs": "four"})").find("jobs"), std::string::npos);
  EXPECT_NE(config_error(R"({"name": "x"})").find("stages"), std::string::npos);
  EXPECT_NE(config_error("[]").find("(top level)"), std::string::npos);
  EXPECT_NE(config_error("").find("is empty"), std::string::npos);
}

TEST(PipelineConfig, MissingFileAndFolderAreNamed) {
  TempDir dir;
  try {
    read_pipeline_config(dir / "nope.json");
    FAIL();
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("nope.json: pipeline config not found"), std::string::npos);
  }
  try {
    read_pipeline_config(dir.path());
    FAIL();
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("is a folder"), std::string::npos);
  }
}

TEST(PipelineConfig, DuplicateStageIdsAreRefused) {
  EXPECT_NE(pipeline_error(R"([{"id": "a", "plugin": "text-reader"}, {"id": "a", "plugin": "text-normalizer"}])")
                .find("stages[1].id: 'a' is already used"),
            std::string::npos);
}

TEST(PipelineConfig, UnknownPluginIsNamedWithTheSearchPath) {
  const std::string e = pipeline_error(R"([{"id": "a", "plugin": "text-reader"}, {"id": "b", "plugin": "no-such-plugin"}])");
  EXPECT_NE(e.find("stages[1] ('b').plugin: no plugin named 'no-such-plugin' in the plugin path"), std::string::npos) << e;
  EXPECT_NE(e.find("chartflow plugins"), std::string::npos);
}

TEST(PipelineConfig, StageConfigIsValidatedAgainstThePluginSchema) {
  const std::string e = pipeline_error(R"([{"id": "a", "plugin": "text-reader", "config": {"legacy_encoding": "ebcdic"}}])");
  EXPECT_NE(e.find("stages[0] ('a').config.legacy_encoding"), std::string::npos) << e;
  const std::string unknown = pipeline_error(R"([{"id": "a", "plugin": "text-reader", "config": {"encodnig": "x"}}])");
  EXPECT_NE(unknown.find("stages[0] ('a').config"), std::string::npos) << unknown;
}

TEST(PipelineConfig, FieldsMustBeWrittenUpstream) {
  const std::string e = pipeline_error(R"([{"id": "a", "plugin": "text-reader"}, {"id": "b", "plugin": "test-annotator"}])");
  EXPECT_NE(e.find("reads 'views.normalized' but no earlier stage writes it"), std::string::npos) << e;
  // Order matters: the normalizer after the annotator does not help.
  const std::string order = pipeline_error(
      R"([{"id": "a", "plugin": "text-reader"}, {"id": "b", "plugin": "test-annotator"}, {"id": "c", "plugin": "text-normalizer"}])");
  EXPECT_NE(order.find("no earlier stage writes it"), std::string::npos);
}

TEST(PipelineConfig, TwoStagesWritingOneViewAreRefused) {
  const std::string e = pipeline_error(
      R"([{"id": "a", "plugin": "text-reader"}, {"id": "b", "plugin": "text-normalizer"}, {"id": "c", "plugin": "text-normalizer"}])");
  EXPECT_NE(e.find("writes 'views.normalized', which stage 'b' already writes"), std::string::npos) << e;
}

TEST(PipelineConfig, APipelineNeedsAReader) {
  const std::string e = pipeline_error(R"([{"id": "n", "plugin": "test-noop"}])");
  EXPECT_NE(e.find("reads 'views.raw' but no earlier stage writes it"), std::string::npos) << e;
}

TEST(PipelineConfig, BrokenPluginsFailStartUpNamingThePlugin) {
  const std::string e = pipeline_error(R"([{"id": "a", "plugin": "text-reader"}, {"id": "b", "plugin": "broken-wrong-abi"}])");
  EXPECT_NE(e.find("plugin 'broken-wrong-abi'"), std::string::npos) << e;
}

TEST(PipelineConfig, FingerprintChangesWithConfigAndOrder) {
  TempDir dir;
  auto fingerprint = [&](const std::string& stages) {
    return Pipeline(read_pipeline_config(test::write_config(dir.path(), stages)), 1).fingerprint();
  };
  const auto a = fingerprint(R"([{"id": "a", "plugin": "text-reader"}])");
  const auto b = fingerprint(R"([{"id": "a", "plugin": "text-reader", "config": {"legacy_encoding": "reject"}}])");
  EXPECT_NE(a, b);
  EXPECT_EQ(a, fingerprint(R"([{"id": "a", "plugin": "text-reader"}])"));
}

}  // namespace
}  // namespace chartflow::host
