// The chartflow program as a user meets it: commands, exit codes and one-line errors.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

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
  const auto export_help = run_chartflow("export --help");
  EXPECT_EQ(export_help.exit_code, 0);
  EXPECT_NE(export_help.out.find("chartflow export naaccr"), std::string::npos);
  EXPECT_NE(export_help.out.find("Installed sinks"), std::string::npos);
  EXPECT_NE(export_help.out.find("--record-type VALUE (one of [\"A\",\"M\",\"C\",\"I\"])"), std::string::npos) << export_help.out;
}

TEST(Cli, ExportUsageAndStartUpErrors) {
  const auto no_sink = run_chartflow("export --records x --output y");
  EXPECT_EQ(no_sink.exit_code, 2);
  EXPECT_NE(no_sink.err.find("export needs a sink"), std::string::npos) << no_sink.err;
  EXPECT_NE(no_sink.err.find("installed sinks: fhir, hl7v2, naaccr"), std::string::npos) << "lists the installed sinks: " << no_sink.err;
  const auto unknown = run_chartflow("export csv --records x --output y");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no sink named 'csv' in the plugin path; installed sinks: fhir, hl7v2, naaccr"), std::string::npos) << unknown.err;
  const auto stage = run_chartflow("export text-reader --records x");
  EXPECT_EQ(stage.exit_code, 1);
  EXPECT_NE(stage.err.find("'text-reader' is a stage, not a sink"), std::string::npos) << stage.err;
  const auto incomplete = run_chartflow("export naaccr --records x");
  EXPECT_EQ(incomplete.exit_code, 2);
  EXPECT_NE(incomplete.err.find("sink 'naaccr' needs --output"), std::string::npos) << incomplete.err;
  EXPECT_EQ(run_chartflow("export naaccr --output x.xml").exit_code, 2) << "--records is required";
  const auto unknown_option = run_chartflow("export naaccr --records x --output y --outptu z");
  EXPECT_EQ(unknown_option.exit_code, 2);
  EXPECT_NE(unknown_option.err.find("unknown option --outptu for sink 'naaccr' (its options: --case-list, --heme-tables, --include-review, --output"),
            std::string::npos) << unknown_option.err;
  const auto flag_value = run_chartflow("export naaccr --records x --output y --include-review maybe");
  EXPECT_EQ(flag_value.exit_code, 2);
  EXPECT_NE(flag_value.err.find("--include-review expects no value (a flag), or true or false, got 'maybe'"), std::string::npos) << flag_value.err;
  const test::TempDir dir;
  const auto missing = run_chartflow("export naaccr --records " + quote(dir / "nowhere") + " --output " + quote(dir / "x.xml"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("records folder not found"), std::string::npos);
  const auto bad_type = run_chartflow("export naaccr --records " + quote(dir.path()) + " --output " + quote(dir / "x.xml") + " --record-type Q");
  EXPECT_EQ(bad_type.exit_code, 2);
  EXPECT_NE(bad_type.err.find("--record-type: must be one of"), std::string::npos) << bad_type.err;
  const auto unwritable = run_chartflow("export naaccr --records " + quote(dir.path()) + " --output " + quote(dir / "nowhere/x.xml"));
  EXPECT_EQ(unwritable.exit_code, 1);
  EXPECT_NE(unwritable.err.find("refused its config: output: cannot write the XML there"), std::string::npos) << unwritable.err;
  for (const auto* r : {&no_sink, &unknown, &stage, &incomplete, &missing, &bad_type, &unwritable})
    EXPECT_EQ(std::count(r->err.begin(), r->err.end(), '\n'), 1) << "one line: " << r->err;
}

// Options given on the command line override the --config file's, typed by the sink's schema;
// a record the sink does not take makes the export exit 3 with the reason by document id.
TEST(Cli, ExportBuildsTheSinkConfigAndReportsEachOutcome) {
  const TempDir dir;
  write_file(dir / "run/records/doc-0000000000000001.json", R"({"document": {"id": "doc-0000000000000001"}})");
  write_file(dir / "run/records/doc-0000000000000002.json", "{\"truncated\": ");
  write_file(dir / "run/records/doc-0000000000000003.json", R"({"document": {"id": "doc-0000000000000003"}, "views": [{"text": "FAIL-ME"}]})");
  write_file(dir / "sink.json", R"({"mode": "ok", "marker": "FAIL-ME", "file": "overridden"})");
  const auto result = run_chartflow("export test-sink --plugin-path " + quote(kTestPluginDir) + " --records " + quote(dir / "run") +
                                    " --config " + quote(dir / "sink.json") + " --mode fail --file " + quote(dir / "delivered.txt"));
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_NE(result.out.find("delivered  1"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("failed     2  (doc-0000000000000002: the record file is not valid JSON; "
                            "doc-0000000000000003: destination refused the record)"),
            std::string::npos) << result.out;
  EXPECT_NE(result.out.find("test-sink: test-sink delivered 1 record(s)"), std::string::npos) << result.out;
  EXPECT_EQ(read_file(dir / "delivered.txt"), "doc-0000000000000001\n") << "--file overrode the config file's";
  EXPECT_EQ(result.out.find("FAIL-ME"), std::string::npos) << "no document text";
  const auto ok = run_chartflow("export test-sink --plugin-path " + quote(kTestPluginDir) + " --records " + quote(dir / "run/records") + " --mode=ok");
  EXPECT_EQ(ok.exit_code, 3) << "the torn record still fails";
  write_file(dir / "run/records/doc-0000000000000002.json", R"({"document": {"id": "doc-0000000000000002"}})");
  EXPECT_EQ(run_chartflow("export test-sink --plugin-path " + quote(kTestPluginDir) + " --records " + quote(dir / "run")).exit_code, 0);
  const auto bad_config = run_chartflow("export test-sink --plugin-path " + quote(kTestPluginDir) + " --records " + quote(dir / "run") +
                                        " --config " + quote(dir / "sink.json") + " --mode nope");
  EXPECT_EQ(bad_config.exit_code, 2);
  EXPECT_NE(bad_config.err.find("--mode: must be one of"), std::string::npos) << bad_config.err;
  write_file(dir / "bad.json", R"({"mode": "nope"})");
  const auto bad_file = run_chartflow("export test-sink --plugin-path " + quote(kTestPluginDir) + " --records " + quote(dir / "run") +
                                      " --config " + quote(dir / "bad.json"));
  EXPECT_EQ(bad_file.exit_code, 1);
  EXPECT_NE(bad_file.err.find("bad.json: mode: must be one of"), std::string::npos) << bad_file.err;
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

TEST(Cli, ALogFileInAFolderThatDoesNotExistIsRefused) {
  test::TempDir dir;
  const auto result = run_chartflow("run --config x.json --input x --output " + quote(dir / "out") + " --log-file " + quote(dir / "no-such-folder" / "run.log"));
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.err.find("does not exist"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "no-such-folder")) << "nothing was created";
}

}  // namespace
}  // namespace chartflow::test
