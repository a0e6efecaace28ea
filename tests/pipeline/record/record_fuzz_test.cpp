// Fuzz-style tests for the parsers of untrusted JSON: records given to `chartflow validate`
// and items emitted by plugins. Random mutations of a valid record must give a clean verdict
// (valid or a list of problems), never a crash or an escaped exception.
#include "record/record_check.hpp"
#include "record/stage_output.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::record {
namespace {

std::string mutate(std::string text, std::mt19937& rng) {
  std::uniform_int_distribution<int> op(0, 4), byte(0, 255);
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const std::size_t at = rng() % text.size();
    switch (op(rng)) {
      case 0: text[at] = static_cast<char>(byte(rng)); break;                       // flip a byte
      case 1: text.erase(at, 1 + rng() % 8); break;                                 // delete a few
      case 2: text.insert(at, std::string(1 + rng() % 3, "{}[],:\"0-9e"[rng() % 11])); break;  // inject syntax
      case 3: text.resize(at); break;                                               // truncate
      default: text.insert(at, text.substr(rng() % text.size(), 16)); break;        // duplicate a slice
    }
  }
  return text;
}

TEST(RecordFuzz, MutatedRecordsNeverCrashTheChecker) {
  const std::string original = test::read_file(test::kSourceDir / "schemas/examples/valid/record/full-record.json");
  std::mt19937 rng(20261125);
  int parsed = 0, rejected = 0;
  for (int i = 0; i < 1500; ++i) {
    const std::string text = mutate(original, rng);
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) continue;
    ++parsed;
    std::vector<std::string> problems;
    ASSERT_NO_THROW(problems = check_record(doc)) << "mutation " << i;
    rejected += !problems.empty();
  }
  EXPECT_GT(parsed, 100);
  EXPECT_GT(rejected, 0);
}

TEST(RecordFuzz, RandomItemPayloadsAreRefusedCleanly) {
  Record r;
  r.views.push_back({"raw", "some text here", "file", "utf-8", std::nullopt, {}, "read", std::nullopt});
  std::mt19937 rng(7);
  const std::string seed = R"([{"id":"m1","view":"raw","begin":0,"end":4,"kind":"diagnosis","assertion":{"status":"affirmed","negated":false,"uncertain":false,"hypothetical":false,"historical":false,"experiencer":"patient"}}])";
  for (int i = 0; i < 2000; ++i) {
    StageOutput out(r, FieldRegistry::builtin(), "fuzz", {"mentions", "sections", "codes"});
    const std::string payload = mutate(seed, rng);
    for (const char* field : {"mentions", "sections", "codes"}) {
      std::string verdict;
      ASSERT_NO_THROW(verdict = out.add_items(field, payload)) << payload;
    }
    Record copy = r;
    ASSERT_NO_THROW(out.commit(copy));
  }
}

}  // namespace
}  // namespace chartflow::record
