#include "host/errors.hpp"
#include "host/manifest.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::host {
namespace {

using test::TempDir;

const char* kGood = R"({"name": "demo", "version": "1.0.0", "abi_version": "1.0", "library": "libdemo.so",
  "description": "d", "reads": ["views.raw"], "writes": ["sections"], "config_schema": {"type": "object"}})";

std::string error_of(const test::fs::path& file) {
  try {
    read_manifest(file);
  } catch (const FatalError& e) {
    return e.what();
  }
  return "";
}

void write_plugin(const TempDir& dir, const std::string& manifest, bool with_library = true) {
  test::write_file(dir / "demo/plugin.json", manifest);
  if (with_library) test::write_file(dir / "demo/libdemo.so", "");
}

TEST(Manifest, ReadsAValidManifest) {
  TempDir dir;
  write_plugin(dir, kGood);
  const Manifest m = read_manifest(dir / "demo/plugin.json");
  EXPECT_EQ(m.name, "demo");
  EXPECT_EQ(m.abi_major, 1u);
  EXPECT_FALSE(m.per_thread);
  EXPECT_FALSE(m.is_reader());
  EXPECT_EQ(m.library_path(), dir / "demo/libdemo.so");
}

TEST(Manifest, ErrorsNameTheFileAndTheProblem) {
  TempDir dir;
  const auto file = dir / "demo/plugin.json";
  write_plugin(dir, "{\"name\": ");
  EXPECT_NE(error_of(file).find(file.string() + ": plugin manifest is not valid JSON: line 1"), std::string::npos) << error_of(file);
  write_plugin(dir, "");
  EXPECT_NE(error_of(file).find("is empty"), std::string::npos);
  write_plugin(dir, R"({"name": "demo"})");
  EXPECT_NE(error_of(file).find("invalid plugin manifest"), std::string::npos);
  std::string wrong_abi = kGood;
  wrong_abi.replace(wrong_abi.find("\"1.0\""), 5, "\"2.0\"");
  write_plugin(dir, wrong_abi);
  EXPECT_NE(error_of(file).find("built for chartflow ABI 2.0"), std::string::npos) << error_of(file);
  write_plugin(dir, kGood, false);
  test::fs::remove(dir / "demo/libdemo.so");
  EXPECT_NE(error_of(file).find("library 'libdemo.so' not found"), std::string::npos);
}

TEST(Manifest, RefusesHostOnlyWritesAndReadWriteOverlap) {
  TempDir dir;
  const auto file = dir / "demo/plugin.json";
  std::string m = kGood;
  m.replace(m.find("[\"sections\"]"), 12, "[\"document\"]");
  write_plugin(dir, m);
  EXPECT_NE(error_of(file).find("written by the host only"), std::string::npos);
  m = kGood;
  m.replace(m.find("[\"sections\"]"), 12, "[\"views.raw\"]");
  write_plugin(dir, m);
  EXPECT_NE(error_of(file).find("in both reads and writes"), std::string::npos);
}

TEST(Manifest, RefusesAConfigSchemaThatIsNotASchema) {
  TempDir dir;
  std::string m = kGood;
  m.replace(m.find("{\"type\": \"object\"}"), 18, "{\"type\": 12}");
  write_plugin(dir, m);
  EXPECT_NE(error_of(dir / "demo/plugin.json").find("config_schema"), std::string::npos);
}

TEST(Manifest, ReaderStagesMustReadTheSource) {
  TempDir dir;
  std::string m = kGood;
  m.replace(m.find("\"reads\""), 7, "\"media_types\": [\"text/plain\"], \"reads\"");
  write_plugin(dir, m);
  EXPECT_NE(error_of(dir / "demo/plugin.json").find("must read 'source'"), std::string::npos);
}

TEST(PluginCatalog, ScansWithoutLoadingAndReportsBrokenManifests) {
  TempDir dir;
  write_plugin(dir, kGood);
  test::write_file(dir / "broken/plugin.json", "not json");
  test::write_file(dir / "not-a-plugin/readme.txt", "hello");
  const PluginCatalog catalog = scan_plugins({dir.path(), dir / "missing-folder"});
  ASSERT_EQ(catalog.manifests.size(), 1u);
  EXPECT_EQ(catalog.manifests[0].name, "demo");
  ASSERT_EQ(catalog.problems.size(), 1u);
  EXPECT_EQ(catalog.problems[0].file, dir / "broken/plugin.json");
}

TEST(PluginCatalog, FindsTheProductPlugins) {
  const PluginCatalog catalog = scan_plugins({test::kPluginDir});
  EXPECT_NE(catalog.find("text-reader"), nullptr);
  EXPECT_NE(catalog.find("text-normalizer"), nullptr);
  EXPECT_TRUE(catalog.problems.empty());
}

}  // namespace
}  // namespace chartflow::host
