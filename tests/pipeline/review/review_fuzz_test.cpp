// Fuzzing what a browser (or anyone on the port) can send as a decision: random JSON of every
// shape, and mutations of valid decisions. Nothing may crash, every answer is a status with a
// JSON body, and a refused decision must store nothing.
#include "review_fixture.hpp"

#include <random>

namespace chartflow::test {
namespace {

using nlohmann::json;

json random_value(std::mt19937& rng, int depth) {
  switch (std::uniform_int_distribution<int>(0, depth > 3 ? 4 : 6)(rng)) {
    case 0: return nullptr;
    case 1: return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    case 2: return std::uniform_int_distribution<long long>(-5, 1LL << 40)(rng);
    case 3: {
      static const std::vector<std::string> words = {"accept", "reject", "edit", "add", "principal", "reopen", "abstract", "status",
                                                     "approved", "returned", "ICD-10-CM|C50.912", "ICD-10-CM|Z80.41", "C50.411",
                                                     "t1", "primarySite", "normalized", "", "\xff\xfe", std::string(3000, 'x'), "ICD-10-PCS"};
      return words[std::uniform_int_distribution<std::size_t>(0, words.size() - 1)(rng)];
    }
    case 4: return 1.5e308;
    case 5: {
      json a = json::array();
      for (int i = std::uniform_int_distribution<int>(0, 3)(rng); i > 0; --i) a.push_back(random_value(rng, depth + 1));
      return a;
    }
    default: {
      static const std::vector<std::string> keys = {"action", "key", "code", "system", "reason", "evidence", "view", "begin", "end",
                                                    "tumor", "field", "value", "status", "note"};
      json o = json::object();
      for (int i = std::uniform_int_distribution<int>(0, 6)(rng); i > 0; --i)
        o[keys[std::uniform_int_distribution<std::size_t>(0, keys.size() - 1)(rng)]] = random_value(rng, depth + 1);
      return o;
    }
  }
}

TEST_F(ReviewFixture, RandomDecisionBodiesNeverCrashAndRefusalsStoreNothing) {
  std::mt19937 rng(20261201);
  std::size_t stored = 0, refused = 0;
  const std::size_t rounds = sanitizer_scaled(800);
  for (std::size_t i = 0; i < rounds; ++i) {
    json body = random_value(rng, 0);
    if (i % 4 == 1) {  // a quarter are valid decisions, so the stored paths are reached and replayed
      static const std::vector<json> valid = {
          {{"action", "accept"}, {"key", "ICD-10-CM|C50.912"}}, {{"action", "reject"}, {"key", "ICD-10-CM|Z80.41"}, {"reason", "no"}},
          {{"action", "reopen"}, {"key", "ICD-10-CM|Z80.41"}}, {{"action", "edit"}, {"key", "ICD-10-CM|C50.912"}, {"code", "C50.411"}},
          {{"action", "principal"}, {"key", "ICD-10-CM|Z80.41"}}, {{"action", "status"}, {"status", "in_progress"}},
          {{"action", "abstract"}, {"tumor", "t1"}, {"field", "laterality"}, {"value", "1"}}};
      body = valid[std::uniform_int_distribution<std::size_t>(0, valid.size() - 1)(rng)];
    } else if (i % 2 == 0) {  // half of them start as a plausible decision
      body = json{{"action", random_value(rng, 3)}, {"key", random_value(rng, 3)}};
      for (const char* k : {"code", "reason", "evidence", "tumor", "field", "value", "status", "system"})
        if (std::uniform_int_distribution<int>(0, 2)(rng) == 0) body[k] = random_value(rng, 2);
    }
    const auto before = store_->all().size();
    const auto reply = service_->decide(kDocId, body, {"fuzz", review::Role::coder});
    ASSERT_FALSE(json::parse(reply.body, nullptr, false).is_discarded()) << body.dump();
    const auto after = store_->all().size();
    if (reply.status == 200) {
      ++stored;
      EXPECT_EQ(after, before + 1) << body.dump();
    } else {
      ++refused;
      ASSERT_GE(reply.status, 400) << body.dump();
      ASSERT_LT(reply.status, 500) << body.dump() << " -> " << reply.body;
      EXPECT_EQ(after, before) << body.dump();
    }
  }
  EXPECT_GT(refused, rounds * 3 / 8);
  EXPECT_GT(stored, rounds * 3 / 80);  // the fuzzer does reach the stored paths
  // However the decisions went, the chart still replays and renders.
  EXPECT_EQ(service_->chart(kDocId, {"fuzz", review::Role::coder}).status, 200);
  EXPECT_EQ(service_->worklist().status, 200);
}

}  // namespace
}  // namespace chartflow::test
