// Sinks in a run: what each said about each record lands in summary.json (documents[].deliveries
// and the per-sink totals) with a one-line reason, a record not delivered makes the run exit 3,
// an incremental sink is not offered again what it acknowledged, and a plugin of the wrong kind
// is a start-up error naming it.
#include "host/errors.hpp"
#include "host/inputs.hpp"
#include "host/output_store.hpp"
#include "host/pipeline.hpp"
#include "host/runner.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace chartflow::host {
namespace {

using nlohmann::json;
using test::TempDir;

constexpr const char* kStages = R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"}])";

struct SinkFixture {
  TempDir dir;
  std::string sinks;
  explicit SinkFixture(json sink_list) : sinks(sink_list.dump()) {}
  PipelineConfig config(const std::string& stages = kStages) const {
    return read_pipeline_config(test::write_config(dir.path(), stages, "\"sinks\": " + sinks));
  }
  RunSummary run(bool force = false) {
    const Pipeline pipeline(config(), 2);
    OutputStore store(dir / "out");
    RunOptions options;
    options.force = force;
    return run_pipeline(pipeline, collect_inputs({dir / "in"}), store, options);
  }
  void input(const std::string& name, const std::string& content) { test::write_file(dir / "in" / name, content); }
  json summary() const { return json::parse(test::read_file(dir / "out/summary.json")); }
  std::vector<std::string> lines(const std::string& file) const {
    std::vector<std::string> out;
    std::istringstream in(test::fs::exists(dir / file) ? test::read_file(dir / file) : "");
    for (std::string line; std::getline(in, line);) out.push_back(line);
    std::sort(out.begin(), out.end());
    return out;
  }
};

json sink(const std::string& id, const std::string& plugin, json config = json::object()) {
  return {{"id", id}, {"plugin", plugin}, {"config", std::move(config)}};
}

// The summary entry of the input named `name`.
json document(const json& summary, const std::string& name) {
  for (const auto& d : summary["documents"])
    if (d["input"] == name) return d;
  return json();
}

TEST(Sinks, EveryOutcomeLandsInTheSummaryWithAOneLineReason) {
  SinkFixture f(json::array());
  f.sinks = json::array({sink("ok", "test-sink", {{"file", (f.dir / "delivered.txt").string()}}),
                         sink("retry", "test-sink", {{"mode", "retry"}, {"marker", "RETRY-ME"}}),
                         sink("fail", "test-sink", {{"mode", "fail"}, {"marker", "FAIL-ME"}}),
                         sink("throw", "test-sink", {{"mode", "throw"}, {"marker", "THROW-ME"}}), sink("garbage", "broken-garbage-sink")})
                .dump();
  f.input("a.txt", "Fever.\n");
  f.input("b.txt", "RETRY-ME cough\n");
  f.input("c.txt", "FAIL-ME pain\n");
  f.input("d.txt", "THROW-ME rash\n");
  f.input("empty.txt", "");
  const RunSummary result = f.run();
  EXPECT_EQ(result.exit_code(), 3);
  EXPECT_FALSE(result.all_delivered);

  const json summary = f.summary();
  const json a = document(summary, "a.txt")["deliveries"];
  EXPECT_EQ(a["ok"]["status"], "delivered");
  EXPECT_EQ(a["ok"]["message"], "receipt " + document(summary, "a.txt")["id"].get<std::string>());
  EXPECT_EQ(a["retry"]["status"], "delivered");
  EXPECT_EQ(a["garbage"]["status"], "failed");
  EXPECT_NE(a["garbage"]["message"].get<std::string>().find("sink returned 37, which is none of delivered (0), retry (1) or failed (2)"),
            std::string::npos) << a["garbage"];
  EXPECT_EQ(document(summary, "b.txt")["deliveries"]["retry"], (json{{"status", "retry"}, {"message", "destination unavailable, try later"}}));
  EXPECT_EQ(document(summary, "c.txt")["deliveries"]["fail"], (json{{"status", "failed"}, {"message", "destination refused the record"}}));
  EXPECT_EQ(document(summary, "d.txt")["deliveries"]["throw"]["status"], "failed");
  EXPECT_NE(document(summary, "d.txt")["deliveries"]["throw"]["message"].get<std::string>().find("deliberate failure in deliver"), std::string::npos);
  EXPECT_FALSE(document(summary, "empty.txt").contains("deliveries")) << "a quarantined document has no record to deliver";
  for (const auto& d : summary["documents"]) {
    const json deliveries = d.value("deliveries", json::object());
    for (const auto& [id, delivery] : deliveries.items()) EXPECT_EQ(delivery.value("message", "").find('\n'), std::string::npos) << id;
  }

  const json& totals = summary["sinks"];
  EXPECT_EQ(totals["ok"]["delivered"], 4);
  EXPECT_EQ(totals["ok"]["report"], "test-sink delivered 4 record(s)");
  EXPECT_EQ(totals["ok"]["delivery"], "batch");
  EXPECT_EQ(totals["retry"]["retry"], 1);
  EXPECT_EQ(totals["retry"]["delivered"], 3);
  EXPECT_EQ(totals["fail"]["failed"], 1);
  EXPECT_EQ(totals["throw"]["failed"], 1);
  EXPECT_EQ(totals["garbage"]["failed"], 4);
  EXPECT_EQ(totals["garbage"]["plugin"], "broken-garbage-sink");
  EXPECT_EQ(f.lines("delivered.txt").size(), 4u);
  EXPECT_EQ(f.lines("out/deliveries/garbage.jsonl").size(), 4u) << "every delivery is logged";
}

TEST(Sinks, ARunWhoseRecordsAllReachTheSinkExitsZero) {
  SinkFixture f(json::array({sink("ok", "test-sink")}));
  f.input("a.txt", "Fever.\n");
  f.input("b.txt", "Cough.\n");
  const RunSummary result = f.run();
  EXPECT_EQ(result.exit_code(), 0);
  EXPECT_EQ(f.summary()["sinks"]["ok"]["delivered"], 2);
}

TEST(Sinks, AnIncrementalSinkIsNotOfferedAgainWhatItAcknowledged) {
  SinkFixture f(json::array());
  const auto configure = [&](const std::string& mode) {
    f.sinks = json::array({sink("server", "test-sink-incremental", {{"mode", mode}, {"marker", "RETRY-ME"}, {"file", (f.dir / "server.txt").string()}}),
                           sink("file", "test-sink", {{"file", (f.dir / "batch.txt").string()}})})
                  .dump();
  };
  f.input("a.txt", "Fever.\n");
  f.input("b.txt", "RETRY-ME cough\n");
  configure("retry");
  EXPECT_EQ(f.run().exit_code(), 3) << "b is still to deliver";
  EXPECT_EQ(f.lines("server.txt").size(), 1u);
  EXPECT_EQ(f.lines("batch.txt").size(), 2u);

  // A re-run skips both documents; the server is offered only b, which it never acknowledged.
  EXPECT_EQ(f.run().exit_code(), 3);
  EXPECT_EQ(f.summary()["sinks"]["server"]["delivered_earlier"], 1);
  EXPECT_EQ(f.summary()["sinks"]["server"]["retry"], 1);
  EXPECT_EQ(f.lines("server.txt").size(), 1u);
  EXPECT_EQ(f.lines("batch.txt").size(), 4u) << "a batch sink gets every record of every run";

  configure("ok");  // the server is back
  EXPECT_EQ(f.run().exit_code(), 0);
  EXPECT_EQ(f.summary()["sinks"]["server"]["delivered"], 1);
  const auto server = f.lines("server.txt");
  ASSERT_EQ(server.size(), 2u);
  EXPECT_NE(server[0], server[1]) << "each record reached the server once";
  EXPECT_EQ(f.run().exit_code(), 0);
  EXPECT_EQ(f.summary()["sinks"]["server"]["delivered_earlier"], 2);
  EXPECT_EQ(f.lines("server.txt").size(), 2u);
  f.run(true);
  EXPECT_EQ(f.lines("server.txt").size(), 4u) << "records made again (--force) are new versions: offered again";
}

std::string startup_error(const PipelineConfig& config) {
  try {
    const Pipeline pipeline(config, 1);
  } catch (const FatalError& e) {
    return e.what();
  }
  return "started";
}

TEST(Sinks, APluginOfTheWrongKindIsAStartUpErrorNamingIt) {
  SinkFixture stage_as_sink(json::array({sink("out", "text-normalizer")}));
  EXPECT_NE(startup_error(stage_as_sink.config()).find("sinks[0] ('out'): plugin 'text-normalizer' is a stage, not a sink"), std::string::npos)
      << startup_error(stage_as_sink.config());
  SinkFixture sink_as_stage(json::array());
  const std::string stages = R"([{"id": "read", "plugin": "text-reader"}, {"id": "deliver", "plugin": "test-sink"}])";
  EXPECT_NE(startup_error(sink_as_stage.config(stages)).find("stages[1] ('deliver'): plugin 'test-sink' is a sink"), std::string::npos)
      << startup_error(sink_as_stage.config(stages));
}

}  // namespace
}  // namespace chartflow::host
