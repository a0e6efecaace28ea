// Loading real shared libraries, including deliberately broken ones (tests/test_plugins).
#include "host/errors.hpp"
#include "host/manifest.hpp"
#include "host/pipeline.hpp"
#include "host/plugin_library.hpp"
#include "host/runner.hpp"
#include "record/record_json.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::host {
namespace {

std::string load_error(const std::string& plugin) {
  try {
    load_plugin(read_manifest(test::kTestPluginDir / plugin / "plugin.json"));
  } catch (const FatalError& e) {
    return e.what();
  }
  return "";
}

TEST(PluginLoading, MissingEntryPointIsRefused) {
  EXPECT_NE(load_error("broken-missing-symbol").find("cannot load"), std::string::npos);
  EXPECT_NE(load_error("broken-missing-symbol").find("chartflow_plugin_entry_v1"), std::string::npos);
}

TEST(PluginLoading, WrongAbiVersionIsRefused) {
  EXPECT_NE(load_error("broken-wrong-abi").find("library speaks ABI 2.0"), std::string::npos) << load_error("broken-wrong-abi");
}

TEST(PluginLoading, PluginRefusingTheHostIsReported) {
  EXPECT_NE(load_error("broken-refuses-abi").find("refused this host's ABI version"), std::string::npos);
}

TEST(PluginLoading, ManifestFileThatDiffersFromTheEmbeddedOneIsRefused) {
  const std::string error = load_error("broken-manifest-mismatch");
  EXPECT_NE(error.find("differs from the manifest the library was built with (writes)"), std::string::npos) << error;
}

TEST(PluginLoading, GoodPluginLoadsOnceAndStaysLoaded) {
  const Manifest m = read_manifest(test::kTestPluginDir / "test-annotator/plugin.json");
  const cf_plugin_v1& first = load_plugin(m);
  const cf_plugin_v1& second = load_plugin(m);
  EXPECT_EQ(&first, &second);
  EXPECT_EQ(first.abi_major, CHARTFLOW_ABI_VERSION_MAJOR);
}

TEST(PluginLoading, ConfigRefusedByThePluginFailsStartUp) {
  test::TempDir dir;
  const auto config = read_pipeline_config(test::write_config(dir.path(),
      R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
          {"id": "annotate", "plugin": "test-annotator", "config": {"refuse_config": true}}])"));
  try {
    Pipeline pipeline(config, 2);
    FAIL() << "expected a FatalError";
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("stage 'annotate' (plugin 'test-annotator') refused its config: refuse_config is set"),
              std::string::npos) << e.what();
  }
}

// Each misbehaviour of a stage quarantines the document with a precise reason.
struct Misbehaviour {
  const char* mode;
  const char* status;
  const char* reason;
};

class StageMisbehaviour : public ::testing::TestWithParam<Misbehaviour> {};

TEST_P(StageMisbehaviour, QuarantinesTheDocumentWithTheReason) {
  test::TempDir dir;
  const auto config = read_pipeline_config(test::write_config(dir.path(),
      R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
          {"id": "annotate", "plugin": "test-annotator", "config": {"mode": ")" + std::string(GetParam().mode) + R"("}}])"));
  const Pipeline pipeline(config, 1);
  const ProcessResult result = process_document(pipeline, "\xC3\xA9t\xC3\xA9 fever and cough\n", "note.txt", 0);
  ASSERT_TRUE(result.failure.has_value()) << GetParam().mode;
  EXPECT_EQ(result.failure->stage, "annotate");
  EXPECT_EQ(result.failure->status, GetParam().status);
  EXPECT_NE(result.failure->reason.find(GetParam().reason), std::string::npos) << result.failure->reason;
  EXPECT_EQ(result.record.count("sections"), 0u) << "a failed stage adds nothing";
}

INSTANTIATE_TEST_SUITE_P(
    AllModes, StageMisbehaviour,
    ::testing::Values(Misbehaviour{"throw", "internal", "deliberate failure"},
                      Misbehaviour{"throw-int", "internal", "unknown exception"},
                      Misbehaviour{"error-status", "invalid-input", "document is not to my liking"},
                      Misbehaviour{"garbage-json", "rejected", "not valid JSON"},
                      Misbehaviour{"not-array", "rejected", "must be a JSON array"},
                      Misbehaviour{"bad-span", "rejected", "outside view 'normalized'"},
                      Misbehaviour{"split-utf8", "rejected", "splits a UTF-8 character"},
                      Misbehaviour{"undeclared-field", "rejected", "does not declare it in writes"},
                      Misbehaviour{"undeclared-view", "rejected", "does not declare 'views.summary'"},
                      Misbehaviour{"duplicate-id", "rejected", "reuses id 's1'"},
                      Misbehaviour{"dangling-reference", "rejected", "unknown id 'm404'"},
                      Misbehaviour{"ignore-rejection", "rejected", "does not match the schema"},
                      Misbehaviour{"schema-violation", "rejected", "assertion.status"}),
    [](const auto& info) {
      std::string name = info.param.mode;
      for (auto& c : name) c = c == '-' ? '_' : c;
      return name;
    });

TEST(PluginLoading, DescriptorShorterThanItsAbiIsRefused) {
  const std::string error = load_error("broken-short-descriptor");
  EXPECT_NE(error.find("smaller than ABI 1.1's"), std::string::npos) << error;
}

TEST(PluginLoading, PluginBuiltAgainstAbi10StillRunsWithJsonFields) {
  test::TempDir dir;
  const auto config = read_pipeline_config(test::write_config(dir.path(),
      R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
          {"id": "annotate", "plugin": "test-annotator"}, {"id": "legacy", "plugin": "test-legacy-v1-0"}])"));
  const Pipeline pipeline(config, 1);
  EXPECT_EQ(pipeline.stages().back()->manifest().abi_minor, 0u);
  const ProcessResult result = process_document(pipeline, "Fever and cough\n", "note.txt", 0);
  ASSERT_FALSE(result.failure.has_value()) << result.failure->reason;
  const auto sentences = record::typed_items<record::Sentence>(result.record, "sentences");
  ASSERT_FALSE(sentences.empty());
  EXPECT_EQ(sentences.back().id, "legacy-1") << "the 1.0 plugin found the sections in its JSON and added its sentence";
  EXPECT_EQ(sentences.back().producer, "legacy");
}

TEST(PluginLoading, WellBehavedStageAddsItsAnnotations) {
  test::TempDir dir;
  const auto config = read_pipeline_config(test::write_config(dir.path(),
      R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
          {"id": "annotate", "plugin": "test-annotator"}])"));
  const Pipeline pipeline(config, 1);
  const ProcessResult result = process_document(pipeline, "Fever and cough\n", "note.txt", 0);
  ASSERT_FALSE(result.failure.has_value()) << result.failure->reason;
  EXPECT_EQ(result.record.count("sections"), 1u);
  EXPECT_EQ(result.record.count("codes"), 1u);
  EXPECT_EQ(record::typed_items<record::Code>(result.record, "codes")[0].producer, "annotate");
  ASSERT_EQ(result.record.producers.size(), 3u);
  EXPECT_EQ(result.record.producers[2].plugin, "test-annotator");
  EXPECT_EQ(result.record.producers[2].version, "2.1.0");
  ASSERT_EQ(result.record.diagnostics.size(), 1u);
  EXPECT_EQ(result.record.diagnostics[0].code, "annotated");
}

}  // namespace
}  // namespace chartflow::host
