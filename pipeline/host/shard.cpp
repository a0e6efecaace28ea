#include "shard.hpp"

#include "hashing.hpp"

#include <algorithm>
#include <charconv>

namespace chartflow::host {
namespace {

std::optional<unsigned> parse_unsigned(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

unsigned number_of(const std::string& what, const std::string& text) {
  const auto value = parse_unsigned(text);
  if (!value) throw ShardSettingError(what + " must be a whole number, not '" + text + "'");
  return *value;
}

Shard checked(unsigned index, unsigned count, const std::string& index_source, const std::string& count_source) {
  if (count < 1 || count > 100000) throw ShardSettingError(count_source + " must be between 1 and 100000, not " + std::to_string(count));
  if (index >= count)
    throw ShardSettingError(index_source + " is " + std::to_string(index) + ", but shards are numbered 0 to " + std::to_string(count - 1) +
                     " (" + count_source + " is " + std::to_string(count) + ")");
  return {index, count};
}

}  // namespace

std::string Shard::part_name() const { return "shard-" + std::to_string(index) + "-of-" + std::to_string(count); }

std::optional<Shard> resolve_shard(const std::optional<std::string>& index_flag, const std::optional<std::string>& count_flag,
                                   const EnvLookup& env) {
  std::optional<unsigned> count;
  std::string count_source = "--shard-count";
  if (count_flag) count = number_of("--shard-count", *count_flag);
  if (index_flag) {
    if (!count) throw ShardSettingError("--shard-index needs --shard-count (how many shards the batch is split into)");
    return checked(number_of("--shard-index", *index_flag), *count, "--shard-index", count_source);
  }
  if (const auto k8s = env("JOB_COMPLETION_INDEX")) {
    if (!count) {
      const auto from_env = env("CHARTFLOW_SHARD_COUNT");
      if (!from_env)
        throw ShardSettingError("JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but the number of shards is not: give --shard-count "
                         "(the Job's completions) or set CHARTFLOW_SHARD_COUNT");
      count = number_of("CHARTFLOW_SHARD_COUNT", *from_env), count_source = "CHARTFLOW_SHARD_COUNT";
    }
    return checked(number_of("JOB_COMPLETION_INDEX", *k8s), *count, "JOB_COMPLETION_INDEX", count_source);
  }
  if (const auto task = env("SLURM_ARRAY_TASK_ID")) {
    // Arrays may start anywhere (--array=1-8): the shard is the task's place in the array.
    const unsigned id = number_of("SLURM_ARRAY_TASK_ID", *task);
    const auto min_text = env("SLURM_ARRAY_TASK_MIN");
    const unsigned min = min_text ? number_of("SLURM_ARRAY_TASK_MIN", *min_text) : 0;
    if (!count) {
      const auto from_env = env("SLURM_ARRAY_TASK_COUNT");
      if (!from_env) throw ShardSettingError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: give --shard-count");
      count = number_of("SLURM_ARRAY_TASK_COUNT", *from_env), count_source = "SLURM_ARRAY_TASK_COUNT";
    }
    if (id < min) throw ShardSettingError("SLURM_ARRAY_TASK_ID (" + *task + ") is below SLURM_ARRAY_TASK_MIN (" + *min_text + ")");
    return checked(id - min, *count, "SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN", count_source);
  }
  if (count) throw ShardSettingError("--shard-count needs --shard-index (or JOB_COMPLETION_INDEX / SLURM_ARRAY_TASK_ID in the environment)");
  return std::nullopt;
}

ShardSelection select_shard(const InputSet& all, const Shard& shard, std::uint64_t max_input_bytes) {
  std::vector<std::string> hash_of(all.files.size());
  for (std::size_t i = 0; i < all.files.size(); ++i) {
    const ReadResult read = read_input(all.files[i].path, max_input_bytes);
    hash_of[i] = read.error.empty() ? sha256_hex(read.bytes) : sha256_hex(all.files[i].display_name);
  }
  std::vector<std::string> distinct = hash_of;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  ShardSelection out;
  out.inputs.hidden = shard.index == 0 ? all.hidden : std::vector<std::filesystem::path>{};
  out.inputs.not_read = shard.index == 0 ? all.not_read : std::vector<NotRead>{};
  for (std::size_t i = 0; i < all.files.size(); ++i) {
    const auto rank = static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), hash_of[i]) - distinct.begin());
    if (rank % shard.count == shard.index) out.inputs.files.push_back(all.files[i]);
    else ++out.others;
  }
  return out;
}

}  // namespace chartflow::host
