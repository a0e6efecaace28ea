// The patient-identity stage through the real program: its items reach the record and pass
// `chartflow validate --record`, "values": "hash" keeps values out of them, a conflict reaches
// the record as a warning, and no value reaches the summary, the report or the program's output.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

using json = nlohmann::json;

std::string stages(const std::string& identity_config) {
  return R"([{"id": "read-text", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"},
             {"id": "identity", "plugin": "patient-identity", "config": )" +
         identity_config + "}]";
}

struct StageRun {
  CommandResult result;
  json record;
  std::string outside_records;  // every file the run wrote except the records, and the program's output
};

StageRun run_on(const TempDir& dir, const std::string& chart, const std::string& identity_config = "{}") {
  write_file(dir / "in/chart.txt", chart);
  const fs::path config = write_config(dir.path(), stages(identity_config));
  StageRun run;
  run.result = run_chartflow("run --config " + quote(config) + " --input " + quote(dir / "in") + " --output " + quote(dir / "out") +
                             " --progress none --jobs 1");
  run.outside_records = run.result.out + run.result.err;
  if (!fs::exists(dir / "out")) return run;
  for (const auto& e : fs::recursive_directory_iterator(dir / "out")) {
    if (!e.is_regular_file()) continue;
    if (e.path().parent_path().filename() == "records") run.record = json::parse(read_file(e.path()));
    else run.outside_records += read_file(e.path());
  }
  return run;
}

std::string chf_chart() { return read_file(kSourceDir / "tests/fixtures/charts/discharge-summary-chf.txt"); }

TEST(PatientIdentityStage, ItemsReachTheRecordAndTheRecordValidates) {
  TempDir dir;
  const StageRun run = run_on(dir, chf_chart());
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  const json& items = run.record["identity"];
  ASSERT_EQ(items.size(), 5u) << items.dump(1);
  EXPECT_EQ(items[1]["kind"], "mrn");
  EXPECT_EQ(items[1]["value"], "00-000-0001");
  EXPECT_EQ(items[1]["identifier_type"], "MR");
  EXPECT_EQ(items[1]["producer"], "identity");
  const std::string text = run.record["views"][1]["text"];
  EXPECT_EQ(text.substr(items[1]["begin"], items[1]["end"].get<std::size_t>() - items[1]["begin"].get<std::size_t>()), "00-000-0001");
  const auto check = run_chartflow("validate --record " + quote(dir / "out/records"));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST(PatientIdentityStage, HashKeepsValuesOutOfTheItems) {
  TempDir dir;
  const StageRun run = run_on(dir, chf_chart(), R"({"values": "hash"})");
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  const json& items = run.record["identity"];
  ASSERT_EQ(items.size(), 5u);
  for (const json& item : items) {
    EXPECT_FALSE(item.contains("value")) << item.dump();
    EXPECT_EQ(item["value_sha256"].get<std::string>().size(), 64u);
  }
  EXPECT_EQ(items.dump().find("00-000-0001"), std::string::npos);
}

TEST(PatientIdentityStage, AConflictIsAWarningAndNoValueLeavesTheRecord) {
  TempDir dir;
  const StageRun run = run_on(dir, chf_chart() + "\nMRN: 00-000-0002\nPatient Name: Quuxley, Zebediah\nMRN: NOTANMRN\n");
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  bool warned = false;
  for (const json& d : run.record["diagnostics"]) {
    if (d["code"] == "identity-conflict") {
      warned = true;
      EXPECT_EQ(d["severity"], "warning");
      EXPECT_EQ(d["message"], "2 different MRNs; 2 different patient names: the chart may mix patients or encounters");
    }
  }
  EXPECT_TRUE(warned) << run.record["diagnostics"].dump(1);
  for (const json& item : run.record["identity"]) {
    if (item["kind"] == "mrn") {
      EXPECT_TRUE(item["conflict"].get<bool>());
    }
  }
  for (const char* value : {"00-000-0001", "00-000-0002", "Quuxley", "Synthetic Patient", "NOTANMRN"})
    EXPECT_EQ(run.outside_records.find(value), std::string::npos) << value << " left the record";
}

TEST(PatientIdentityStage, AnUnknownValuesOptionStopsStartUp) {
  TempDir dir;
  const StageRun run = run_on(dir, chf_chart(), R"({"values": "drop"})");
  EXPECT_EQ(run.result.exit_code, 1) << run.result.err;
  EXPECT_NE(run.result.err.find("values"), std::string::npos) << run.result.err;
}

}  // namespace
}  // namespace chartflow::test
