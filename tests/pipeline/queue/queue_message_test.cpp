#include "queue/queue_message.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <random>

namespace chartflow::queue {
namespace {

const std::string kSha(64, 'a');

TEST(QueueMessage, AWorkMessageRoundTrips) {
  const WorkMessage m{"/data/in/chart 1.pdf", kSha, 1234};
  const auto parsed = parse_work_message(encode(m));
  ASSERT_TRUE(parsed.message) << parsed.error;
  EXPECT_EQ(parsed.message->path, m.path);
  EXPECT_EQ(parsed.message->sha256, m.sha256);
  EXPECT_EQ(parsed.message->size, 1234u);
  EXPECT_EQ(encode(m).find("text"), std::string::npos) << "a message never carries the chart";
}

TEST(QueueMessage, MessagesThatAreNotOursSayWhy) {
  auto error = [](const std::string& body) { return parse_work_message(body).error; };
  EXPECT_NE(error("hello").find("not a JSON object"), std::string::npos);
  EXPECT_NE(error("[1,2]").find("not a JSON object"), std::string::npos);
  EXPECT_NE(error(R"({"path": "/x"})").find("schema"), std::string::npos);
  nlohmann::json m = {{"schema", "chartflow-work/1"}, {"path", "relative/x.txt"}, {"sha256", kSha}, {"size", 1}};
  EXPECT_NE(error(m.dump()).find("absolute"), std::string::npos);
  m["path"] = "/x.txt", m["sha256"] = "ABC";
  EXPECT_NE(error(m.dump()).find("64 lower-case hex"), std::string::npos);
  m["sha256"] = kSha, m["size"] = -1;
  EXPECT_NE(error(m.dump()).find("size"), std::string::npos);
  m["size"] = 1, m["path"] = std::string("/x\0y", 4);
  EXPECT_NE(error(m.dump()).find("NUL"), std::string::npos);
  EXPECT_NE(error(std::string(kMaxMessageBytes + 1, ' ')).find("bytes"), std::string::npos);
}

// Untrusted input: whatever anyone publishes to the queue parses to a message or an error.
TEST(QueueMessage, FuzzedBodiesNeverCrash) {
  std::mt19937 random(42);
  const std::string valid = encode(WorkMessage{"/data/x.txt", kSha, 7});
  for (int round = 0; round < 20000; ++round) {
    std::string body = valid;
    const int edits = 1 + static_cast<int>(random() % 8);
    for (int e = 0; e < edits && !body.empty(); ++e) {
      const auto at = random() % body.size();
      switch (random() % 3) {
        case 0: body[at] = static_cast<char>(random() % 256); break;
        case 1: body.erase(at, 1 + random() % 4); break;
        default: body.insert(at, std::string(1 + random() % 3, static_cast<char>(random() % 256)));
      }
    }
    const auto parsed = parse_work_message(body);
    EXPECT_TRUE(parsed.message.has_value() != !parsed.error.empty());
  }
}

}  // namespace
}  // namespace chartflow::queue
