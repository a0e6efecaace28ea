// The queue worker's handling of messages, without a broker: deliveries are built here as the
// broker would hand them over. (The broker itself is in tests/queue/queue_mode_test.py.)
#include "host/hashing.hpp"
#include "queue/message_settler.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::queue {
namespace {

constexpr const char* kStages = R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"}])";

struct SettlerFixture : ::testing::Test {
  test::TempDir dir;
  host::PipelineConfig config = host::read_pipeline_config(test::write_config(dir.path(), kStages));
  host::Pipeline pipeline{config, 1};
  host::OutputStore store{dir / "out", "worker-test"};
  host::RunOptions options;
  std::uint64_t next_tag = 1;

  Delivery delivery(const std::string& body, const std::string& queue = "charts") {
    Delivery d;
    d.channel = queue == "charts" ? 2 : 3, d.tag = next_tag++, d.queue = queue, d.body = body;
    return d;
  }
  Delivery work(const std::string& name, const std::string& text) {
    test::write_file(dir / "in" / name, text);
    return delivery(encode(WorkMessage{(dir / "in" / name).string(), host::sha256_hex(text), text.size()}));
  }
  nlohmann::json quarantine_of(const std::string& id) { return nlohmann::json::parse(test::read_file(store.quarantine_path(id))); }
};

TEST_F(SettlerFixture, DocumentsAreWrittenThenAcked) {
  MessageSettler settler(pipeline, store, options, "w1");
  auto settled = settler.settle({work("a.txt", "HISTORY:\nchest pain\n"), work("b.txt", "HISTORY:\nno fever\n")});
  ASSERT_EQ(settled.size(), 2u);
  for (const auto& s : settled) {
    EXPECT_TRUE(s.ack);
    ASSERT_TRUE(s.result);
    EXPECT_EQ(s.result->outcome, "written");
    EXPECT_TRUE(test::fs::exists(dir / "out" / s.result->location)) << s.result->location;
    EXPECT_EQ(s.result->worker, "w1");
  }
  EXPECT_EQ(settler.summary().count(host::Outcome::written), 2u);
}

TEST_F(SettlerFixture, AFileEnqueuedTwiceRunsOnceAndARedeliveryIsNotRedone) {
  MessageSettler settler(pipeline, store, options, "w1");
  const auto first = work("a.txt", "HISTORY:\nchest pain\n");
  auto settled = settler.settle({first, first});
  ASSERT_EQ(settled.size(), 2u);
  EXPECT_TRUE(settled[0].ack && settled[1].ack);
  EXPECT_EQ(settler.summary().documents.size(), 1u) << "one input, however often it was enqueued";
  settled = settler.settle({first});  // the broker redelivers it (the ack was lost)
  ASSERT_TRUE(settled[0].result);
  EXPECT_EQ(settled[0].result->outcome, "skipped");
}

TEST_F(SettlerFixture, ForeignMissingAndChangedMessagesAreQuarantinedWithTheirReason) {
  MessageSettler settler(pipeline, store, options, "w1");
  auto changed = work("c.txt", "HISTORY:\nfirst version\n");
  test::write_file(dir / "in" / "c.txt", "HISTORY:\nsecond version\n");
  const std::string missing = encode(WorkMessage{(dir / "in" / "gone.txt").string(), std::string(64, '0'), 3});
  auto settled = settler.settle({delivery("not ours"), delivery(missing), changed});
  ASSERT_EQ(settled.size(), 3u);
  std::map<std::string, std::string> status;
  for (const auto& s : settled) {
    EXPECT_TRUE(s.ack) << "a message that can never work is acked, not redelivered forever";
    ASSERT_TRUE(s.result);
    EXPECT_EQ(s.result->outcome, "quarantined");
    status[s.result->doc_id] = quarantine_of(s.result->doc_id)["status"];
  }
  std::set<std::string> statuses;
  for (const auto& [id, st] : status) statuses.insert(st);
  EXPECT_EQ(statuses, (std::set<std::string>{"bad-message", "unreadable", "changed"}));
}

TEST_F(SettlerFixture, ADeadLetterBecomesAQuarantineEntryUnlessItsRecordWasWritten) {
  MessageSettler settler(pipeline, store, options, "w1");
  const auto poison = work("poison.txt", "HISTORY:\nkills workers\n");
  auto settled = settler.settle({delivery(poison.body, "charts.quarantine")});
  ASSERT_TRUE(settled[0].ack && settled[0].result);
  EXPECT_EQ(quarantine_of(settled[0].result->doc_id)["status"], "dead-lettered");

  const auto done = work("done.txt", "HISTORY:\nwritten, then the worker died before its ack\n");
  settler.settle({done});
  settled = settler.settle({delivery(done.body, "charts.quarantine")});
  EXPECT_EQ(settled[0].result->outcome, "skipped") << "its record is there: done, not poisoned";
  EXPECT_FALSE(test::fs::exists(store.quarantine_path(settled[0].result->doc_id)));
}

TEST_F(SettlerFixture, ARestartedWorkerPartKeepsItsDocuments) {
  {
    MessageSettler settler(pipeline, store, options, "w1");
    settler.settle({work("a.txt", "HISTORY:\none\n"), delivery("junk")});
  }
  MessageSettler again(pipeline, store, options, "w1");
  EXPECT_EQ(again.summary().documents.size(), 2u) << "read back from documents.jsonl";
}

}  // namespace
}  // namespace chartflow::queue
