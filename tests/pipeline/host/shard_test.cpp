#include "host/shard.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace chartflow::host {
namespace {

using Env = std::map<std::string, std::string>;

EnvLookup lookup(const Env& env) {
  return [env](const char* name) -> std::optional<std::string> {
    const auto it = env.find(name);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

std::string error_of(const std::optional<std::string>& index, const std::optional<std::string>& count, const Env& env = {}) {
  try {
    resolve_shard(index, count, lookup(env));
  } catch (const ShardSettingError& e) {
    return e.what();
  }
  return "";
}

TEST(Shard, FlagsWinOverTheEnvironment) {
  const auto shard = resolve_shard("2", "5", lookup({{"JOB_COMPLETION_INDEX", "0"}, {"SLURM_ARRAY_TASK_ID", "1"}}));
  ASSERT_TRUE(shard);
  EXPECT_EQ(shard->index, 2u);
  EXPECT_EQ(shard->count, 5u);
  EXPECT_EQ(shard->part_name(), "shard-2-of-5");
  EXPECT_FALSE(resolve_shard(std::nullopt, std::nullopt, lookup({}))) << "no flags, no scheduler: not sharded";
}

TEST(Shard, KubernetesIndexedJobGivesTheIndexAndTheCountComesFromTheFlagOrEnvironment) {
  auto shard = resolve_shard(std::nullopt, "4", lookup({{"JOB_COMPLETION_INDEX", "3"}}));
  ASSERT_TRUE(shard);
  EXPECT_EQ(shard->index, 3u);
  shard = resolve_shard(std::nullopt, std::nullopt, lookup({{"JOB_COMPLETION_INDEX", "1"}, {"CHARTFLOW_SHARD_COUNT", "2"}}));
  ASSERT_TRUE(shard);
  EXPECT_EQ(shard->count, 2u);
  EXPECT_NE(error_of(std::nullopt, std::nullopt, {{"JOB_COMPLETION_INDEX", "1"}}).find("CHARTFLOW_SHARD_COUNT"), std::string::npos);
}

TEST(Shard, SlurmArraysMayStartAnywhere) {
  const auto shard =
      resolve_shard(std::nullopt, std::nullopt, lookup({{"SLURM_ARRAY_TASK_ID", "8"}, {"SLURM_ARRAY_TASK_MIN", "5"}, {"SLURM_ARRAY_TASK_COUNT", "4"}}));
  ASSERT_TRUE(shard);
  EXPECT_EQ(shard->index, 3u);
  EXPECT_EQ(shard->count, 4u);
  EXPECT_NE(error_of(std::nullopt, std::nullopt, {{"SLURM_ARRAY_TASK_ID", "8"}, {"SLURM_ARRAY_TASK_MIN", "5"}, {"SLURM_ARRAY_TASK_COUNT", "3"}})
                .find("numbered 0 to 2"),
            std::string::npos);
}

TEST(Shard, BadSettingsAreNamed) {
  EXPECT_NE(error_of("3", "3").find("--shard-index is 3, but shards are numbered 0 to 2"), std::string::npos);
  EXPECT_NE(error_of("1", std::nullopt).find("needs --shard-count"), std::string::npos);
  EXPECT_NE(error_of(std::nullopt, "3").find("needs --shard-index"), std::string::npos);
  EXPECT_NE(error_of("one", "3").find("--shard-index must be a whole number, not 'one'"), std::string::npos);
  EXPECT_NE(error_of("-1", "3").find("whole number"), std::string::npos);
  EXPECT_NE(error_of("0", "0").find("between 1 and 100000"), std::string::npos);
  EXPECT_NE(error_of(std::nullopt, std::nullopt, {{"JOB_COMPLETION_INDEX", "x"}, {"CHARTFLOW_SHARD_COUNT", "2"}}).find("JOB_COMPLETION_INDEX"),
            std::string::npos);
}

TEST(Shard, EveryInputGoesToExactlyOneShardAndCopiesGoTogether) {
  test::TempDir dir;
  for (int i = 0; i < 30; ++i) test::write_file(dir / ("note-" + std::to_string(i) + ".txt"), "note " + std::to_string(i));
  test::write_file(dir / "copy-of-note-7.txt", "note 7");
  test::write_file(dir / "too-big.txt", std::string(200, 'x'));
  const InputSet all = collect_inputs({dir.path()});
  std::map<std::string, unsigned> owner;
  for (unsigned s = 0; s < 3; ++s) {
    const auto selection = select_shard(all, Shard{s, 3}, 100);
    EXPECT_EQ(selection.inputs.files.size() + selection.others, all.files.size());
    for (const auto& f : selection.inputs.files) EXPECT_TRUE(owner.emplace(f.display_name, s).second) << f.display_name << " in two shards";
  }
  EXPECT_EQ(owner.size(), all.files.size()) << "no input is left out";
  EXPECT_EQ(owner["copy-of-note-7.txt"], owner["note-7.txt"]) << "one content, one shard: duplicates are settled there";
  std::map<unsigned, int> per_shard;
  for (const auto& [name, s] : owner) ++per_shard[s];
  // 32 inputs, 31 contents (one copy): 11, 10, 10 contents, the copy with its original.
  for (const auto& [s, n] : per_shard) EXPECT_GE(n, 10) << "shard " << s << ": balanced to one content";
  const auto again = select_shard(all, Shard{1, 3}, 100);
  for (const auto& f : again.inputs.files) EXPECT_EQ(owner[f.display_name], 1u) << "the same split every time";
}

TEST(Shard, TwoShardsOfATinyBatchEachGetHalf) {
  test::TempDir dir;
  for (int i = 0; i < 8; ++i) test::write_file(dir / ("p" + std::to_string(i)), "page " + std::to_string(i));
  const InputSet all = collect_inputs({dir.path()});
  EXPECT_EQ(select_shard(all, Shard{0, 2}, 1000).inputs.files.size(), 4u);
  EXPECT_EQ(select_shard(all, Shard{1, 2}, 1000).inputs.files.size(), 4u);
}

}  // namespace
}  // namespace chartflow::host
