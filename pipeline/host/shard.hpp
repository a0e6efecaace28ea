// Shard mode: N copies of one batch, each on its own machine (a Slurm array task, a Kubernetes
// Indexed Job pod), each taking a share of the inputs and writing into one shared output folder.
// Every shard reads the same inputs and hashes each; the distinct content hashes, sorted, are
// dealt out in turn (the k-th to shard k mod N). So the split is balanced to one document however
// small the batch, every copy of one content lands in one shard (duplicates are settled there,
// never written twice), and every shard computes the same split on any machine. A batch whose
// inputs change between runs may split another way next time; documents done by then are
// recognised in the shared records and not redone.
#pragma once

#include "environment.hpp"
#include "inputs.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace chartflow::host {

struct Shard {
  unsigned index = 0;
  unsigned count = 1;
  // The shard's own folder under the output folder's parts/ ("shard-2-of-8").
  std::string part_name() const;
};

// Where the shard comes from, flags first: --shard-index / --shard-count; else the Kubernetes
// Indexed Job's JOB_COMPLETION_INDEX (count from --shard-count or CHARTFLOW_SHARD_COUNT); else a
// Slurm array's SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT. nullopt:
// not sharded. Throws ShardSettingError naming the flag or variable that is missing or wrong.
class ShardSettingError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};
std::optional<Shard> resolve_shard(const std::optional<std::string>& index_flag, const std::optional<std::string>& count_flag,
                                   const EnvLookup& env);

struct ShardSelection {
  InputSet inputs;          // this shard's inputs (and every not-read entry: listed once, by shard 0)
  std::size_t others = 0;   // inputs left to the other shards
};
// Reads each input once to hash it. An input that cannot be read (or is over `max_input_bytes`)
// goes by the hash of its display name, so exactly one shard quarantines it.
ShardSelection select_shard(const InputSet& all, const Shard& shard, std::uint64_t max_input_bytes);

}  // namespace chartflow::host
