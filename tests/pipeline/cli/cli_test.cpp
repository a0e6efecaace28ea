// The chartflow program as a user meets it: commands, exit codes and one-line errors.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

const fs::path kDefaultConfig = kSourceDir / "configs/default.json";

TEST(Cli, VersionAndHelp) {
  const auto version = run_chartflow("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("chartflow ", 0), 0u);
  const auto help = run_chartflow("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("chartflow run --config FILE --input PATH..."), std::string::npos);
  EXPECT_EQ(run_chartflow("").exit_code, 2) << "no command is a usage error";
  EXPECT_EQ(run_chartflow("run --help").exit_code, 0) << "--help after a command shows the help";
  EXPECT_NE(run_chartflow("export --help").out.find("chartflow export naaccr"), std::string::npos);
}

TEST(Cli, ExportUsageAndMissingRecords) {
  const auto no_format = run_chartflow("export --records x --output y");
  EXPECT_EQ(no_format.exit_code, 2);
  EXPECT_NE(no_format.err.find("export needs a format"), std::string::npos);
  const auto unknown = run_chartflow("export csv --records x --output y");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown export format 'csv' (known: naaccr)"), std::string::npos);
  const auto incomplete = run_chartflow("export naaccr --records x");
  EXPECT_EQ(incomplete.exit_code, 2);
  const test::TempDir dir;
  const auto missing = run_chartflow("export naaccr --records " + quote(dir / "nowhere") + " --output " + quote(dir / "x.xml"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("records folder not found"), std::string::npos);
  const auto bad_type = run_chartflow("export naaccr --records " + quote(dir.path()) + " --output " + quote(dir / "x.xml") + " --record-type Q");
  EXPECT_EQ(bad_type.exit_code, 1);
  EXPECT_NE(bad_type.err.find("record type 'Q' is not A, M, C or I"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwoWithOneLine) {
  const auto unknown = run_chartflow("frobnicate");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos);
  const auto option = run_chartflow("run --confg x");
  EXPECT_EQ(option.exit_code, 2);
  EXPECT_NE(option.err.find("unknown option --confg"), std::string::npos);
  const auto jobs = run_chartflow("run --config a --input b --output c --jobs many");
  EXPECT_EQ(jobs.exit_code, 2);
  EXPECT_NE(jobs.err.find("--jobs expects a whole number from 1 to 1024, got 'many'"), std::string::npos);
  const auto missing = run_chartflow("run --config " + quote(kDefaultConfig));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("run needs --input"), std::string::npos);
}

TEST(Cli, FatalErrorsExitOneNamingTheThing) {
  TempDir dir;
  const auto no_input = run_chartflow("run --config " + quote(kDefaultConfig) + " --input " + quote(dir / "nowhere") + " --output " + quote(dir / "out"));
  EXPECT_EQ(no_input.exit_code, 1);
  EXPECT_NE(no_input.err.find("nowhere: input path not found"), std::string::npos) << no_input.err;
  EXPECT_EQ(std::count(no_input.err.begin(), no_input.err.end(), '\n'), 1) << "one line: " << no_input.err;

  write_file(dir / "bad.json", R"({"name": "x", "stages": [{"id": "a", "plugin": "no-such"}]})");
  write_file(dir / "in/a.txt", "x");
  const auto no_plugin = run_chartflow("run --config " + quote(dir / "bad.json") + " --input " + quote(dir / "in") + " --output " + quote(dir / "out"));
  EXPECT_EQ(no_plugin.exit_code, 1);
  EXPECT_NE(no_plugin.err.find("bad.json: stages[0] ('a').plugin: no plugin named 'no-such'"), std::string::npos) << no_plugin.err;
  EXPECT_FALSE(fs::exists(dir / "out/records/") && !fs::is_empty(dir / "out/records")) << "nothing runs on a bad config";
}

TEST(Cli, RunWritesRecordsAndSaysWhere) {
  TempDir dir;
  write_file(dir / "in/a.txt", "HPI: fever.\n");
  write_file(dir / "in/b.txt", "");
  const auto result = run_chartflow("run --config " + quote(kDefaultConfig) + " --input " + quote(dir / "in/a.txt") + " " +
                                    quote(dir / "in/b.txt") + " --output " + quote(dir / "out") + " --jobs 2");
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.out.find("written      1  -> " + (dir / "out/records").string()), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("quarantined  1"), std::string::npos);
  EXPECT_NE(result.out.find("chartflow/invalid-input: 1"), std::string::npos);
  const auto validate = run_chartflow("validate --record " + quote(dir / "out/records"));
  EXPECT_EQ(validate.exit_code, 0) << validate.out;
  EXPECT_NE(validate.out.find("1 valid, 0 invalid"), std::string::npos);
}

TEST(Cli, ScannedChartRecordCarriesItsPagesInTheEnvelope) {
  TempDir dir;
  const auto result = run_chartflow("run --config " + quote(kDefaultConfig) + " --input " +
                                    quote(kSourceDir / "tests/fixtures/scans/scan-discharge-summary-upside-down.tif") +
                                    " --output " + quote(dir / "out"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const fs::path record = fs::directory_iterator(dir / "out/records")->path();
  const auto json = nlohmann::json::parse(read_file(record));
  EXPECT_EQ(json["document"]["page_count"], 2);
  EXPECT_EQ(json["pages"].size(), 2u);
  EXPECT_EQ(json["pages"][0]["rotation_deg"], 180);
}

TEST(Cli, PluginsListsManifestsWithoutLoadingCode) {
  const auto list = run_chartflow("plugins");
  EXPECT_EQ(list.exit_code, 0) << list.out << list.err;
  EXPECT_NE(list.out.find("text-reader 1.0.0"), std::string::npos);
  EXPECT_NE(list.out.find("writes: views.normalized"), std::string::npos);
  const auto one = run_chartflow("plugins --name text-reader");
  EXPECT_NE(one.out.find("legacy_encoding"), std::string::npos) << "describes the config options";
  const auto json = run_chartflow("plugins --json");
  const auto parsed = nlohmann::json::parse(json.out);
  EXPECT_GE(parsed["plugins"].size(), 2u);
  // Broken test plugins (including one whose library has no entry point) are listed, not loaded:
  // listing them must neither crash nor run their code.
  const auto broken = run_chartflow("plugins --plugin-path " + quote(kTestPluginDir));
  EXPECT_EQ(broken.exit_code, 0) << broken.out;
  EXPECT_NE(broken.out.find("broken-missing-symbol"), std::string::npos);
  EXPECT_EQ(run_chartflow("plugins --name nope").exit_code, 1);
}

TEST(Cli, ValidateConfigAndRecords) {
  const auto ok = run_chartflow("validate --config " + quote(kDefaultConfig));
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("OK, pipeline 'default'"), std::string::npos);
  TempDir dir;
  write_file(dir / "c.json", R"({"name": "x", "stages": [{"id": "a", "plugin": "text-reader", "config": {"legacy_encoding": 5}}]})");
  const auto bad = run_chartflow("validate --config " + quote(dir / "c.json"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("config.legacy_encoding"), std::string::npos) << bad.err;
  const auto records = run_chartflow("validate --record " + quote(kSourceDir / "schemas/examples/invalid/record/span-outside-view.json"));
  EXPECT_EQ(records.exit_code, 1);
  EXPECT_NE(records.out.find("outside view"), std::string::npos);
  write_file(dir / "truncated.json", "{\"schema_version\": ");
  const auto truncated = run_chartflow("validate --record " + quote(dir / "truncated.json"));
  EXPECT_EQ(truncated.exit_code, 1);
  EXPECT_NE(truncated.out.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(run_chartflow("validate").exit_code, 2);
}

}  // namespace
}  // namespace chartflow::test
